// What the search engine reads from the database (docs/decisions/015): the one interface both
// engines' sources implement, each in its own module with its own SQL (decision 021).
import type { Place } from './engine.ts'

export type PlaceRow = Place & { id: string }
export type Detail = { id: string; title: string; boundary: string | null }
/** A CodedRow whose town and village are still the places' ids: the host turns them into indexes. */
export type SourceRow = [string, number, string, string, number, number, number, number, number, number, number, number, number, number]

type Awaitable<T> = T | Promise<T>

export interface Source {
	towns(): Awaitable<PlaceRow[]>
	villages(): Awaitable<PlaceRow[]>
	/** Published listings after the given cursor, in cursor order: a full load in bounded pages. */
	page(after: number, limit: number): Awaitable<{ rows: SourceRow[]; lastRowid: number }>
	/** The current state of some listings: the published ones' rows (others have gone off the map). */
	rows(ids: string[]): Awaitable<SourceRow[]>
	/** Titles and boundaries of the listings an answer shows (a page, the markers in view). */
	details(ids: string[]): Awaitable<Map<string, Detail>>
	/** Where the engine keeps its snapshot for a fast restart, or null for none. */
	snapshotPath: string | null
	publishedCount(): Awaitable<number>
	lastChange(): Awaitable<number>
	firstChange(): Awaitable<number | null>
	changes(after: number, limit: number): Awaitable<Array<{ id: number; listingId: string }>>
	/** Search keys of listings whose text matches (any status), or null when the query has nothing to search. */
	textMatches(q: string, among?: number[]): Awaitable<number[] | null>
	close(): Awaitable<void>
}

/** Coded enumerations: the database turns them into numbers, so a million rows bring no repeated strings into JavaScript. */
export const codeOf = (column: string, values: readonly string[]) => `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} ELSE 0 END`
