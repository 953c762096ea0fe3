import { describe, expect, it } from 'vitest'
import { addListingGroups, buildStats, emptyListingCounts, round2, sumAreaMu, totalListings } from './stats.ts'

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
