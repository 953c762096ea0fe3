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
