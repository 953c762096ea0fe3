// Saved searches (issue 13, decision 025): a buyer keeps the map's filters and area, and hears of
// each listing published later that the map would show for them. Pure: the one matcher (the map's
// listingMatcher, the viewport and the full-text index's token rules) and the prefilter rules
// that let a publish find its candidates through an index instead of reading every saved search.
import { LISTING_TYPES, type ListingType } from '~/domain/listing.ts'
import { polygonBBox } from '~/domain/search-area.ts'
import { filtersToParams, listingMatcher, parseListingQuery, type BBox, type ListingFilters, type Matchable } from '~/utils/listing-query.ts'
import { documentTokens, textMatches } from '~/utils/search-tokens.ts'

export const MAX_SAVED_SEARCHES = 20
export const MAX_NAME_LENGTH = 60
export const FREQUENCIES = ['INSTANT', 'DAILY'] as const
export type Frequency = (typeof FREQUENCIES)[number]
/** The local hour (Asia/Shanghai) from which the day's digest goes out. */
export const DIGEST_HOUR = 8

/** What is saved: the filters and the viewport the list showed them in. */
export type SavedQuery = { filters: ListingFilters; bbox: BBox | null }

/**
 * Reads a saved (or about to be saved) query string. Anything the map would refuse is refused here
 * too, with the same messages: a malformed polygon is not quietly dropped.
 */
export function parseSavedQuery(raw: string): { ok: true; query: SavedQuery; params: string } | { ok: false; errors: Record<string, string> } {
	const read = readSavedQuery(raw)
	if (!read.ok) return read
	const { bbox, zoom, filters } = read
	return { ok: true, query: { filters, bbox }, params: filtersToParams({ ...filters, bbox, zoom }).toString() }
}

/** The query alone, without writing its parameters back out: what matching needs, thousands at a time. */
export function readSavedQuery(raw: string): ({ ok: true; zoom: number } & SavedQuery) | { ok: false; errors: Record<string, string> } {
	if (raw.length > 6000) return { ok: false, errors: { query: 'query is too long' } }
	const { query, errors } = parseListingQuery(new URLSearchParams(raw))
	// Paging, sort and zoom do not change what matches; an unknown town is found out by the model.
	delete errors.zoom
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	const { bbox, zoom, page: _page, sort: _sort, ...filters } = query
	return { ok: true, filters, bbox, zoom }
}

/** The box a listing must lie in: the viewport, cut down to a drawn polygon's box (as the map does). */
export function searchBox({ filters, bbox }: SavedQuery): BBox | null | 'empty' {
	if (!filters.polygon) return bbox
	const [w, s, e, n] = polygonBBox(filters.polygon)
	if (!bbox) return [w, s, e, n]
	const box: BBox = [Math.max(w, bbox[0]), Math.max(s, bbox[1]), Math.min(e, bbox[2]), Math.min(n, bbox[3])]
	return box[0] > box[2] || box[1] > box[3] ? 'empty' : box
}

/** A published listing as the matcher reads it: the map's fields plus its searchable text. */
export type MatchListing = Matchable & { title: string; description: string; village: string; town: string }

/**
 * The one matcher: does the map, with these filters over this viewport, show the listing? The
 * map's filter rules (listingMatcher), the box with its edges, and the text as the full-text index
 * matches it. `tokens` may be passed when one listing is tested against many searches.
 */
export function savedSearchMatcher(saved: SavedQuery) {
	const test = listingMatcher(saved.filters)
	const box = searchBox(saved)
	const q = saved.filters.q
	return (l: MatchListing, tokens?: string) => {
		if (box === 'empty') return false
		if (box && (l.lng < box[0] || l.lng > box[2] || l.lat < box[1] || l.lat > box[3])) return false
		if (!test(l)) return false
		return !q || textMatches(q, tokens ?? documentTokens(l))
	}
}

// ---- The prefilter: columns a publish finds its candidate searches by -------------------------

/** Grid levels 0 (the world) to MAX_LEVEL (about 1 km): cell ids stay below 2^31. */
export const MAX_LEVEL = 15

/** First cell id of a level: the levels' cells are numbered one after another. */
const levelOffset = (level: number) => (4 ** level - 1) / 3

function cellX(lng: number, level: number) {
	const n = 2 ** level
	return Math.min(n - 1, Math.max(0, Math.floor(((lng + 180) / 360) * n)))
}
function cellY(lat: number, level: number) {
	const n = 2 ** level
	return Math.min(n - 1, Math.max(0, Math.floor(((lat + 90) / 180) * n)))
}
const cellId = (level: number, x: number, y: number) => levelOffset(level) + y * 2 ** level + x

/**
 * The cells that cover a search's box: on the finest level whose cell is at least as large as the
 * box, so at most 2 × 2 cells. A search without a box (anywhere) covers the one cell of level 0.
 */
export function areaCells(box: BBox | null): number[] {
	if (!box) return [0]
	const [w, s, e, n] = box
	let level = 0
	while (level < MAX_LEVEL && e - w <= 360 / 2 ** (level + 1) && n - s <= 180 / 2 ** (level + 1)) level++
	const cells: number[] = []
	for (let y = cellY(s, level); y <= cellY(n, level); y++) for (let x = cellX(w, level); x <= cellX(e, level); x++) cells.push(cellId(level, x, y))
	return cells
}

/**
 * A town's own key, below zero (apart from the grid's): a search without an area but with a town
 * is found by its town, not by the world cell every listing would read. A hash: two towns sharing a
 * key only add candidates, which the town column drops.
 */
export function townCell(code: string) {
	let h = 0x811c9dc5
	for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193) >>> 0
	return -1 - (h % 2 ** 30)
}

/**
 * The keys a published listing looks its candidate searches up by: the cell of its point on every
 * level (every search whose box holds the point has one of them), and its town's key.
 */
export function pointCells(lng: number, lat: number, town?: string): number[] {
	const cells = Array.from({ length: MAX_LEVEL + 1 }, (_, level) => cellId(level, cellX(lng, level), cellY(lat, level)))
	if (town !== undefined) cells.push(townCell(town))
	return cells
}

/** A search's types as a bit mask over LISTING_TYPES (0: any type). */
export function typeMask(types: readonly ListingType[]) {
	return types.reduce((mask, t) => mask | (1 << LISTING_TYPES.indexOf(t)), 0)
}

/** The type masks of the searches a listing of this type may match: 0 and every mask with its bit. */
export function masksAccepting(type: ListingType): number[] {
	const bit = 1 << LISTING_TYPES.indexOf(type)
	return Array.from({ length: 2 ** LISTING_TYPES.length }, (_, m) => m).filter((m) => m === 0 || (m & bit) !== 0)
}

/** The columns stored beside a saved search for the prefilter. */
export function prefilterColumns(saved: SavedQuery) {
	const box = searchBox(saved)
	const area = box === 'empty' ? null : box
	return {
		typeMask: typeMask(saved.filters.types),
		townCode: saved.filters.town,
		west: area?.[0] ?? null,
		south: area?.[1] ?? null,
		east: area?.[2] ?? null,
		north: area?.[3] ?? null,
		// A box that cannot hold anything still gets its cells: the matcher refuses every listing.
		cells: !area && box !== 'empty' && saved.filters.town ? [townCell(saved.filters.town)] : areaCells(area),
	}
}

/** The bounding-box part of the prefilter, as the database applies it after the cell lookup. */
export function inStoredBox(row: { west: number | null; south: number | null; east: number | null; north: number | null }, lng: number, lat: number) {
	if (row.west === null || row.south === null || row.east === null || row.north === null) return true
	return lng >= row.west && lng <= row.east && lat >= row.south && lat <= row.north
}

/** Whether `at` falls in the digest window of its day in China (from DIGEST_HOUR on). */
export function digestDue(at: Date) {
	return new Date(at.getTime() + 8 * 3600_000).getUTCHours() >= DIGEST_HOUR
}
