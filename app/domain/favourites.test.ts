import { describe, expect, test } from 'vitest'
import { addToCompare, distanceKm, MAX_COMPARE, parseCompareIds, pricePerMu } from './favourites.ts'

describe('parseCompareIds', () => {
	test('keeps well-formed ids once each, in order', () => {
		expect(parseCompareIds('b, a ,b,,c')).toEqual({ ids: ['b', 'a', 'c'], malformed: 0, overflow: 0 })
	})
	test('counts malformed ids and those beyond the limit', () => {
		expect(parseCompareIds('a,B!,c,d,e,f')).toEqual({ ids: ['a', 'c', 'd', 'e'], malformed: 1, overflow: 1 })
	})
	test('nothing is an empty selection', () => {
		expect(parseCompareIds(null).ids).toEqual([])
		expect(parseCompareIds('').ids).toEqual([])
	})
	test('reads at most 64 parts of a huge value', () => {
		const s = parseCompareIds(Array.from({ length: 10_000 }, (_, i) => `x${i}`).join(','))
		expect(s.ids).toHaveLength(MAX_COMPARE)
		expect(s.overflow).toBe(60)
	})
})

describe('addToCompare', () => {
	test('adds up to four, and a listing already there again is fine', () => {
		expect(addToCompare(['a'], 'b')).toEqual({ ok: true, ids: ['a', 'b'] })
		expect(addToCompare(['a', 'b'], 'a')).toEqual({ ok: true, ids: ['a', 'b'] })
	})
	test('refuses a fifth, and a malformed id', () => {
		expect(addToCompare(['a', 'b', 'c', 'd'], 'e')).toEqual({ ok: false, problem: 'full' })
		expect(addToCompare([], '../x')).toEqual({ ok: false, problem: 'badId' })
	})
})

describe('distanceKm', () => {
	test('zero to itself; one degree of latitude is about 111 km', () => {
		expect(distanceKm({ lat: 40.4, lng: 110 }, { lat: 40.4, lng: 110 })).toBe(0)
		expect(distanceKm({ lat: 40, lng: 110 }, { lat: 41, lng: 110 })).toBeCloseTo(111.2, 0)
	})
	test('a degree of longitude at 40°N is about 85 km', () => {
		expect(distanceKm({ lat: 40, lng: 110 }, { lat: 40, lng: 111 })).toBeCloseTo(85.2, 0)
	})
})

describe('pricePerMu', () => {
	const land = { area: 50, areaUnit: 'mu' as const }
	test('a rent per mu and year is itself', () => {
		expect(pricePerMu({ ...land, price: 600, priceUnit: 'YUAN_PER_MU_YEAR' })).toEqual({ yuan: 600, perYear: true })
	})
	test('a yearly rent for the whole area is divided by the area', () => {
		expect(pricePerMu({ ...land, price: 30_000, priceUnit: 'YUAN_PER_YEAR' })).toEqual({ yuan: 600, perYear: true })
	})
	test('a one-off price in 万元 is per mu, not per year', () => {
		expect(pricePerMu({ ...land, price: 10, priceUnit: 'WAN_YUAN' })).toEqual({ yuan: 2000, perYear: false })
	})
	test('no price per mu for an area in m², or no area', () => {
		expect(pricePerMu({ area: 300, areaUnit: 'm2', price: 8000, priceUnit: 'YUAN_PER_YEAR' })).toBeNull()
		expect(pricePerMu({ area: 0, areaUnit: 'mu', price: 8000, priceUnit: 'YUAN_PER_YEAR' })).toBeNull()
	})
})
