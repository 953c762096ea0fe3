// Small pieces shared by the village workspace's pages.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ListingStatus } from '~/domain/listing.ts'

const STATUS_CLASSES: Record<ListingStatus, string> = {
	DRAFT: 'bg-stone-100 text-stone-700 ring-stone-300',
	SUBMITTED: 'bg-sky-50 text-sky-800 ring-sky-200',
	PUBLISHED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	RETURNED: 'bg-amber-50 text-amber-900 ring-amber-300',
	REJECTED: 'bg-red-50 text-red-800 ring-red-200',
	TRADED: 'bg-stone-800 text-white ring-stone-800',
	WITHDRAWN: 'bg-stone-100 text-stone-500 ring-stone-200',
	EXPIRED: 'bg-stone-100 text-stone-500 ring-stone-200',
}

export function StatusBadge({ status }: { status: ListingStatus }) {
	const { t } = useTranslation('common')
	return (
		<span data-testid="status-badge" className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${STATUS_CLASSES[status] ?? STATUS_CLASSES.DRAFT}`}>
			{t(`status.${status}`)}
		</span>
	)
}

export function Notice({ tone, children, title }: { tone: 'ok' | 'warn' | 'error' | 'info'; title?: ReactNode; children?: ReactNode }) {
	const classes = {
		ok: 'border-emerald-200 bg-emerald-50 text-emerald-900',
		warn: 'border-amber-300 bg-amber-50 text-amber-900',
		error: 'border-red-200 bg-red-50 text-red-900',
		info: 'border-sky-200 bg-sky-50 text-sky-900',
	}[tone]
	return (
		<div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-lg border px-4 py-3 text-sm ${classes}`}>
			{title ? <p className="font-semibold">{title}</p> : null}
			{children ? <div className={title ? 'mt-1' : ''}>{children}</div> : null}
		</div>
	)
}

/** A stored instant (UTC) as the date input's YYYY-MM-DD in China time. */
export function toDateInput(value: string | Date | null | undefined) {
	if (!value) return ''
	const d = new Date(value)
	if (Number.isNaN(d.getTime())) return ''
	return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** The way from a draft to a published listing, beside the form on wide screens. */
export function ListingSteps({ type }: { type: string }) {
	const { t } = useTranslation('village')
	const steps = ['save', 'photos', ...(type === 'COLLECTIVE_ASSET' ? ['decision'] : []), 'submit', 'review', 'published']
	return (
		<aside aria-labelledby="steps-heading" className="hidden rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm lg:block">
			<h2 id="steps-heading" className="font-semibold">
				{t('steps.heading')}
			</h2>
			<ol className="mt-3 space-y-2">
				{steps.map((s, i) => (
					<li key={s} className="flex gap-2">
						<span aria-hidden="true" className="flex size-5 shrink-0 items-center justify-center rounded-full bg-stone-200 text-xs font-bold text-stone-700">
							{i + 1}
						</span>
						<span className="text-stone-700">{t(`steps.${s}`)}</span>
					</li>
				))}
			</ol>
		</aside>
	)
}
