// /compare — up to four public listings side by side (issue 13): price, price per 亩, area, term,
// modes, the distance to the town's seat, and the 确权 parcels. The selection is this browser's
// cookie (added from a listing page or the favourites, no JavaScript needed), or a link's `?ids=`.
// A table that scrolls sideways on a phone, with the row names kept in view.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { EmptyWithBrowse } from '~/components/buyer-tools.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { MAX_COMPARE, pricePerMu } from '~/domain/favourites.ts'
import type { AreaUnit, ListingType, PriceUnit } from '~/domain/listing.ts'
import { formatAreaBoth, formatNumber, formatPrice } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { useLocale } from '~/utils/root-data.ts'
import { compareAction, comparePage, type CompareActionData } from './compare.server.ts'

export const handle = { i18n: ['favourites', 'parcels'] }

export async function loader({ request }: LoaderFunctionArgs) {
	return comparePage(request)
}

export async function action({ request }: ActionFunctionArgs) {
	return compareAction(request)
}

type Listing = ReturnType<typeof useLoaderData<typeof loader>>['listings'][number]

export default function ComparePage() {
	const { listings, fromLink, dropped, overflow, link, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<CompareActionData>()
	const { t } = useTranslation('favourites')
	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<h1 className="text-2xl font-bold text-stone-900">{t('compare.title')}</h1>
			<p className="mt-1 text-sm text-stone-600">{t('compare.intro', { max: MAX_COMPARE })}</p>
			<div className="mt-3 space-y-2" aria-live="polite">
				{actionData ? (
					<p role="alert" data-testid="compare-problem" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
						{t(`compare.${actionData.problem}`, { max: MAX_COMPARE })}
					</p>
				) : null}
				{notice ? <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">{t(`compare.${notice}`)}</p> : null}
				{dropped ? <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="compare-dropped">{t('compare.dropped', { count: dropped })}</p> : null}
				{overflow ? <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">{t('compare.overflow', { max: MAX_COMPARE })}</p> : null}
			</div>
			{listings.length === 0 ? (
				<EmptyWithBrowse text={t('compare.empty')} browse={t('compare.browse')} />
			) : (
				<>
					<CompareTable listings={listings} editable={!fromLink} />
					<div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
						{link ? (
							<p>
								{t('compare.shareLink')}:{' '}
								<a href={link} className="break-all text-brand-700 underline" data-testid="compare-link">
									{link}
								</a>
							</p>
						) : null}
						{fromLink ? null : (
							<Form method="post">
								<AuthenticityTokenInput name="csrf" />
								<button type="submit" name="intent" value="clear" className="rounded-md border border-stone-300 px-3 py-1.5 text-stone-700 hover:bg-stone-50">
									{t('compare.clear')}
								</button>
							</Form>
						)}
					</div>
				</>
			)}
		</div>
	)
}

function CompareTable({ listings, editable }: { listings: Listing[]; editable: boolean }) {
	const { t } = useTranslation('favourites')
	const { t: tc } = useTranslation('common')
	const { t: tp } = useTranslation('parcels')
	const locale = useLocale()
	const row = (label: string, cell: (l: Listing) => ReactNode) => (
		<tr className="border-t border-stone-200 align-top">
			<th scope="row" className="sticky left-0 z-10 w-28 bg-stone-50 px-3 py-2 text-left text-sm font-medium text-stone-600 sm:w-40">
				{label}
			</th>
			{listings.map((l) => (
				<td key={l.id} className="px-3 py-2 text-sm text-stone-900">
					{cell(l)}
				</td>
			))}
		</tr>
	)
	const perMu = (l: Listing) => {
		const p = pricePerMu({ price: l.price, priceUnit: l.priceUnit as PriceUnit, area: l.area, areaUnit: l.areaUnit as AreaUnit })
		if (!p) return <span className="text-stone-500">{t('compare.notApplicable')}</span>
		return t(p.perYear ? 'compare.perMuYear' : 'compare.perMu', { price: formatNumber(p.yuan, locale, 0) })
	}
	return (
		<div className="mt-4 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm" data-testid="compare-table">
			<table className="w-full min-w-[36rem] border-collapse">
				<caption className="sr-only">{t('compare.title')}</caption>
				<thead>
					<tr>
						<td className="sticky left-0 z-10 bg-stone-50" />
						{listings.map((l) => (
							<th key={l.id} scope="col" className="min-w-[11rem] px-3 py-3 text-left align-top">
								{l.photos[0] ? <img src={`/uploads/${l.photos[0].thumbFile}`} alt="" width={160} height={96} className="mb-2 h-24 w-40 rounded object-cover" loading="lazy" /> : null}
								<Link to={`/listings/${l.id}`} className="font-semibold text-brand-800 hover:underline" data-testid="compare-title">
									{l.title}
								</Link>
								{editable ? (
									<Form method="post" className="mt-1">
										<AuthenticityTokenInput name="csrf" />
										<input type="hidden" name="id" value={l.id} />
										<button type="submit" name="intent" value="remove" aria-label={t('compare.removeLabel', { title: l.title })} className="text-xs font-normal text-stone-600 underline hover:text-red-700">
											{t('compare.remove')}
										</button>
									</Form>
								) : null}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{row(t('compare.rows.type'), (l) => tc(`types.${l.type as ListingType}`))}
					{row(t('compare.rows.status'), (l) => tc(`status.${l.status as 'PUBLISHED'}`))}
					{row(t('compare.rows.price'), (l) => <strong>{formatPrice(l.price, l.priceUnit as PriceUnit, locale)}</strong>)}
					{row(t('compare.rows.pricePerMu'), perMu)}
					{row(t('compare.rows.area'), (l) => formatAreaBoth(l.area, l.areaUnit as AreaUnit, locale))}
					{row(t('compare.rows.term'), (l) => (l.termYears ? t('compare.years', { count: l.termYears }) : t('compare.noTerm')))}
					{row(t('compare.rows.transferMode'), (l) => tc(`transferModes.${l.transferMode as 'LEASE'}`))}
					{row(t('compare.rows.tradingMode'), (l) => tc(`tradingModes.${l.tradingMode as 'NEGOTIATED'}`))}
					{row(t('compare.rows.place'), (l) => (locale === 'en' ? `${l.village.nameEn}, ${l.town.nameEn}` : `${l.town.name} · ${l.village.name}`))}
					{row(t('compare.rows.distance'), (l) => (
						<span title={t('compare.distanceNote')} data-testid="compare-distance">
							{t('compare.km', { km: formatNumber(l.distanceKm, locale, 1) })}
						</span>
					))}
					{row(t('compare.rows.landClass'), (l) => (l.landClass ? tc(`landClasses.${l.landClass as 'CROPLAND'}`) : <span className="text-stone-500">{t('compare.notApplicable')}</span>))}
					{row(t('compare.rows.parcels'), (l) =>
						l.parcels.length === 0 ? (
							<span className="text-stone-500">{t('compare.noParcels')}</span>
						) : (
							<ul className="space-y-1">
								{l.parcels.map((p) => (
									<li key={p.code}>
										<span className="font-mono text-xs">{p.code}</span>
										<br />
										{[p.landUse ? tp(`landUses.${p.landUse}`, { defaultValue: p.landUse }) : null, t('compare.parcelArea', { area: formatNumber(p.surveyedAreaMu, locale, 2) }), p.basicFarmland ? t('compare.basicFarmland') : null]
											.filter(Boolean)
											.join(' · ')}
									</li>
								))}
							</ul>
						),
					)}
				</tbody>
			</table>
			<p className="border-t border-stone-200 px-3 py-2 text-xs text-stone-500">{t('compare.distanceNote')}</p>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'favourites')('compare.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
