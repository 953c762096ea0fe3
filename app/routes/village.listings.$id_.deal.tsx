// /village/listings/:id/deal — the village records the agreed negotiated deal (协议) on its own
// published listing: the buyer (one of the listing's inquirers, or an outside party with name and
// resident ID), price, term, transfer mode, contract date and the signed contract (PDF, JPEG or
// PNG — checked by its bytes on the server). The deal then waits for the Party review and is
// invisible to the public until approved. A bidding round's deal has no contract yet: here the
// village uploads the signed one with its date (intent=contract, the same fields and checks), and
// certification waits for it. Multipart form; works without JavaScript; a file over the cap is
// refused with a message, not a 500.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ContractStepForm, ContractTextPanel, DealForm } from '~/components/deal-record-forms.tsx'
import { DealHistory } from '~/components/deal-views.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import type { DealStatus } from '~/domain/deal.ts'
import type { AreaUnit, ListingStatus, PriceUnit } from '~/domain/listing.ts'
import { chinaDay, getDealFormData, isDealId } from '~/models/deal.server.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { formatArea, formatPrice } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { contractIntent, contractTooLarge, generateIntent, readDealForm, recordIntent } from './village.listings.$id_.deal.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	const data = await getDealFormData(user, params.id)
	invariantResponse(data)
	const url = new URL(request.url)
	return { ...data, today: chinaDay(now()), recorded: url.searchParams.has('recorded'), contractUploaded: url.searchParams.has('contract'), generated: url.searchParams.has('generated') }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	invariantResponse(isDealId(params.id))
	const formData = await readDealForm(request)
	if (!formData) return contractTooLarge()
	await validateCSRF(formData, request.headers)
	const data = await getDealFormData(user, params.id)
	invariantResponse(data)
	if (formData.get('intent') === 'contract') return contractIntent(user, params.id, formData)
	if (formData.get('intent') === 'generate-contract') return generateIntent(user, params.id, formData)
	return recordIntent(user, params.id, formData, data.listing.type === 'LAND')
}

export const shouldRevalidate = revalidateAfterRefusal

export default function RecordDealRoute() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const lastResult = actionData && 'result' in actionData ? actionData.result : undefined
	const generateProblem = actionData && 'generateProblem' in actionData ? actionData.generateProblem : null
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const { listing } = data
	const active = data.deals.find((d) => d.id === data.activeDealId)
	return (
		<div className="max-w-3xl">
			<Link to={`/village/listings/${listing.id}`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('record.back')}
			</Link>
			<h1 className="mt-2 text-2xl font-bold">{t('record.title')}</h1>
			<p className="mt-1 text-stone-700">
				{listing.title} <span className="text-sm text-stone-500">· {tc(`status.${listing.status as ListingStatus}`)}</span>
			</p>
			<p className="mt-1 text-sm text-stone-600">
				{t('record.listed', { price: formatPrice(listing.price, listing.priceUnit as PriceUnit, locale), area: formatArea(listing.area, listing.areaUnit as AreaUnit, locale) })}
			</p>
			{(data.recorded || data.contractUploaded) && active ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t(data.contractUploaded ? 'record.contractUploaded' : 'record.recorded')}
				</p>
			) : null}
			<div className="mt-5">
				{active ? (
					<div className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900" data-testid="active-deal">
						<p className="font-semibold">{t('record.activeDeal', { status: t(`status.${active.status as DealStatus}`) })}</p>
						<p className="mt-1">{t('record.activeDealHint')}</p>
						<ContractTextPanel deal={active} problem={generateProblem} generated={data.generated} />
						{data.contractDue ? <ContractStepForm dealId={active.id} today={data.today} lastResult={lastResult} /> : null}
					</div>
				) : listing.status !== 'PUBLISHED' ? (
					<p className="rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm text-stone-700">{t('record.notPublished')}</p>
				) : data.biddingOpen ? (
					<p className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">{t('record.biddingOpen')}</p>
				) : (
					<DealForm data={data} lastResult={lastResult} />
				)}
			</div>
			<DealHistory deals={data.deals} />
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const title = metaT(locale, 'deal')('record.title')
	return [{ title: pageTitle(locale, data ? `${title} · ${data.listing.title}` : title) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
