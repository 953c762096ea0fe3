// The map's first view, worked out on the server so the home page can carry the map's first
// answer in its loader data (no second round trip before clusters show).
export type BBox = [west: number, south: number, east: number, north: number]

/** The map container a wide screen gives the home page's map (3/5 of a 1280 px window, below the header and filters). */
export const TYPICAL_MAP_SIZE = { width: 768, height: 650 } as const
/** A phone's map on the home page: a 375 px wide screen, its height less the header, filters and switch (100dvh − 200px of an 800 px screen). */
export const TYPICAL_PHONE_MAP_SIZE = { width: 375, height: 600 } as const

const TILE = 256
function mercatorY(lat: number) {
	const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180)
	return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * TILE
}

/**
 * The zoom Leaflet's fitBounds picks for `bbox` in a container of `width`×`height` pixels
 * (Map.getBoundsZoom with zoomSnap 1 and no padding): the largest whole zoom that shows all of it.
 */
export function fitZoom(bbox: BBox, width: number, height: number, minZoom = 0, maxZoom = 18): number {
	const dx = ((bbox[2] - bbox[0]) / 360) * TILE
	const dy = mercatorY(bbox[1]) - mercatorY(bbox[3])
	if (!(dx > 0) || !(dy > 0)) return maxZoom
	// Leaflet rounds to 1/100 of the snap before flooring, which the same rounding reproduces.
	const exact = Math.round(Math.log2(Math.min(width / dx, height / dy)) * 100) / 100
	return Math.max(minZoom, Math.min(maxZoom, Math.floor(exact)))
}

export function containsBBox(outer: BBox, inner: BBox): boolean {
	return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3]
}
