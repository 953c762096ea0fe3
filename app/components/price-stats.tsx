// /stats/prices' chart and tables (issue 13): completed land deals' prices per 亩 and year by town,
// land class and year. The chart is server-rendered SVG (no script); the tables carry the same
// figures, and groups of fewer than 3 deals show "—" with their count.
import { useTranslation } from 'react-i18next'
import { LAND_CLASSES } from '~/domain/listing.ts'
import type { PriceSummary } from '~/domain/price-reference.ts'
import { formatNumber, type Locale } from '~/utils/format.ts'
import { DataTable } from './stats-tables.tsx'

type Group = { landClass: string; year: number; count: number; summary: PriceSummary | null }
type TownGroup = Group & { town: { code: string; name: string; nameEn: string } | null }

/** One colour per land class (cropland green, forest dark green, grassland olive, barren sand, other grey). */
const CLASS_COLORS: Record<string, string> = { CROPLAND: '#15803d', FOREST: '#065f46', GRASSLAND: '#a16207', BARREN: '#b45309', OTHER: '#57534e' }

const W = 800
const H = 280
const PAD = { left: 56, right: 16, top: 16, bottom: 32 }

export function PriceLineChart({ groups, locale }: { groups: Group[]; locale: Locale }) {
	const { t } = useTranslation('prices')
	const points = groups.filter((g) => g.summary)
	if (points.length === 0) return <p className="mt-3 rounded-md bg-stone-100 px-4 py-6 text-center text-sm text-stone-500">{t('stats.chart.empty')}</p>
	const years = [...new Set(groups.map((g) => g.year))].sort((a, b) => a - b)
	const step = niceStep(Math.max(...points.map((g) => g.summary!.median)) / 4)
	const max = step * 5
	const x = (year: number) => (years.length === 1 ? (PAD.left + W - PAD.right) / 2 : PAD.left + ((year - years[0]) / (years[years.length - 1] - years[0])) * (W - PAD.left - PAD.right))
	const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom)
	const ticks = [0, 1, 2, 3, 4, 5].map((i) => i * step)
	const classes = LAND_CLASSES.filter((c) => points.some((g) => g.landClass === c))
	return (
		<figure className="mt-3">
			{/* Narrow screens scroll the chart sideways rather than shrink its labels to nothing. */}
			<div role="region" aria-labelledby="price-chart-desc" tabIndex={0} className="overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
				<svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full min-w-[560px] max-w-4xl" role="img" aria-labelledby="price-chart-desc" data-testid="price-stats-chart">
					<desc id="price-chart-desc">{t('stats.chart.description')}</desc>
					{ticks.map((v) => (
						<g key={v}>
							<line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e7e5e4" />
							<text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#57534e">
								{formatNumber(v, locale, 0)}
							</text>
						</g>
					))}
					{years.map((year) => (
						<text key={year} x={x(year)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize="11" fill="#57534e">
							{year}
						</text>
					))}
					{classes.map((c) => {
						const line = points.filter((g) => g.landClass === c).sort((a, b) => a.year - b.year)
						return (
							<g key={c} data-class={c}>
								{/* Lines join consecutive years only: a year without a median is a gap, not a slope. */}
								{line.slice(1).map((g, i) =>
									g.year - line[i].year === 1 ? (
										<line key={g.year} x1={x(line[i].year)} y1={y(line[i].summary!.median)} x2={x(g.year)} y2={y(g.summary!.median)} stroke={CLASS_COLORS[c]} strokeWidth="2" />
									) : null,
								)}
								{line.map((g) => (
									<circle key={g.year} cx={x(g.year)} cy={y(g.summary!.median)} r="4" fill={CLASS_COLORS[c]}>
										<title>{`${t(`common:landClasses.${c}`)} ${g.year}: ${formatNumber(g.summary!.median, locale, 0)} (${g.count})`}</title>
									</circle>
								))}
							</g>
						)
					})}
				</svg>
			</div>
			<figcaption className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
				<span>{t('stats.chart.axis')}</span>
				{classes.map((c) => (
					<span key={c} className="inline-flex items-center gap-1">
						<span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: CLASS_COLORS[c] }} />
						{t(`common:landClasses.${c}`)}
					</span>
				))}
			</figcaption>
		</figure>
	)
}

/** A round axis step (1, 2 or 5 × a power of ten) at least `raw`. */
function niceStep(raw: number) {
	const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)))
	return ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power)
}

function useCells(locale: Locale) {
	const { t } = useTranslation('prices')
	const n = (v: number) => formatNumber(v, locale, 0)
	return (g: Group) => [
		t(`common:landClasses.${g.landClass}`),
		String(g.year),
		formatNumber(g.count, locale),
		g.summary ? n(g.summary.median) : '—',
		g.summary ? `${n(g.summary.p10)} – ${n(g.summary.p90)}` : '—',
		g.summary ? `${n(g.summary.min)} – ${n(g.summary.max)}` : '—',
	]
}

export function PriceTables({ byTown, banner, locale }: { byTown: TownGroup[]; banner: Group[]; locale: Locale }) {
	const { t } = useTranslation('prices')
	const cells = useCells(locale)
	const head = [t('stats.table.landClass'), t('stats.table.year'), t('stats.table.count'), t('stats.table.median'), t('stats.table.band'), t('stats.table.range')]
	const town = (g: TownGroup) => (g.town ? (locale === 'en' ? g.town.nameEn : g.town.name) : '')
	return (
		<div className="mt-6 grid gap-6">
			<DataTable
				id="price-banner-table"
				title={t('stats.table.banner')}
				description={t('stats.chart.description')}
				caption={t('stats.table.bannerCaption')}
				head={head}
				rows={banner.map((g) => ({ key: `${g.landClass}-${g.year}`, cells: cells(g) }))}
				empty={t('stats.table.empty')}
				textColumns={2}
			/>
			<DataTable
				id="price-town-table"
				title={t('stats.table.town')}
				description={t('stats.intro')}
				caption={t('stats.table.caption')}
				head={[t('stats.table.town'), ...head]}
				rows={byTown.map((g) => ({ key: `${g.town?.code}-${g.landClass}-${g.year}`, cells: [town(g), ...cells(g)] }))}
				empty={t('stats.table.empty')}
				textColumns={3}
			/>
		</div>
	)
}
