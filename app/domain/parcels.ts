// A land listing built from 确权 parcels (issue 11): the listing's boundary, area, 四至 and land
// class follow from the chosen parcels. Pure, shared by the picker (browser) and the server, which
// recomputes everything from the parcels it reads and never trusts the browser's numbers. The union
// (turf) lives in parcel-union.ts, so pages that only show parcels do not load it.
import type { LandClass } from './listing.ts'
import { m2ToMu } from './units.ts'
import type { Surface } from './surface.ts'

export { parseSurface, surfaceRings, type MultiPolygon, type Polygon, type Surface } from './surface.ts'

/**
 * A form error refusing a parcel another listing holds: this prefix, then JSON of
 * { code, href, title }, so the form can name the parcel and link the listing.
 */
export const PARCEL_HELD_PREFIX = 'parcelHeld:'

/** A parcel another listing holds, as the village is told: its code, and that listing's title and page. */
export type HeldParcel = { code: string; href: string; title: string }

export function parseHeldError(message: string): HeldParcel | null {
	if (!message.startsWith(PARCEL_HELD_PREFIX)) return null
	try {
		const v = JSON.parse(message.slice(PARCEL_HELD_PREFIX.length)) as { code?: unknown; href?: unknown; title?: unknown }
		return typeof v.code === 'string' && typeof v.href === 'string' && typeof v.title === 'string' ? { code: v.code, href: v.href, title: v.title } : null
	} catch {
		return null
	}
}

/** How many parcels one listing may hold: a village lists a few fields, not its whole survey. */
export const MAX_PARCELS_PER_LISTING = 50

export type ParcelShape = { geometry: string | Surface }
export type ParcelArea = { surveyedAreaM2: number }
export type ParcelSides = { east: string | null; south: string | null; west: string | null; north: string | null; minLng: number; minLat: number; maxLng: number; maxLat: number }

/** The summed surveyed area (SCMJ), in m² and in 亩 (both to 0.01). */
export function surveyedArea(parcels: readonly ParcelArea[]) {
	const m2 = parcels.reduce((s, p) => s + p.surveyedAreaM2, 0)
	return { m2: Math.round(m2 * 100) / 100, mu: Math.round(m2ToMu(m2) * 100) / 100 }
}

/**
 * A point inside the listing for its pin: the vertex average of the largest part's outer ring when
 * that falls inside it (fields are near-convex), else the midpoint of that ring's longest diagonal
 * from its first vertex, which lies inside for the L-shapes the survey has.
 */
export function pinOf(surface: Surface): [number, number] {
	const parts = surface.type === 'Polygon' ? [surface.coordinates] : surface.coordinates
	let best = parts[0]
	let bestSpan = -1
	for (const part of parts) {
		const ring = part[0]
		const span = ringArea(ring)
		if (span > bestSpan) {
			best = part
			bestSpan = span
		}
	}
	const ring = best[0].slice(0, -1)
	const avg: [number, number] = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length]
	if (insideRing(avg, best[0])) return avg
	for (let i = Math.floor(ring.length / 2); i < ring.length; i++) {
		const mid: [number, number] = [(ring[0][0] + ring[i][0]) / 2, (ring[0][1] + ring[i][1]) / 2]
		if (insideRing(mid, best[0])) return mid
	}
	return avg
}

function ringArea(ring: number[][]) {
	let s = 0
	for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
	return Math.abs(s / 2)
}

function insideRing([x, y]: [number, number], ring: number[][]) {
	let inside = false
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i]
		const [xj, yj] = ring[j]
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
	}
	return inside
}

/** ~10 m in degrees at the banner's latitude: parcels this close to the set's edge face that side. */
const EDGE_TOLERANCE_DEG = 0.0001

export type Sides = { east: string; south: string; west: string; north: string }

/**
 * The 四至 of a set of parcels. One parcel: its own. Several: for each side, the values of the
 * parcels that reach the set's extent on that side (within ~10 m), distinct, joined by "、"; the
 * parcels inside the set, whose sides name each other, do not count. Empty values are skipped.
 */
export function sidesOf(parcels: readonly ParcelSides[]): Sides {
	const empty = { east: '', south: '', west: '', north: '' }
	if (parcels.length === 0) return empty
	const maxLng = Math.max(...parcels.map((p) => p.maxLng))
	const minLng = Math.min(...parcels.map((p) => p.minLng))
	const maxLat = Math.max(...parcels.map((p) => p.maxLat))
	const minLat = Math.min(...parcels.map((p) => p.minLat))
	const side = (key: keyof Sides, faces: (p: ParcelSides) => boolean) => {
		const values = parcels.filter(faces).map((p) => p[key]?.trim() ?? '')
		return [...new Set(values.filter(Boolean))].join('、')
	}
	return {
		east: side('east', (p) => maxLng - p.maxLng <= EDGE_TOLERANCE_DEG),
		south: side('south', (p) => p.minLat - minLat <= EDGE_TOLERANCE_DEG),
		west: side('west', (p) => p.minLng - minLng <= EDGE_TOLERANCE_DEG),
		north: side('north', (p) => maxLat - p.maxLat <= EDGE_TOLERANCE_DEG),
	}
}

/**
 * The listing's land class from a parcel's TDLYLX (GB/T 21010, the 2007 three-digit codes or the
 * 2017 four-digit ones) and, when that is missing, its DKLB: 01 耕地 → cropland, 03 林地 → forest,
 * 04 草地 → grassland, 12 其他土地 (盐碱地, 沙地, 裸地…) → 四荒地; 园地 and the rest → other.
 * Contracted, private-plot, reserve and reclaimed land (DKLB 10, 21, 22, 23) without a land use is
 * farmed: cropland.
 */
export function landClassOf(parcel: { landUse: string | null; parcelClass: string | null }): LandClass {
	const use = parcel.landUse?.trim() ?? ''
	if (use) {
		const group = use.slice(0, 2)
		if (group === '01') return 'CROPLAND'
		if (group === '03') return 'FOREST'
		if (group === '04') return 'GRASSLAND'
		if (group === '12') return 'BARREN'
		return 'OTHER'
	}
	return ['10', '21', '22', '23'].includes(parcel.parcelClass?.trim() ?? '') ? 'CROPLAND' : 'OTHER'
}

/** The land class of a set: the class covering the largest surveyed area (ties: the first parcel's). */
export function landClassOfSet(parcels: ReadonlyArray<{ landUse: string | null; parcelClass: string | null; surveyedAreaM2: number }>): LandClass | null {
	const totals = new Map<LandClass, number>()
	for (const p of parcels) {
		const c = landClassOf(p)
		totals.set(c, (totals.get(c) ?? 0) + p.surveyedAreaM2)
	}
	let best: LandClass | null = null
	for (const [c, m2] of totals) if (best === null || m2 > totals.get(best)!) best = c
	return best
}

