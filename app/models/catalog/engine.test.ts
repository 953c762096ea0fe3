// The engine against a brute-force reference on random data and random filter combinations:
// counts, cluster membership (within a cell), list order and paging, before and after changes.
import { describe, expect, it } from 'vitest'
import { LISTING_TYPES, PRICE_UNITS, TRANSFER_MODES, type AreaUnit, type ListingType, type PriceUnit } from '~/domain/listing.ts'
import { comparePrice, muToM2 } from '~/domain/units.ts'
import { listingMatcher, parseListingQuery, type BBox, type ListingQuery, type Sort } from '~/utils/listing-query.ts'
import { Catalog, CELL_PX, latToY, lngToX, MIN_CLUSTER, type CatalogRow, type Place } from './engine.ts'

let seed = 7
function random() {
	seed = (seed * 1664525 + 1013904223) % 4294967296
	return seed / 4294967296
}
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]

const towns: Place[] = Array.from({ length: 4 }, (_, i) => ({ code: `t${i}`, name: `镇${i}`, nameEn: `Town ${i}` }))
const villages: Place[] = Array.from({ length: 12 }, (_, i) => ({ code: `v${i}`, name: `村${i}`, nameEn: `Village ${i}` }))

let serial = 0
let lastKey = 0
function randomRow(): CatalogRow {
	const type = pick(LISTING_TYPES)
	const areaUnit: AreaUnit = type === 'LAND' ? 'mu' : 'm2'
	const village = Math.floor(random() * villages.length)
	return {
		id: `c${(serial++).toString(36).padStart(6, '0')}${Math.floor(random() * 1e6).toString(36)}`,
		type,
		townIndex: village % towns.length,
		villageIndex: village,
		// Whole numbers repeat, so ties in price, area and date are exercised.
		area: Math.round(random() * 400) + 1,
		areaUnit,
		price: Math.round(random() * 50) * 20,
		priceUnit: pick(PRICE_UNITS),
		transferMode: pick(TRANSFER_MODES),
		// Gathered like villages: most points near a few centres, some anywhere.
		lat: random() < 0.7 ? 40.2 + (random() - 0.5) * 0.05 : 39.9 + random() * 0.6,
		lng: random() < 0.7 ? 110 + (random() - 0.5) * 0.05 : 109 + random() * 1.8,
		publishedAt: Date.UTC(2026, 0, 1) + Math.floor(random() * 50) * 86_400_000,
		hasBoundary: type === 'LAND' && random() < 0.3,
		searchKey: ++lastKey,
	}
}

type Ref = CatalogRow & { townCode: string; villageCode: string; areaM2: number }
const toRef = (r: CatalogRow): Ref => ({
	...r,
	townCode: towns[r.townIndex].code,
	villageCode: villages[r.villageIndex].code,
	areaM2: r.areaUnit === 'mu' ? muToM2(r.area) : r.area,
})

function randomQuery(): ListingQuery {
	const p = new URLSearchParams()
	if (random() < 0.5) for (const t of LISTING_TYPES) if (random() < 0.5) p.append('type', t)
	if (random() < 0.2) p.set('town', pick(towns).code)
	if (random() < 0.15) p.set('village', pick(villages).code)
	if (random() < 0.3) {
		p.set('minArea', String(Math.round(random() * 100)))
		if (random() < 0.5) p.set('maxArea', String(100 + Math.round(random() * 300)))
		if (random() < 0.5) p.set('areaUnit', pick(['mu', 'm2']))
	}
	if (random() < 0.3) {
		p.set('minPrice', String(Math.round(random() * 400)))
		p.set('maxPrice', String(400 + Math.round(random() * 600)))
		p.set('priceUnit', pick(PRICE_UNITS))
	}
	if (random() < 0.2) p.set('mode', pick(TRANSFER_MODES))
	if (random() < 0.15) {
		const [x, y, r] = [109.5 + random(), 40 + random() * 0.4, 0.05 + random() * 0.4]
		p.set('polygon', `${x - r},${y - r};${x + r},${y - r * 0.5};${x + r * 0.2},${y + r};${x - r},${y + r * 0.3}`)
	}
	const zoom = 6 + Math.floor(random() * 12)
	// A viewport of about 1280×800 px at that zoom, somewhere over the data.
	const [cx, cy] = random() < 0.6 ? [110 + (random() - 0.5) * 0.1, 40.2 + (random() - 0.5) * 0.1] : [109 + random() * 1.8, 39.9 + random() * 0.6]
	const half = (640 * 360) / (256 * 2 ** zoom)
	p.set('bbox', [cx - half, cy - half * 0.6, cx + half, cy + half * 0.6].map((n) => n.toFixed(5)).join(','))
	p.set('zoom', String(zoom))
	p.set('sort', pick(['newest', 'priceAsc', 'priceDesc', 'areaDesc']))
	p.set('page', String(1 + Math.floor(random() * 3)))
	const { query, errors } = parseListingQuery(p)
	expect(errors).toEqual({})
	return query
}

const inBox = (r: { lng: number; lat: number }, b: BBox) => r.lng >= b[0] && r.lng <= b[2] && r.lat >= b[1] && r.lat <= b[3]

function refOrder(sort: Sort) {
	const newest = (a: Ref, b: Ref) => b.publishedAt - a.publishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	switch (sort) {
		case 'newest':
			return newest
		case 'priceAsc':
			return (a: Ref, b: Ref) => comparePrice(a, b, 'asc') || newest(a, b)
		case 'priceDesc':
			return (a: Ref, b: Ref) => comparePrice(a, b, 'desc') || newest(a, b)
		case 'areaDesc':
			return (a: Ref, b: Ref) => b.areaM2 - a.areaM2 || newest(a, b)
	}
}

function build(rows: CatalogRow[], indexed: boolean) {
	const catalog = new Catalog(towns, villages)
	for (const r of rows) catalog.upsert(r)
	if (indexed) catalog.buildIndex()
	return catalog
}

function check(catalog: Catalog, live: Map<string, CatalogRow>, text: Set<string> | null, rounds: number | ListingQuery[]) {
	const refs = [...live.values()].map(toRef)
	const queries = typeof rounds === 'number' ? Array.from({ length: rounds }, randomQuery) : rounds
	for (const query of queries) {
		if (text) query.q = 'word'
		// Over search keys, as the full-text index answers: not the engine's rows.
		const bits = text ? new Uint8Array(lastKey + 1) : null
		if (bits && text) for (const id of text) if (live.has(id)) bits[live.get(id)!.searchKey] = 1
		const matches = listingMatcher(query)
		const all = refs.filter((r) => matches(r) && (!text || text.has(r.id)))
		const expected = all.filter((r) => inBox(r, query.bbox!))

		// The map: every matching listing in view is counted once, in a cluster or on its own.
		const f = catalog.features(query, bits)
		expect(f.total).toBe(expected.length)
		const clustered = f.clusters.reduce((s, c) => s + c.count, 0)
		expect(clustered + f.singles.length).toBe(expected.length)
		for (const c of f.clusters) {
			expect(c.count).toBeGreaterThanOrEqual(MIN_CLUSTER)
			expect(c.types.FARMHOUSE + c.types.LAND + c.types.COLLECTIVE_ASSET).toBe(c.count)
			expect(c.expansionZoom).toBeGreaterThan(query.zoom)
		}
		const expectedIds = new Set(expected.map((r) => r.id))
		for (const i of f.singles) expect(expectedIds.has(catalog.cols.ids[i])).toBe(true)
		// Membership within tolerance: each listing not shown alone lies within one cell of a cluster's icon.
		const px = (lng: number, lat: number) => [lngToX(lng) * 256 * 2 ** query.zoom, latToY(lat) * 256 * 2 ** query.zoom]
		const singles = new Set(f.singles.map((i) => catalog.cols.ids[i]))
		const icons = f.clusters.map((c) => px(c.lng, c.lat))
		for (const r of expected.slice(0, 150)) {
			if (singles.has(r.id)) continue
			const [x, y] = px(r.lng, r.lat)
			expect(icons.some(([cx, cy]) => Math.abs(cx - x) <= CELL_PX && Math.abs(cy - y) <= CELL_PX)).toBe(true)
		}

		// The list: same count as the map, in the reference order, paged.
		const list = catalog.list(query, bits, 20)
		expect(list.total).toBe(expected.length)
		expect(list.totalAll).toBe(all.length)
		const ordered = [...expected].sort(refOrder(query.sort))
		const page = Math.min(query.page, Math.max(1, Math.ceil(expected.length / 20)))
		expect(list.page).toBe(page)
		expect(list.rows.map((i) => catalog.cols.ids[i])).toEqual(ordered.slice((page - 1) * 20, page * 20).map((r) => r.id))
	}
}

/** The catalogue as a restart reads it back from its snapshot's bytes. */
function restore(catalog: Catalog) {
	const parts = catalog.toBytes()
	const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
	let at = 0
	for (const p of parts) {
		bytes.set(p, at)
		at += p.length
	}
	return Catalog.fromBytes(bytes, towns, villages)
}

// The reference is slow by design; on a busy 2-core machine these take seconds.
describe('listing search engine against brute force', { timeout: 60_000 }, () => {
	const rows = Array.from({ length: 5000 }, randomRow)
	const live = new Map(rows.map((r) => [r.id, r]))

	it('agrees on counts, clusters and list order over random filter combinations (spatial index)', () => {
		check(build(rows, true), live, null, 100)
	})

	it('agrees without the spatial index (a small county scans)', () => {
		const small = rows.slice(0, 800)
		check(build(small, false), new Map(small.map((r) => [r.id, r])), null, 60)
	})

	it('agrees with a text search bitset', () => {
		const text = new Set(rows.filter(() => random() < 0.3).map((r) => r.id))
		check(build(rows, true), live, text, 40)
	})

	it('stays right as listings change (overlay), and after compaction', () => {
		const catalog = build(rows, true)
		const current = new Map(live)
		// The same filters before and after: cached counts must follow the changes.
		const queries = Array.from({ length: 40 }, randomQuery)
		check(catalog, current, null, queries)
		for (let n = 0; n < 400; n++) {
			const roll = random()
			if (roll < 0.3) {
				const r = randomRow()
				catalog.upsert(r)
				current.set(r.id, r)
			} else if (roll < 0.6) {
				const id = pick([...current.keys()])
				catalog.remove(id)
				current.delete(id)
			} else {
				// An edit: same id, new price and place.
				const id = pick([...current.keys()])
				const r = { ...randomRow(), id }
				catalog.upsert(r)
				current.set(id, r)
			}
		}
		expect(catalog.size).toBe(current.size)
		expect(catalog.overlay).toBeGreaterThan(0)
		check(catalog, current, null, queries)
		const compact = catalog.compacted()
		expect(compact.overlay).toBe(0)
		expect(compact.rows).toBe(current.size)
		check(compact, current, null, 30)
	})

	it('a snapshot (for a fast restart) answers exactly as the catalogue it was taken of, and takes changes', () => {
		const restored = restore(build(rows, true))
		expect(restored.size).toBe(rows.length)
		check(restored, live, null, 40)
		const current = new Map(live)
		const r = randomRow()
		restored.upsert(r)
		current.set(r.id, r)
		restored.remove(rows[0].id)
		current.delete(rows[0].id)
		check(restored, current, null, 20)
	})

	// Decision 040: an unfiltered view reads its interior cells from their level. The same view
	// asked with every type ticked (no filter in effect, but not "no filters") aggregates every row:
	// the answers must be the same, cell for cell, as rows change and after compaction.
	it('an unfiltered view from its levels answers as a scan of every row, through changes', () => {
		const many = Array.from({ length: 20_000 }, randomRow)
		const catalog = build(many, true)
		const current = new Map(many.map((r) => [r.id, r]))
		const views = () =>
			Array.from({ length: 60 }, () => {
				const zoom = 6 + Math.floor(random() * 7)
				const [cx, cy] = random() < 0.6 ? [110 + (random() - 0.5) * 0.1, 40.2 + (random() - 0.5) * 0.1] : [109 + random() * 1.8, 39.9 + random() * 0.6]
				const half = (640 * 360) / (256 * 2 ** zoom)
				const p = new URLSearchParams({ bbox: [cx - half, cy - half * 0.6, cx + half, cy + half * 0.6].map((n) => n.toFixed(5)).join(','), zoom: String(zoom) })
				return parseListingQuery(p).query
			})
		const same = (c: Catalog, queries: ListingQuery[]) => {
			let interiorViews = 0
			for (const query of queries) {
				const fast = c.features(query, null)
				const scan = c.features({ ...query, types: [...LISTING_TYPES] }, null)
				expect(fast.total).toBe(scan.total)
				expect(fast.singles.map((i) => c.cols.ids[i]).sort()).toEqual(scan.singles.map((i) => c.cols.ids[i]).sort())
				const shape = (cluster: (typeof fast.clusters)[number]) => ({ ...cluster, lng: 0, lat: 0 })
				expect(fast.clusters.map(shape)).toEqual(scan.clusters.map(shape))
				fast.clusters.forEach((cluster, k) => {
					expect(cluster.lng).toBeCloseTo(scan.clusters[k].lng, 9)
					expect(cluster.lat).toBeCloseTo(scan.clusters[k].lat, 9)
				})
				if (fast.clusters.some((cluster) => cluster.count > 50)) interiorViews++
			}
			// The views were wide enough for levels to serve most of them.
			expect(interiorViews).toBeGreaterThan(queries.length / 2)
		}
		const queries = views()
		same(catalog, queries)
		for (let n = 0; n < 3000; n++) {
			const roll = random()
			const id = pick(many).id
			if (roll < 0.4 && current.has(id)) {
				catalog.remove(id)
				current.delete(id)
			} else {
				// A new listing, or an edit that moves one: its old cell is counted again.
				const r = roll < 0.7 ? randomRow() : { ...randomRow(), id }
				catalog.upsert(r)
				current.set(r.id, r)
			}
			if (n % 500 === 0) same(catalog, queries.slice(0, 10))
		}
		expect(catalog.size).toBe(current.size)
		same(catalog, queries)
		same(catalog, views())
		same(catalog.compacted(), queries)
	})

	it('a snapshot of a changed catalogue (overlay, dead rows) answers as that catalogue, and takes more changes', () => {
		const catalog = build(rows, true)
		const current = new Map(live)
		for (let n = 0; n < 300; n++) {
			const id = pick([...current.keys()])
			if (n % 3 === 0) {
				catalog.remove(id)
				current.delete(id)
			} else {
				// An edit moves a listing into the overlay (its old row dies); the rest are new listings.
				const r = n % 3 === 1 ? { ...randomRow(), id } : randomRow()
				catalog.upsert(r)
				current.set(r.id, r)
			}
		}
		const restored = restore(catalog)
		expect(restored.size).toBe(current.size)
		expect(restored.overlay).toBe(catalog.overlay)
		const queries = Array.from({ length: 30 }, randomQuery)
		check(restored, current, null, queries)
		const id = pick([...current.keys()])
		restored.remove(id)
		current.delete(id)
		check(restored, current, null, queries)
	})

	it('pages through rows that tie on every key but the id, in every order', () => {
		const same = { ...randomRow(), price: 100, priceUnit: 'YUAN_PER_YEAR' as PriceUnit, area: 50, areaUnit: 'm2' as AreaUnit, publishedAt: Date.UTC(2026, 5, 1) }
		const tied = Array.from({ length: 5000 }, (_, k) => ({ ...randomRow(), ...same, id: `tie${String(k).padStart(5, '0')}`, searchKey: ++lastKey }))
		const catalog = build(tied, true)
		for (const sort of ['newest', 'priceAsc', 'priceDesc', 'areaDesc'] as const) {
			for (const page of [1, 2, 7]) {
				const query = { ...parseListingQuery(new URLSearchParams({ sort, page: String(page) })).query, bbox: null }
				expect(catalog.list(query, null, 20).rows.map((i) => catalog.cols.ids[i])).toEqual(tied.slice((page - 1) * 20, page * 20).map((r) => r.id))
			}
		}
	})

	it('a cluster splits at its expansion zoom', () => {
		const base = { ...randomRow(), lat: 40.2, lng: 110 }
		const near = [0, 1, 2, 3].map((k) => ({ ...base, id: `near${k}`, lng: 110 + k * 0.0004, lat: 40.2 + k * 0.0003 }))
		const catalog = build(near, false)
		// A 1280×800 px view around the listings at that zoom, as the map would ask after the click.
		const query = (zoom: number) => {
			const half = (640 * 360) / (256 * 2 ** zoom)
			return { ...parseListingQuery(new URLSearchParams()).query, bbox: [110.0006 - half, 40.2 - half / 2, 110.0006 + half, 40.2 + half / 2] as BBox, zoom }
		}
		const [cluster] = catalog.features(query(10), null).clusters
		expect(cluster.count).toBe(4)
		const after = catalog.features(query(cluster.expansionZoom), null)
		expect(after.clusters.length + after.singles.length).toBeGreaterThan(1)
	})

	it('answers nothing for an unknown town or an unsearchable text, and a polygon outside the view', () => {
		const catalog = build(rows.slice(0, 100), false)
		const q = parseListingQuery(new URLSearchParams('town=nowhere')).query
		expect(catalog.features({ ...q, bbox: null, zoom: 8 }, null).total).toBe(0)
		const q2 = parseListingQuery(new URLSearchParams('q=!!!')).query
		expect(catalog.list({ ...q2, bbox: null }, null, 20).total).toBe(0)
		const q3 = parseListingQuery(new URLSearchParams('polygon=100,30;100.1,30;100.1,30.1&bbox=109,39.9,111,40.6')).query
		expect(catalog.list(q3, null, 20).total).toBe(0)
	})

	it('keeps a type a listing does not have out of every count', () => {
		const lands = rows.filter((r) => r.type === 'LAND').slice(0, 50)
		const catalog = build(lands, false)
		const q = parseListingQuery(new URLSearchParams('type=FARMHOUSE')).query
		expect(catalog.features({ ...q, bbox: null, zoom: 8 }, null).total).toBe(0)
		const types: ListingType[] = ['LAND']
		const q2 = { ...q, types }
		expect(catalog.features({ ...q2, bbox: null, zoom: 8 }, null).total).toBe(50)
		const unit: PriceUnit = 'WAN_YUAN'
		expect(catalog.list({ ...q2, bbox: null, minPrice: 0, maxPrice: null, priceUnit: unit }, null, 20).total).toBe(lands.filter((r) => r.priceUnit === unit).length)
	})
})
