// The price reference of a land listing (issue 13), on its public page and on the reviewer's:
// median, range, 10th–90th percentile band, count and scope of comparable completed deals, a
// small server-rendered SVG of the median per year, and the flag when the asking price lies
// outside the band. Plain HTML and SVG: no script, nothing to hydrate but text.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ListingPriceReference, PriceFlag, YearMedian } from '~/domain/price-reference.ts'
import { formatNumber, formatPrice, type Locale } from '~/utils/format.ts'

const yuan = (value: number, locale: Locale) => formatPrice(Math.round(value), 'YUAN_PER_MU_YEAR', locale)
/** "339 – 406 元/亩·年": the unit once. */
const yuanRange = (low: number, high: number, locale: Locale) => `${formatNumber(Math.round(low), locale, 0)} – ${yuan(high, locale)}`

const FLAG_STYLES: Record<PriceFlag, string> = {
	above: 'bg-red-50 text-red-800 ring-red-200',
	below: 'bg-sky-50 text-sky-900 ring-sky-200',
	within: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
}

/** The flag alone, as a pill: for headers. Nothing when within the band or without a reference. */
export function PriceFlagPill({ flag }: { flag: PriceFlag | null }) {
	const { t } = useTranslation('prices')
	if (flag !== 'above' && flag !== 'below') return null
	return (
		<span className={`rounded px-2 py-0.5 text-sm font-medium ring-1 ${FLAG_STYLES[flag]}`} data-testid="price-flag">
			{t(`reference.flag.${flag}`)}
		</span>
	)
}

export function PriceReferenceSection({ data, locale }: { data: ListingPriceReference; locale: Locale }) {
	const { t } = useTranslation('prices')
	const { reference, asking, flag } = data
	return (
		<section aria-labelledby="price-reference-heading" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="price-reference">
			<div className="flex flex-wrap items-baseline justify-between gap-2">
				<h2 id="price-reference-heading" className="text-lg font-semibold">
					{t('reference.heading')}
				</h2>
				{reference.status === 'ok' ? (
					<span className="rounded bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-700" data-testid="price-scope">
						{t(`reference.scope.${reference.scope}`)}
					</span>
				) : null}
			</div>
			<p className="mt-1 text-sm text-stone-600">{t('reference.intro')}</p>
			{reference.status === 'tooFew' ? (
				<p className="mt-3 rounded-md bg-stone-50 px-3 py-2 text-sm text-stone-700" data-testid="price-too-few">
					{t('reference.tooFew', { town: reference.townCount, banner: reference.bannerCount })}
				</p>
			) : (
				<>
					<dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
						<div className="col-span-2">
							<dt className="text-stone-500">{t('reference.median')}</dt>
							<dd className="text-xl font-semibold tabular-nums text-stone-900" data-testid="price-median">
								{yuan(reference.summary.median, locale)}
							</dd>
						</div>
						<div>
							<dt className="text-stone-500">{t('reference.band')}</dt>
							<dd className="tabular-nums" data-testid="price-band">
								{yuanRange(reference.summary.p10, reference.summary.p90, locale)}
							</dd>
						</div>
						<div>
							<dt className="text-stone-500">{t('reference.range')}</dt>
							<dd className="tabular-nums">
								{yuanRange(reference.summary.min, reference.summary.max, locale)}
							</dd>
						</div>
						<div className="col-span-2">
							<dt className="sr-only">{t('reference.count')}</dt>
							<dd className="text-stone-700" data-testid="price-count">
								{t(`reference.scopeNote.${reference.scope}`, { count: reference.summary.count })}
							</dd>
						</div>
					</dl>
					{asking === null ? (
						<p className="mt-3 text-sm text-stone-600">{t('reference.askingNotComparable')}</p>
					) : flag ? (
						<p className={`mt-3 rounded-md px-3 py-2 text-sm ring-1 ${FLAG_STYLES[flag]}`} data-testid="price-flag-text" data-flag={flag}>
							<strong className="mr-1">{t(`reference.flag.${flag}`)}</strong>
							{t(`reference.flagText.${flag}`, { asking: yuan(asking, locale), p10: yuan(reference.summary.p10, locale), p90: yuan(reference.summary.p90, locale) })}
						</p>
					) : null}
					<YearChart years={reference.years} locale={locale} />
				</>
			)}
			<p className="mt-3 text-xs text-stone-500">{t('reference.method')}</p>
			<p className="mt-2 text-sm">
				<Link to="/stats/prices" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
					{t('reference.statsLink')}
				</Link>
			</p>
		</section>
	)
}

const W = 300
const H = 110
const BASE = 86

/** Bars of the median per year; a year with fewer than 3 deals has no bar, its count below. */
function YearChart({ years, locale }: { years: YearMedian[]; locale: Locale }) {
	const { t } = useTranslation('prices')
	const max = Math.max(1, ...years.map((y) => y.median ?? 0))
	const slot = W / years.length
	const describe = (y: YearMedian) =>
		y.median === null ? t('reference.chartTooFew', { year: y.year, count: y.count }) : t('reference.chartValue', { year: y.year, value: yuan(y.median, locale), count: y.count })
	return (
		<figure className="mt-4">
			<figcaption className="text-sm font-medium text-stone-700">{t('reference.chartTitle', { count: years.length })}</figcaption>
			<svg viewBox={`0 0 ${W} ${H}`} className="mt-1 h-auto w-full" role="img" aria-label={years.map(describe).join('；')} data-testid="price-chart">
				<line x1="0" y1={BASE} x2={W} y2={BASE} className="stroke-stone-300" strokeWidth="1" />
				{years.map((y, i) => {
					const x = i * slot + slot * 0.2
					const width = slot * 0.6
					const height = y.median === null ? 0 : Math.max(2, (y.median / max) * (BASE - 18))
					return (
						<g key={y.year}>
							<title>{describe(y)}</title>
							{y.median === null ? (
								<text x={x + width / 2} y={BASE - 4} textAnchor="middle" className="fill-stone-400 text-[10px]">
									—
								</text>
							) : (
								<>
									<rect x={x} y={BASE - height} width={width} height={height} rx="2" className="fill-brand-600" />
									<text x={x + width / 2} y={BASE - height - 4} textAnchor="middle" className="fill-stone-700 text-[10px]">
										{Math.round(y.median)}
									</text>
								</>
							)}
							<text x={x + width / 2} y={BASE + 14} textAnchor="middle" className="fill-stone-600 text-[10px]">
								{y.year}
							</text>
						</g>
					)
				})}
			</svg>
		</figure>
	)
}
