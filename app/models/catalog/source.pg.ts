// The search engine's reads from PostgreSQL: the one module with its PostgreSQL SQL (SQLite's is
// source.sqlite.ts; decision 021). It runs in the engine's worker thread on a small pool of its
// own, rows as arrays with enumerations coded by the database, as on SQLite. A pool, not one
// client: a connection lost (PostgreSQL restarted) is replaced by the next query.
import crypto from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import { LISTING_TYPES, PRICE_UNITS, TRANSFER_MODES } from '~/domain/listing.ts'
import { tsQuery } from '~/utils/search-tokens.ts'
import { AREA_UNIT_CODES } from './engine.ts'
import { codeOf as code, type Detail, type PlaceRow, type Source, type SourceRow } from './source.ts'

const ROW_COLUMNS = `id, ${code('type', LISTING_TYPES)}, "townId", "villageId", area, ${code('"areaUnit"', AREA_UNIT_CODES)}, price,
	${code('"priceUnit"', PRICE_UNITS)}, ${code('"transferMode"', TRANSFER_MODES)}, lat, lng,
	coalesce(floor(extract(epoch FROM "publishedAt") * 1000)::float8, 0), ("boundary" IS NOT NULL)::int, coalesce("searchKey", 0)`

// Counts and sums arrive as numbers, not strings (they are far below 2^53 here).
const types = {
	getTypeParser: ((oid: number, format?: string) =>
		oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

/**
 * Where the engine keeps its snapshot for a fast restart (decision 015). No file sits beside a
 * PostgreSQL database, so it goes in a local directory (CATALOG_SNAPSHOT_DIR, by default
 * data/catalog), one file per database server and name. Each instance may keep its own: a snapshot
 * is used only if it still fits the database (places, change log and count; host.ts).
 */
export function pgSnapshotPath(databaseUrl: string) {
	const url = new URL(databaseUrl)
	const key = crypto.createHash('sha256').update(`${url.hostname}:${url.port || 5432}${url.pathname}`).digest('hex').slice(0, 16)
	return path.resolve(process.env.CATALOG_SNAPSHOT_DIR || path.join('data', 'catalog'), `pg-${key}.catalog`)
}

export function openPgSource(databaseUrl: string): Source {
	const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, types })
	// An idle connection dropped by the server must not take the worker down; the next query reconnects.
	pool.on('error', () => {})
	const arrays = async <T>(text: string, values: unknown[] = []) => (await pool.query({ text, values, rowMode: 'array' })).rows as T[]
	const objects = async <T>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[]
	const value = async (text: string, values: unknown[] = []) => (await arrays<[unknown]>(text, values))[0]?.[0] ?? null

	return {
		towns: () => objects<PlaceRow>('SELECT id, code, name, "nameEn" FROM "Town" ORDER BY code'),
		villages: () => objects<PlaceRow>('SELECT id, code, name, "nameEn" FROM "Village" ORDER BY code'),

		// Paged by search key, unique and never changing (decision 020): PostgreSQL has no rowid.
		async page(after, limit) {
			const rows = await arrays<SourceRow>(
				`SELECT ${ROW_COLUMNS} FROM "Listing" WHERE "searchKey" > $1 AND status = 'PUBLISHED' ORDER BY "searchKey" LIMIT $2`,
				[after, limit],
			)
			return { rows, lastRowid: rows.length ? rows[rows.length - 1][13] : after }
		},

		rows: (ids) => (ids.length ? arrays<SourceRow>(`SELECT ${ROW_COLUMNS} FROM "Listing" WHERE status = 'PUBLISHED' AND id = ANY($1::text[])`, [ids]) : []),

		async details(ids) {
			const rows = await objects<Detail>('SELECT id, title, boundary FROM "Listing" WHERE id = ANY($1::text[])', [ids])
			return new Map(rows.map((r) => [r.id, r]))
		},

		snapshotPath: pgSnapshotPath(databaseUrl),
		publishedCount: async () => Number(await value(`SELECT count(*) FROM "Listing" WHERE status = 'PUBLISHED'`)),
		lastChange: async () => Number(await value('SELECT coalesce(max(id), 0) FROM "ListingChange"')),
		async firstChange() {
			const v = await value('SELECT min(id) FROM "ListingChange"')
			return v === null ? null : Number(v)
		},
		async changes(after, limit) {
			const rows = await arrays<[number, string]>('SELECT id, "listingId" FROM "ListingChange" WHERE id > $1 ORDER BY id LIMIT $2', [after, limit])
			return rows.map(([id, listingId]) => ({ id, listingId }))
		},

		async textMatches(q, among) {
			const match = tsQuery(q)
			if (!match) return null
			if (!among) return (await arrays<[number]>('SELECT "key" FROM listing_fts WHERE tokens @@ $1::tsquery', [match])).map((r) => r[0])
			if (among.length === 0) return []
			return (await arrays<[number]>('SELECT "key" FROM listing_fts WHERE tokens @@ $1::tsquery AND "key" = ANY($2::int[])', [match, among])).map((r) => r[0])
		},

		close: () => pool.end(),
	}
}
