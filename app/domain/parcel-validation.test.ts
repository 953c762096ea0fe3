import turfArea from '@turf/area'
import { describe, expect, it } from 'vitest'
import { autoMapping, readAttributes } from './parcel-fields.ts'
import { areaWithinTolerance, checkParcel, countyArea, duplicates, geometryProblem, matchVillage, type BBox } from './parcel-validation.ts'

// A ~100 m × 100 m square near Shulinzhao.
const square = (lng = 110.03, lat = 40.35, d = 0.0012) => ({
	type: 'Polygon' as const,
	coordinates: [
		[
			[lng, lat],
			[lng + d, lat],
			[lng + d, lat + d * 0.76],
			[lng, lat + d * 0.76],
			[lng, lat],
		],
	],
})
const COUNTY: BBox = [108.95, 39.85, 110.8, 40.55]
const attrs = (over: Record<string, string | number> = {}) =>
	readAttributes({ DKBM: '1506211001010000101', SCMJ: Math.round(turfArea(square())), ...over }, autoMapping(['DKBM', 'SCMJ', 'FBFBM']))

describe('geometryProblem', () => {
	it('accepts a closed polygon and a multipolygon', () => {
		expect(geometryProblem(square())).toBeNull()
		expect(geometryProblem({ type: 'MultiPolygon', coordinates: [square().coordinates, square(110.05).coordinates] })).toBeNull()
	})
	it('refuses points, open rings, too few points and a bow tie', () => {
		expect(geometryProblem(null)).toBe('noGeometry')
		expect(geometryProblem({ type: 'Point', coordinates: [110, 40] })).toBe('notPolygon')
		const open = square()
		open.coordinates[0].pop()
		expect(geometryProblem(open)).toBe('ringOpen')
		expect(geometryProblem({ type: 'Polygon', coordinates: [[[110, 40], [110.001, 40], [110, 40]]] })).toBe('tooFewPoints')
		const bowTie = { type: 'Polygon', coordinates: [[[110, 40], [110.001, 40.001], [110.001, 40], [110, 40.001], [110, 40]]] }
		expect(geometryProblem(bowTie)).toBe('selfIntersecting')
	})
})

describe('checkParcel', () => {
	it('passes a good parcel and measures its area', () => {
		const r = checkParcel(square(), attrs(), COUNTY, new Set())
		expect(r.problems).toEqual([])
		expect(r.computedAreaM2).toBeGreaterThan(9000)
		expect(r.bbox?.[0]).toBeCloseTo(110.03)
	})
	it('refuses a parcel outside the county', () => {
		expect(checkParcel(square(116.4, 39.9), attrs(), COUNTY, new Set()).problems).toContain('outsideCounty')
	})
	it('checks the DKBM: missing, malformed, duplicated, FBFBM disagreeing', () => {
		expect(checkParcel(square(), attrs({ DKBM: '' }), COUNTY, new Set()).problems).toContain('codeMissing')
		expect(checkParcel(square(), attrs({ DKBM: '15062110010100001' }), COUNTY, new Set()).problems).toContain('codeFormat')
		expect(checkParcel(square(), attrs({ DKBM: '150621100101000010X' }), COUNTY, new Set()).problems).toContain('codeFormat')
		expect(checkParcel(square(), attrs(), COUNTY, new Set(['1506211001010000101'])).problems).toContain('codeDuplicate')
		expect(checkParcel(square(), attrs({ FBFBM: '15062110010199' }), COUNTY, new Set()).problems).toContain('employerMismatch')
	})
	it('checks SCMJ against the geometry: 5 % or 50 m²', () => {
		const real = turfArea(square())
		expect(checkParcel(square(), attrs({ SCMJ: real * 1.04 }), COUNTY, new Set()).problems).toEqual([])
		expect(checkParcel(square(), attrs({ SCMJ: real * 1.2 }), COUNTY, new Set()).problems).toContain('areaMismatch')
		expect(checkParcel(square(), attrs({ SCMJ: '' }), COUNTY, new Set()).problems).toContain('areaMissing')
		expect(areaWithinTolerance(130, 100)).toBe(true) // within 50 m²
		expect(areaWithinTolerance(151, 100)).toBe(false)
	})
})

describe('duplicates, countyArea, matchVillage', () => {
	it('finds the codes that occur twice', () => {
		expect([...duplicates(['a', 'b', 'a', null, 'c', 'a'])]).toEqual(['a'])
	})
	it('grows the places’ box by the margin', () => {
		expect(countyArea([])).toBeNull()
		const box = countyArea([{ lng: 109.12, lat: 40.44 }, { lng: 110.63, lat: 40.17 }])!
		expect(box.map((x) => Math.round(x * 100) / 100)).toEqual([108.82, 39.87, 110.93, 40.74])
	})
	it('matches a village by its code, the admin’s choice, or an earlier import', () => {
		const villages = [
			{ id: 'v1', code: '150621100101', townId: 't1' },
			{ id: 'v2', code: 'saiwusu', townId: 't2' },
		]
		expect(matchVillage('15062110010101', villages, {}, new Map())).toEqual({ villageId: 'v1', how: 'code' })
		expect(matchVillage('15062120020101', villages, { '15062120020101': 'v2' }, new Map())).toEqual({ villageId: 'v2', how: 'chosen' })
		expect(matchVillage('15062120020101', villages, {}, new Map([['15062120020101', 'v2']]))).toEqual({ villageId: 'v2', how: 'learned' })
		expect(matchVillage('15062120020101', villages, { '15062120020101': 'gone' }, new Map())).toBeNull()
	})
})
