// Pure aggregation behind /stats and /api/stats: rows that the database already grouped come in,
// the JSON of PRODUCT.md's stable interface comes out. No Prisma here, so it runs in unit tests
// and in the browser (the page's charts reuse the types).
import { COUNTED_STATUSES, LAND_CLASSES, LISTING_STATUSES, LISTING_TYPES, type LandClass, type ListingStatus, type ListingType } from '~/domain/listing.ts'
import { areaInMu } from '~/domain/units.ts'

export type TypeCounts = { published: number; traded: number; total: number }
export type ListingCounts = Record<ListingType, TypeCounts>

export type TownStats = {
	code: string
	name: string
	nameEn: string
	/** TOWN | SUMU */
	kind: string
	listings: ListingCounts
	landAreaMu: number
	tradedValueYuan: number
	dealsCompleted: number
}

export type Stats = {
	/** Listings counted as listed: published or already traded, per type. */
	listings: ListingCounts
	/** Area of land listings published or traded, in mu. */
	landAreaMu: number
	/** Sum of the contract values of completed deals, in yuan. */
	tradedValueYuan: number
	dealsCompleted: number
	dealsInNotice: number
	towns: TownStats[]
	/** Completed deals per month of certification (China time), every month from the first to now. */
	tradedByMonth: MonthTraded[]
	/** Completed land deals priced per mu per year: per town and land class, and per class over all towns. */
	landPricePerMu: { byTown: LandPriceRow[]; byClass: LandPriceRow[] }
	/** Every listing, whatever its status, per status and type. */
	listingsByStatus: Record<ListingStatus, StatusCounts>
	/** Listings ever published (publishedAt set) and those of them that reached TRADED. */
	tradedShare: TradedShare & { byType: Record<ListingType, TradedShare> }
	/** Days from a listing's publication to the certification of its completed deal. */
	daysToDeal: { deals: number; medianDays: number | null; meanDays: number | null }
	generatedAt: string
}

export type MonthTraded = {
	/** YYYY-MM in China time. */
	month: string
	deals: number
	valueYuan: number
	/** Land traded, in mu. */
	areaMu: number
}

export type LandPriceRow = {
	/** Town code; null in the all-towns rows (`byClass`). */
	town: string | null
	townName: string | null
	townNameEn: string | null
	landClass: LandClass
	deals: number
	medianYuan: number
	meanYuan: number
	minYuan: number
	maxYuan: number
}

export type StatusCounts = Record<ListingType, number> & { total: number }
export type TradedShare = { published: number; traded: number; /** traded ÷ published, 0…1 (4 decimals); null when nothing was published */ share: number | null }

/** A completed deal with what the monthly, price and duration figures need. */
export type CompletedDealRow = {
	certifiedAt: Date | string | null
	totalValueYuan: number
	area: number
	areaUnit: string
	price: number
	priceUnit: string
	listing: { type: string; townId: string; landClass: string | null; publishedAt: Date | string | null }
}

/** `listing.groupBy({ by: ['townId', 'type', 'status'] })` rows. */
export type ListingGroup = { townId: string; type: string; status: string; count: number }
/** `listing.groupBy({ by: ['townId', 'areaUnit'] })` rows of land, with the summed area. */
export type AreaGroup = { townId: string; areaUnit: string; area: number | null }
/** Completed deals of one town. */
export type DealGroup = { townId: string; count: number; valueYuan: number | null }
export type TownRow = { id: string; code: string; name: string; nameEn: string; kind: string }

export function emptyListingCounts(): ListingCounts {
	return {
		FARMHOUSE: { published: 0, traded: 0, total: 0 },
		LAND: { published: 0, traded: 0, total: 0 },
		COLLECTIVE_ASSET: { published: 0, traded: 0, total: 0 },
	}
}

// ---------------------------------------------------------------- small pure helpers

const DAY_MS = 86_400_000
/** China has one time zone and no daylight saving: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000

function toDate(d: Date | string) {
	return typeof d === 'string' ? new Date(d) : d
}

/** The calendar month of an instant in China, YYYY-MM (a deal certified 2025-03-31T20:00Z is April's). */
export function chinaMonth(d: Date | string) {
	return new Date(toDate(d).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7)
}

/** Every month from `first` to `last` inclusive (YYYY-MM); empty when `last` is before `first`. */
export function monthRange(first: string, last: string) {
	const out: string[] = []
	let [y, m] = first.split('-').map(Number)
	const [ly, lm] = last.split('-').map(Number)
	while (y < ly || (y === ly && m <= lm)) {
		out.push(`${y}-${String(m).padStart(2, '0')}`)
		m++
		if (m > 12) {
			m = 1
			y++
		}
	}
	return out
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]) {
	if (values.length === 0) return null
	const sorted = [...values].sort((a, b) => a - b)
	const mid = sorted.length >> 1
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function mean(values: readonly number[]) {
	if (values.length === 0) return null
	return values.reduce((s, v) => s + v, 0) / values.length
}

/** Whole and fractional days from `from` to `to`. */
export function daysBetween(from: Date | string, to: Date | string) {
	return (toDate(to).getTime() - toDate(from).getTime()) / DAY_MS
}

/** numerator ÷ denominator to 4 decimals (a share 0…1); null when the denominator is 0. */
export function share(numerator: number, denominator: number) {
	if (denominator <= 0) return null
	return Math.round((numerator / denominator) * 10000) / 10000
}

/** Sums of floats drift (0.1 + 0.2); the figures are shown to two decimals at most. */
export function round2(n: number) {
	return Math.round(n * 100) / 100
}

/** Adds grouped listing rows to `counts`; rows of other types or uncounted statuses are ignored. */
export function addListingGroups(counts: ListingCounts, groups: readonly Omit<ListingGroup, 'townId'>[]) {
	for (const g of groups) {
		if (!(LISTING_TYPES as readonly string[]).includes(g.type)) continue
		if (!(COUNTED_STATUSES as readonly string[]).includes(g.status)) continue
		const c = counts[g.type as ListingType]
		if (g.status === 'PUBLISHED') c.published += g.count
		else c.traded += g.count
		c.total = c.published + c.traded
	}
	return counts
}

/** Land area in mu of grouped rows (land should be in mu already; square metres are converted). */
export function sumAreaMu(groups: readonly Omit<AreaGroup, 'townId'>[]) {
	let mu = 0
	for (const g of groups) {
		if (!g.area) continue
		mu += areaInMu(g.area, g.areaUnit === 'm2' ? 'm2' : 'mu')
	}
	return round2(mu)
}

function groupBy<T extends { townId: string }>(rows: readonly T[]) {
	const map = new Map<string, T[]>()
	for (const r of rows) {
		const list = map.get(r.townId)
		if (list) list.push(r)
		else map.set(r.townId, [r])
	}
	return map
}

export function totalListings(counts: ListingCounts) {
	return LISTING_TYPES.reduce((n, type) => n + counts[type].total, 0)
}

/** Completed deals bucketed by the month of their certification in China (months with deals only, in order). */
export function monthBuckets(deals: readonly CompletedDealRow[]): MonthTraded[] {
	const buckets = new Map<string, MonthTraded>()
	for (const d of deals) {
		if (!d.certifiedAt) continue
		const month = chinaMonth(d.certifiedAt)
		const b = buckets.get(month) ?? { month, deals: 0, valueYuan: 0, areaMu: 0 }
		b.deals += 1
		b.valueYuan += d.totalValueYuan
		if (d.listing.type === 'LAND') b.areaMu += areaInMu(d.area, d.areaUnit === 'm2' ? 'm2' : 'mu')
		buckets.set(month, b)
	}
	return [...buckets.values()].sort((a, b) => (a.month < b.month ? -1 : 1))
}

/** Every month from the first bucket's to `now`'s (or the last bucket's, if later), gaps as zeros. */
export function fillMonths(buckets: readonly MonthTraded[], now: Date): MonthTraded[] {
	if (buckets.length === 0) return []
	const byMonth = new Map(buckets.map((b) => [b.month, b]))
	const current = chinaMonth(now)
	const lastBucket = buckets[buckets.length - 1].month
	const last = lastBucket > current ? lastBucket : current
	return monthRange(buckets[0].month, last).map((month) => {
		const b = byMonth.get(month)
		return b ? { ...b, valueYuan: round2(b.valueYuan), areaMu: round2(b.areaMu) } : { month, deals: 0, valueYuan: 0, areaMu: 0 }
	})
}

/**
 * Completed deals bucketed by the month of their certification in China, every month from the
 * first deal's to `now`'s (or the last deal's, if later) filled in, so a chart's gaps are real.
 * Area counts land only (in mu); farmhouse and building floor space would not add up with fields.
 */
export function tradedByMonth(deals: readonly CompletedDealRow[], now: Date): MonthTraded[] {
	return fillMonths(monthBuckets(deals), now)
}

function landClassOf(value: string | null): LandClass {
	return (LAND_CLASSES as readonly string[]).includes(value ?? '') ? (value as LandClass) : 'OTHER'
}

function priceRow(town: TownRow | null, landClass: LandClass, prices: number[]): LandPriceRow {
	return {
		town: town?.code ?? null,
		townName: town?.name ?? null,
		townNameEn: town?.nameEn ?? null,
		landClass,
		deals: prices.length,
		medianYuan: round2(median(prices) ?? 0),
		meanYuan: round2(mean(prices) ?? 0),
		minYuan: round2(Math.min(...prices)),
		maxYuan: round2(Math.max(...prices)),
	}
}

/**
 * The agreed price per mu per year of completed land deals (priceUnit YUAN_PER_MU_YEAR), per town
 * and land class (towns in the order given, classes in LAND_CLASSES order), and per class overall.
 */
export function landPricePerMu(deals: readonly CompletedDealRow[], towns: readonly TownRow[]) {
	const classOrder = (c: LandClass) => LAND_CLASSES.indexOf(c)
	const byTownClass = new Map<string, number[]>()
	const byClass = new Map<LandClass, number[]>()
	for (const d of deals) {
		if (d.listing.type !== 'LAND' || d.priceUnit !== 'YUAN_PER_MU_YEAR') continue
		const landClass = landClassOf(d.listing.landClass)
		const key = `${d.listing.townId}|${landClass}`
		byTownClass.set(key, [...(byTownClass.get(key) ?? []), d.price])
		byClass.set(landClass, [...(byClass.get(landClass) ?? []), d.price])
	}
	const townRows: LandPriceRow[] = []
	for (const town of towns) {
		for (const landClass of LAND_CLASSES) {
			const prices = byTownClass.get(`${town.id}|${landClass}`)
			if (prices) townRows.push(priceRow(town, landClass, prices))
		}
	}
	const classRows = [...byClass.entries()]
		.sort((a, b) => classOrder(a[0]) - classOrder(b[0]))
		.map(([landClass, prices]) => priceRow(null, landClass, prices))
	return { byTown: townRows, byClass: classRows }
}

/** Median and mean days from publication to certification, to one decimal. */
export function daysToDeal(deals: readonly CompletedDealRow[]) {
	const days = deals.filter((d) => d.certifiedAt && d.listing.publishedAt).map((d) => daysBetween(d.listing.publishedAt!, d.certifiedAt!))
	const one = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10)
	return { deals: days.length, medianDays: one(median(days)), meanDays: one(mean(days)) }
}

/** `listing.groupBy({ by: ['type', 'status'] })` rows → every status (zeros included) per type. */
export function listingsByStatus(groups: readonly { type: string; status: string; count: number }[]) {
	const out = Object.fromEntries(
		LISTING_STATUSES.map((s) => [s, { FARMHOUSE: 0, LAND: 0, COLLECTIVE_ASSET: 0, total: 0 }]),
	) as Record<ListingStatus, StatusCounts>
	for (const g of groups) {
		if (!(LISTING_STATUSES as readonly string[]).includes(g.status)) continue
		if (!(LISTING_TYPES as readonly string[]).includes(g.type)) continue
		const c = out[g.status as ListingStatus]
		c[g.type as ListingType] += g.count
		c.total += g.count
	}
	return out
}

/** Of the listings ever published (grouped by type and status), the share that reached TRADED. */
export function tradedShare(publishedGroups: readonly { type: string; status: string; count: number }[]) {
	const byType = Object.fromEntries(LISTING_TYPES.map((t) => [t, { published: 0, traded: 0, share: null }])) as Record<ListingType, TradedShare>
	let published = 0
	let traded = 0
	for (const g of publishedGroups) {
		if (!(LISTING_TYPES as readonly string[]).includes(g.type)) continue
		const c = byType[g.type as ListingType]
		c.published += g.count
		published += g.count
		if (g.status === 'TRADED') {
			c.traded += g.count
			traded += g.count
		}
	}
	for (const type of LISTING_TYPES) byType[type].share = share(byType[type].traded, byType[type].published)
	return { published, traded, share: share(traded, published), byType }
}

/**
 * Assembles the statistics. Towns are ordered by listings counted, then traded value, then code,
 * so the busiest come first in charts and tables; every town appears, even with nothing listed.
 */
export function buildStats(input: {
	towns: readonly TownRow[]
	listingGroups: readonly ListingGroup[]
	areaGroups: readonly AreaGroup[]
	dealGroups: readonly DealGroup[]
	totals: { tradedValueYuan: number | null; dealsCompleted: number; dealsInNotice: number }
	/** Completed deals (explicit select) for the monthly, price and duration figures. */
	completedDeals?: readonly CompletedDealRow[]
	/** Or those figures already derived from them (dealFigures), as the server caches them. */
	dealFigures?: DealFigures
	/** `listing.groupBy({ by: ['type', 'status'] })` over every listing. */
	statusGroups?: readonly { type: string; status: string; count: number }[]
	/** The same, over listings whose publishedAt is set. */
	publishedGroups?: readonly { type: string; status: string; count: number }[]
	now?: Date
}): Stats {
	const now = input.now ?? new Date()
	const figures = input.dealFigures ?? dealFigures(input.completedDeals ?? [], input.towns)
	const listingsByTown = groupBy(input.listingGroups)
	const areaByTown = groupBy(input.areaGroups)
	const dealsByTown = new Map(input.dealGroups.map((d) => [d.townId, d]))

	const towns: TownStats[] = input.towns.map((t) => {
		const deals = dealsByTown.get(t.id)
		return {
			code: t.code,
			name: t.name,
			nameEn: t.nameEn,
			kind: t.kind,
			listings: addListingGroups(emptyListingCounts(), listingsByTown.get(t.id) ?? []),
			landAreaMu: sumAreaMu(areaByTown.get(t.id) ?? []),
			tradedValueYuan: round2(deals?.valueYuan ?? 0),
			dealsCompleted: deals?.count ?? 0,
		}
	})
	towns.sort(
		(a, b) =>
			totalListings(b.listings) - totalListings(a.listings) ||
			b.tradedValueYuan - a.tradedValueYuan ||
			a.code.localeCompare(b.code),
	)

	return {
		listings: addListingGroups(emptyListingCounts(), input.listingGroups),
		landAreaMu: sumAreaMu(input.areaGroups),
		tradedValueYuan: round2(input.totals.tradedValueYuan ?? 0),
		dealsCompleted: input.totals.dealsCompleted,
		dealsInNotice: input.totals.dealsInNotice,
		towns,
		tradedByMonth: fillMonths(figures.months, now),
		// The price table follows the town table's order (busiest first).
		landPricePerMu: { byTown: orderPriceRows(figures.landPricePerMu.byTown, input.towns, towns), byClass: figures.landPricePerMu.byClass },
		listingsByStatus: listingsByStatus(input.statusGroups ?? []),
		tradedShare: tradedShare(input.publishedGroups ?? []),
		daysToDeal: figures.daysToDeal,
		generatedAt: now.toISOString(),
	}
}

/** What the completed deals alone decide: derived once per change of them, not per request. */
export type DealFigures = {
	months: MonthTraded[]
	landPricePerMu: { byTown: LandPriceRow[]; byClass: LandPriceRow[] }
	daysToDeal: Stats['daysToDeal']
}

export function dealFigures(deals: readonly CompletedDealRow[], towns: readonly TownRow[]): DealFigures {
	return { months: monthBuckets(deals), landPricePerMu: landPricePerMu(deals, towns), daysToDeal: daysToDeal(deals) }
}

/**
 * Price rows put in the town table's order (classes keep their order within a town), with the
 * towns' current names: cached rows may predate a rename.
 */
function orderPriceRows(rows: readonly LandPriceRow[], towns: readonly TownRow[], ordered: readonly TownStats[]) {
	const rank = new Map(ordered.map((t, i) => [t.code, i]))
	const byCode = new Map(towns.map((t) => [t.code, t]))
	return rows
		.filter((r) => r.town !== null && rank.has(r.town))
		.map((r, i) => ({ r, i }))
		.sort((a, b) => rank.get(a.r.town!)! - rank.get(b.r.town!)! || a.i - b.i)
		.map(({ r }) => ({ ...r, townName: byCode.get(r.town!)?.name ?? r.townName, townNameEn: byCode.get(r.town!)?.nameEn ?? r.townNameEn }))
}
