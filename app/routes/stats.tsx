import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { ClientOnly } from 'remix-utils/client-only'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { LISTING_STATUSES, LISTING_TYPES } from '~/domain/listing.ts'
import i18next from '~/i18next.server.ts'
import { getStats } from '~/models/stats.server.ts'
import { totalListings, type LandPriceRow, type MonthTraded, type Stats, type TownStats } from '~/models/stats.ts'
import type { loader as rootLoader } from '~/root.tsx'
import { formatArea, formatDate, formatMoney, formatNumber, type Locale } from '~/utils/format.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const [stats, t] = await Promise.all([getStats(), i18next.getFixedT(request, ['stats', 'common'])])
	return json({
		stats,
		meta: { title: `${t('stats:title')} · ${t('common:appName')}`, description: t('stats:metaDescription') },
	})
}

type Row = { town: string; FARMHOUSE: number; LAND: number; COLLECTIVE_ASSET: number; tradedValueYuan: number }

function townName(town: Pick<TownStats, 'name' | 'nameEn'>, locale: Locale) {
	return locale === 'en' ? town.nameEn : town.name
}

/** Bar charts lie horizontally (towns down the side) so long town names stay readable on phones. */
function chartHeight(rows: number) {
	return Math.max(160, rows * 40 + 72)
}

export default function StatsPage() {
	const { stats } = useLoaderData<typeof loader>()
	const locale: Locale = useRouteLoaderData<typeof rootLoader>('root')?.locale ?? 'zh'
	const { t } = useTranslation('stats')
	const rows: Row[] = stats.towns.map((town) => ({
		town: townName(town, locale),
		FARMHOUSE: town.listings.FARMHOUSE.total,
		LAND: town.listings.LAND.total,
		COLLECTIVE_ASSET: town.listings.COLLECTIVE_ASSET.total,
		tradedValueYuan: town.tradedValueYuan,
	}))
	const valueRows = rows.filter((r) => r.tradedValueYuan > 0).sort((a, b) => b.tradedValueYuan - a.tradedValueYuan)

	return (
		<div className="mx-auto max-w-screen-xl px-4 py-6">
			<header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
				<div>
					<h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{t('title')}</h1>
					<p className="mt-2 max-w-3xl text-sm text-stone-600">{t('intro')}</p>
				</div>
				<p className="text-sm text-stone-500">
					<time dateTime={stats.generatedAt}>{t('updatedAt', { date: formatDate(stats.generatedAt, locale) })}</time>
					{' · '}
					<a href="/api/stats" className="text-brand-700 underline hover:text-brand-800">
						{t('downloadJson')}
					</a>
				</p>
			</header>

			<HeadlineCards stats={stats} locale={locale} />

			<div className="mt-8 grid gap-6 lg:grid-cols-3">
				<div className="min-w-0 lg:col-span-2">
					<ChartSection
						id="chart-monthly"
						title={t('charts.monthlyTitle')}
						description={t('charts.monthlyDescription')}
						height={MONTHLY_HEIGHT}
						empty={stats.tradedByMonth.length === 0}
						after={<MonthlyTable months={stats.tradedByMonth} locale={locale} />}
					>
						{() => <MonthlyChart months={stats.tradedByMonth} locale={locale} />}
					</ChartSection>
				</div>
				<TradeEfficiency stats={stats} locale={locale} />
			</div>

			<div className="mt-6 grid gap-6 lg:grid-cols-2">
				<ChartSection
					id="chart-listings"
					title={t('charts.listingsTitle')}
					description={t('charts.listingsDescription')}
					height={chartHeight(rows.length)}
					empty={totalListings(stats.listings) === 0}
				>
					{() => <ListingsChart rows={rows} locale={locale} height={chartHeight(rows.length)} />}
				</ChartSection>
				<ChartSection
					id="chart-value"
					title={t('charts.valueTitle')}
					description={t('charts.valueDescription')}
					height={chartHeight(valueRows.length)}
					empty={valueRows.length === 0}
				>
					{() => <ValueChart rows={valueRows} locale={locale} height={chartHeight(valueRows.length)} />}
				</ChartSection>
			</div>

			<TownTable stats={stats} locale={locale} />

			<div className="mt-8 grid gap-6 lg:grid-cols-2">
				<LandPriceTable prices={stats.landPricePerMu} locale={locale} />
				<StatusTable stats={stats} locale={locale} />
			</div>
		</div>
	)
}

function HeadlineCards({ stats, locale }: { stats: Stats; locale: Locale }) {
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

function Card(props: {
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
			<dd className="mt-1 text-xs text-stone-500">{props.detail}</dd>
		</div>
	)
}

function ChartSection(props: {
	id: string
	title: string
	description: string
	height: number
	empty: boolean
	children: () => React.ReactNode
	after?: React.ReactNode
}) {
	const { t } = useTranslation('stats')
	const box = 'flex items-center justify-center rounded-md bg-stone-100 px-4 text-center text-sm text-stone-500'
	return (
		<section aria-labelledby={`${props.id}-heading`} className="min-w-0 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id={`${props.id}-heading`} className="text-lg font-semibold text-stone-900">
				{props.title}
			</h2>
			<p className="mt-1 text-sm text-stone-600">{props.description}</p>
			<div className="mt-4">
				{props.empty ? (
					<p className={`${box} h-40`}>{t('charts.empty')}</p>
				) : (
					// The same height before and after hydration, so the page does not jump.
					<ClientOnly
						fallback={
							<div className={`${box} motion-safe:animate-pulse`} style={{ height: props.height }}>
								{t('charts.loading')}
							</div>
						}
					>
						{props.children}
					</ClientOnly>
				)}
			</div>
			{props.after}
		</section>
	)
}

function yAxisWidth(rows: Row[], locale: Locale) {
	// Roughly the widest town name at 12 px: CJK glyphs about 13 px wide, Latin letters about 8.5.
	const longest = rows.reduce((n, r) => Math.max(n, r.town.length), 0)
	return Math.round(Math.min(locale === 'en' ? 160 : 100, Math.max(48, longest * (locale === 'en' ? 8.5 : 13) + 10)))
}

function ListingsChart({ rows, locale, height }: { rows: Row[]; locale: Locale; height: number }) {
	const { t } = useTranslation('common')
	const yWidth = yAxisWidth(rows, locale)
	return (
		<ResponsiveContainer width="100%" height={height}>
			<BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 0 }} accessibilityLayer>
				<CartesianGrid horizontal={false} strokeDasharray="3 3" stroke="#e7e5e4" />
				<XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatNumber(v, locale)} />
				<YAxis type="category" dataKey="town" width={yWidth} interval={0} tick={{ fontSize: 12 }} />
				<Tooltip formatter={(value) => formatNumber(Number(value), locale)} cursor={{ fill: '#f5f5f4' }} />
				<Legend wrapperStyle={{ fontSize: 12 }} />
				{LISTING_TYPES.map((type) => (
					<Bar key={type} dataKey={type} name={t(`typesPlural.${type}`)} stackId="listings" fill={TYPE_COLORS[type]} maxBarSize={28} />
				))}
			</BarChart>
		</ResponsiveContainer>
	)
}

/** Axis ticks of money: 万 in Chinese, compact yuan (¥1.5M) in English. */
function useValueTick(locale: Locale) {
	const { t } = useTranslation('stats')
	return (yuan: number) =>
		t('charts.valueTick', {
			value:
				locale === 'zh'
					? formatNumber(yuan / 10000, locale, 0)
					: new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(yuan),
		})
}

function ValueChart({ rows, locale, height }: { rows: Row[]; locale: Locale; height: number }) {
	const { t } = useTranslation('stats')
	const yWidth = yAxisWidth(rows, locale)
	const tick = useValueTick(locale)
	return (
		<ResponsiveContainer width="100%" height={height}>
			<BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 0 }} accessibilityLayer>
				<CartesianGrid horizontal={false} strokeDasharray="3 3" stroke="#e7e5e4" />
				<XAxis type="number" tick={{ fontSize: 12 }} tickFormatter={tick} />
				<YAxis type="category" dataKey="town" width={yWidth} interval={0} tick={{ fontSize: 12 }} />
				<Tooltip formatter={(value) => formatMoney(Number(value), locale)} cursor={{ fill: '#f5f5f4' }} />
				<Bar dataKey="tradedValueYuan" name={t('charts.valueSeries')} fill="#912018" maxBarSize={28} />
			</BarChart>
		</ResponsiveContainer>
	)
}

function TownTable({ stats, locale }: { stats: Stats; locale: Locale }) {
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
				aria-labelledby="town-table-heading"
				tabIndex={0}
				className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
			>
				<table className="min-w-full text-sm">
					<caption className="sr-only">{t('table.caption')}</caption>
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

const MONTHLY_HEIGHT = 300

/** Value (left axis) and land area (right axis) side by side, one slot per month. */
function MonthlyChart({ months, locale }: { months: MonthTraded[]; locale: Locale }) {
	const { t } = useTranslation('stats')
	const tick = useValueTick(locale)
	return (
		<ResponsiveContainer width="100%" height={MONTHLY_HEIGHT}>
			<ComposedChart data={months} margin={{ top: 8, right: 4, bottom: 4, left: 0 }} accessibilityLayer>
				<CartesianGrid vertical={false} strokeDasharray="3 3" stroke="#e7e5e4" />
				<XAxis dataKey="month" tick={{ fontSize: 11 }} minTickGap={16} />
				<YAxis yAxisId="value" tick={{ fontSize: 11 }} tickFormatter={tick} width={52} />
				<YAxis
					yAxisId="area"
					orientation="right"
					tick={{ fontSize: 11 }}
					tickFormatter={(mu: number) => t('charts.monthlyAreaTick', { value: formatNumber(mu, locale, 0) })}
					width={locale === 'zh' ? 52 : 60}
				/>
				<Tooltip
					formatter={(value, _name, item) =>
						item.dataKey === 'areaMu' ? formatArea(Number(value), 'mu', locale) : formatMoney(Number(value), locale)
					}
					cursor={{ fill: '#f5f5f4' }}
				/>
				<Legend wrapperStyle={{ fontSize: 12 }} />
				<Bar yAxisId="value" dataKey="valueYuan" name={t('charts.monthlyValue')} fill="#912018" maxBarSize={24} />
				<Bar yAxisId="area" dataKey="areaMu" name={t('charts.monthlyArea')} fill={TYPE_COLORS.LAND} maxBarSize={24} />
			</ComposedChart>
		</ResponsiveContainer>
	)
}

/** The chart's figures as a table (months with deals), folded away under the chart. */
function MonthlyTable({ months, locale }: { months: MonthTraded[]; locale: Locale }) {
	const { t } = useTranslation('stats')
	const rows = months.filter((m) => m.deals > 0).reverse()
	if (rows.length === 0) return null
	return (
		<details className="mt-3 text-sm">
			<summary className="cursor-pointer text-brand-700 underline hover:text-brand-800">{t('charts.monthlyTableToggle')}</summary>
			<div className="mt-2 max-h-80 overflow-auto">
				<table className="min-w-full">
					<caption className="sr-only">{t('monthly.caption')}</caption>
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

function percent(value: number | null, locale: Locale, t: (key: string, options?: Record<string, unknown>) => string) {
	return value === null ? t('cards.none') : t('cards.percent', { value: formatNumber(value * 100, locale, 1) })
}

/** The share of published listings that found a buyer and the days it took, beside the monthly chart. */
function TradeEfficiency({ stats, locale }: { stats: Stats; locale: Locale }) {
	const { t } = useTranslation('stats')
	const { tradedShare, daysToDeal } = stats
	const n = (v: number) => formatNumber(v, locale)
	return (
		<section aria-labelledby="efficiency-heading" className="flex min-w-0 flex-col gap-3">
			<h2 id="efficiency-heading" className="sr-only">
				{t('share.title')}
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

function LandPriceTable({ prices, locale }: { prices: Stats['landPricePerMu']; locale: Locale }) {
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

function StatusTable({ stats, locale }: { stats: Stats; locale: Locale }) {
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
function DataTable(props: {
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
					aria-labelledby={`${props.id}-heading`}
					tabIndex={0}
					className="mt-3 overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
				>
					<table id={props.id} className="min-w-full text-sm">
						<caption className="sr-only">{props.caption}</caption>
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data?.meta.title ?? '交易统计 · 农村产权交易平台' },
	{ name: 'description', content: data?.meta.description ?? '' },
]

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
