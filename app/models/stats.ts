// Pure aggregation behind /stats and /api/stats: rows that the database already grouped come in,
// the JSON of PRODUCT.md's stable interface comes out. No Prisma here, so it runs in unit tests
// and in the browser (the page's charts reuse the types).
import { COUNTED_STATUSES, LISTING_TYPES, type ListingType } from '~/domain/listing.ts'
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
	generatedAt: string
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
	now?: Date
}): Stats {
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
		generatedAt: (input.now ?? new Date()).toISOString(),
	}
}
