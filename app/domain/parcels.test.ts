import { area as turfArea } from '@turf/area'
import { describe, expect, it } from 'vitest'
import { buildPlaces, DEMO_SEED } from '../../prisma/seed-data.ts'
import { buildParcels, employerCodeOf } from '../../prisma/seed-parcels.ts'
import { listingFromParcels, unionOf } from './parcel-union.ts'
import { landClassOf, landClassOfSet, pinOf, sidesOf, surfaceRings, surveyedArea, type Polygon } from './parcels.ts'

const square = (x: number, y: number, size = 0.001): Polygon => ({
	type: 'Polygon',
	coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
})
const parcel = (x: number, y: number, extra: Partial<{ east: string; west: string; north: string; south: string; landUse: string | null; parcelClass: string | null; surveyedAreaM2: number }> = {}) => ({
	geometry: JSON.stringify(square(x, y)),
	minLng: x,
	minLat: y,
	maxLng: x + 0.001,
	maxLat: y + 0.001,
	east: '至道路',
	west: '至道路',
	north: '至水渠',
	south: '至林带',
	landUse: '013',
	parcelClass: '10',
	surveyedAreaM2: 9000,
	...extra,
})

describe('unionOf', () => {
	it('joins touching parcels into one polygon whose area is the sum', () => {
		const a = parcel(110, 40)
		const b = parcel(110.001, 40)
		const u = unionOf([a, b])!
		expect(u.type).toBe('Polygon')
		const sum = turfArea(square(110, 40)) + turfArea(square(110.001, 40))
		expect(turfArea(u)).toBeCloseTo(sum, 0)
	})
	it('keeps parcels apart as a MultiPolygon, drawn as one list of rings', () => {
		const u = unionOf([parcel(110, 40), parcel(110.01, 40)])!
		expect(u.type).toBe('MultiPolygon')
		expect(surfaceRings(u)).toHaveLength(2)
	})
	it('is null without a usable geometry', () => {
		expect(unionOf([])).toBeNull()
		expect(unionOf([{ geometry: 'not json' }])).toBeNull()
	})
})

describe('surveyedArea', () => {
	it('sums SCMJ and gives it in mu too (666.67 m² a mu)', () => {
		expect(surveyedArea([{ surveyedAreaM2: 6666.7 }, { surveyedAreaM2: 3333.3 }])).toEqual({ m2: 10000, mu: 15 })
	})
})

describe('pinOf', () => {
	it('is inside an L-shaped field', () => {
		const l: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 0.2], [0.2, 0.2], [0.2, 2], [0, 2], [0, 0]]] }
		const [x, y] = pinOf(l)
		expect(x <= 0.2 || y <= 0.2).toBe(true)
	})
})

describe('sidesOf', () => {
	it('is the parcel’s own for one parcel', () => {
		expect(sidesOf([parcel(110, 40, { east: '至张三地' })])).toEqual({ east: '至张三地', south: '至林带', west: '至道路', north: '至水渠' })
	})
	it('takes each side from the parcels on that edge of the set', () => {
		const west = parcel(110, 40, { east: '至李四地', west: '至道路' })
		const east = parcel(110.001, 40, { east: '至荒地', west: '至王五地', north: '至道路' })
		expect(sidesOf([west, east])).toEqual({ east: '至荒地', south: '至林带', west: '至道路', north: '至水渠、至道路' })
	})
})

describe('landClassOf', () => {
	it('maps TDLYLX groups, both code lengths', () => {
		expect(landClassOf({ landUse: '013', parcelClass: '10' })).toBe('CROPLAND')
		expect(landClassOf({ landUse: '0103', parcelClass: null })).toBe('CROPLAND')
		expect(landClassOf({ landUse: '032', parcelClass: '10' })).toBe('FOREST')
		expect(landClassOf({ landUse: '043', parcelClass: '10' })).toBe('GRASSLAND')
		expect(landClassOf({ landUse: '126', parcelClass: '99' })).toBe('BARREN')
		expect(landClassOf({ landUse: '021', parcelClass: '10' })).toBe('OTHER')
	})
	it('falls back on DKLB when the land use is missing', () => {
		expect(landClassOf({ landUse: null, parcelClass: '10' })).toBe('CROPLAND')
		expect(landClassOf({ landUse: '', parcelClass: '99' })).toBe('OTHER')
	})
	it('takes the class of the largest area for a set', () => {
		expect(
			landClassOfSet([
				{ landUse: '013', parcelClass: '10', surveyedAreaM2: 100 },
				{ landUse: '043', parcelClass: '10', surveyedAreaM2: 80 },
				{ landUse: '041', parcelClass: '10', surveyedAreaM2: 80 },
			]),
		).toBe('GRASSLAND')
	})
})

describe('listingFromParcels', () => {
	it('gives the union, the summed surveyed area and a pin inside', () => {
		const r = listingFromParcels([parcel(110, 40, { surveyedAreaM2: 9100 }), parcel(110.001, 40, { surveyedAreaM2: 8900 })])!
		expect(r.areaM2).toBe(18000)
		expect(r.areaMu).toBe(27)
		expect(r.landClass).toBe('CROPLAND')
		expect(r.lng).toBeGreaterThan(110)
		expect(r.lng).toBeLessThan(110.002)
	})
})

describe('the demo parcels', () => {
	const parcels = buildParcels(DEMO_SEED, buildPlaces().villages)
	it('are 20–60 per village with 19-digit codes of the village’s 发包方编码', () => {
		const byVillage = new Map<string, typeof parcels>()
		for (const p of parcels) byVillage.set(p.villageId, [...(byVillage.get(p.villageId) ?? []), p])
		expect(byVillage.size).toBeGreaterThanOrEqual(3)
		for (const rows of byVillage.values()) {
			expect(rows.length).toBeGreaterThanOrEqual(20)
			expect(rows.length).toBeLessThanOrEqual(60)
			for (const p of rows) expect(p.code).toMatch(new RegExp(`^${p.employerCode}\\d{5}$`))
		}
		expect(new Set(parcels.map((p) => p.code)).size).toBe(parcels.length)
		expect(parcels.every((p) => p.code.length === 19 && p.isDemo)).toBe(true)
		const xinsheng = buildPlaces().villages.find((v) => v.code === 'xinsheng')!
		expect(employerCodeOf(xinsheng)).toBe('15062110120100')
	})
	it('have a surveyed area near, not equal to, the drawn one, and SCMJM = SCMJ / 666.67', () => {
		for (const p of parcels) {
			expect(Math.abs(p.surveyedAreaM2 / p.computedAreaM2 - 1)).toBeLessThan(0.02)
			expect(p.surveyedAreaMu).toBeCloseTo(p.surveyedAreaM2 / 666.67, 2)
		}
		expect(parcels.filter((p) => p.surveyedAreaM2 === p.computedAreaM2).length).toBeLessThan(3)
	})
	it('do not overlap: the union of a village’s parcels has their summed area', () => {
		for (const villageId of new Set(parcels.map((p) => p.villageId))) {
			const village = parcels.filter((p) => p.villageId === villageId)
			const u = unionOf(village)!
			const sum = village.reduce((s, p) => s + p.computedAreaM2, 0)
			expect(Math.abs(turfArea(u) - sum) / sum).toBeLessThan(1e-5)
		}
	})
})
