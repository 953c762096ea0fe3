import { describe, expect, it } from 'vitest'
import { areaInMu, m2ToMu, muToM2, priceInYuan } from './units.ts'

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
})
