// What the bench asks for: random map viewports, filter combinations that never repeat, and the
// summaries it reports. Pure functions of a seeded generator, so two runs ask the same questions.
import type { ListingType, PriceUnit } from '../../app/domain/listing.ts'
import { TOWNS } from '../../prisma/seed-data.ts'

/** A small linear congruential generator: the same seed gives the same requests in every run. */
export class BenchRandom {
	constructor(private seed: number) {}
	next() {
		this.seed = (this.seed * 1664525 + 1013904223) % 4294967296
		return this.seed / 4294967296
	}
	int(lo: number, hi: number) {
		return lo + Math.floor(this.next() * (hi - lo + 1))
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]
	}
	chance(p: number) {
		return this.next() < p
	}
}

// Viewport of a 1280×800 px map, as Leaflet would ask for it, somewhere over the banner.
const VIEW = { width: 1280, height: 800 }
const BANNER = { west: 108.95, south: 39.85, east: 110.8, north: 40.55 }

export function viewport(rng: BenchRandom, zoom: number) {
	const lng = BANNER.west + rng.next() * (BANNER.east - BANNER.west)
	const lat = BANNER.south + rng.next() * (BANNER.north - BANNER.south)
	return bboxAround({ lng, lat }, zoom)
}

/** The bbox a 1280×800 map centred on the point shows at this zoom. */
function bboxAround(p: { lng: number; lat: number }, zoom: number) {
	const degPerPx = 360 / (256 * 2 ** zoom)
	const halfW = (VIEW.width / 2) * degPerPx
	const halfH = (VIEW.height / 2) * degPerPx * Math.cos((p.lat * Math.PI) / 180)
	const f = (n: number) => n.toFixed(5)
	return `${f(p.lng - halfW)},${f(p.lat - halfH)},${f(p.lng + halfW)},${f(p.lat + halfH)}`
}

export const TOWN_CODES = TOWNS.map((t) => t.code)

/**
 * Words people search for, each occurring in the synthetic listings' texts (a unit test checks
 * this against the generator), from common to rare.
 */
export const VOCABULARY = [
	'耕地', '水浇地', '农家院', '院落', '仓库', '大棚', '冷库', '厂房', '门面', '棚圈', '林地', '草地',
	'滴灌', '机电井', '硬化', '出租', '转包', '合作', '砖混', '沿黄', '养殖', '停车场', '办公用房', '晒场',
] as const

/** Price ranges people type, per unit: land rent per mu and year, yearly rents, one-off prices. */
const PRICE_RANGES: Record<PriceUnit, [number, number]> = {
	YUAN_PER_MU_YEAR: [80, 600],
	YUAN_PER_YEAR: [3000, 200_000],
	WAN_YUAN: [20, 120],
}
/** Area ranges: land in mu, anything else in m². */
const AREA_RANGES = { mu: [50, 3000], m2: [120, 30_000] } as const
const TYPES: readonly ListingType[] = ['LAND', 'FARMHOUSE', 'COLLECTIVE_ASSET']

/**
 * One filter combination as URL parameters: a type (or none), a town, a price range in the unit
 * that type is priced in, an area range and a word, each present or not; numbers drawn fresh so
 * that combinations almost never repeat (`distinctFilters` makes sure).
 */
export function filterCombination(rng: BenchRandom) {
	const params = new URLSearchParams()
	const type = rng.chance(0.75) ? rng.pick(TYPES) : null
	if (type) params.set('type', type)
	if (rng.chance(0.4)) params.set('town', rng.pick(TOWN_CODES))
	if (rng.chance(0.6)) {
		const unit: PriceUnit = type === 'LAND' ? 'YUAN_PER_MU_YEAR' : type === 'COLLECTIVE_ASSET' && rng.chance(0.2) ? 'WAN_YUAN' : 'YUAN_PER_YEAR'
		const [lo, hi] = PRICE_RANGES[unit]
		const a = rng.int(lo, hi)
		const b = rng.int(a, hi)
		if (rng.chance(0.8)) params.set('minPrice', String(a))
		if (rng.chance(0.8) || !params.has('minPrice')) params.set('maxPrice', String(b))
		params.set('priceUnit', unit)
	}
	if (rng.chance(0.5)) {
		const unit = type === 'LAND' ? 'mu' : 'm2'
		const [lo, hi] = AREA_RANGES[unit]
		const a = rng.int(lo, hi)
		params.set('minArea', String(a))
		if (rng.chance(0.6)) params.set('maxArea', String(rng.int(a, hi)))
		params.set('areaUnit', unit)
	}
	if (rng.chance(0.35)) params.set('q', rng.pick(VOCABULARY))
	return params
}

/** `count` filter combinations, no two alike. */
export function distinctFilters(rng: BenchRandom, count: number) {
	const seen = new Set<string>()
	const out: URLSearchParams[] = []
	while (out.length < count) {
		const params = filterCombination(rng)
		params.sort()
		const key = params.toString()
		if (seen.has(key)) continue
		seen.add(key)
		out.push(params)
	}
	return out
}

export function percentile(sorted: readonly number[], p: number) {
	if (sorted.length === 0) return NaN
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	return sorted[i]
}

export type Summary = { n: number; p50ms: number; p95ms: number; maxMs: number }

/** Latencies (ms) as count, p50, p95 and max, rounded to 0.1 ms. */
export function summarize(ms: readonly number[]): Summary {
	const sorted = [...ms].sort((a, b) => a - b)
	const r = (x: number) => Math.round(x * 10) / 10
	return { n: sorted.length, p50ms: r(percentile(sorted, 50)), p95ms: r(percentile(sorted, 95)), maxMs: r(sorted[sorted.length - 1] ?? NaN) }
}
