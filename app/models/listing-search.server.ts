// The one module with database-specific SQL for writing the full-text index (SQLite FTS5); the
// search engine's reads are in catalog/source.sqlite.ts. A PostgreSQL port replaces these two.
import { prisma } from '~/utils/db.server.ts'
import { indexTokens, matchQuery } from '~/utils/search-tokens.ts'

export type SearchDocument = { id: string; title: string; description: string; village?: string; town?: string }

function documentText(d: SearchDocument) {
	return indexTokens([d.title, d.description, d.village ?? '', d.town ?? ''].join(' '))
}

/** (Re)indexes listings. Call after creating or editing a listing's text. */
export async function indexListings(docs: SearchDocument[]) {
	if (docs.length === 0) return
	const ids = docs.map((d) => d.id)
	for (let i = 0; i < docs.length; i += 400) {
		const chunk = docs.slice(i, i + 400)
		const chunkIds = ids.slice(i, i + 400)
		await prisma.$transaction([
			prisma.$executeRawUnsafe(
				`DELETE FROM listing_fts WHERE listing_id IN (${chunkIds.map(() => '?').join(',')})`,
				...chunkIds,
			),
			prisma.$executeRawUnsafe(
				`INSERT INTO listing_fts (listing_id, tokens) VALUES ${chunk.map(() => '(?, ?)').join(',')}`,
				...chunk.flatMap((d) => [d.id, documentText(d)]),
			),
			// The search engine re-reads these listings' text matches (a virtual table has no triggers).
			prisma.$executeRawUnsafe(
				`INSERT INTO "ListingChange" ("listingId") SELECT id FROM "Listing" WHERE status = 'PUBLISHED' AND id IN (${chunkIds.map(() => '?').join(',')})`,
				...chunkIds,
			),
		])
	}
}

/** Appends to the index without looking for old rows: for bulk seeding of new listings. */
export async function appendToIndex(docs: SearchDocument[]) {
	for (let i = 0; i < docs.length; i += 400) {
		const chunk = docs.slice(i, i + 400)
		await prisma.$executeRawUnsafe(
			`INSERT INTO listing_fts (listing_id, tokens) VALUES ${chunk.map(() => '(?, ?)').join(',')}`,
			...chunk.flatMap((d) => [d.id, documentText(d)]),
		)
	}
}

export async function removeFromIndex(id: string) {
	await prisma.$executeRawUnsafe('DELETE FROM listing_fts WHERE listing_id = ?', id)
}

/** Ids of listings (any status) whose text matches, or null when the query has nothing to search. */
export async function searchListingIds(q: string): Promise<Set<string> | null> {
	const match = matchQuery(q)
	if (!match) return null
	const rows = await prisma.$queryRawUnsafe<Array<{ listing_id: string }>>(
		'SELECT listing_id FROM listing_fts WHERE listing_fts MATCH ?',
		match,
	)
	return new Set(rows.map((r) => r.listing_id))
}

/** Changes kept in the log: a process further behind than this reloads its catalogue whole. */
export const CHANGE_LOG_KEEP = 100_000

/** Drops the oldest entries of the listing change log (docs/decisions/015). */
export async function pruneChangeLog() {
	await prisma.$executeRawUnsafe(`DELETE FROM "ListingChange" WHERE id <= (SELECT max(id) FROM "ListingChange") - ?`, CHANGE_LOG_KEEP)
}
