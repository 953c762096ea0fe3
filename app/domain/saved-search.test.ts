// The saved-search matcher, its prefilter rules, and the property that matters most: on random
// listings and random searches, a saved search and the map's search engine agree on which listings
// match (text matches included, taken from a real FTS5 index built the way the app builds it).
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { LISTING_TYPES, PRICE_UNITS, TRANSFER_MODES, type AreaUnit } from '~/domain/listing.ts'
import { Catalog, type CatalogRow, type Place } from '~/models/catalog/engine.ts'
import type { BBox } from '~/utils/listing-query.ts'
import { documentTokens, matchQuery } from '~/utils/search-tokens.ts'
import {
	areaCells,
	digestDue,
	inStoredBox,
	masksAccepting,
	MAX_LEVEL,
	parseSavedQuery,
	pointCells,
	prefilterColumns,
	savedSearchMatcher,
	searchBox,
	townCell,
	typeMask,
	type MatchListing,
	type SavedQuery,
} from './saved-search.ts'

let seed = 13
function random() {
	seed = (seed * 1664525 + 1013904223) % 4294967296
	return seed / 4294967296
}
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]

const towns: Place[] = Array.from({ length: 4 }, (_, i) => ({ code: `t${i}`, name: `树林召${i}镇`, nameEn: `Town ${i}` }))
const villages: Place[] = Array.from({ length: 12 }, (_, i) => ({ code: `v${i}`, name: `赛乌素${i}村`, nameEn: `Village ${i}` }))
const WORDS = ['院子', '耕地', '仓库', '农家', '林地', '草地', '大棚', 'farm', 'farmhouse', 'barn', '2024', 'Yellow', '黄河', '沿', '水']
const QUERIES = ['院子', '耕地', '农家院', '仓库', 'far', 'farm', 'barn', '2024', '黄河沿', '林', '树林召', '赛乌素3村', 'yellow 院子', '院子 仓库', '!!!', 'zzz', '水']

type Row = CatalogRow & MatchListing

function randomRow(i: number): Row {
	const type = pick(LISTING_TYPES)
	const areaUnit: AreaUnit = type === 'LAND' ? 'mu' : 'm2'
	const village = Math.floor(random() * villages.length)
	const words = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(WORDS))
	return {
		id: `l${i.toString(36).padStart(5, '0')}`,
		type,
		townIndex: village % towns.length,
		villageIndex: village,
		townCode: towns[village % towns.length].code,
		villageCode: villages[village].code,
		area: Math.round(random() * 400) + 1,
		areaUnit,
		price: Math.round(random() * 50) * 20,
		priceUnit: pick(PRICE_UNITS),
		transferMode: pick(TRANSFER_MODES),
		lat: 39.9 + random() * 0.6,
		lng: 109 + random() * 1.8,
		publishedAt: Date.UTC(2026, 0, 1) + i * 1000,
		hasBoundary: false,
		searchKey: i + 1,
		title: words.slice(0, 2).join(''),
		description: words.slice(2).join(' '),
		village: villages[village].name,
		town: towns[village % towns.length].name,
	}
}

function randomSearch(): string {
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
	if (random() < 0.4) p.set('q', pick(QUERIES))
	if (random() < 0.3) {
		const [x, y, r] = [109.5 + random(), 40 + random() * 0.4, 0.05 + random() * 0.4]
		p.set('polygon', `${x - r},${y - r};${x + r},${y - r * 0.5};${x + r * 0.2},${y + r};${x - r},${y + r * 0.3}`)
	}
	if (random() < 0.7) {
		const [cx, cy, half] = [109 + random() * 1.8, 39.9 + random() * 0.6, 0.02 + random() * 0.6]
		p.set('bbox', [cx - half, cy - half * 0.6, cx + half, cy + half * 0.6].map((n) => n.toFixed(5)).join(','))
		p.set('zoom', '11')
	}
	return p.toString()
}

const saved = (raw: string): SavedQuery => {
	const parsed = parseSavedQuery(raw)
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
	return parsed.query
}

describe('saved-search matcher and the map agree', () => {
	it('on random listings and random searches (the catalog engine with FTS5 text matches)', () => {
		const rows = Array.from({ length: 600 }, (_, i) => randomRow(i))
		const catalog = new Catalog(towns, villages)
		for (const r of rows) catalog.upsert(r)
		catalog.buildIndex()
		// The full-text index as the app writes and asks it (listing-search.server.ts, source.sqlite.ts).
		const db = new Database(':memory:')
		db.exec(`CREATE VIRTUAL TABLE listing_fts USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 2')`)
		const insert = db.prepare('INSERT INTO listing_fts (rowid, tokens) VALUES (?, ?)')
		const tokens = new Map(rows.map((r) => [r.id, documentTokens(r)]))
		for (const r of rows) insert.run(r.searchKey, tokens.get(r.id))
		const ftsKeys = db.prepare('SELECT rowid FROM listing_fts WHERE listing_fts MATCH ?').pluck()
		let compared = 0
		let matchedSome = 0
		for (let round = 0; round < 400; round++) {
			const raw = randomSearch()
			const query = saved(raw)
			const { filters, bbox } = query
			let bits: Uint8Array | null = null
			const match = filters.q ? matchQuery(filters.q) : null
			if (match) {
				bits = new Uint8Array(rows.length + 2)
				for (const key of ftsKeys.all(match) as number[]) bits[key] = 1
			}
			const list = catalog.list({ ...filters, bbox, page: 1, sort: 'newest' }, bits, rows.length)
			const engine = new Set(list.rows.map((i) => catalog.cols.ids[i]))
			const test = savedSearchMatcher(query)
			const mine = new Set(rows.filter((r) => test(r, tokens.get(r.id))).map((r) => r.id))
			expect([...mine].sort(), raw).toEqual([...engine].sort())
			// The prefilter never drops a match: its cells, type masks, town and box accept each one.
			const columns = prefilterColumns(query)
			for (const r of rows.filter((r) => mine.has(r.id))) {
				expect(pointCells(r.lng, r.lat, r.townCode).some((c) => columns.cells.includes(c)), raw).toBe(true)
				expect(masksAccepting(r.type)).toContain(columns.typeMask)
				expect(columns.townCode === null || columns.townCode === r.townCode).toBe(true)
				expect(inStoredBox(columns, r.lng, r.lat)).toBe(true)
			}
			compared++
			if (mine.size > 0) matchedSome++
		}
		db.close()
		expect(compared).toBe(400)
		// The searches are not all empty: the agreement is about real matches.
		expect(matchedSome).toBeGreaterThan(100)
	}, 30_000)
})

describe('the text matcher', () => {
	const l = { ...randomRow(0), title: '黄河沿农家院子', description: 'Farmhouse near the barn', village: '赛乌素村', town: '树林召镇' }
	const q = (text: string) => savedSearchMatcher(saved(new URLSearchParams({ q: text }).toString()))(l)
	it('matches Chinese words by bigrams and Latin words by prefix, as the index does', () => {
		expect(q('院子')).toBe(true)
		expect(q('农家院')).toBe(true)
		expect(q('院农')).toBe(false)
		expect(q('farm')).toBe(true)
		expect(q('FARMHOUSE')).toBe(true)
		expect(q('arm')).toBe(false)
		expect(q('赛乌素')).toBe(true)
		expect(q('院子 barn')).toBe(true)
		expect(q('院子 silo')).toBe(false)
		// Nothing searchable matches nothing, as on the map.
		expect(q('!!!')).toBe(false)
	})
})

describe('the prefilter rules', () => {
	it('covers a box with at most 2×2 cells of one level, and every point inside finds one of them', () => {
		for (let round = 0; round < 500; round++) {
			const w = -180 + random() * 359
			const s = -90 + random() * 179
			const size = 10 ** (-4 + random() * 6)
			const box: BBox = [w, s, Math.min(180, w + size), Math.min(90, s + size * random())]
			const cells = areaCells(box)
			expect(cells.length).toBeGreaterThan(0)
			expect(cells.length).toBeLessThanOrEqual(4)
			for (let k = 0; k < 5; k++) {
				const lng = box[0] + random() * (box[2] - box[0])
				const lat = box[1] + random() * (box[3] - box[1])
				expect(pointCells(lng, lat).some((c) => cells.includes(c))).toBe(true)
			}
			// Corners and edges count as inside, as the map's box test does.
			expect(pointCells(box[2], box[3]).some((c) => cells.includes(c))).toBe(true)
		}
	})

	it('keeps cells selective: a search over a village does not share a cell with a point 50 km away', () => {
		const cells = areaCells([110.0, 40.3, 110.05, 40.33])
		expect(pointCells(110.02, 40.31).some((c) => cells.includes(c))).toBe(true)
		expect(pointCells(110.6, 40.31).some((c) => cells.includes(c))).toBe(false)
	})

	it('has one cell per level for a point, all below 2^31', () => {
		const cells = pointCells(180, 90)
		expect(cells).toHaveLength(MAX_LEVEL + 1)
		expect(Math.max(...cells)).toBeLessThan(2 ** 31)
		expect(new Set(cells).size).toBe(MAX_LEVEL + 1)
	})

	it('puts a search without an area in the one world cell every point has, or in its town’s key', () => {
		expect(areaCells(null)).toEqual([0])
		expect(pointCells(110, 40)[0]).toBe(0)
		expect(prefilterColumns(saved('type=LAND')).cells).toEqual([0])
		const town = prefilterColumns(saved('type=LAND&town=t1')).cells
		expect(town).toEqual([townCell('t1')])
		expect(town[0]).toBeLessThan(0)
		expect(pointCells(110, 40, 't1')).toContain(town[0])
		expect(pointCells(110, 40, 't2')).not.toContain(town[0])
		// With an area, the area's cells: more selective than a whole town.
		expect(prefilterColumns(saved('town=t1&bbox=110,40,110.1,40.1')).cells.every((c) => c > 0)).toBe(true)
	})

	it('stores types as a mask a listing type finds by its masks', () => {
		expect(typeMask([])).toBe(0)
		expect(typeMask(['LAND'])).toBe(2)
		expect(masksAccepting('LAND')).toEqual([0, 2, 3, 6, 7])
		expect(masksAccepting('FARMHOUSE')).not.toContain(typeMask(['LAND', 'COLLECTIVE_ASSET']))
	})

	it('stores the polygon cut to the viewport as the box', () => {
		const q = saved('polygon=110,40;110.2,40;110.1,40.2&bbox=110.1,39,111,41')
		expect(searchBox(q)).toEqual([110.1, 40, 110.2, 40.2])
		expect(prefilterColumns(q)).toMatchObject({ west: 110.1, south: 40, east: 110.2, north: 40.2 })
		// Disjoint: no listing can match.
		const none = saved('polygon=110,40;110.2,40;110.1,40.2&bbox=112,39,113,41')
		expect(searchBox(none)).toBe('empty')
		expect(savedSearchMatcher(none)({ ...randomRow(1), lng: 110.1, lat: 40.05 })).toBe(false)
	})
})

describe('parseSavedQuery', () => {
	it('refuses a malformed polygon with the map’s message', () => {
		const r = parseSavedQuery('polygon=110,40;abc')
		expect(r.ok).toBe(false)
		if (!r.ok) expect(r.errors.polygon).toMatch(/polygon/)
		expect(parseSavedQuery('polygon=110,40;111,40;999,40').ok).toBe(false)
		expect(parseSavedQuery('bbox=1,2,3').ok).toBe(false)
		expect(parseSavedQuery(`q=${'x'.repeat(7000)}`).ok).toBe(false)
	})

	it('keeps the filters and the view, drops paging and sort', () => {
		const r = parseSavedQuery('type=LAND&town=t1&bbox=110,40,110.5,40.3&zoom=12&page=3&sort=priceAsc&q=耕地')
		expect(r.ok).toBe(true)
		if (r.ok) {
			expect(r.params).not.toMatch(/page|sort/)
			expect(r.params).toMatch(/bbox=/)
			expect(r.query.filters.types).toEqual(['LAND'])
		}
	})
})

describe('digestDue', () => {
	it('opens at 08:00 in China', () => {
		expect(digestDue(new Date('2026-03-01T23:59:00Z'))).toBe(false) // 07:59 on 2 March in China
		expect(digestDue(new Date('2026-03-02T00:00:00Z'))).toBe(true) // 08:00
		expect(digestDue(new Date('2026-03-02T15:59:00Z'))).toBe(true) // 23:59
		expect(digestDue(new Date('2026-03-02T16:00:00Z'))).toBe(false) // 00:00 on 3 March
	})
})
