import { describe, expect, it } from 'vitest'
import { areaIn, areaInMu, comparePrice, m2ToMu, muToM2, priceInYuan } from './units.ts'

describe('units', () => {
	it('converts mu and square metres both ways', () => {
		expect(muToM2(1)).toBeCloseTo(666.67, 2)
		expect(m2ToMu(666.67)).toBeCloseTo(1, 4)
		expect(areaInMu(15, 'mu')).toBe(15)
		expect(areaInMu(10000, 'm2')).toBeCloseTo(15, 6)
	})
	it('brings every price unit to yuan', () => {
		expect(priceInYuan(12000, 'YUAN_PER_YEAR', 200, 'm2')).toBe(12000)
		expect(priceInYuan(300, 'YUAN_PER_MU_YEAR', 100, 'mu')).toBe(30000)
		expect(priceInYuan(45.5, 'WAN_YUAN', 800, 'm2')).toBe(455000)
	})
	it('converts an area to another unit, and leaves it exact in its own', () => {
		expect(areaIn(2676, 'mu', 'mu')).toBe(2676)
		expect(areaIn(3200, 'm2', 'm2')).toBe(3200)
		expect(areaIn(15, 'mu', 'm2')).toBeCloseTo(10000, 6)
		expect(areaIn(3200, 'm2', 'mu')).toBeCloseTo(4.8, 6)
	})
	it('sorts prices within their unit, in groups that never mix', () => {
		const items = [
			{ price: 46, priceUnit: 'WAN_YUAN' as const },
			{ price: 150000, priceUnit: 'YUAN_PER_YEAR' as const },
			{ price: 575, priceUnit: 'YUAN_PER_MU_YEAR' as const },
			{ price: 3000, priceUnit: 'YUAN_PER_YEAR' as const },
			{ price: 515, priceUnit: 'YUAN_PER_MU_YEAR' as const },
			{ price: 12, priceUnit: 'WAN_YUAN' as const },
		]
		const show = (list: typeof items) => list.map((i) => `${i.price} ${i.priceUnit}`)
		expect(show([...items].sort((a, b) => comparePrice(a, b, 'asc')))).toEqual([
			'515 YUAN_PER_MU_YEAR',
			'575 YUAN_PER_MU_YEAR',
			'3000 YUAN_PER_YEAR',
			'150000 YUAN_PER_YEAR',
			'12 WAN_YUAN',
			'46 WAN_YUAN',
		])
		expect(show([...items].sort((a, b) => comparePrice(a, b, 'desc')))).toEqual([
			'575 YUAN_PER_MU_YEAR',
			'515 YUAN_PER_MU_YEAR',
			'150000 YUAN_PER_YEAR',
			'3000 YUAN_PER_YEAR',
			'46 WAN_YUAN',
			'12 WAN_YUAN',
		])
	})
})
