// /review/filings — the town reviewer's queue of deals agreed outside the platform: each with its
// record and contract; the reviewer files it (备案: the deal completes and enters the ledger and
// statistics) or returns it with the reason. Two intents; works without JavaScript.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Fact } from '~/components/fact.tsx'
import { SubmitButton, TextareaField } from '~/components/forms.tsx'
import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import { decideFiling, filingQueue } from '~/models/filing.server.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatArea, formatDate, formatMoney, formatPrice } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'
import { useLocale } from '~/utils/root-data.ts'

export const handle = { i18n: ['common', 'review', 'deal', 'ledger', 'filing'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'filing:review:town')
	const url = new URL(request.url)
	const queue = await filingQueue(user)
	return { queue, done: url.searchParams.get('done') }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'filing:review:town')
	const form = await readForm(request)
	await validateCSRF(form, request.headers)
	const id = String(form.get('id') ?? '').slice(0, 64)
	const intent = form.get('intent')
	const opinion = String(form.get('opinion') ?? '').trim().slice(0, 2000)
	if (intent !== 'file' && intent !== 'return') return data({ id, error: 'review.conflict' }, { status: 400 })
	if (opinion.length < 2) return data({ id, error: 'review.opinionRequired' }, { status: 400 })
	const result = await decideFiling(user, id, intent === 'file' ? 'FILE' : 'RETURN', opinion, now())
	if (!result.ok) return data({ id, error: 'review.conflict' }, { status: result.problem === 'notFound' ? 404 : 409 })
	return redirect(`/review/filings?done=${intent === 'file' ? 'filed' : 'returned'}`)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function ReviewFilingsRoute() {
	const { queue, done } = useLoaderData<typeof loader>()
	const refusal = useActionData<typeof action>()
	const busy = useNavigation().state === 'submitting'
	const { t } = useTranslation('filing')
	const locale = useLocale()
	return (
		<div className="mx-auto max-w-6xl px-4 py-6">
			<h1 className="text-2xl font-bold">{t('review.title')}</h1>
			<p className="mt-1 max-w-2xl text-sm text-stone-600">{t('review.intro')}</p>
			{done === 'filed' || done === 'returned' ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t(`review.${done}`)}
				</p>
			) : null}
			{queue.length === 0 ? (
				<p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white px-4 py-8 text-center text-stone-600">{t('review.empty')}</p>
			) : (
				<ol className="mt-6 space-y-6">
					{queue.map((f) => (
						<li key={f.id} data-testid="filing-item" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
							<p className="text-xs text-stone-500">
								{t(`common:types.${f.listing.type as 'LAND'}`)} · {locale === 'en' ? `${f.listing.village.nameEn}, ${f.listing.town.nameEn}` : `${f.listing.town.name} · ${f.listing.village.name}`}
							</p>
							<h2 className="mt-1 break-words text-lg font-semibold">{f.listing.title}</h2>
							<dl className="mt-3 grid gap-x-6 text-sm sm:grid-cols-2">
								<Fact label={t('review.facts.party')}>{f.outsideBuyerName}</Fact>
								<Fact label={t('review.facts.price')}>{formatPrice(f.price, f.priceUnit as PriceUnit, locale)}</Fact>
								<Fact label={t('review.facts.total')}>{formatMoney(f.totalValueYuan, locale)}</Fact>
								<Fact label={t('review.facts.area')}>{formatArea(f.area, f.areaUnit as AreaUnit, locale)}</Fact>
								<Fact label={t('review.facts.term')}>{f.termYears ? t('common:units.years', { count: f.termYears }) : '—'}</Fact>
								<Fact label={t('review.facts.dates')}>
									{formatDate(f.startsOn, locale)} – {formatDate(f.endsOn, locale)}
								</Fact>
								<Fact label={t('review.facts.contractDate')}>{formatDate(f.contractDate, locale)}</Fact>
								<Fact label={t('review.facts.codes')}>{[f.contractCode, f.contractingContractCode, f.contractorCode].filter(Boolean).join(' · ') || '—'}</Fact>
							</dl>
							<p className="mt-2 text-sm">
								<a href={`/deals/${f.id}/contract`} className="text-brand-700 underline">
									{t('review.contract')}
								</a>
							</p>
							<Form method="post" className="mt-4 space-y-3 border-t border-stone-100 pt-4">
								<AuthenticityTokenInput />
								<input type="hidden" name="id" value={f.id} />
								<TextareaField label={t('review.opinion')} name="opinion" rows={2} maxLength={2000} errors={refusal?.id === f.id ? [t(refusal.error)] : null} />
								<div className="flex flex-wrap gap-3">
									<SubmitButton name="intent" value="file" disabled={busy}>
										{t('review.file')}
									</SubmitButton>
									<button type="submit" name="intent" value="return" disabled={busy} className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-700 hover:bg-stone-50 disabled:opacity-60">
										{t('review.return')}
									</button>
								</div>
							</Form>
						</li>
					))}
				</ol>
			)}
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'filing')('review.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
