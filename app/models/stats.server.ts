// The centre's figures (PRODUCT.md "Facts" and `GET /api/stats`), computed by the database where
// it can: grouped counts and sums; the monthly, price-per-mu and duration figures take one small
// pass over an explicit select of the completed deals (medians and China-time months are not SQL
// that Prisma can group by).
import { NOTICE_GROUP_STATUSES } from '~/domain/deal.ts'
import { COUNTED_STATUSES } from '~/domain/listing.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { buildStats, type Stats } from './stats.ts'

export type { Stats, TownStats, ListingCounts, TypeCounts, MonthTraded, LandPriceRow, TradedShare } from './stats.ts'

const counted = { in: [...COUNTED_STATUSES] }

export async function getStats(): Promise<Stats> {
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
		now: now(),
	})
}
