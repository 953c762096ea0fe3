// The cards and tables of /stats: the same figures as the charts, readable without JavaScript.
import { useTranslation } from 'react-i18next'
import { LISTING_STATUSES, LISTING_TYPES } from '~/domain/listing.ts'
import type { LandPriceRow, MonthTraded, Stats } from '~/models/stats.ts'
import { formatMoney, formatNumber, type Locale } from '~/utils/format.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { townName } from './stats-charts.tsx'

export function HeadlineCards({ stats, locale }: { stats: Stats; locale: Locale }) {
	const { t } = useTranslation('stats')
	const { listings } = stats
	const split = (type: keyof Stats['listings']) =>
		t('cards.publishedTraded', {
			published: formatNumber(listings[type].published, locale),
			traded: formatNumber(listings[type].traded, locale),
		})
	return (
		<section aria-labelledby="cards-heading" className="mt-6">
			<h2 id="cards-heading" className="sr-only">
				{t('cards.label')}
			</h2>
			<dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
				<Card
					color={TYPE_COLORS.FARMHOUSE}
					label={t('cards.farmhouses')}
					value={formatNumber(listings.FARMHOUSE.total, locale)}
					unit={t('cards.farmhousesUnit')}
					detail={split('FARMHOUSE')}
				/>
				<Card
					color={TYPE_COLORS.LAND}
					label={t('cards.land')}
					value={formatNumber(stats.landAreaMu, locale, 0)}
					unit={t('cards.landUnit')}
					detail={t('cards.landDetail', {
						parcels: formatNumber(listings.LAND.total, locale),
						traded: formatNumber(listings.LAND.traded, locale),
					})}
				/>
				<Card
					color={TYPE_COLORS.COLLECTIVE_ASSET}
					label={t('cards.assets')}
					value={formatNumber(listings.COLLECTIVE_ASSET.total, locale)}
					unit={t('cards.assetsUnit')}
					detail={split('COLLECTIVE_ASSET')}
				/>
				<Card
					label={t('cards.deals')}
					value={formatNumber(stats.dealsCompleted, locale)}
					unit={t('cards.dealsUnit')}
					detail={t('cards.dealsDetail', { inNotice: formatNumber(stats.dealsInNotice, locale) })}
				/>
				<Card
					className="col-span-2 lg:col-span-1"
					label={t('cards.tradedValue')}
					value={formatMoney(stats.tradedValueYuan, locale)}
					detail={t('cards.tradedValueDetail')}
					highlight
				/>
			</dl>
		</section>
	)
}

export function Card(props: {
	label: string
	value: string
	unit?: string
	detail: string
	color?: string
	highlight?: boolean
	className?: string
}) {
	return (
		<div
			className={`rounded-lg border p-4 shadow-sm ${props.highlight ? 'border-brand-100 bg-brand-50' : 'border-stone-200 bg-white'} ${props.className ?? ''}`}
		>
			<dt className="flex items-center gap-2 text-sm font-medium text-stone-600">
				{props.color ? (
					<span aria-hidden="true" className="inline-block size-2.5 shrink-0 rounded-full" style={{ backgroundColor: props.color }} />
				) : null}
				{props.label}
			</dt>
			<dd className={`mt-1 text-2xl font-bold tabular-nums ${props.highlight ? 'text-brand-700' : 'text-stone-900'}`}>
				{props.value}
				{props.unit ? <span className="ml-1 text-base font-medium text-stone-600">{props.unit}</span> : null}
			</dd>
			<dd className="mt-1 text-xs text-stone-600">{props.detail}</dd>
		</div>
	)
}


export function TownTable({ stats, locale }: { stats: Stats; locale: Locale }) {
	const { t } = useTranslation('stats')
	const n = (value: number, digits = 0) => formatNumber(value, locale, digits)
	const th = 'px-3 py-2 text-right font-semibold whitespace-nowrap'
	const td = 'px-3 py-2 text-right tabular-nums whitespace-nowrap'
	const rowHead = 'sticky left-0 px-3 py-2 text-left font-medium whitespace-nowrap'
	return (
		<section aria-labelledby="town-table-heading" className="mt-8">
			<h2 id="town-table-heading" className="text-lg font-semibold text-stone-900">
				{t('table.title')}
			</h2>
			<p className="mt-1 text-xs text-stone-500 sm:hidden">{t('table.scrollHint')}</p>
			<div
				role="region"
				aria-labelledby="town-table-caption"
				tabIndex={0}
				className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
			>
				<table className="min-w-full text-sm">
					<caption id="town-table-caption" className="sr-only">
						{t('table.caption')}
					</caption>
					<thead className="bg-stone-100 text-stone-700">
						<tr>
							<th scope="col" className={`${rowHead} bg-stone-100 font-semibold`}>
								{t('table.town')}
							</th>
							<th scope="col" className={th}>
								{t('table.farmhouses')}
							</th>
							<th scope="col" className={th}>
								{t('table.land')}
							</th>
							<th scope="col" className={th}>
								{t('table.landArea')}
							</th>
							<th scope="col" className={th}>
								{t('table.assets')}
							</th>
							<th scope="col" className={th}>
								{t('table.deals')}
							</th>
							<th scope="col" className={th}>
								{t('table.tradedValue')}
							</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-stone-100">
						{stats.towns.map((town) => (
							<tr key={town.code} className="hover:bg-stone-50">
								<th scope="row" className={`${rowHead} bg-white`}>
									{townName(town, locale)}
								</th>
								<td className={td}>{n(town.listings.FARMHOUSE.total)}</td>
								<td className={td}>{n(town.listings.LAND.total)}</td>
								<td className={td}>{n(town.landAreaMu, 2)}</td>
								<td className={td}>{n(town.listings.COLLECTIVE_ASSET.total)}</td>
								<td className={td}>{n(town.dealsCompleted)}</td>
								<td className={td}>{formatMoney(town.tradedValueYuan, locale)}</td>
							</tr>
						))}
					</tbody>
					<tfoot className="border-t-2 border-stone-200 bg-stone-50 font-semibold">
						<tr>
							<th scope="row" className={`${rowHead} bg-stone-50 font-semibold`}>
								{t('table.total')}
							</th>
							<td className={td}>{n(stats.listings.FARMHOUSE.total)}</td>
							<td className={td}>{n(stats.listings.LAND.total)}</td>
							<td className={td}>{n(stats.landAreaMu, 2)}</td>
							<td className={td}>{n(stats.listings.COLLECTIVE_ASSET.total)}</td>
							<td className={td}>{n(stats.dealsCompleted)}</td>
							<td className={td}>{formatMoney(stats.tradedValueYuan, locale)}</td>
						</tr>
					</tfoot>
				</table>
			</div>
		</section>
	)
}


export function MonthlyTable({ months, locale }: { months: MonthTraded[]; locale: Locale }) {
	const { t } = useTranslation('stats')
	const rows = months.filter((m) => m.deals > 0).reverse()
	if (rows.length === 0) return null
	return (
		<details className="mt-3 text-sm">
			<summary className="cursor-pointer text-brand-700 underline hover:text-brand-800">{t('charts.monthlyTableToggle')}</summary>
			{/* A scrolling box: focusable, so it scrolls from the keyboard too. */}
			<div
				role="region"
				aria-labelledby="monthly-table-caption"
				tabIndex={0}
				className="mt-2 max-h-80 overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
			>
				<table className="min-w-full">
					<caption id="monthly-table-caption" className="sr-only">
						{t('monthly.caption')}
					</caption>
					<thead className="sticky top-0 bg-stone-100 text-stone-700">
						<tr>
							<th scope="col" className="px-3 py-1.5 text-left font-semibold">{t('monthly.month')}</th>
							<th scope="col" className="px-3 py-1.5 text-right font-semibold">{t('monthly.deals')}</th>
							<th scope="col" className="px-3 py-1.5 text-right font-semibold">{t('monthly.value')}</th>
							<th scope="col" className="px-3 py-1.5 text-right font-semibold">{t('monthly.area')}</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-stone-100">
						{rows.map((m) => (
							<tr key={m.month}>
								<th scope="row" className="px-3 py-1.5 text-left font-medium tabular-nums">{m.month}</th>
								<td className="px-3 py-1.5 text-right tabular-nums">{formatNumber(m.deals, locale)}</td>
								<td className="px-3 py-1.5 text-right tabular-nums">{formatMoney(m.valueYuan, locale)}</td>
								<td className="px-3 py-1.5 text-right tabular-nums">{formatNumber(m.areaMu, locale, 2)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</details>
	)
}

export function percent(value: number | null, locale: Locale, t: (key: string, options?: Record<string, unknown>) => string) {
	return value === null ? t('cards.none') : t('cards.percent', { value: formatNumber(value * 100, locale, 1) })
}

/** The share of published listings that found a buyer and the days it took, beside the monthly chart. */
export function TradeEfficiency({ stats, locale }: { stats: Stats; locale: Locale }) {
	const { t } = useTranslation('stats')
	const { tradedShare, daysToDeal } = stats
	const n = (v: number) => formatNumber(v, locale)
	return (
		<section aria-labelledby="efficiency-heading" className="flex min-w-0 flex-col gap-3">
			<h2 id="efficiency-heading" className="sr-only">
				{t('share.sectionTitle')}
			</h2>
			<dl className="grid grid-cols-2 gap-3">
				<Card
					label={t('cards.tradedShare')}
					value={percent(tradedShare.share, locale, t)}
					detail={t('cards.tradedShareDetail', { published: n(tradedShare.published), traded: n(tradedShare.traded) })}
				/>
				<Card
					label={t('cards.daysToDeal')}
					value={daysToDeal.medianDays === null ? t('cards.none') : formatNumber(daysToDeal.medianDays, locale, 0)}
					unit={daysToDeal.medianDays === null ? undefined : t('cards.daysToDealUnit')}
					detail={t('cards.daysToDealDetail', { deals: n(daysToDeal.deals), mean: daysToDeal.meanDays === null ? t('cards.none') : formatNumber(daysToDeal.meanDays, locale, 0) })}
				/>
			</dl>
			<DataTable
				id="share-table"
				title={t('share.title')}
				description={t('share.description')}
				caption={t('share.caption')}
				head={[t('share.type'), t('share.published'), t('share.traded'), t('share.share')]}
				rows={LISTING_TYPES.map((type) => {
					const c = tradedShare.byType[type]
					return { key: type, cells: [t(`common:typesPlural.${type}`), n(c.published), n(c.traded), percent(c.share, locale, t)] }
				})}
				foot={[[t('share.all'), n(tradedShare.published), n(tradedShare.traded), percent(tradedShare.share, locale, t)]]}
			/>
		</section>
	)
}

export function LandPriceTable({ prices, locale }: { prices: Stats['landPricePerMu']; locale: Locale }) {
	const { t } = useTranslation('stats')
	const yuan = (v: number) => formatNumber(v, locale, 2)
	const cells = (r: LandPriceRow, town: string) => [
		town,
		t(`common:landClasses.${r.landClass}`),
		formatNumber(r.deals, locale),
		yuan(r.medianYuan),
		yuan(r.meanYuan),
		r.minYuan === r.maxYuan ? yuan(r.minYuan) : `${yuan(r.minYuan)} – ${yuan(r.maxYuan)}`,
	]
	return (
		<DataTable
			id="price-table"
			title={t('prices.title')}
			description={t('prices.description')}
			caption={t('prices.caption')}
			head={[t('prices.town'), t('prices.landClass'), t('prices.deals'), t('prices.median'), t('prices.mean'), t('prices.range')]}
			rows={prices.byTown.map((r) => ({ key: `${r.town}-${r.landClass}`, cells: cells(r, (locale === 'en' ? r.townNameEn : r.townName) ?? '') }))}
			foot={prices.byClass.map((r) => cells(r, t('prices.allTowns')))}
			empty={t('prices.empty')}
			textColumns={2}
		/>
	)
}

export function StatusTable({ stats, locale }: { stats: Stats; locale: Locale }) {
	const { t } = useTranslation('stats')
	const n = (v: number) => formatNumber(v, locale)
	const byStatus = stats.listingsByStatus
	const sum = (f: (c: Stats['listingsByStatus'][keyof Stats['listingsByStatus']]) => number) =>
		LISTING_STATUSES.reduce((s, status) => s + f(byStatus[status]), 0)
	return (
		<DataTable
			id="status-table"
			title={t('statuses.title')}
			description={t('statuses.description')}
			caption={t('statuses.caption')}
			head={[t('statuses.status'), ...LISTING_TYPES.map((type) => t(`common:typesPlural.${type}`)), t('statuses.total')]}
			rows={LISTING_STATUSES.map((status) => ({
				key: status,
				cells: [t(`common:status.${status}`), ...LISTING_TYPES.map((type) => n(byStatus[status][type])), n(byStatus[status].total)],
			}))}
			foot={[[t('statuses.total'), ...LISTING_TYPES.map((type) => n(sum((c) => c[type]))), n(sum((c) => c.total))]]}
		/>
	)
}

/** A titled table whose first column heads its rows; numbers right-aligned; footer rows in bold. */
export function DataTable(props: {
	id: string
	title: string
	description: string
	caption: string
	head: string[]
	rows: Array<{ key: string; cells: string[] }>
	foot?: string[][]
	empty?: string
	/** How many leading columns hold text (left-aligned); the row header is always one. */
	textColumns?: number
}) {
	const th = 'px-2 py-2 text-right font-semibold whitespace-nowrap first:text-left sm:px-3'
	const text = props.textColumns ?? 1
	const td = (i: number) => `px-2 py-2 tabular-nums sm:px-3 whitespace-nowrap ${i + 1 < text ? 'text-left' : 'text-right'}`
	const rowHead = 'px-2 py-2 text-left font-medium whitespace-nowrap sm:px-3'
	return (
		<section aria-labelledby={`${props.id}-heading`} className="min-w-0 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id={`${props.id}-heading`} className="text-lg font-semibold text-stone-900">
				{props.title}
			</h2>
			<p className="mt-1 text-sm text-stone-600">{props.description}</p>
			{props.rows.length === 0 && props.empty ? (
				<p className="mt-3 rounded-md bg-stone-100 px-4 py-6 text-center text-sm text-stone-500">{props.empty}</p>
			) : (
				<div
					role="region"
					aria-labelledby={`${props.id}-caption`}
					tabIndex={0}
					className="mt-3 overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
				>
					<table id={props.id} className="min-w-full text-sm">
						<caption id={`${props.id}-caption`} className="sr-only">
							{props.caption}
						</caption>
						<thead className="bg-stone-100 text-stone-700">
							<tr>
								{props.head.map((h) => (
									<th key={h} scope="col" className={th}>
										{h}
									</th>
								))}
							</tr>
						</thead>
						<tbody className="divide-y divide-stone-100">
							{props.rows.map((r) => (
								<tr key={r.key} className="hover:bg-stone-50">
									<th scope="row" className={rowHead}>
										{r.cells[0]}
									</th>
									{r.cells.slice(1).map((c, i) => (
										<td key={i} className={td(i)}>
											{c}
										</td>
									))}
								</tr>
							))}
						</tbody>
						{props.foot?.length ? (
							<tfoot className="border-t-2 border-stone-200 bg-stone-50 font-semibold">
								{props.foot.map((cells, j) => (
									<tr key={j}>
										<th scope="row" className={rowHead}>
											{cells[0]}
										</th>
										{cells.slice(1).map((c, i) => (
											<td key={i} className={td(i)}>
												{c}
											</td>
										))}
									</tr>
								))}
							</tfoot>
						) : null}
					</table>
				</div>
			)}
		</section>
	)
}

