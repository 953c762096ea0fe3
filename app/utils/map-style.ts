// Colours and marker shapes per listing type, shared by every map and the legend.
import type { ListingType } from '~/domain/listing.ts'

export const TYPE_COLORS: Record<ListingType, string> = {
	FARMHOUSE: '#c2410c',
	LAND: '#15803d',
	COLLECTIVE_ASSET: '#1d4ed8',
}

/** A glyph per type so the legend and markers differ by shape as well as colour. */
const GLYPHS: Record<ListingType, string> = {
	// house
	FARMHOUSE: '<path d="M6 12 12 6.5l6 5.5v6.5H6z" fill="#fff"/>',
	// field rows
	LAND: '<path d="M5.5 9h13M5.5 12.5h13M5.5 16h13" stroke="#fff" stroke-width="2" stroke-linecap="round"/>',
	// building with columns
	COLLECTIVE_ASSET: '<path d="M6 9.5 12 6l6 3.5zM7 10.5h2v6H7zm4 0h2v6h-2zm4 0h2v6h-2zM6 17.5h12V19H6z" fill="#fff"/>',
}

/** SVG markup of a type's pin; `size` in CSS pixels. */
export function markerSvg(type: ListingType, size = 30) {
	const color = TYPE_COLORS[type]
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${Math.round(size * 1.25)}" viewBox="0 0 24 30" aria-hidden="true"><path d="M12 29s9-9.2 9-16.5A9 9 0 0 0 3 12.5C3 19.8 12 29 12 29z" fill="${color}" stroke="#fff" stroke-width="1.5"/><g transform="translate(0 0.5)">${GLYPHS[type]}</g></svg>`
}

/** Leaflet's default tile attribution prefix mentions Ukraine's flag; we keep just "Leaflet". */
export const LEAFLET_PREFIX = '<a href="https://leafletjs.com">Leaflet</a>'

/** Dalad Banner, roughly: 133 km east–west, 66 km north–south on the Yellow River's south bank. */
export const DEFAULT_BBOX: [number, number, number, number] = [108.95, 39.85, 110.8, 40.55]

/**
 * Cluster icons fit the server's screen grid (80 px cells, icons kept at least 56 px apart): at most 44 px
 * across, 51 px with the shadow, so neighbours and town labels stay clear; at least 28 px, above
 * the 24 px touch target.
 */
export const CLUSTER_SHADOW = '0 1px 3px rgba(0,0,0,.4)'
/** A drawn search area's outline, on the live map and in the server-drawn first view. */
export const AREA_COLOR = '#7a1b14'
export function clusterIconSize(count: number) {
	return count < 10 ? 28 : count < 100 ? 32 : count < 1000 ? 38 : 44
}

/** The digits on a cluster: big counts shortened so they fit the inner disc. */
export function clusterLabel(count: number) {
	return count >= 10000 ? `${Math.round(count / 1000)}k` : String(count)
}

/** HTML of a cluster icon: a ring split by type shows what the cluster holds before one zooms in. */
export function clusterIconHtml(count: number, types: Record<ListingType, number>) {
	const size = clusterIconSize(count)
	const total = types.FARMHOUSE + types.LAND + types.COLLECTIVE_ASSET || 1
	const a = Math.round((types.FARMHOUSE / total) * 1000) / 10
	const b = Math.round((a + (types.LAND / total) * 100) * 10) / 10
	const ring = `conic-gradient(${TYPE_COLORS.FARMHOUSE} 0 ${a}%, ${TYPE_COLORS.LAND} ${a}% ${b}%, ${TYPE_COLORS.COLLECTIVE_ASSET} ${b}% 100%)`
	const inner = size - 10
	const font = size < 32 ? 11 : 12
	return `<div style="width:${size}px;height:${size}px;border-radius:50%;background:${ring};display:flex;align-items:center;justify-content:center;box-shadow:${CLUSTER_SHADOW}"><span class="cluster-count" style="background:#fff;border-radius:50%;width:${inner}px;height:${inner}px;display:flex;align-items:center;justify-content:center;font:600 ${font}px/1 sans-serif;color:#1c1917">${clusterLabel(count)}</span></div>`
}
