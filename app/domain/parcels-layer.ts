// The parcels layer of the public map (issue 11): the limits the endpoint (/api/parcels) enforces
// and the map respects. No dependencies, so the map's bundle takes them without turf.

/** The layer shows from this zoom on: at 14 a 1,440 px wide map spans ~7 km, a few villages' fields. */
export const PARCELS_MIN_ZOOM = 14
/** At most this many outlines in one answer; the map says when there were more. */
export const PARCELS_MAX_FEATURES = 3000
/** The largest viewport asked for, in degrees of longitude and latitude (a 2,560 px screen at zoom 14 with room). */
export const PARCELS_MAX_SPAN = { lng: 0.25, lat: 0.2 }

export type ViewBox = { west: number; south: number; east: number; north: number }

/** The viewport cut to PARCELS_MAX_SPAN around its centre (a very large screen asks for its middle). */
export function clipToMaxSpan(box: ViewBox): ViewBox {
	const cx = (box.west + box.east) / 2
	const cy = (box.south + box.north) / 2
	// 2 % under the limit: the endpoint's check must not refuse a box for a floating-point remainder.
	const halfW = Math.min(box.east - box.west, PARCELS_MAX_SPAN.lng * 0.98) / 2
	const halfH = Math.min(box.north - box.south, PARCELS_MAX_SPAN.lat * 0.98) / 2
	// Rounded inwards to 5 decimals, so the URL (and the browser's cache) repeats for the same view.
	const r = (n: number, up: boolean) => (up ? Math.ceil(n * 1e5) : Math.floor(n * 1e5)) / 1e5
	return { west: r(cx - halfW, true), south: r(cy - halfH, true), east: r(cx + halfW, false), north: r(cy + halfH, false) }
}
