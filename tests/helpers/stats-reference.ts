// The brute-force reference for the aggregates (docs/decisions/018): the statistics computed from
// the whole Listing and Deal tables, as getStats did before the tallies. Tests compare getStats()
// with it after random changes; scripts/bench-reads.ts times the two side by side.
import { NOTICE_GROUP_STATUSES } from '~/domain/deal.ts'
import { COUNTED_STATUSES } from '~/domain/listing.ts'
import type { PrismaClient } from '@prisma/client'
import { buildStats, type Stats } from '~/models/stats.ts'

const counted = { in: [...COUNTED_STATUSES] }

export async function statsFromTables(prisma: PrismaClient, now: Date): Promise<Stats> {
	const [towns, listingGroups, areaGroups, completed, dealsInNotice, statusGroups, publishedGroups, completedDeals] = await Promise.all([
		prisma.town.findMany({
			select: { id: true, code: true, name: true, nameEn: true, kind: true },
			orderBy: { code: 'asc' },
		}),
		prisma.listing.groupBy({
			by: ['townId', 'type', 'status'],
			where: { status: counted },
			_count: { _all: true },
		}),
		prisma.listing.groupBy({
			by: ['townId', 'areaUnit'],
			where: { type: 'LAND', status: counted },
			_sum: { area: true },
		}),
		prisma.deal.aggregate({
			where: { status: 'COMPLETED' },
			_sum: { totalValueYuan: true },
			_count: { _all: true },
		}),
		// The ledger's 公示中 group: an objected deal or one awaiting certification is still public and pending.
		prisma.deal.count({ where: { status: { in: [...NOTICE_GROUP_STATUSES] } } }),
		prisma.listing.groupBy({ by: ['type', 'status'], _count: { _all: true } }),
		prisma.listing.groupBy({ by: ['type', 'status'], where: { publishedAt: { not: null } }, _count: { _all: true } }),
		prisma.deal.findMany({
			where: { status: 'COMPLETED' },
			select: {
				certifiedAt: true,
				totalValueYuan: true,
				area: true,
				areaUnit: true,
				price: true,
				priceUnit: true,
				listing: { select: { type: true, townId: true, landClass: true, publishedAt: true } },
			},
		}),
	])

	// A deal has no town of its own: it is its listing's. One aggregate per town (a county has
	// a handful to a few dozen) keeps the join in the database.
	const dealGroups = await Promise.all(
		towns.map(async (t) => {
			const agg = await prisma.deal.aggregate({
				where: { status: 'COMPLETED', listing: { townId: t.id } },
				_sum: { totalValueYuan: true },
				_count: { _all: true },
			})
			return { townId: t.id, count: agg._count._all, valueYuan: agg._sum.totalValueYuan }
		}),
	)

	const flat = (groups: Array<{ type: string; status: string; _count: { _all: number } }>) =>
		groups.map((g) => ({ type: g.type, status: g.status, count: g._count._all }))

	return buildStats({
		towns,
		listingGroups: listingGroups.map((g) => ({ townId: g.townId, type: g.type, status: g.status, count: g._count._all })),
		areaGroups: areaGroups.map((g) => ({ townId: g.townId, areaUnit: g.areaUnit, area: g._sum.area })),
		dealGroups,
		totals: {
			tradedValueYuan: completed._sum.totalValueYuan,
			dealsCompleted: completed._count._all,
			dealsInNotice,
		},
		completedDeals,
		statusGroups: flat(statusGroups),
		publishedGroups: flat(publishedGroups),
		now,
	})
}
