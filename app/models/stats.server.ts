// The centre's figures (PRODUCT.md "Facts" and `GET /api/stats`) from aggregates the database
// keeps itself (docs/decisions/018): triggers on Listing and Deal adjust ListingTally and
// DealTally in the writing transaction, whichever process wrote. A request reads those few hundred
// rows and the towns, never the listings. The figures only completed deals decide (months,
// medians) are derived once per change of them: a trigger bumps the `completedDeals` counter, and
// each process rereads them when the counter moved.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { NOTICE_GROUP_STATUSES } from '~/domain/deal.ts'
import { COUNTED_STATUSES } from '~/domain/listing.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { buildStats, dealFigures, type CompletedDealRow, type DealFigures, type Stats, type TownRow } from './stats.ts'

export type { Stats, TownStats, ListingCounts, TypeCounts, MonthTraded, LandPriceRow, TradedShare } from './stats.ts'

const COMPLETED_DEALS = 'completedDeals'
/**
 * Completed deals read per query when the deal figures are derived. The driver is synchronous and
 * its promises resolve as microtasks, so pages alone would not let other requests in: each page
 * ends with a turn of the event loop.
 */
const DEAL_PAGE = 500

export async function getStats(): Promise<Stats> {
	const [towns, listingTally, dealTally] = await Promise.all([
		prisma.town.findMany({ select: { id: true, code: true, name: true, nameEn: true, kind: true }, orderBy: { code: 'asc' } }),
		prisma.listingTally.findMany({
			where: { count: { gt: 0 } },
			select: { townId: true, type: true, status: true, published: true, areaUnit: true, count: true, areaMicro: true },
		}),
		prisma.dealTally.findMany({ where: { count: { gt: 0 } }, select: { townId: true, type: true, status: true, count: true, valueFen: true } }),
	])
	const figures = await completedDealFigures(towns)

	const counted = listingTally.filter((g) => (COUNTED_STATUSES as readonly string[]).includes(g.status))
	const completed = dealTally.filter((g) => g.status === 'COMPLETED')
	const dealsByTown = new Map<string, { townId: string; count: number; fen: bigint }>()
	for (const g of completed) {
		const d = dealsByTown.get(g.townId) ?? { townId: g.townId, count: 0, fen: 0n }
		d.count += g.count
		d.fen += g.valueFen
		dealsByTown.set(g.townId, d)
	}
	const byTypeStatus = (rows: typeof listingTally) => {
		const map = new Map<string, { type: string; status: string; count: number }>()
		for (const r of rows) {
			const key = `${r.type}|${r.status}`
			const g = map.get(key) ?? { type: r.type, status: r.status, count: 0 }
			g.count += r.count
			map.set(key, g)
		}
		return [...map.values()]
	}

	return buildStats({
		towns,
		listingGroups: counted.map((g) => ({ townId: g.townId, type: g.type, status: g.status, count: g.count })),
		areaGroups: counted.filter((g) => g.type === 'LAND').map((g) => ({ townId: g.townId, areaUnit: g.areaUnit, area: fromMicro(g.areaMicro) })),
		dealGroups: [...dealsByTown.values()].map((d) => ({ townId: d.townId, count: d.count, valueYuan: fromFen(d.fen) })),
		totals: {
			tradedValueYuan: fromFen(completed.reduce((s, g) => s + g.valueFen, 0n)),
			dealsCompleted: completed.reduce((s, g) => s + g.count, 0),
			dealsInNotice: dealTally.filter((g) => (NOTICE_GROUP_STATUSES as readonly string[]).includes(g.status)).reduce((s, g) => s + g.count, 0),
		},
		dealFigures: figures,
		statusGroups: byTypeStatus(listingTally),
		publishedGroups: byTypeStatus(listingTally.filter((g) => g.published)),
		now: now(),
	})
}

/** Micro-units and fen back to numbers: summed as integers (exact), divided once. */
function fromMicro(micro: bigint) {
	return Number(micro) / 1_000_000
}
function fromFen(fen: bigint) {
	return Number(fen) / 100
}

// ---------------------------------------------------------------- completed-deal figures

let cached: { version: number; figures: Promise<DealFigures> } | null = null

/**
 * The month, price and duration figures, derived again only when the `completedDeals` counter
 * moved. The counter is read before the deals, so a write in between leaves the cache one version
 * behind what it holds, and the next request derives again: never stale, at worst once too often.
 * Concurrent requests share one derivation.
 */
export async function completedDealFigures(towns: readonly TownRow[]): Promise<DealFigures> {
	const row = await prisma.aggregateVersion.findUnique({ where: { name: COMPLETED_DEALS }, select: { version: true } })
	const version = row?.version ?? 0
	if (cached && cached.version === version) return cached.figures
	const figures = loadCompletedDeals().then((deals) => dealFigures(deals, towns))
	const entry = { version, figures }
	cached = entry
	figures.catch(() => {
		if (cached === entry) cached = null
	})
	return figures
}

async function loadCompletedDeals() {
	const deals: CompletedDealRow[] = []
	for (let cursor: string | undefined; ; ) {
		const page = await prisma.deal.findMany({
			where: { status: 'COMPLETED', ...(cursor ? { id: { gt: cursor } } : {}) },
			orderBy: { id: 'asc' },
			take: DEAL_PAGE,
			select: {
				id: true,
				certifiedAt: true,
				totalValueYuan: true,
				area: true,
				areaUnit: true,
				price: true,
				priceUnit: true,
				listing: { select: { type: true, townId: true, landClass: true, publishedAt: true } },
			},
		})
		deals.push(...page)
		if (page.length < DEAL_PAGE) return deals
		cursor = page[page.length - 1].id
		await nextTurn()
	}
}
