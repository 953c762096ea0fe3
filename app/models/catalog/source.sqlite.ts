// The search engine's reads from SQLite: the one module with its SQLite SQL (PostgreSQL's is
// source.pg.ts). It runs in the engine's worker thread on a read-only
// connection of its own, so a million-row load or a broad text search never blocks the server's
// event loop. Prisma would cost ~50 µs a row here (minutes at a million); better-sqlite3's raw
// rows cost ~1 µs.
import Database from 'better-sqlite3'
import { LISTING_TYPES, PRICE_UNITS, TRANSFER_MODES } from '~/domain/listing.ts'
import { matchQuery } from '~/utils/search-tokens.ts'
import { AREA_UNIT_CODES } from './engine.ts'
import { codeOf as code, type Detail, type PlaceRow, type Source, type SourceRow } from './source.ts'

const ROW_COLUMNS = `id, ${code('type', LISTING_TYPES)}, townId, villageId, area, ${code('areaUnit', AREA_UNIT_CODES)}, price,
	${code('priceUnit', PRICE_UNITS)}, ${code('transferMode', TRANSFER_MODES)}, lat, lng,
	coalesce(CAST(round((julianday(publishedAt) - 2440587.5) * 86400000) AS INTEGER), 0), boundary IS NOT NULL, coalesce(searchKey, 0)`

export function openSqliteSource(databaseUrl: string): Source {
	const file = databaseUrl.replace(/^file:/, '')
	const db = new Database(file, { readonly: true, fileMustExist: true })
	db.pragma('busy_timeout = 5000')

	// `+status` keeps the planner off the status index: the table is read in rowid order, in pages.
	const page = db.prepare(`SELECT ${ROW_COLUMNS} FROM Listing WHERE rowid > ? AND +status = 'PUBLISHED' ORDER BY rowid LIMIT ?`).raw(true)
	const lastRowid = db.prepare('SELECT rowid FROM Listing WHERE id = ?').pluck() as unknown as { get(id: string | null): number | undefined }
	const changes = db.prepare('SELECT id, listingId FROM ListingChange WHERE id > ? ORDER BY id LIMIT ?').raw(true)
	const lastChange = db.prepare('SELECT coalesce(max(id), 0) FROM ListingChange').pluck()
	const firstChange = db.prepare('SELECT min(id) FROM ListingChange').pluck()
	const places = {
		towns: db.prepare('SELECT id, code, name, nameEn FROM Town ORDER BY code'),
		villages: db.prepare('SELECT id, code, name, nameEn FROM Village ORDER BY code'),
	}
	const publishedCount = db.prepare(`SELECT count(*) FROM Listing WHERE status = 'PUBLISHED'`).pluck()
	// Row ids only (the listings' search keys, decision 020): no lookups in the index's content or
	// in Listing, so a word matching half a million listings costs tens of milliseconds, not seconds.
	// The catalogue knows which keys are published and ignores the others.
	const textRows = db.prepare('SELECT rowid FROM listing_fts WHERE listing_fts MATCH ?').pluck()

	return {
		towns: () => places.towns.all() as PlaceRow[],
		villages: () => places.villages.all() as PlaceRow[],

		/** Published listings after the given rowid, in rowid order: a full load in bounded pages. */
		page(afterRowid: number, limit: number) {
			const rows = page.all(afterRowid, limit) as SourceRow[]
			return { rows, lastRowid: lastRowid.get(rows.length ? rows[rows.length - 1][0] : null) ?? afterRowid }
		},

		/** The current state of some listings: the published ones' rows (others have gone off the map). */
		rows(ids: string[]) {
			const out: SourceRow[] = []
			for (let i = 0; i < ids.length; i += 500) {
				const chunk = ids.slice(i, i + 500)
				const rows = db
					.prepare(`SELECT ${ROW_COLUMNS} FROM Listing WHERE status = 'PUBLISHED' AND id IN (${chunk.map(() => '?').join(',')})`)
					.raw(true)
					.all(...chunk) as SourceRow[]
				out.push(...rows)
			}
			return out
		},

		/** Titles and boundaries of the listings an answer shows (a page, the markers in view). */
		details(ids: string[]) {
			const out = new Map<string, Detail>()
			for (let i = 0; i < ids.length; i += 500) {
				const chunk = ids.slice(i, i + 500)
				const rows = db.prepare(`SELECT id, title, boundary FROM Listing WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Detail[]
				for (const r of rows) out.set(r.id, r)
			}
			return out
		},

		/** Where the engine keeps its snapshot for a fast restart: beside the database file. */
		snapshotPath: file === ':memory:' ? null : `${file}.catalog`,
		publishedCount: () => Number(publishedCount.get()),
		lastChange: () => Number(lastChange.get()),
		firstChange: () => {
			const v = firstChange.get()
			return v === null ? null : Number(v)
		},
		changes(after: number, limit: number) {
			return (changes.all(after, limit) as Array<[number, string]>).map(([id, listingId]) => ({ id, listingId }))
		},

		/** Search keys of listings whose text matches (any status), or null when the query has nothing to search. */
		textMatches(q: string, among?: number[]): number[] | null {
			const match = matchQuery(q)
			if (!match) return null
			if (!among) return textRows.all(match) as number[]
			if (among.length === 0) return []
			return db
				.prepare(`SELECT rowid FROM listing_fts WHERE listing_fts MATCH ? AND rowid IN (${among.map(() => '?').join(',')})`)
				.pluck()
				.all(match, ...among) as number[]
		},

		close: () => void db.close(),
	}
}
