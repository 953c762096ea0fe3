// The map's first view drawn by the server: the clusters of the page's first answer and the tiles
// under them, placed as Leaflet will place them, so the page shows its map before Leaflet loads
// (decision 045). Pure arithmetic on Web Mercator, Leaflet's default projection (EPSG:3857).
import { type BBox } from '~/domain/map-view.ts'

const TILE = 256

/** A point's pixel position at `zoom` (Leaflet's `map.project`, before its rounding). */
export function projectPx(lng: number, lat: number, zoom: number): { x: number; y: number } {
	const size = TILE * 2 ** zoom
	const s = Math.sin((Math.max(-85.0511287798, Math.min(85.0511287798, lat)) * Math.PI) / 180)
	return { x: ((lng + 180) / 360) * size, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size }
}

function unprojectPx(x: number, y: number, zoom: number): [lng: number, lat: number] {
	const size = TILE * 2 ** zoom
	const lng = (x / size) * 360 - 180
	const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI
	return [lng, lat]
}

/**
 * The ground the first answer covers: the view grown by half on every side, and at least what a
 * container of `size` shows at `zoom` around the view's centre, grown by half again (a phone's
 * tall map shows much more than the view's height).
 */
export function firstViewCover(view: BBox, zoom: number, size: { width: number; height: number }): BBox {
	const sw = projectPx(view[0], view[1], zoom)
	const ne = projectPx(view[2], view[3], zoom)
	const cx = (sw.x + ne.x) / 2
	const cy = (sw.y + ne.y) / 2
	const halfW = Math.max(ne.x - sw.x, size.width * 0.75)
	const halfH = Math.max(sw.y - ne.y, size.height * 0.75)
	const [west, north] = unprojectPx(cx - halfW, cy - halfH, zoom)
	const [east, south] = unprojectPx(cx + halfW, cy + halfH, zoom)
	return [Math.max(-180, west), Math.max(-85, south), Math.min(180, east), Math.min(85, north)]
}

/**
 * A tile's address from the template Leaflet's TileLayer is given (`{s}`, `{z}`, `{x}`, `{y}`,
 * `{r}`), with the subdomain Leaflet picks for it, so the browser's cache serves Leaflet's own
 * request for the same tile.
 */
export function tileUrl(template: string, subdomains: string, z: number, x: number, y: number): string {
	const s = subdomains ? subdomains[Math.abs(x + y) % subdomains.length] : ''
	const values: Record<string, string> = { s, z: String(z), x: String(x), y: String(y), r: '' }
	return template.replace(/\{ *([\w_ -]+) *\}/g, (whole, key: string) => values[key] ?? whole)
}

export type FirstViewTile = { key: string; url: string; left: number; top: number }
export type FirstViewPoint = { left: number; top: number }
/** A scale of the drawn view for containers where Leaflet would open at another zoom. */
export type FirstViewScale = { scale: number; query: string }

/** The thresholds Leaflet's getBoundsZoom crosses: it rounds log2 of the fit to 1/100 before flooring. */
const SNAP_SLACK = 2 ** -0.005

/**
 * Where the first view's tiles and points go, in pixels from the map container's centre: Leaflet's
 * fitBounds centres `view` at `zoom` (the midpoint of its projected corners). Tiles cover `cover`
 * (the box the first answer was computed over). `scales` holds a container query per other zoom
 * Leaflet would pick for the same view in a container of another size (getBoundsZoom), with the
 * scale that shows the same ground, so a phone's first view shows what its map will.
 */
export function firstViewLayout(input: {
	view: BBox
	cover: BBox
	zoom: number
	points: Array<[lng: number, lat: number]>
	tileUrl: string
	subdomains: string
	minZoom: number
	maxZoom: number
}): { tiles: FirstViewTile[]; points: FirstViewPoint[]; scales: FirstViewScale[] } {
	const { view, cover, zoom } = input
	const sw = projectPx(view[0], view[1], zoom)
	const ne = projectPx(view[2], view[3], zoom)
	const cx = (sw.x + ne.x) / 2
	const cy = (sw.y + ne.y) / 2
	const points = input.points.map(([lng, lat]) => {
		const p = projectPx(lng, lat, zoom)
		return { left: Math.round(p.x - cx), top: Math.round(p.y - cy) }
	})

	const a = projectPx(cover[0], cover[3], zoom)
	const b = projectPx(cover[2], cover[1], zoom)
	const last = 2 ** zoom - 1
	const tiles: FirstViewTile[] = []
	for (let ty = Math.max(0, Math.floor(a.y / TILE)); ty <= Math.min(last, Math.floor(b.y / TILE)); ty++) {
		for (let tx = Math.max(0, Math.floor(a.x / TILE)); tx <= Math.min(last, Math.floor(b.x / TILE)); tx++) {
			tiles.push({ key: `${tx}/${ty}`, url: tileUrl(input.tileUrl, input.subdomains, zoom, tx, ty), left: Math.round(tx * TILE - cx), top: Math.round(ty * TILE - cy) })
		}
	}

	// The view's size at zoom 0: Leaflet opens a W×H container at floor(log2(min(W/w0, H/h0))).
	const w0 = (ne.x - sw.x) / 2 ** zoom
	const h0 = (sw.y - ne.y) / 2 ** zoom
	const scales: FirstViewScale[] = []
	const px = (n: number) => `${Math.round(n * 100) / 100}px`
	if (w0 > 0 && h0 > 0) {
		// A container big enough for one zoom more (both sides), then smaller ones (either side
		// short); later rules win, so the smallest match is last.
		if (zoom + 1 <= input.maxZoom) {
			const k = zoom + 1
			scales.push({ scale: 2, query: `(min-width: ${px(w0 * 2 ** k * SNAP_SLACK)}) and (min-height: ${px(h0 * 2 ** k * SNAP_SLACK)})` })
		}
		for (const k of [zoom - 1, zoom - 2]) {
			if (k < input.minZoom) break
			// Leaflet picks k or less when the fit for k + 1 is out of reach on either side.
			scales.push({ scale: 2 ** (k - zoom), query: `(max-width: ${px(w0 * 2 ** (k + 1) * SNAP_SLACK - 0.01)}) or (max-height: ${px(h0 * 2 ** (k + 1) * SNAP_SLACK - 0.01)})` })
		}
	}
	return { tiles, points, scales }
}
