// Pure view arithmetic for the public map: where the map goes when a place is picked, and the
// shapes "search this area" sends (app/domain/search-area.ts reads them back).
import { MAX_POLYGON_POINTS, type SearchPolygon } from '~/domain/search-area.ts'
import type { BBox } from './listing-query.ts'

/** The zoom the map moves to when a town or a village is picked in the filters. */
export const TOWN_ZOOM = 12
export const VILLAGE_ZOOM = 14

/**
 * The view centred on a place at `zoom`, for a map that now shows `current` at `currentZoom`:
 * each zoom step halves the span, so the list can follow before the map reports its own bounds.
 */
export function bboxAround(lng: number, lat: number, zoom: number, current: BBox, currentZoom: number): BBox {
	const scale = 2 ** (currentZoom - zoom)
	const halfW = ((current[2] - current[0]) / 2) * scale
	const halfH = ((current[3] - current[1]) / 2) * scale
	const r = (n: number) => Math.round(n * 1e5) / 1e5
	return [r(Math.max(-180, lng - halfW)), r(Math.max(-90, lat - halfH)), r(Math.min(180, lng + halfW)), r(Math.min(90, lat + halfH))]
}

/** Whether two views are the same to about a metre (the URL keeps five decimals). */
export function sameBBox(a: BBox, b: BBox) {
	return a.every((n, i) => Math.abs(n - b[i]) < 2e-5)
}

/** A rectangle from two opposite corners ([lng, lat]), as the four-point polygon the URL carries. */
export function rectanglePolygon(a: [number, number], b: [number, number]): SearchPolygon {
	const [west, east] = a[0] < b[0] ? [a[0], b[0]] : [b[0], a[0]]
	const [south, north] = a[1] < b[1] ? [a[1], b[1]] : [b[1], a[1]]
	return [
		[west, south],
		[east, south],
		[east, north],
		[west, north],
	]
}

/** The view shrunk by `margin` (a share of its width and height) on every side, as a polygon. */
export function insetPolygon(bbox: BBox, margin: number): SearchPolygon {
	const dx = (bbox[2] - bbox[0]) * margin
	const dy = (bbox[3] - bbox[1]) * margin
	return rectanglePolygon([bbox[0] + dx, bbox[1] + dy], [bbox[2] - dx, bbox[3] - dy])
}

/** A rectangle too small to search by hand (a stray click), in screen pixels. */
export const MIN_DRAG_PX = 8

/**
 * Adds a clicked vertex to a polygon being drawn. A click near the first vertex closes the shape
 * (when it has three points); a click on the last one again is ignored (a double click's second half).
 * Positions are screen pixels, so "near" means the same on every zoom.
 */
export function addVertex(points: Array<[number, number]>, click: [number, number], closeRadius = 10): { points: Array<[number, number]>; closed: boolean } {
	const near = (p: [number, number]) => Math.hypot(p[0] - click[0], p[1] - click[1]) <= closeRadius
	if (points.length >= 3 && near(points[0])) return { points, closed: true }
	if (points.length > 0 && near(points[points.length - 1])) return { points, closed: false }
	if (points.length >= MAX_POLYGON_POINTS) return { points, closed: true }
	return { points: [...points, click], closed: false }
}
