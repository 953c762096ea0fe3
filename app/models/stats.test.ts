import { describe, expect, it } from 'vitest'
import {
	addListingGroups,
	buildStats,
	chinaMonth,
	daysBetween,
	daysToDeal,
	emptyListingCounts,
	landPricePerMu,
	listingsByStatus,
	mean,
	median,
	monthRange,
	round2,
	share,
	sumAreaMu,
	totalListings,
	tradedByMonth,
	tradedShare,
	type CompletedDealRow,
} from './stats.ts'

describe('addListingGroups', () => {
	it('counts published and traded per type and ignores other statuses and types', () => {
		const counts = addListingGroups(emptyListingCounts(), [
			{ type: 'FARMHOUSE', status: 'PUBLISHED', count: 3 },
			{ type: 'FARMHOUSE', status: 'TRADED', count: 2 },
			{ type: 'FARMHOUSE', status: 'DRAFT', count: 9 },
			{ type: 'LAND', status: 'SUBMITTED', count: 4 },
			{ type: 'LAND', status: 'REJECTED', count: 4 },
			{ type: 'COLLECTIVE_ASSET', status: 'TRADED', count: 1 },
			{ type: 'BOAT', status: 'PUBLISHED', count: 5 },
		])
		expect(counts).toEqual({
			FARMHOUSE: { published: 3, traded: 2, total: 5 },
			LAND: { published: 0, traded: 0, total: 0 },
			COLLECTIVE_ASSET: { published: 0, traded: 1, total: 1 },
		})
		expect(totalListings(counts)).toBe(6)
	})

	it('adds rows of the same type and status from several towns', () => {
		const counts = addListingGroups(emptyListingCounts(), [
			{ type: 'LAND', status: 'PUBLISHED', count: 2 },
			{ type: 'LAND', status: 'PUBLISHED', count: 5 },
		])
		expect(counts.LAND).toEqual({ published: 7, traded: 0, total: 7 })
	})
})

describe('sumAreaMu', () => {
	it('adds mu and converts square metres', () => {
		expect(sumAreaMu([{ areaUnit: 'mu', area: 120.5 }, { areaUnit: 'm2', area: 6666.666666 }, { areaUnit: 'mu', area: null }])).toBe(130.5)
	})
	it('is zero with nothing to add', () => {
		expect(sumAreaMu([])).toBe(0)
	})
})

describe('round2', () => {
	it('hides float drift', () => {
		expect(round2(0.1 + 0.2)).toBe(0.3)
		expect(round2(5_123_456.789)).toBe(5_123_456.79)
	})
})

describe('buildStats', () => {
	const towns = [
		{ id: 't1', code: 'a-quiet', name: '甲镇', nameEn: 'Jia Town', kind: 'TOWN' },
		{ id: 't2', code: 'b-busy', name: '乙苏木', nameEn: 'Yi Sumu', kind: 'SUMU' },
		{ id: 't3', code: 'c-empty', name: '丙镇', nameEn: 'Bing Town', kind: 'TOWN' },
	]

	const stats = buildStats({
		towns,
		listingGroups: [
			{ townId: 't1', type: 'FARMHOUSE', status: 'PUBLISHED', count: 1 },
			{ townId: 't2', type: 'FARMHOUSE', status: 'PUBLISHED', count: 4 },
			{ townId: 't2', type: 'LAND', status: 'TRADED', count: 2 },
			{ townId: 't2', type: 'COLLECTIVE_ASSET', status: 'DRAFT', count: 7 },
		],
		areaGroups: [
			{ townId: 't2', areaUnit: 'mu', area: 300.25 },
			{ townId: 't1', areaUnit: 'mu', area: 0 },
		],
		dealGroups: [
			{ townId: 't2', count: 2, valueYuan: 1_500_000 },
			{ townId: 't1', count: 0, valueYuan: null },
		],
		totals: { tradedValueYuan: 1_500_000, dealsCompleted: 2, dealsInNotice: 1 },
		now: new Date('2026-01-02T03:04:05Z'),
	})

	it('totals across towns', () => {
		expect(stats.listings).toEqual({
			FARMHOUSE: { published: 5, traded: 0, total: 5 },
			LAND: { published: 0, traded: 2, total: 2 },
			COLLECTIVE_ASSET: { published: 0, traded: 0, total: 0 },
		})
		expect(stats.landAreaMu).toBe(300.25)
		expect(stats.tradedValueYuan).toBe(1_500_000)
		expect(stats.dealsCompleted).toBe(2)
		expect(stats.dealsInNotice).toBe(1)
		expect(stats.generatedAt).toBe('2026-01-02T03:04:05.000Z')
	})

	it('lists every town, busiest first, with its own figures', () => {
		expect(stats.towns.map((t) => t.code)).toEqual(['b-busy', 'a-quiet', 'c-empty'])
		expect(stats.towns[0]).toEqual({
			code: 'b-busy',
			name: '乙苏木',
			nameEn: 'Yi Sumu',
			kind: 'SUMU',
			listings: {
				FARMHOUSE: { published: 4, traded: 0, total: 4 },
				LAND: { published: 0, traded: 2, total: 2 },
				COLLECTIVE_ASSET: { published: 0, traded: 0, total: 0 },
			},
			landAreaMu: 300.25,
			tradedValueYuan: 1_500_000,
			dealsCompleted: 2,
		})
		expect(stats.towns[2]).toMatchObject({ code: 'c-empty', landAreaMu: 0, tradedValueYuan: 0, dealsCompleted: 0 })
		expect(totalListings(stats.towns[2].listings)).toBe(0)
	})

	it('is plain JSON', () => {
		expect(JSON.parse(JSON.stringify(stats))).toEqual(stats)
	})
})

describe('median and mean', () => {
	it('takes the middle value of an odd count, unsorted input', () => {
		expect(median([5, 1, 3])).toBe(3)
		expect(median([7])).toBe(7)
	})
	it('averages the two middle values of an even count', () => {
		expect(median([400, 100, 300, 200])).toBe(250)
	})
	it('is null for nothing, and does not reorder its input', () => {
		const input = [3, 1, 2]
		expect(median(input)).toBe(2)
		expect(input).toEqual([3, 1, 2])
		expect(median([])).toBeNull()
		expect(mean([])).toBeNull()
		expect(mean([1, 2, 6])).toBe(3)
	})
})

describe('chinaMonth and monthRange', () => {
	it('buckets by the calendar month in China (UTC+8)', () => {
		expect(chinaMonth(new Date('2025-03-31T15:59:59Z'))).toBe('2025-03')
		expect(chinaMonth(new Date('2025-03-31T16:00:00Z'))).toBe('2025-04')
		expect(chinaMonth('2024-12-31T16:30:00.000Z')).toBe('2025-01')
		expect(chinaMonth(new Date('2025-01-01T00:00:00+08:00'))).toBe('2025-01')
	})
	it('lists every month across a year end, inclusive', () => {
		expect(monthRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02'])
		expect(monthRange('2025-05', '2025-05')).toEqual(['2025-05'])
		expect(monthRange('2025-05', '2025-04')).toEqual([])
	})
})

describe('share and daysBetween', () => {
	it('is a fraction to 4 decimals, null over nothing', () => {
		expect(share(14, 110)).toBe(0.1273)
		expect(share(0, 5)).toBe(0)
		expect(share(3, 0)).toBeNull()
	})
	it('counts fractional days', () => {
		expect(daysBetween('2025-01-01T00:00:00Z', '2025-01-11T12:00:00Z')).toBe(10.5)
	})
})

function completedDeal(over: Partial<Omit<CompletedDealRow, 'listing'>> & { listing?: Partial<CompletedDealRow['listing']> }): CompletedDealRow {
	return {
		certifiedAt: new Date('2025-03-10T02:00:00Z'),
		totalValueYuan: 1000,
		area: 10,
		areaUnit: 'mu',
		price: 300,
		priceUnit: 'YUAN_PER_MU_YEAR',
		...over,
		listing: { type: 'LAND', townId: 't1', landClass: 'CROPLAND', publishedAt: new Date('2025-01-01T02:00:00Z'), ...over.listing },
	}
}

describe('tradedByMonth', () => {
	const now = new Date('2025-06-15T00:00:00Z')

	it('sums value and land area per China-time month and fills the months between with zeros', () => {
		const months = tradedByMonth(
			[
				completedDeal({ certifiedAt: new Date('2025-02-28T17:00:00Z'), totalValueYuan: 100.1, area: 10 }), // 1 March in China
				completedDeal({ certifiedAt: '2025-03-20T02:00:00.000Z', totalValueYuan: 200.2, area: 6666.666666, areaUnit: 'm2' }),
				completedDeal({ certifiedAt: new Date('2025-05-02T02:00:00Z'), totalValueYuan: 50_000, area: 300, areaUnit: 'm2', listing: { type: 'FARMHOUSE' } }),
				completedDeal({ certifiedAt: null, totalValueYuan: 9_999 }),
			],
			now,
		)
		expect(months).toEqual([
			{ month: '2025-03', deals: 2, valueYuan: 300.3, areaMu: 20 },
			{ month: '2025-04', deals: 0, valueYuan: 0, areaMu: 0 },
			{ month: '2025-05', deals: 1, valueYuan: 50_000, areaMu: 0 },
			{ month: '2025-06', deals: 0, valueYuan: 0, areaMu: 0 },
		])
	})

	it('runs to the last deal when it is later than now, and is empty with no deals', () => {
		const months = tradedByMonth([completedDeal({ certifiedAt: new Date('2025-08-01T02:00:00Z') })], now)
		expect(months.map((m) => m.month)).toEqual(['2025-08'])
		expect(tradedByMonth([], now)).toEqual([])
	})
})

describe('landPricePerMu', () => {
	const towns = [
		{ id: 't2', code: 'b', name: '乙镇', nameEn: 'Yi', kind: 'TOWN' },
		{ id: 't1', code: 'a', name: '甲镇', nameEn: 'Jia', kind: 'TOWN' },
	]
	const result = landPricePerMu(
		[
			completedDeal({ price: 300 }),
			completedDeal({ price: 500 }),
			completedDeal({ price: 400 }),
			completedDeal({ price: 200, listing: { landClass: 'GRASSLAND' } }),
			completedDeal({ price: 100, listing: { townId: 't2', landClass: null } }),
			completedDeal({ price: 700, listing: { townId: 't2' } }),
			// Not per mu per year, or not land: left out.
			completedDeal({ price: 90_000, priceUnit: 'YUAN_PER_YEAR' }),
			completedDeal({ price: 5_000, listing: { type: 'COLLECTIVE_ASSET' } }),
		],
		towns,
	)

	it('gives count, median, mean, min and max per town and class, towns in the given order', () => {
		expect(result.byTown).toEqual([
			{ town: 'b', townName: '乙镇', townNameEn: 'Yi', landClass: 'CROPLAND', deals: 1, medianYuan: 700, meanYuan: 700, minYuan: 700, maxYuan: 700 },
			{ town: 'b', townName: '乙镇', townNameEn: 'Yi', landClass: 'OTHER', deals: 1, medianYuan: 100, meanYuan: 100, minYuan: 100, maxYuan: 100 },
			{ town: 'a', townName: '甲镇', townNameEn: 'Jia', landClass: 'CROPLAND', deals: 3, medianYuan: 400, meanYuan: 400, minYuan: 300, maxYuan: 500 },
			{ town: 'a', townName: '甲镇', townNameEn: 'Jia', landClass: 'GRASSLAND', deals: 1, medianYuan: 200, meanYuan: 200, minYuan: 200, maxYuan: 200 },
		])
	})

	it('pools every town per class', () => {
		expect(result.byClass.map((r) => [r.landClass, r.deals, r.medianYuan, r.meanYuan])).toEqual([
			['CROPLAND', 4, 450, 475],
			['GRASSLAND', 1, 200, 200],
			['OTHER', 1, 100, 100],
		])
		expect(result.byClass.every((r) => r.town === null)).toBe(true)
	})
})

describe('daysToDeal', () => {
	it('takes median and mean days from publication to certification, skipping rows without either', () => {
		const published = new Date('2025-01-01T00:00:00Z')
		const at = (days: number) => new Date(published.getTime() + days * 86_400_000)
		expect(
			daysToDeal([
				completedDeal({ certifiedAt: at(30), listing: { publishedAt: published } }),
				completedDeal({ certifiedAt: at(90.25), listing: { publishedAt: published } }),
				completedDeal({ certifiedAt: at(40), listing: { publishedAt: published } }),
				completedDeal({ certifiedAt: at(41), listing: { publishedAt: null } }),
				completedDeal({ certifiedAt: null }),
			]),
		).toEqual({ deals: 3, medianDays: 40, meanDays: 53.4 })
		expect(daysToDeal([])).toEqual({ deals: 0, medianDays: null, meanDays: null })
	})
})

describe('listingsByStatus and tradedShare', () => {
	const groups = [
		{ type: 'FARMHOUSE', status: 'PUBLISHED', count: 45 },
		{ type: 'FARMHOUSE', status: 'TRADED', count: 5 },
		{ type: 'FARMHOUSE', status: 'WITHDRAWN', count: 1 },
		{ type: 'LAND', status: 'PUBLISHED', count: 45 },
		{ type: 'LAND', status: 'TRADED', count: 7 },
		{ type: 'BOAT', status: 'PUBLISHED', count: 3 },
		{ type: 'LAND', status: 'SOLD_TWICE', count: 3 },
	]

	it('lists every status with zeros, per type and in total', () => {
		const byStatus = listingsByStatus([...groups, { type: 'LAND', status: 'DRAFT', count: 2 }])
		expect(Object.keys(byStatus)).toEqual(['DRAFT', 'SUBMITTED', 'PUBLISHED', 'RETURNED', 'REJECTED', 'TRADED', 'WITHDRAWN', 'EXPIRED'])
		expect(byStatus.PUBLISHED).toEqual({ FARMHOUSE: 45, LAND: 45, COLLECTIVE_ASSET: 0, total: 90 })
		expect(byStatus.DRAFT.total).toBe(2)
		expect(byStatus.EXPIRED).toEqual({ FARMHOUSE: 0, LAND: 0, COLLECTIVE_ASSET: 0, total: 0 })
	})

	it('divides the traded by everything ever published, per type too', () => {
		const s = tradedShare(groups.slice(0, 5))
		expect(s).toMatchObject({ published: 103, traded: 12, share: 0.1165 })
		expect(s.byType.FARMHOUSE).toEqual({ published: 51, traded: 5, share: 0.098 })
		expect(s.byType.COLLECTIVE_ASSET).toEqual({ published: 0, traded: 0, share: null })
	})
})

describe('buildStats with the deal figures', () => {
	it('carries the monthly, price, status, share and duration figures, consistent with the totals', () => {
		const deals = [
			completedDeal({ totalValueYuan: 1000.5, certifiedAt: new Date('2025-01-20T02:00:00Z') }),
			completedDeal({ totalValueYuan: 2000, certifiedAt: new Date('2025-03-20T02:00:00Z') }),
		]
		const stats = buildStats({
			towns: [{ id: 't1', code: 'a', name: '甲镇', nameEn: 'Jia', kind: 'TOWN' }],
			listingGroups: [{ townId: 't1', type: 'LAND', status: 'TRADED', count: 2 }],
			areaGroups: [],
			dealGroups: [{ townId: 't1', count: 2, valueYuan: 3000.5 }],
			totals: { tradedValueYuan: 3000.5, dealsCompleted: 2, dealsInNotice: 0 },
			completedDeals: deals,
			statusGroups: [{ type: 'LAND', status: 'TRADED', count: 2 }],
			publishedGroups: [{ type: 'LAND', status: 'TRADED', count: 2 }],
			now: new Date('2025-03-31T18:00:00Z'), // April in China
		})
		expect(stats.tradedByMonth.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04'])
		expect(stats.tradedByMonth.reduce((s, m) => s + m.valueYuan, 0)).toBe(stats.tradedValueYuan)
		expect(stats.landPricePerMu.byTown).toHaveLength(1)
		expect(stats.listingsByStatus.TRADED.total).toBe(2)
		expect(stats.tradedShare.share).toBe(1)
		expect(stats.daysToDeal.deals).toBe(2)
		expect(stats.generatedAt).toBe('2025-03-31T18:00:00.000Z')
	})
})
