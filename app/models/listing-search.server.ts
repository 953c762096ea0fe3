// The one module with database-specific SQL for writing the full-text index (SQLite FTS5); the
// search engine's reads are in catalog/source.sqlite.ts. A PostgreSQL port replaces these two.
import { prisma } from '~/utils/db.server.ts'
import { indexTokens, matchQuery } from '~/utils/search-tokens.ts'

export type SearchDocument = { id: string; title: string; description: string; village?: string; town?: string }

function documentText(d: SearchDocument) {
	return indexTokens([d.title, d.description, d.village ?? '', d.town ?? ''].join(' '))
}

/** The listings' search keys (decision 020): the full-text index's row ids. */
async function searchKeys(ids: string[]) {
	const rows = await prisma.listing.findMany({ where: { id: { in: ids } }, select: { id: true, searchKey: true } })
	return new Map(rows.flatMap((r) => (r.searchKey === null ? [] : [[r.id, r.searchKey] as const])))
}

/** (Re)indexes listings. Call after creating or editing a listing's text. */
export async function indexListings(docs: SearchDocument[]) {
	for (let i = 0; i < docs.length; i += 400) {
		const keys = await searchKeys(docs.slice(i, i + 400).map((d) => d.id))
		const chunk = docs.slice(i, i + 400).filter((d) => keys.has(d.id))
		if (chunk.length === 0) continue
		await prisma.$transaction([
			// FTS5 replaces the row of the same id: the old text goes with it.
			prisma.$executeRawUnsafe(
				`INSERT OR REPLACE INTO listing_fts (rowid, tokens) VALUES ${chunk.map(() => '(?, ?)').join(',')}`,
				...chunk.flatMap((d) => [keys.get(d.id), documentText(d)]),
			),
			// The search engine re-reads these listings' text matches (a virtual table has no triggers).
			prisma.$executeRawUnsafe(
				`INSERT INTO "ListingChange" ("listingId") SELECT id FROM "Listing" WHERE status = 'PUBLISHED' AND id IN (${chunk.map(() => '?').join(',')})`,
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
		await prisma.$executeRawUnsafe(
			`INSERT OR REPLACE INTO listing_fts (rowid, tokens) VALUES ${chunk.map(() => '(?, ?)').join(',')}`,
			...chunk.flatMap((d) => [keys.get(d.id), documentText(d)]),
		)
	}
}

/** Ids of listings (any status) whose text matches, or null when the query has nothing to search. */
export async function searchListingIds(q: string): Promise<Set<string> | null> {
	const match = matchQuery(q)
	if (!match) return null
	const rows = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
		'SELECT l.id AS id FROM listing_fts f JOIN "Listing" l ON l."searchKey" = f.rowid WHERE listing_fts MATCH ?',
		match,
	)
	return new Set(rows.map((r) => r.id))
}

/** Changes kept in the log: a process further behind than this reloads its catalogue whole. */
export const CHANGE_LOG_KEEP = 100_000

/** Drops the oldest entries of the listing change log (docs/decisions/015). */
export async function pruneChangeLog() {
	await prisma.$executeRawUnsafe(`DELETE FROM "ListingChange" WHERE id <= (SELECT max(id) FROM "ListingChange") - ?`, CHANGE_LOG_KEEP)
}
