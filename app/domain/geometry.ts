// Land boundaries drawn by villages: checked before saving, and their area computed in mu with
// @turf/area (geodesic) rather than by hand.
import turfArea from '@turf/area'
import kinks from '@turf/kinks'
import { m2ToMu } from './units.ts'

export const MAX_BOUNDARY_POINTS = 500
// Mainland China with a margin: a point outside is a mistake (swapped lat/lng, a click in the sea).
const REGION = { west: 73, south: 17, east: 136, north: 54 }

export type Polygon = { type: 'Polygon'; coordinates: number[][][] }
export type BoundaryProblem = 'invalid' | 'tooFewPoints' | 'tooManyPoints' | 'outsideRegion' | 'selfIntersecting' | 'tooSmall'

export function parseBoundary(raw: unknown): { polygon: Polygon | null; problem: BoundaryProblem | null } {
	let value = raw
	if (typeof raw === 'string') {
		if (raw.length > 100_000) return { polygon: null, problem: 'tooManyPoints' }
		try {
			value = JSON.parse(raw)
		} catch {
			return { polygon: null, problem: 'invalid' }
		}
	}
	const g = value as { type?: unknown; coordinates?: unknown }
	if (!g || g.type !== 'Polygon' || !Array.isArray(g.coordinates) || g.coordinates.length !== 1 || !Array.isArray(g.coordinates[0])) {
		return { polygon: null, problem: 'invalid' }
	}
	const ring = g.coordinates[0] as unknown[]
	if (ring.length > MAX_BOUNDARY_POINTS + 1) return { polygon: null, problem: 'tooManyPoints' }
	const points: number[][] = []
	for (const p of ring) {
		if (!Array.isArray(p) || p.length < 2 || !p.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n))) {
			return { polygon: null, problem: 'invalid' }
		}
		const [lng, lat] = p as number[]
		if (lng < REGION.west || lng > REGION.east || lat < REGION.south || lat > REGION.north) return { polygon: null, problem: 'outsideRegion' }
		points.push([lng, lat])
	}
	// Close the ring if the client did not.
	const first = points[0]
	const last = points[points.length - 1]
	if (first && last && (first[0] !== last[0] || first[1] !== last[1])) points.push([first[0], first[1]])
	if (points.length < 4) return { polygon: null, problem: 'tooFewPoints' }
	const polygon: Polygon = { type: 'Polygon', coordinates: [points] }
	if (kinks(polygon).features.length > 0) return { polygon: null, problem: 'selfIntersecting' }
	if (areaMu(polygon) < 0.01) return { polygon: null, problem: 'tooSmall' }
	return { polygon, problem: null }
}

export function areaMu(polygon: Polygon) {
	return m2ToMu(turfArea(polygon))
}

/** The polygon's centre of mass (vertex average), good enough to place the listing's pin. */
export function centroid(polygon: Polygon): [number, number] {
	const ring = polygon.coordinates[0].slice(0, -1)
	const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length
	const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length
	return [lng, lat]
}
