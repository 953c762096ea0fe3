import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ListingType, PriceUnit } from '~/domain/listing.ts'
import { formatArea, formatAreaBoth, formatDate, formatNumber, formatPrice, type Locale } from '~/utils/format.ts'
import { filtersToParams, listingHref, type ListingQuery } from '~/utils/listing-query.ts'
import { markerSvg, TYPE_COLORS } from '~/utils/map-style.ts'
import type { ListItem } from '~/models/listing-list.server.ts'
import { imageLoading } from '~/domain/image-loading.ts'

type Props = {
	items: ListItem[]
	total: number
	totalAll: number
	page: number
	pageCount: number
	query: ListingQuery
	locale: Locale
	/** The listing pointed at on the map: its card is marked. */
	highlightId?: string | null
	/** Pointing at a card (mouse or keyboard) marks its marker on the map. */
	onHighlight?: (highlight: { id: string; type: ListingType; lat: number; lng: number; from: 'list' } | null) => void
}

/**
 * Consecutive items of one price unit. A list sorted by price is sorted within each unit
 * (decision 007), so each unit gets its own heading; other orders are one group.
 */
function groupItems(items: ListItem[], byPriceUnit: boolean) {
	const groups: Array<{ unit: PriceUnit | null; items: ListItem[] }> = []
	for (const item of items) {
		const unit = byPriceUnit ? item.priceUnit : null
		const last = groups[groups.length - 1]
		if (last && last.unit === unit) last.items.push(item)
		else groups.push({ unit, items: [item] })
	}
	return groups
}

function priceRange(query: ListingQuery, locale: Locale) {
	const n = (v: number) => formatNumber(v, locale)
	if (query.minPrice !== null && query.maxPrice !== null) return `${n(query.minPrice)}–${n(query.maxPrice)}`
	if (query.minPrice !== null) return `≥ ${n(query.minPrice)}`
	return `≤ ${n(query.maxPrice ?? 0)}`
}

export function ListingList({ items, total, totalAll, page, pageCount, query, locale, highlightId, onHighlight }: Props) {
	const { t } = useTranslation('map')
	const pageLink = (p: number) => `/?${filtersToParams({ ...query, page: p })}`
	const byPrice = query.sort === 'priceAsc' || query.sort === 'priceDesc'
	const priceFiltered = query.minPrice !== null || query.maxPrice !== null
	// When areas are compared, an area in the other unit shows its converted size too.
	const areasCompared = query.sort === 'areaDesc' || query.minArea !== null || query.maxArea !== null
	return (
		<section id="listings" tabIndex={-1} aria-labelledby="list-heading" className="flex flex-col focus:outline-none">
			<div className="flex items-baseline justify-between gap-2 border-b border-stone-200 px-4 py-3">
				<h2 id="list-heading" className="text-base font-semibold" aria-live="polite">
					{total === totalAll ? t('list.inView', { count: total }) : t('list.inViewOf', { count: total, total: totalAll })}
				</h2>
				<span className="hidden text-xs text-stone-500 sm:inline">{t('list.searchAsMove')}</span>
			</div>
			{priceFiltered ? (
				<p className="border-b border-stone-200 bg-stone-50 px-4 py-1.5 text-xs text-stone-600" data-testid="price-filter-note">
					{t('list.priceFilter', { range: priceRange(query, locale), unit: t(`filters.priceUnits.${query.priceUnit}`) })}
				</p>
			) : null}
			{query.polygon ? (
				<p className="flex flex-wrap items-baseline gap-x-2 border-b border-stone-200 bg-brand-50 px-4 py-1.5 text-xs text-stone-700" data-testid="area-filter-note">
					{t('list.areaFilter')}
					<Link to={`/?${filtersToParams({ ...query, polygon: null, page: 1 })}`} preventScrollReset className="font-medium text-brand-800 underline">
						{t('list.areaClear')}
					</Link>
				</p>
			) : null}
			{items.length === 0 ? (
				<div className="px-4 py-10 text-center text-stone-600">
					<p>{t('list.empty')}</p>
					<p className="mt-1 text-sm text-stone-500">{t('list.emptyHint')}</p>
				</div>
			) : (
				<div data-testid="listing-list">
					{groupItems(items, byPrice).map((group) => {
						const name = group.unit ? t(`list.priceGroups.${group.unit}`) : undefined
						return (
							<div key={`${group.unit}-${group.items[0].id}`}>
								{name ? (
									<p className="border-b border-stone-200 bg-brand-50 px-4 py-1 text-xs font-semibold text-brand-800" aria-hidden="true" data-testid="price-group">
										{name}
									</p>
								) : null}
								<ul className="divide-y divide-stone-200" aria-label={name}>
									{group.items.map((item) => (
										<li key={item.id}>
											<Link
												to={listingHref(item.id, query)}
												data-listing-id={item.id}
												data-highlighted={highlightId === item.id ? 'true' : undefined}
												onMouseEnter={() => onHighlight?.({ id: item.id, type: item.type, lat: item.lat, lng: item.lng, from: 'list' })}
												onMouseLeave={() => onHighlight?.(null)}
												onFocus={() => onHighlight?.({ id: item.id, type: item.type, lat: item.lat, lng: item.lng, from: 'list' })}
												onBlur={() => onHighlight?.(null)}
												className="flex gap-3 px-4 py-3 outline-brand-600 -outline-offset-2 hover:bg-brand-50 focus:bg-brand-50 focus-visible:outline-2 data-[highlighted]:bg-brand-50 data-[highlighted]:shadow-[inset_4px_0_0_var(--color-brand-600)]"
											>
												{item.thumb ? (
													<img src={`/uploads/${item.thumb}`} alt="" width={112} height={75} {...imageLoading(items.indexOf(item))} className="h-[75px] w-[112px] flex-none rounded object-cover" />
												) : (
													<div className="flex h-[75px] w-[112px] flex-none items-center justify-center rounded bg-stone-100" aria-hidden="true" dangerouslySetInnerHTML={{ __html: markerSvg(item.type, 26) }} />
												)}
												<div className="min-w-0 flex-1">
													<p className="text-xs font-medium" style={{ color: TYPE_COLORS[item.type] }}>
														{t(`common:types.${item.type}`)} · {t(`common:transferModes.${item.transferMode}`)}
													</p>
													<h3 className="truncate font-semibold text-stone-900">{item.title}</h3>
													<p className="truncate text-sm text-stone-600">
														{locale === 'en' ? `${item.villageEn}, ${item.townEn}` : `${item.town} · ${item.village}`}
													</p>
													<p className="mt-0.5 flex flex-wrap gap-x-3 text-sm">
														<span className="font-semibold text-brand-700" data-testid="listing-price">{formatPrice(item.price, item.priceUnit, locale)}</span>
														<span className="text-stone-700" data-testid="listing-area">{areasCompared && item.areaUnit !== query.areaUnit ? formatAreaBoth(item.area, item.areaUnit, locale) : formatArea(item.area, item.areaUnit, locale)}</span>
														<span className="text-xs leading-5 text-stone-500">{t('list.published', { date: formatDate(item.publishedAt, locale) })}</span>
													</p>
												</div>
											</Link>
										</li>
									))}
								</ul>
							</div>
						)
					})}
				</div>
			)}
			{pageCount > 1 ? (
				<nav aria-label={t('list.pagination')} className="flex items-center justify-between border-t border-stone-200 px-4 py-3 text-sm">
					{page > 1 ? (
						<Link to={pageLink(page - 1)} preventScrollReset className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-100" rel="prev">
							{t('list.prev')}
						</Link>
					) : (
						<span />
					)}
					<span className="text-stone-600">{t('list.page', { page, pageCount })}</span>
					{page < pageCount ? (
						<Link to={pageLink(page + 1)} preventScrollReset className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-100" rel="next">
							{t('list.next')}
						</Link>
					) : (
						<span />
					)}
				</nav>
			) : null}
		</section>
	)
}
