// Photo upload for a village listing. A plain multipart POST form that works without JavaScript
// (the server answers with a redirect back to the listing and a message); with JavaScript the
// same form is sent with XMLHttpRequest so a real progress bar follows the upload, and the page's
// data is then revalidated.
import { useRevalidator } from '@remix-run/react'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { inputClass, SubmitButton } from '~/components/forms.tsx'

export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp'

type State = { phase: 'idle' } | { phase: 'uploading'; percent: number } | { phase: 'done' } | { phase: 'error'; problem: string }

export function PhotoUpload({ listingId, maxBytes, serverProblem }: { listingId: string; maxBytes: number; serverProblem?: string | null }) {
	const { t } = useTranslation('village')
	const revalidator = useRevalidator()
	const [state, setState] = useState<State>({ phase: 'idle' })
	const xhrRef = useRef<XMLHttpRequest | null>(null)
	const action = `/village/listings/${listingId}/photos`
	const maxMb = Math.round(maxBytes / 1024 / 1024)

	function onSubmit(event: FormEvent<HTMLFormElement>) {
		const form = event.currentTarget
		const file = (form.elements.namedItem('photo') as HTMLInputElement | null)?.files?.[0]
		event.preventDefault()
		if (!file) return setState({ phase: 'error', problem: 'missing' })
		if (file.size > maxBytes) return setState({ phase: 'error', problem: 'tooLarge' })
		const body = new FormData(form)
		body.set('intent', 'upload-photo')
		const xhr = new XMLHttpRequest()
		xhrRef.current = xhr
		xhr.open('POST', action)
		xhr.setRequestHeader('Accept', 'application/json')
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable) setState({ phase: 'uploading', percent: Math.round((e.loaded / e.total) * 100) })
		}
		xhr.onload = () => {
			xhrRef.current = null
			let problem = 'failed'
			try {
				const data = JSON.parse(xhr.responseText) as { ok?: boolean; problem?: string }
				if (data.ok) {
					form.reset()
					setState({ phase: 'done' })
					revalidator.revalidate()
					return
				}
				problem = data.problem ?? problem
			} catch {
				if (xhr.status === 403) problem = 'csrf'
			}
			setState({ phase: 'error', problem })
		}
		xhr.onerror = () => {
			xhrRef.current = null
			setState({ phase: 'error', problem: 'network' })
		}
		xhr.onabort = () => setState({ phase: 'idle' })
		setState({ phase: 'uploading', percent: 0 })
		xhr.send(body)
	}

	const problem = state.phase === 'error' ? state.problem : state.phase === 'idle' ? serverProblem : null
	const uploading = state.phase === 'uploading'
	return (
		<form method="post" action={action} encType="multipart/form-data" onSubmit={onSubmit} className="space-y-3 rounded-lg border border-dashed border-stone-300 bg-stone-50 p-3">
			<AuthenticityTokenInput name="csrf" />
			<div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
				<div>
					<label htmlFor="photo-file" className="mb-1 block text-sm font-medium text-stone-700">
						{t('photos.file')}
					</label>
					<input
						id="photo-file"
						name="photo"
						type="file"
						accept={PHOTO_ACCEPT}
						required
						aria-describedby="photo-hint"
						onChange={() => setState({ phase: 'idle' })}
						className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-stone-200 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-stone-300"
					/>
				</div>
				<div>
					<label htmlFor="photo-caption" className="mb-1 block text-sm font-medium text-stone-700">
						{t('photos.caption')}
					</label>
					<input id="photo-caption" name="caption" type="text" maxLength={100} className={inputClass} />
				</div>
			</div>
			<p id="photo-hint" className="text-xs text-stone-500">
				{t('photos.hint', { max: maxMb })}
			</p>
			<div className="flex flex-wrap items-center gap-3">
				<SubmitButton name="intent" value="upload-photo" disabled={uploading}>
					{uploading ? t('photos.uploading') : t('photos.upload')}
				</SubmitButton>
				{uploading ? (
					<>
						<progress max={100} value={state.percent} className="h-2 w-40 accent-brand-700" aria-label={t('photos.progress')} data-testid="upload-progress" />
						<span className="text-sm tabular-nums text-stone-700" aria-live="polite">
							{state.percent}%
						</span>
						<button type="button" className="text-sm text-stone-600 underline" onClick={() => xhrRef.current?.abort()}>
							{t('photos.cancel')}
						</button>
					</>
				) : null}
				{state.phase === 'done' ? (
					<span role="status" className="text-sm text-emerald-800">
						{t('photos.added')}
					</span>
				) : null}
			</div>
			{problem ? (
				<p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="photo-problem">
					{t(`photos.problems.${problem}`, { max: maxMb, defaultValue: t('photos.problems.failed') })}
				</p>
			) : null}
		</form>
	)
}
