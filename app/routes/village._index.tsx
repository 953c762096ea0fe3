// /village — the village's own listings with their statuses, counts per status (each a filter),
// and the reviewer's latest opinion on those returned or rejected.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { StatusBadge } from '~/components/village-ui.tsx'
import { useLocale } from '~/utils/root-data.ts'
import { LISTING_STATUSES, type AreaUnit, type ListingStatus, type ListingType, type PriceUnit } from '~/domain/listing.ts'
import { isStatus, villageListings, villageStatusCounts } from '~/models/village.server.ts'
import { formatArea, formatDate, formatPrice } from '~/utils/format.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	invariantResponse(user.villageId)
	const status = new URL(request.url).searchParams.get('status')
	const filter = isStatus(status) ? status : null
	const [listings, counts] = await Promise.all([villageListings(user.villageId, filter), villageStatusCounts(user.villageId)])
	return { listings, counts, filter }
}

export default function VillageIndex() {
	const { listings, counts, filter } = useLoaderData<typeof loader>()
	const { t } = useTranslation('village')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const total = Object.values(counts).reduce((a, b) => a + b, 0)
	const shown = LISTING_STATUSES.filter((s) => counts[s] > 0 || ['DRAFT', 'SUBMITTED', 'PUBLISHED', 'RETURNED'].includes(s))
	const chip = (active: boolean) =>
		`inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm ${active ? 'border-brand-700 bg-brand-700 text-white' : 'border-stone-300 bg-white text-stone-700 hover:border-stone-400'}`

	return (
		<div>
			<div className="flex flex-wrap items-center justify-between gap-3">
				<h1 className="text-2xl font-bold">{t('index.title')}</h1>
				<Link to="/village/listings/new" className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
					<span aria-hidden="true" className="mr-1">
						+
					</span>
					{t('index.new')}
				</Link>
			</div>
			<nav aria-label={t('index.filterLabel')} className="mt-4">
				<ul className="flex flex-wrap gap-2" data-testid="status-counts">
					<li>
						<Link to="/village" className={chip(!filter)} aria-current={!filter ? 'page' : undefined}>
							{t('index.all')} <span className="font-semibold">{total}</span>
						</Link>
					</li>
					{shown.map((s) => (
						<li key={s}>
							<Link to={`/village?status=${s}`} className={chip(filter === s)} aria-current={filter === s ? 'page' : undefined}>
								{tc(`status.${s}`)} <span className="font-semibold">{counts[s]}</span>
							</Link>
						</li>
					))}
				</ul>
			</nav>

			{listings.length === 0 ? (
				<div className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-600">
					<p>{filter ? t('index.noneInStatus', { status: tc(`status.${filter}`) }) : t('index.none')}</p>
					{!filter ? (
						<Link to="/village/listings/new" className="mt-3 inline-block font-medium text-brand-700 underline">
							{t('index.createFirst')}
						</Link>
					) : null}
				</div>
			) : (
				<ul className="mt-5 space-y-3" data-testid="village-listings">
					{listings.map((l) => {
						const type = l.type as ListingType
						const review = l.reviews[0]
						const showOpinion = review && (l.status === 'RETURNED' || l.status === 'REJECTED')
						return (
							<li key={l.id} className="rounded-lg border border-stone-200 bg-white shadow-sm">
								<Link to={`/village/listings/${l.id}`} className="flex gap-3 p-3 hover:bg-stone-50 sm:gap-4 sm:p-4">
									{l.photos[0] ? (
										<img src={`/uploads/${l.photos[0].thumbFile}`} alt="" width={96} height={64} loading="lazy" className="hidden h-16 w-24 shrink-0 rounded object-cover sm:block" />
									) : (
										<span aria-hidden="true" className="hidden h-16 w-24 shrink-0 rounded sm:block" style={{ backgroundColor: `${TYPE_COLORS[type]}22` }} />
									)}
									<div className="min-w-0 flex-1">
										<div className="flex flex-wrap items-center gap-2 text-xs">
											<span className="rounded px-1.5 py-0.5 font-medium text-white" style={{ backgroundColor: TYPE_COLORS[type] }}>
												{tc(`types.${type}`)}
											</span>
											<StatusBadge status={l.status as ListingStatus} />
										</div>
										<h2 className="mt-1 truncate font-semibold text-stone-900">{l.title}</h2>
										<p className="text-sm text-stone-600">
											{formatArea(l.area, l.areaUnit as AreaUnit, locale)} · {formatPrice(l.price, l.priceUnit as PriceUnit, locale)}
											<span aria-hidden="true"> · </span>
											{t('index.updated', { date: formatDate(l.updatedAt, locale) })}
										</p>
										{showOpinion ? (
											<p className={`mt-2 rounded px-2 py-1 text-sm ${l.status === 'RETURNED' ? 'bg-amber-50 text-amber-900' : 'bg-red-50 text-red-900'}`}>
												<strong>{t('index.opinion')}</strong>
												{review.opinion}
											</p>
										) : null}
									</div>
								</Link>
							</li>
						)
					})}
				</ul>
			)}
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'village')('index.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
