import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { useTranslation } from 'react-i18next'
import { LISTING_TYPES } from '~/domain/listing.ts'
import type { MonthTraded } from '~/models/stats.ts'
import { formatArea, formatMoney, formatNumber, type Locale } from '~/utils/format.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { MONTHLY_HEIGHT, type Row } from './stats-charts.tsx'

// The recharts drawings of /stats. Only stats-charts.tsx imports this module, lazily, so recharts
// (about 120 KB gzip) loads after the page's tables are on screen and never blocks them.

export function yAxisWidth(rows: Row[], locale: Locale) {
	// Roughly the widest town name at 12 px: CJK glyphs about 13 px wide, Latin letters about 8.5.
	const longest = rows.reduce((n, r) => Math.max(n, r.town.length), 0)
	return Math.round(Math.min(locale === 'en' ? 160 : 100, Math.max(48, longest * (locale === 'en' ? 8.5 : 13) + 10)))
}

export function ListingsChart({ rows, locale, height }: { rows: Row[]; locale: Locale; height: number }) {
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
export function useValueTick(locale: Locale) {
	const { t } = useTranslation('stats')
	return (yuan: number) =>
		t('charts.valueTick', {
			value:
				locale === 'zh'
					? formatNumber(yuan / 10000, locale, 0)
					: new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(yuan),
		})
}

export function ValueChart({ rows, locale, height }: { rows: Row[]; locale: Locale; height: number }) {
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

/** Value (left axis) and land area (right axis) side by side, one slot per month. */
export function MonthlyChart({ months, locale }: { months: MonthTraded[]; locale: Locale }) {
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
