// The one module with database-specific SQL for the full-text index and the change log, for both
// engines: SQLite's FTS5 table, PostgreSQL's tsvector table under GIN (decision 021). Both hold
// the same character unigrams and bigrams, keyed by the listing's search key. The search engine's
// reads are in catalog/source.sqlite.ts and catalog/source.pg.ts.
import { engine, prisma, sqlPlaceholders } from '~/utils/db.server.ts'
import { documentTokens, matchQuery, pgIndexUpsert, tsQuery } from '~/utils/search-tokens.ts'

export type SearchDocument = { id: string; title: string; description: string; village?: string; town?: string }

/** The listings' search keys (decision 020): the full-text index's row ids. */
async function searchKeys(ids: string[]) {
	const rows = await prisma.listing.findMany({ where: { id: { in: ids } }, select: { id: true, searchKey: true } })
	return new Map(rows.flatMap((r) => (r.searchKey === null ? [] : [[r.id, r.searchKey] as const])))
}

/** The statement that writes (or replaces) index rows: the key and the document's tokens. */
function writeIndex(rows: Array<[number, string]>) {
	if (engine === 'postgresql') {
		return prisma.$executeRawUnsafe(pgIndexUpsert(rows.length), ...rows.flat())
	}
	// FTS5 replaces the row of the same id: the old text goes with it.
	return prisma.$executeRawUnsafe(`INSERT OR REPLACE INTO listing_fts (rowid, tokens) VALUES ${rows.map(() => '(?, ?)').join(',')}`, ...rows.flat())
}

/** (Re)indexes listings. Call after creating or editing a listing's text. */
export async function indexListings(docs: SearchDocument[]) {
	for (let i = 0; i < docs.length; i += 400) {
		const keys = await searchKeys(docs.slice(i, i + 400).map((d) => d.id))
		const chunk = docs.slice(i, i + 400).filter((d) => keys.has(d.id))
		if (chunk.length === 0) continue
		await prisma.$transaction([
			writeIndex(chunk.map((d) => [keys.get(d.id)!, documentTokens(d)])),
			// The search engine re-reads these listings' text matches (the index has no triggers).
			prisma.$executeRawUnsafe(
				`INSERT INTO "ListingChange" ("listingId") SELECT id FROM "Listing" WHERE status = 'PUBLISHED' AND id IN (${sqlPlaceholders(chunk.length)})`,
				...chunk.map((d) => d.id),
			),
		])
	}
}

/** Indexes new listings without telling the search engine: for seeding, before any server runs. */
export async function appendToIndex(docs: SearchDocument[]) {
	for (let i = 0; i < docs.length; i += 400) {
		const keys = await searchKeys(docs.slice(i, i + 400).map((d) => d.id))
		const chunk = docs.slice(i, i + 400).filter((d) => keys.has(d.id))
		if (chunk.length === 0) continue
		await writeIndex(chunk.map((d) => [keys.get(d.id)!, documentTokens(d)]))
	}
}

/** Ids of listings (any status) whose text matches, or null when the query has nothing to search. */
export async function searchListingIds(q: string): Promise<Set<string> | null> {
	const match = engine === 'postgresql' ? tsQuery(q) : matchQuery(q)
	if (!match) return null
	const rows = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
		engine === 'postgresql'
			? 'SELECT l.id AS id FROM listing_fts f JOIN "Listing" l ON l."searchKey" = f."key" WHERE f.tokens @@ $1::tsquery'
			: 'SELECT l.id AS id FROM listing_fts f JOIN "Listing" l ON l."searchKey" = f.rowid WHERE listing_fts MATCH ?',
		match,
	)
	return new Set(rows.map((r) => r.id))
}

/** Changes kept in the log: a process further behind than this reloads its catalogue whole. */
export const CHANGE_LOG_KEEP = 100_000

/** Drops the oldest entries of the listing change log (docs/decisions/015). */
export async function pruneChangeLog() {
	await prisma.$executeRawUnsafe(`DELETE FROM "ListingChange" WHERE id <= (SELECT max(id) FROM "ListingChange") - ${sqlPlaceholders(1)}`, CHANGE_LOG_KEEP)
}
