import { describe, expect, test } from 'vitest'
import { firstViewCover, firstViewLayout, projectPx, tileUrl } from './map-first-view.ts'
import { containsBBox, fitZoom, TYPICAL_MAP_SIZE, type BBox } from './map-view.ts'

const BANNER: BBox = [108.95, 39.85, 110.8, 40.55]

/** Evaluates a layout's container queries the way the browser does: the last matching rule wins. */
function scaleFor(scales: Array<{ scale: number; query: string }>, width: number, height: number) {
	let scale = 1
	for (const s of scales) {
		const conds = [...s.query.matchAll(/\((min|max)-(width|height): ([\d.]+)px\)/g)].map(([, kind, side, n]) => {
			const v = side === 'width' ? width : height
			return kind === 'min' ? v >= Number(n) : v <= Number(n)
		})
		if (s.query.includes(' or ') ? conds.some(Boolean) : conds.every(Boolean)) scale = s.scale
	}
	return scale
}

describe('projectPx', () => {
	test('matches Leaflet’s EPSG:3857 pixels', () => {
		expect(projectPx(0, 0, 0)).toEqual({ x: 128, y: 128 })
		const p = projectPx(180, 85.0511287798, 1)
		expect(p.x).toBeCloseTo(512, 6)
		expect(p.y).toBeCloseTo(0, 3)
		// Beijing at zoom 10 is in OSM's tile 843/388; the slippy-map formula gives its fraction.
		const b = projectPx(116.4074, 39.9042, 10)
		expect(b.x / 256).toBeCloseTo(((116.4074 + 180) / 360) * 1024, 9)
		expect(b.y / 256).toBeCloseTo(((1 - Math.asinh(Math.tan((39.9042 * Math.PI) / 180)) / Math.PI) / 2) * 1024, 9)
		expect([Math.floor(b.x / 256), Math.floor(b.y / 256)]).toEqual([843, 388])
	})
})

describe('tileUrl', () => {
	test('fills the template as Leaflet does, subdomain by (x + y) mod count', () => {
		expect(tileUrl('https://{s}.tile.example/{z}/{x}/{y}{r}.png', 'abc', 9, 412, 193)).toBe('https://c.tile.example/9/412/193.png')
		expect(tileUrl('https://{s}.tile.example/{z}/{x}/{y}.png', 'abc', 9, 413, 193)).toBe('https://a.tile.example/9/413/193.png')
		expect(tileUrl('https://tile.openstreetmap.org/{z}/{x}/{y}.png', '', 3, 1, 2)).toBe('https://tile.openstreetmap.org/3/1/2.png')
		expect(tileUrl('https://t.example/{z}/{x}/{y}?k={key}', 'abc', 3, 1, 2)).toBe('https://t.example/3/1/2?k={key}')
	})
})

describe('firstViewLayout', () => {
	const zoom = fitZoom(BANNER, TYPICAL_MAP_SIZE.width, TYPICAL_MAP_SIZE.height, 5, 18)
	const cover = firstViewCover(BANNER, zoom, TYPICAL_MAP_SIZE)
	const layout = firstViewLayout({ view: BANNER, cover, zoom, points: [[109.875, 40.2], [108.95, 39.85]], tileUrl: 'https://t/{z}/{x}/{y}.png', subdomains: '', minZoom: 5, maxZoom: 18 })

	test('places the view’s centre at the container’s centre and its corner half a view away', () => {
		const sw = projectPx(BANNER[0], BANNER[1], zoom)
		const ne = projectPx(BANNER[2], BANNER[3], zoom)
		const [centre, corner] = layout.points
		expect(Math.abs(centre!.left)).toBeLessThanOrEqual(1)
		expect(Math.abs(centre!.top - Math.round(projectPx(109.875, 40.2, zoom).y - (sw.y + ne.y) / 2))).toBe(0)
		expect(corner!.left).toBe(Math.round(-(ne.x - sw.x) / 2))
		expect(corner!.top).toBe(Math.round((sw.y - ne.y) / 2))
	})

	test('covers the cover with whole tiles, each where its pixels start', () => {
		const a = projectPx(cover[0], cover[3], zoom)
		const b = projectPx(cover[2], cover[1], zoom)
		const cols = Math.floor(b.x / 256) - Math.floor(a.x / 256) + 1
		const rows = Math.floor(b.y / 256) - Math.floor(a.y / 256) + 1
		expect(layout.tiles).toHaveLength(cols * rows)
		const first = layout.tiles[0]!
		expect(first.url).toBe(`https://t/${zoom}/${Math.floor(a.x / 256)}/${Math.floor(a.y / 256)}.png`)
		// Neighbouring tiles are 256 px apart, and the first starts at or before the cover's corner.
		expect(layout.tiles[1]!.left - first.left).toBe(256)
		const ne = projectPx(BANNER[2], BANNER[3], zoom)
		const sw = projectPx(BANNER[0], BANNER[1], zoom)
		expect(first.left).toBeLessThanOrEqual(Math.round(a.x - (sw.x + ne.x) / 2))
	})

	test('its container queries give the zoom Leaflet’s fitBounds picks for any container size', () => {
		const sizes: Array<[number, number]> = [[768, 650], [1280, 900], [390, 644], [360, 600], [320, 320], [200, 900], [1600, 1400], [3000, 2000], [700, 200], [1024, 500]]
		for (let i = 0; i < 200; i++) sizes.push([200 + ((i * 7919) % 2800), 200 + ((i * 104729) % 1800)])
		for (const [w, h] of sizes) {
			const leaflet = fitZoom(BANNER, w, h, 5, 18)
			const expected = leaflet >= zoom - 2 && leaflet <= zoom + 1 ? 2 ** (leaflet - zoom) : leaflet < zoom ? 0.25 : 2
			expect(scaleFor(layout.scales, w, h), `${w}×${h}`).toBe(expected)
		}
	})

	test('no scale goes below the map’s least zoom', () => {
		const low = firstViewLayout({ view: BANNER, cover: BANNER, zoom: 6, points: [], tileUrl: 'x/{z}', subdomains: '', minZoom: 5, maxZoom: 18 })
		expect(low.scales.map((s) => s.scale)).toEqual([2, 0.5])
	})
})

describe('firstViewCover', () => {
	test('holds the view grown by half, and what a container of the size shows at the zoom', () => {
		const zoom = fitZoom(BANNER, 375, 600, 5, 18)
		const cover = firstViewCover(BANNER, zoom, { width: 375, height: 600 })
		expect(containsBBox(cover, BANNER)).toBe(true)
		const sw = projectPx(cover[0], cover[1], zoom)
		const ne = projectPx(cover[2], cover[3], zoom)
		// A 390×644 phone's map at that zoom shows 390×644 px around the centre: inside the cover.
		expect(ne.x - sw.x).toBeGreaterThan(390)
		expect(sw.y - ne.y).toBeGreaterThan(644)
		const v = [projectPx(BANNER[0], BANNER[1], zoom), projectPx(BANNER[2], BANNER[3], zoom)] as const
		expect(ne.x - sw.x).toBeGreaterThanOrEqual(2 * (v[1].x - v[0].x) - 1e-6)
		expect(sw.y - ne.y).toBeGreaterThanOrEqual(2 * (v[0].y - v[1].y) - 1e-6)
	})
})
