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

/** An area in another unit; unchanged in its own, so a listed 100 亩 still equals a bound of 100 亩. */
export function areaIn(area: number, from: AreaUnit, to: AreaUnit) {
	if (from === to) return area
	return to === 'mu' ? m2ToMu(area) : muToM2(area)
}

/**
 * The order of price groups in a list sorted by price: land rents per mu and year, yearly rents,
 * one-off prices. The three do not compare, so each sorts within its own group (decision 007).
 */
export const PRICE_UNIT_ORDER: readonly PriceUnit[] = ['YUAN_PER_MU_YEAR', 'YUAN_PER_YEAR', 'WAN_YUAN']
const PRICE_UNIT_RANK = Object.fromEntries(PRICE_UNIT_ORDER.map((u, i) => [u, i])) as Record<PriceUnit, number>

type Priced = { price: number; priceUnit: PriceUnit }

/** Sorts by price unit group, then by the listed price within the group. */
export function comparePrice(a: Priced, b: Priced, direction: 'asc' | 'desc') {
	const group = PRICE_UNIT_RANK[a.priceUnit] - PRICE_UNIT_RANK[b.priceUnit]
	if (group !== 0) return group
	return direction === 'asc' ? a.price - b.price : b.price - a.price
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
