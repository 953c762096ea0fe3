// "Search this area": a polygon drawn on the map (a rectangle is a four-point polygon) limits the
// search to the listings inside it. Kept in the URL as `polygon=lng,lat;lng,lat;…` so a drawn
// search can be shared and reloaded, and read by /api/listings the same way.
export type SearchPolygon = Array<[lng: number, lat: number]>

export const MAX_POLYGON_POINTS = 100

/** Parses `lng,lat;lng,lat;…` (at least 3 points); null with a reason when it is not a polygon. */
export function parseSearchPolygon(raw: string | null): { polygon: SearchPolygon | null; error: string | null } {
	if (raw === null || raw.trim() === '') return { polygon: null, error: null }
	const parts = raw.split(';').filter((p) => p.trim() !== '')
	if (parts.length < 3) return { polygon: null, error: 'polygon needs at least 3 points: lng,lat;lng,lat;lng,lat' }
	if (parts.length > MAX_POLYGON_POINTS + 1) return { polygon: null, error: `polygon has more than ${MAX_POLYGON_POINTS} points` }
	const polygon: SearchPolygon = []
	for (const part of parts) {
		const xy = part.split(',').map((n) => Number(n.trim()))
		if (xy.length !== 2 || !xy.every(Number.isFinite)) return { polygon: null, error: 'polygon points must be lng,lat pairs' }
		const [lng, lat] = xy
		if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return { polygon: null, error: 'polygon lies outside the world' }
		polygon.push([lng, lat])
	}
	// A closed ring repeats its first point: drop the repeat.
	const [first, last] = [polygon[0], polygon[polygon.length - 1]]
	if (polygon.length > 3 && first[0] === last[0] && first[1] === last[1]) polygon.pop()
	return { polygon, error: null }
}

export function formatSearchPolygon(polygon: SearchPolygon) {
	return polygon.map(([lng, lat]) => `${+lng.toFixed(5)},${+lat.toFixed(5)}`).join(';')
}

/** The polygon's bounding box [west, south, east, north]. */
export function polygonBBox(polygon: SearchPolygon): [number, number, number, number] {
	let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity]
	for (const [lng, lat] of polygon) {
		if (lng < west) west = lng
		if (lng > east) east = lng
		if (lat < south) south = lat
		if (lat > north) north = lat
	}
	return [west, south, east, north]
}

/**
 * Whether a point lies inside the polygon (even-odd rule, ray casting). Allocation-free: the search
 * engine calls it for every candidate listing.
 */
export function polygonContains(polygon: SearchPolygon, lng: number, lat: number) {
	let inside = false
	for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
		const [xi, yi] = polygon[i]
		const [xj, yj] = polygon[j]
		if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
	}
	return inside
}
