import type { AreaUnit, PriceUnit } from './listing.ts'

/** 1 mu = 10000/15 m² (666.67 m²). */
export const M2_PER_MU = 10000 / 15

export function muToM2(mu: number) {
	return mu * M2_PER_MU
}
export function m2ToMu(m2: number) {
	return m2 / M2_PER_MU
}

export function areaInMu(area: number, unit: AreaUnit) {
	return unit === 'mu' ? area : m2ToMu(area)
}

/**
 * The listed price brought to yuan so listings of different units compare:
 * rents become yuan per year for the whole area, one-off prices (万元) the total in yuan.
 */
export function priceInYuan(price: number, unit: PriceUnit, area: number, areaUnit: AreaUnit) {
	switch (unit) {
		case 'YUAN_PER_YEAR':
			return price
		case 'YUAN_PER_MU_YEAR':
			return price * areaInMu(area, areaUnit)
		case 'WAN_YUAN':
			return price * 10000
	}
}
