// /deals/:id/changes — a certified deal after its certificate (issue 12, decision 033): its changes
// (变更), early end (解除) and disputes (纠纷), for the deal's parties, the town's reviewers and
// administrators (404 to anyone else). The village files a change or an early end with the signed
// agreement; either party files a dispute; the town's reviewer decides each. The public ledger shows
// only how the deal stands.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChangeCard, DecideForm, FileChangeForm, RenewSection } from '~/components/deal-change-views.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Fact } from '~/components/fact.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { dealStanding, type Standing } from '~/domain/deal-change.ts'
import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import { dealChanges } from '~/models/deal-change.server.ts'
import { isDealId } from '~/models/deal.server.ts'
import { requireUser } from '~/utils/auth.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatArea, formatDate, formatPrice } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { useLocale } from '~/utils/root-data.ts'
import { decideIntent, documentsTooLarge, fileIntent, readChangeForm, renewIntent } from './deals.$id_.changes.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const found = await dealChanges(user, params.id)
	invariantResponse(found)
	const url = new URL(request.url)
	return { ...found, standing: dealStanding(found.deal), filed: url.searchParams.has('filed'), decided: url.searchParams.has('decided') }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	invariantResponse(isDealId(params.id))
	const multipart = request.headers.get('Content-Type')?.startsWith('multipart/form-data')
	const formData = multipart ? await readChangeForm(request) : await readForm(request)
	if (!formData) return documentsTooLarge()
	await validateCSRF(formData, request.headers)
	const intent = formData.get('intent')
	if (intent === 'file') return fileIntent(user, params.id, formData)
	if (intent === 'decide') return decideIntent(user, params.id, formData)
	if (intent === 'renew') return renewIntent(user, params.id, formData)
	return data({ intent: null, result: null }, { status: 400 })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const heading = metaT(locale, 'deal')('changes.heading')
	return [{ title: pageTitle(locale, data ? `${heading} · ${data.deal.listing.title}` : heading) }]
}

const STANDING_STYLE: Record<Standing, string> = {
	ACTIVE: 'bg-emerald-100 text-emerald-900',
	CHANGED: 'bg-sky-100 text-sky-900',
	DISPUTED: 'bg-amber-100 text-amber-900',
	TERMINATED: 'bg-stone-800 text-white',
}

export default function DealChangesRoute() {
	const { deal, changes, party, mayDecide, renewal, standing, filed, decided } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const terms = { priceUnit: deal.priceUnit, areaUnit: deal.areaUnit }
	const place = locale === 'en' ? `${deal.listing.village.nameEn}, ${deal.listing.town.nameEn}` : `${deal.listing.town.name} · ${deal.listing.village.name}`
	return (
		<div className="mx-auto max-w-4xl space-y-5 px-4 py-5 sm:py-6">
			<Link to={`/deals/${deal.id}`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
				{t('changes.back')}
			</Link>
			<header>
				<h1 className="text-2xl font-bold">{t('changes.heading')}</h1>
				<p className="mt-1 text-stone-600">
					{deal.listing.title} · {place}
				</p>
				<p className="mt-2 text-sm text-stone-600">{t('changes.intro')}</p>
			</header>
			{filed ? <Notice tone="ok">{t('changes.file.done')}</Notice> : null}
			{decided ? <Notice tone="ok">{t('changes.decide.done')}</Notice> : null}
			<section aria-labelledby="change-facts" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
				<h2 id="change-facts" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
					{t('changes.facts')}
					<span className={`rounded px-2 py-0.5 text-sm font-medium ${STANDING_STYLE[standing]}`} data-testid="deal-standing">
						{t(`changes.standing.${standing}`)}
					</span>
				</h2>
				<dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
					<Fact label={t('changes.certificateNo')}>{deal.certificateNo ?? '—'}</Fact>
					<Fact label={t('changes.contractNo')}>{deal.contractCode ?? '—'}</Fact>
					<Fact label={t('fields.price')}>{formatPrice(deal.price, deal.priceUnit as PriceUnit, locale)}</Fact>
					<Fact label={t('fields.area')}>{formatArea(deal.area, deal.areaUnit as AreaUnit, locale)}</Fact>
					<Fact label={t('fields.term')}>{deal.termYears ? tc('units.years', { count: deal.termYears }) : '—'}</Fact>
					<Fact label={t('fields.contractDate')}>{formatDate(deal.contractDate, locale)}</Fact>
					{deal.terminatedOn ? <Fact label={t('changes.effectiveOn')}>{formatDate(deal.terminatedOn, locale)}</Fact> : null}
					{renewal.end ? <Fact label={t('changes.renew.end')}>{formatDate(renewal.end, locale)}</Fact> : null}
					{deal.renewedFrom ? <Fact label={t('changes.renew.from')}>{deal.renewedFrom.certificateNo ?? '—'}</Fact> : null}
				</dl>
			</section>
			{changes.length === 0 ? (
				<p className="text-sm text-stone-600">{t('changes.empty')}</p>
			) : (
				<ol className="space-y-3" aria-label={t('changes.heading')}>
					{changes.map((c) => (
						<ChangeCard key={c.id} change={c} dealId={deal.id} terms={terms} locale={locale}>
							{mayDecide && c.status === 'PENDING' ? <DecideForm change={c} lastResult={actionData?.intent === 'decide' && 'changeId' in actionData && actionData.changeId === c.id ? actionData.result : null} /> : null}
						</ChangeCard>
					))}
				</ol>
			)}
			{renewal.mayFile ? (
				<RenewSection renewal={renewal} deal={deal} lastResult={actionData?.intent === 'renew' ? actionData.result : null} />
			) : null}
			{party ? (
				<section className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
					{deal.terminatedOn ? <p className="text-sm text-stone-600">{t('changes.file.closed')}</p> : <FileChangeForm party={party} terms={terms} lastResult={actionData?.intent === 'file' ? actionData.result : null} />}
				</section>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
