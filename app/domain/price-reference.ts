// Price references for land (issue 13): what comparable completed deals were agreed at, per 亩 and
// year, so a buyer can judge an asking price. Pure: the model (app/models/price-reference.server.ts)
// reads the deals; /stats/prices and the listing and review pages show what these functions return.
//
// Which deals can be normalised to 元/亩/年 (and are counted):
// - YUAN_PER_MU_YEAR: the price as agreed;
// - YUAN_PER_YEAR: the yearly rent ÷ the area in 亩;
// - WAN_YUAN (a one-off price): × 10,000 ÷ the area in 亩 ÷ the term in years — only with a term;
//   a one-off transfer without a term has no yearly price and is left out;
// - the area in 亩 (m² converted); a deal without a positive area, or whose result is not a
//   finite positive number, is left out.
// Only aggregates leave here: never a deal's buyer, and no figure at all below MIN_COMPARABLES.
import type { AreaUnit, PriceUnit } from './listing.ts'
import { areaInMu } from './units.ts'

/** Fewer comparable deals than this: say so, show no number. */
export const MIN_COMPARABLES = 3
/** Years the listing page's small chart covers (the current one and those before it). */
export const CHART_YEARS = 5

export type PricedTerms = { price: number; priceUnit: string; area: number; areaUnit: string; termYears: number | null }

/** The price in 元 per 亩 per year, or null when these terms cannot be brought to it. */
export function pricePerMuYear(terms: PricedTerms): number | null {
	const areaMu = terms.area > 0 ? areaInMu(terms.area, (terms.areaUnit === 'm2' ? 'm2' : 'mu') as AreaUnit) : 0
	if (!(terms.price > 0) || !(areaMu > 0)) return null
	let value: number
	switch (terms.priceUnit as PriceUnit) {
		case 'YUAN_PER_MU_YEAR':
			value = terms.price
			break
		case 'YUAN_PER_YEAR':
			value = terms.price / areaMu
			break
		case 'WAN_YUAN':
			if (!terms.termYears || terms.termYears <= 0) return null
			value = (terms.price * 10_000) / areaMu / terms.termYears
			break
		default:
			return null
	}
	return Number.isFinite(value) && value > 0 ? value : null
}

/** The p-th percentile (0…100) of sorted values, linearly interpolated between ranks (Excel's PERCENTILE.INC). */
export function percentile(sorted: readonly number[], p: number) {
	if (sorted.length === 0) return null
	const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1)
	const lo = Math.floor(rank)
	const hi = Math.ceil(rank)
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo)
}

export type PriceSummary = {
	count: number
	median: number
	min: number
	max: number
	p10: number
	p90: number
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** Median, range and 10th–90th percentile band; null below MIN_COMPARABLES deals. */
export function summarisePrices(values: readonly number[]): PriceSummary | null {
	if (values.length < MIN_COMPARABLES) return null
	const sorted = [...values].sort((a, b) => a - b)
	return {
		count: sorted.length,
		median: round2(percentile(sorted, 50)!),
		min: round2(sorted[0]),
		max: round2(sorted[sorted.length - 1]),
		p10: round2(percentile(sorted, 10)!),
		p90: round2(percentile(sorted, 90)!),
	}
}

/** One comparable deal as the statistics see it: its normalised price and the year it completed (China time). */
export type PricePoint = { yuanPerMuYear: number; year: number }

export type Scope = 'town' | 'banner'

export type YearMedian = { year: number; count: number; median: number | null }

export type PriceReference =
	| { status: 'ok'; scope: Scope; summary: PriceSummary; years: YearMedian[] }
	/** Fewer than MIN_COMPARABLES in the town and in the banner: the counts, no figure. */
	| { status: 'tooFew'; townCount: number; bannerCount: number }

/**
 * The town's comparables when it has at least MIN_COMPARABLES, else the banner's (county's);
 * fewer there too: only the counts.
 */
export function priceReference(town: readonly PricePoint[], banner: readonly PricePoint[], currentYear: number): PriceReference {
	const pick = town.length >= MIN_COMPARABLES ? { scope: 'town' as const, points: town } : banner.length >= MIN_COMPARABLES ? { scope: 'banner' as const, points: banner } : null
	if (!pick) return { status: 'tooFew', townCount: town.length, bannerCount: banner.length }
	return {
		status: 'ok',
		scope: pick.scope,
		summary: summarisePrices(pick.points.map((p) => p.yuanPerMuYear))!,
		years: medianByYear(pick.points, currentYear - CHART_YEARS + 1, currentYear),
	}
}

/** Every year from `first` to `last` with its count and median (null below MIN_COMPARABLES). */
export function medianByYear(points: readonly PricePoint[], first: number, last: number): YearMedian[] {
	const out: YearMedian[] = []
	for (let year = first; year <= last; year++) {
		const values = points.filter((p) => p.year === year).map((p) => p.yuanPerMuYear)
		out.push({ year, count: values.length, median: summarisePrices(values)?.median ?? null })
	}
	return out
}

export type PriceFlag = 'above' | 'below' | 'within'

/** What a land listing's pages show. */
export type ListingPriceReference = {
	reference: PriceReference
	/** The listing's asking price per 亩/年, when its terms can be normalised. */
	asking: number | null
	/** Outside the comparables' 10th–90th percentile band (null: no reference or no asking figure). */
	flag: PriceFlag | null
}

/** Whether an asking price per 亩/年 lies outside the comparables' 10th–90th percentile band. */
export function priceFlag(asking: number | null, summary: PriceSummary | null): PriceFlag | null {
	if (asking === null || !summary) return null
	if (asking > summary.p90) return 'above'
	if (asking < summary.p10) return 'below'
	return 'within'
}

/** The calendar year of an instant in China (UTC+8, no daylight saving). */
export function chinaYear(d: Date | string) {
	const t = typeof d === 'string' ? new Date(d) : d
	return new Date(t.getTime() + 8 * 3_600_000).getUTCFullYear()
}

// ---------------------------------------------------------------- /stats/prices

/** A normalised completed land deal with where and what it was. */
export type PricedDeal = PricePoint & { townId: string; landClass: string }

export type PriceFilter = { fromYear: number | null; toYear: number | null; landClass: string | null }

/** One group of /stats/prices: a town (or the banner: townId null), a land class and a year. */
export type PriceGroup = { townId: string | null; landClass: string; year: number; count: number; summary: PriceSummary | null }

/**
 * Deals grouped by town (or over the banner, `byTown` false), land class and year, within the
 * filter; a group below MIN_COMPARABLES keeps its count and has no summary. Deals without a year
 * are left out. Ordered by the `townOrder` and `classOrder` given, then year.
 */
export function priceGroups(deals: readonly PricedDeal[], filter: PriceFilter, options: { byTown: boolean; townOrder: readonly string[]; classOrder: readonly string[] }): PriceGroup[] {
	const groups = new Map<string, { townId: string | null; landClass: string; year: number; values: number[] }>()
	for (const d of deals) {
		if (!d.year) continue
		if (filter.fromYear !== null && d.year < filter.fromYear) continue
		if (filter.toYear !== null && d.year > filter.toYear) continue
		if (filter.landClass !== null && d.landClass !== filter.landClass) continue
		const townId = options.byTown ? d.townId : null
		const key = `${townId}|${d.landClass}|${d.year}`
		const g = groups.get(key) ?? { townId, landClass: d.landClass, year: d.year, values: [] }
		g.values.push(d.yuanPerMuYear)
		groups.set(key, g)
	}
	const rank = (order: readonly string[], value: string | null) => {
		const i = value === null ? -1 : order.indexOf(value)
		return i === -1 ? order.length : i
	}
	return [...groups.values()]
		.sort((a, b) => rank(options.townOrder, a.townId) - rank(options.townOrder, b.townId) || rank(options.classOrder, a.landClass) - rank(options.classOrder, b.landClass) || a.year - b.year)
		.map((g) => ({ townId: g.townId, landClass: g.landClass, year: g.year, count: g.values.length, summary: summarisePrices(g.values) }))
}

/** The years the deals span (for the filter's choices), oldest first. */
export function dealYears(deals: readonly PricePoint[]) {
	return [...new Set(deals.map((d) => d.year).filter((y) => y > 0))].sort((a, b) => a - b)
}

const YEAR = /^\d{4}$/

/**
 * /stats/prices' filters from its URL (`from`, `to`: years; `class`: a land class). A malformed
 * value is named in `errors` (the page says so and ignores it; the exports answer 400).
 */
export function parsePriceFilter(params: URLSearchParams, landClasses: readonly string[]): { filter: PriceFilter; errors: string[] } {
	const filter: PriceFilter = { fromYear: null, toYear: null, landClass: null }
	const errors: string[] = []
	const get = (name: string) => params.get(name)?.trim() || null
	for (const [name, key] of [['from', 'fromYear'], ['to', 'toYear']] as const) {
		const v = get(name)
		if (v === null) continue
		if (YEAR.test(v) && Number(v) >= 1980 && Number(v) <= 2200) filter[key] = Number(v)
		else errors.push(name)
	}
	if (filter.fromYear !== null && filter.toYear !== null && filter.fromYear > filter.toYear) {
		errors.push('to')
		filter.toYear = null
	}
	const landClass = get('class')
	if (landClass !== null) {
		if (landClasses.includes(landClass)) filter.landClass = landClass
		else errors.push('class')
	}
	return { filter, errors }
}

/** The filter as URL parameters, for the export links. */
export function priceFilterSearch(filter: PriceFilter) {
	const params = new URLSearchParams()
	if (filter.fromYear !== null) params.set('from', String(filter.fromYear))
	if (filter.toYear !== null) params.set('to', String(filter.toYear))
	if (filter.landClass !== null) params.set('class', filter.landClass)
	const s = params.toString()
	return s ? `?${s}` : ''
}
