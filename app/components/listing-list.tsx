import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatArea, formatDate, formatPrice, type Locale } from '~/utils/format.ts'
import { filtersToParams, type ListingQuery } from '~/utils/listing-query.ts'
import { markerSvg, TYPE_COLORS } from '~/utils/map-style.ts'
import type { ListItem } from '~/models/listing-list.server.ts'

type Props = {
	items: ListItem[]
	total: number
	totalAll: number
	page: number
	pageCount: number
	query: ListingQuery
	locale: Locale
}

export function ListingList({ items, total, totalAll, page, pageCount, query, locale }: Props) {
	const { t } = useTranslation('map')
	const pageLink = (p: number) => `/?${filtersToParams({ ...query, page: p })}`
	return (
		<section id="listings" tabIndex={-1} aria-labelledby="list-heading" className="flex flex-col focus:outline-none">
			<div className="flex items-baseline justify-between gap-2 border-b border-stone-200 px-4 py-3">
				<h2 id="list-heading" className="text-base font-semibold" aria-live="polite">
					{total === totalAll ? t('list.inView', { count: total }) : t('list.inViewOf', { count: total, total: totalAll })}
				</h2>
				<span className="hidden text-xs text-stone-500 sm:inline">{t('list.searchAsMove')}</span>
			</div>
			{items.length === 0 ? (
				<div className="px-4 py-10 text-center text-stone-600">
					<p>{t('list.empty')}</p>
					<p className="mt-1 text-sm text-stone-500">{t('list.emptyHint')}</p>
				</div>
			) : (
				<ul className="divide-y divide-stone-200" data-testid="listing-list">
					{items.map((item) => (
						<li key={item.id}>
							<Link to={`/listings/${item.id}`} className="flex gap-3 px-4 py-3 outline-brand-600 -outline-offset-2 hover:bg-brand-50 focus:bg-brand-50 focus-visible:outline-2">
								{item.thumb ? (
									<img src={`/uploads/${item.thumb}`} alt="" width={112} height={75} loading="lazy" className="h-[75px] w-[112px] flex-none rounded object-cover" />
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
										<span className="font-semibold text-brand-700">{formatPrice(item.price, item.priceUnit, locale)}</span>
										<span className="text-stone-700">{formatArea(item.area, item.areaUnit, locale)}</span>
										<span className="text-xs leading-5 text-stone-500">{t('list.published', { date: formatDate(item.publishedAt, locale) })}</span>
									</p>
								</div>
							</Link>
						</li>
					))}
				</ul>
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
