import { describe, expect, test } from 'vitest'
import { chinaYear, dealYears, medianByYear, MIN_COMPARABLES, parsePriceFilter, percentile, priceFilterSearch, priceFlag, priceGroups, pricePerMuYear, priceReference, summarisePrices, type PricePoint } from './price-reference.ts'

describe('pricePerMuYear (normalisation to 元/亩/年)', () => {
	test('a price per mu and year is taken as it is', () => {
		expect(pricePerMuYear({ price: 420, priceUnit: 'YUAN_PER_MU_YEAR', area: 120, areaUnit: 'mu', termYears: 10 })).toBe(420)
	})
	test('a yearly rent is divided by the area in mu', () => {
		expect(pricePerMuYear({ price: 30_000, priceUnit: 'YUAN_PER_YEAR', area: 100, areaUnit: 'mu', termYears: 5 })).toBe(300)
	})
	test('square metres are converted to mu (666.67 m² = 1 mu)', () => {
		expect(pricePerMuYear({ price: 500, priceUnit: 'YUAN_PER_YEAR', area: 6666.6667, areaUnit: 'm2', termYears: null })).toBeCloseTo(50, 3)
	})
	test('a one-off price (万元) is spread over the area and the term', () => {
		expect(pricePerMuYear({ price: 12, priceUnit: 'WAN_YUAN', area: 100, areaUnit: 'mu', termYears: 4 })).toBe(300)
	})
	test('a one-off price without a term cannot be normalised', () => {
		expect(pricePerMuYear({ price: 12, priceUnit: 'WAN_YUAN', area: 100, areaUnit: 'mu', termYears: null })).toBeNull()
		expect(pricePerMuYear({ price: 12, priceUnit: 'WAN_YUAN', area: 100, areaUnit: 'mu', termYears: 0 })).toBeNull()
	})
	test('no area, no price or an unknown unit: left out', () => {
		expect(pricePerMuYear({ price: 400, priceUnit: 'YUAN_PER_MU_YEAR', area: 0, areaUnit: 'mu', termYears: 5 })).toBeNull()
		expect(pricePerMuYear({ price: 0, priceUnit: 'YUAN_PER_MU_YEAR', area: 10, areaUnit: 'mu', termYears: 5 })).toBeNull()
		expect(pricePerMuYear({ price: 400, priceUnit: 'YUAN', area: 10, areaUnit: 'mu', termYears: 5 })).toBeNull()
	})
})

describe('percentiles and the summary', () => {
	test('percentile interpolates between ranks', () => {
		const sorted = [100, 200, 300, 400, 500]
		expect(percentile(sorted, 50)).toBe(300)
		expect(percentile(sorted, 10)).toBe(140)
		expect(percentile(sorted, 90)).toBe(460)
		expect(percentile(sorted, 0)).toBe(100)
		expect(percentile(sorted, 100)).toBe(500)
		expect(percentile([], 50)).toBeNull()
	})
	test('median of an even count is the mean of the two middle values', () => {
		expect(summarisePrices([400, 100, 300, 200])!.median).toBe(250)
	})
	test('the summary: count, median, range, 10th–90th band, whatever the input order', () => {
		expect(summarisePrices([500, 100, 300, 200, 400])).toEqual({ count: 5, median: 300, min: 100, max: 500, p10: 140, p90: 460 })
	})
	test('fewer than 3 deals give no figure at all', () => {
		expect(MIN_COMPARABLES).toBe(3)
		expect(summarisePrices([])).toBeNull()
		expect(summarisePrices([100, 200])).toBeNull()
		expect(summarisePrices([100, 200, 300])).not.toBeNull()
	})
})

const points = (year: number, ...values: number[]): PricePoint[] => values.map((yuanPerMuYear) => ({ yuanPerMuYear, year }))

describe('priceReference (scope fallback)', () => {
	test('the town with at least 3 deals is the scope', () => {
		const ref = priceReference(points(2026, 300, 320, 340), points(2026, 300, 320, 340, 900, 1000), 2026)
		expect(ref).toMatchObject({ status: 'ok', scope: 'town', summary: { count: 3, median: 320 } })
	})
	test('a town with fewer than 3 falls back to the banner', () => {
		const ref = priceReference(points(2026, 300, 320), points(2026, 300, 320, 340, 900), 2026)
		expect(ref).toMatchObject({ status: 'ok', scope: 'banner', summary: { count: 4, median: 330 } })
	})
	test('fewer than 3 in the banner too: the counts and no number', () => {
		expect(priceReference(points(2026, 300), points(2026, 300, 320), 2026)).toEqual({ status: 'tooFew', townCount: 1, bannerCount: 2 })
	})
	test('the chart covers the last 5 years, a median only for years with 3 deals or more', () => {
		const ref = priceReference([], [...points(2024, 200, 220, 240), ...points(2026, 300), ...points(2019, 50, 60, 70)], 2026)
		expect(ref.status === 'ok' && ref.years).toEqual([
			{ year: 2022, count: 0, median: null },
			{ year: 2023, count: 0, median: null },
			{ year: 2024, count: 3, median: 220 },
			{ year: 2025, count: 0, median: null },
			{ year: 2026, count: 1, median: null },
		])
		expect(medianByYear(points(2020, 1, 2, 3), 2020, 2020)).toEqual([{ year: 2020, count: 3, median: 2 }])
	})
})

describe('priceFlag', () => {
	const summary = summarisePrices([100, 200, 300, 400, 500])
	test('above the 90th percentile, below the 10th, or within', () => {
		expect(priceFlag(461, summary)).toBe('above')
		expect(priceFlag(139, summary)).toBe('below')
		expect(priceFlag(460, summary)).toBe('within')
		expect(priceFlag(140, summary)).toBe('within')
	})
	test('no flag without a reference or without a normalisable asking price', () => {
		expect(priceFlag(1000, null)).toBeNull()
		expect(priceFlag(null, summary)).toBeNull()
	})
})

test('chinaYear: a deal at 20:00 UTC on 31 December is the next year in China', () => {
	expect(chinaYear(new Date('2025-12-31T20:00:00Z'))).toBe(2026)
	expect(chinaYear('2025-12-31T10:00:00Z')).toBe(2025)
})

describe('priceGroups (/stats/prices)', () => {
	const deals = [
		...[300, 310, 320].map((v) => ({ yuanPerMuYear: v, year: 2025, townId: 't1', landClass: 'CROPLAND' })),
		...[500, 520].map((v) => ({ yuanPerMuYear: v, year: 2025, townId: 't2', landClass: 'CROPLAND' })),
		{ yuanPerMuYear: 90, year: 2024, townId: 't2', landClass: 'GRASSLAND' },
		{ yuanPerMuYear: 99, year: 0, townId: 't2', landClass: 'GRASSLAND' },
	]
	const order = { townOrder: ['t2', 't1'], classOrder: ['CROPLAND', 'GRASSLAND'] }
	const all = { fromYear: null, toYear: null, landClass: null }
	test('by town, class and year; small groups keep their count without a median', () => {
		expect(priceGroups(deals, all, { byTown: true, ...order }).map((g) => [g.townId, g.landClass, g.year, g.count, g.summary?.median ?? null])).toEqual([
			['t2', 'CROPLAND', 2025, 2, null],
			['t2', 'GRASSLAND', 2024, 1, null],
			['t1', 'CROPLAND', 2025, 3, 310],
		])
	})
	test('over the banner, and filtered by year and class', () => {
		expect(priceGroups(deals, all, { byTown: false, ...order }).map((g) => [g.townId, g.landClass, g.year, g.count, g.summary?.median ?? null])).toEqual([
			[null, 'CROPLAND', 2025, 5, 320],
			[null, 'GRASSLAND', 2024, 1, null],
		])
		expect(priceGroups(deals, { fromYear: 2025, toYear: 2025, landClass: null }, { byTown: false, ...order })).toHaveLength(1)
		expect(priceGroups(deals, { fromYear: null, toYear: null, landClass: 'GRASSLAND' }, { byTown: true, ...order })).toHaveLength(1)
	})
	test('dealYears lists the years with deals', () => {
		expect(dealYears(deals)).toEqual([2024, 2025])
	})
})

describe('parsePriceFilter', () => {
	const classes = ['CROPLAND', 'GRASSLAND']
	test('years and a land class; the same as URL parameters again', () => {
		const { filter, errors } = parsePriceFilter(new URLSearchParams('from=2024&to=2026&class=CROPLAND'), classes)
		expect(filter).toEqual({ fromYear: 2024, toYear: 2026, landClass: 'CROPLAND' })
		expect(errors).toEqual([])
		expect(priceFilterSearch(filter)).toBe('?from=2024&to=2026&class=CROPLAND')
		expect(priceFilterSearch({ fromYear: null, toYear: null, landClass: null })).toBe('')
	})
	test('malformed values are named and ignored', () => {
		expect(parsePriceFilter(new URLSearchParams('from=20x4&to=1&class=GOLD'), classes)).toEqual({
			filter: { fromYear: null, toYear: null, landClass: null },
			errors: ['from', 'to', 'class'],
		})
		expect(parsePriceFilter(new URLSearchParams('from=2026&to=2024'), classes).errors).toEqual(['to'])
	})
})
