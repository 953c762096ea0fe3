// /verify — anyone types the verification code or the certificate number of a 交易鉴证书 into a
// plain GET form (works without JavaScript). A certificate that exists goes to its check page
// (/verify/:code, which takes either); one that does not is said so here, with a 404 status and the
// form again. Nothing is written.
import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { verifyCertificate } from '~/models/deal.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

const MAX_LENGTH = 32

export async function loader({ request }: LoaderFunctionArgs) {
	const raw = new URL(request.url).searchParams.get('q')
	const q = raw?.trim() ?? ''
	const headers = { 'Cache-Control': 'no-store' }
	if (raw === null) return data({ q: '', problem: null }, { headers })
	if (q === '') return data({ q, problem: 'formRequired' as const }, { status: 400, headers })
	if (q.length > MAX_LENGTH) return data({ q: q.slice(0, MAX_LENGTH), problem: 'formTooLong' as const }, { status: 400, headers })
	if (await verifyCertificate(q)) throw redirect(`/verify/${encodeURIComponent(q.toUpperCase())}`, { headers })
	return data({ q, problem: 'notFound' as const }, { status: 404, headers })
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({ 'Cache-Control': loaderHeaders.get('Cache-Control') ?? 'no-store' })

export default function VerifyFormRoute() {
	const { q, problem } = useLoaderData<typeof loader>()
	const { t } = useTranslation('deal')
	return (
		<div className="mx-auto max-w-xl px-4 py-8">
			<p className="text-sm text-stone-600">{t('verify.eyebrow')}</p>
			<h1 className="mt-1 text-2xl font-bold text-stone-900">{t('verify.formTitle')}</h1>
			<p className="mt-2 text-sm text-stone-700">{t('verify.formIntro')}</p>
			{problem === 'notFound' ? (
				<div role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-red-900" data-testid="verify-result">
					<p className="font-semibold">{t('verify.notFound')}</p>
					<p className="mt-1 text-sm">{t('verify.notFoundText', { code: q })}</p>
				</div>
			) : null}
			<Form method="get" action="/verify" className="mt-5 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
				<label htmlFor="verify-q" className="block text-sm font-medium text-stone-800">
					{t('verify.formLabel')}
				</label>
				<input
					id="verify-q"
					name="q"
					defaultValue={q}
					maxLength={MAX_LENGTH}
					autoComplete="off"
					autoCapitalize="characters"
					spellCheck={false}
					aria-describedby={problem && problem !== 'notFound' ? 'verify-q-hint verify-q-error' : 'verify-q-hint'}
					aria-invalid={problem && problem !== 'notFound' ? true : undefined}
					className="mt-1 w-full rounded-md border border-stone-300 px-3 py-2 font-mono text-base focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
				/>
				<p id="verify-q-hint" className="mt-1 text-xs text-stone-500">
					{t('verify.formHint')}
				</p>
				{problem && problem !== 'notFound' ? (
					<p id="verify-q-error" className="mt-1 text-sm text-red-700">
						{t(`verify.${problem}`)}
					</p>
				) : null}
				<button type="submit" className="mt-3 rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1">
					{t('verify.formSubmit')}
				</button>
			</Form>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'deal')('verify.formTitle')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
