// Chinese has no spaces, so the full-text index stores character unigrams and bigrams:
// a two-character word such as 院子 or 耕地 is then one index term, and longer words are
// matched as the AND of their bigrams. Latin words and numbers are indexed whole.

const SEGMENT = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu

export const MAX_QUERY_LENGTH = 100

function segments(text: string) {
	const out: Array<{ cjk: boolean; text: string }> = []
	for (const m of text.normalize('NFKC').matchAll(SEGMENT)) {
		if (m[1]) out.push({ cjk: true, text: m[1] })
		else if (m[2]) out.push({ cjk: false, text: m[2].toLowerCase() })
	}
	return out
}

/** The text written to the index for a document. */
export function indexTokens(text: string): string {
	const tokens: string[] = []
	for (const seg of segments(text)) {
		if (!seg.cjk) {
			tokens.push(seg.text)
			continue
		}
		const chars = Array.from(seg.text)
		for (let i = 0; i < chars.length; i++) {
			tokens.push(chars[i])
			if (i + 1 < chars.length) tokens.push(chars[i] + chars[i + 1])
		}
	}
	return tokens.join(' ')
}

/** The text a listing is found by: its title, description, village and town (decision 020). */
export function documentTokens(d: { title: string; description: string; village?: string; town?: string }) {
	return indexTokens([d.title, d.description, d.village ?? '', d.town ?? ''].join(' '))
}

/**
 * Whether a document (its indexTokens) matches a query as the full-text index answers it: every
 * term present, CJK bigrams whole and Latin words as prefixes. A query with nothing searchable
 * matches nothing, as on the map. Used where one listing is tested without the index (saved searches).
 */
export function textMatches(query: string, tokens: string): boolean {
	const terms = queryTerms(query)
	if (terms.length === 0) return false
	const have = new Set(tokens.split(' '))
	return terms.every((t) => have.has(t.text) || (t.prefix && [...have].some((w) => w.startsWith(t.text))))
}

/** A query's terms: whole CJK bigrams (or the one character), and Latin words as prefixes; at most 32. */
function queryTerms(query: string): Array<{ text: string; prefix: boolean }> {
	const terms = new Map<string, boolean>()
	for (const seg of segments(query.slice(0, MAX_QUERY_LENGTH))) {
		if (!seg.cjk) {
			terms.set(seg.text, true)
			continue
		}
		const chars = Array.from(seg.text)
		if (chars.length === 1) terms.set(chars[0], false)
		for (let i = 0; i + 1 < chars.length; i++) terms.set(`${chars[i]}${chars[i + 1]}`, false)
	}
	return Array.from(terms, ([text, prefix]) => ({ text, prefix })).slice(0, 32)
}

/**
 * An FTS5 MATCH expression for a user's query (SQLite), or null when it has nothing searchable.
 * Every term is double-quoted, so FTS5 operators typed by a user are plain text.
 */
export function matchQuery(query: string): string | null {
	const terms = queryTerms(query)
	if (terms.length === 0) return null
	return terms.map((t) => `"${t.text}"${t.prefix ? '*' : ''}`).join(' AND ')
}

/**
 * The same query as a PostgreSQL tsquery literal (cast with ::tsquery, no dictionary), matching
 * the exact lexemes the index stores; null when it has nothing searchable. Terms are quoted, so
 * tsquery operators typed by a user are plain text.
 */
export function tsQuery(query: string): string | null {
	const terms = queryTerms(query)
	if (terms.length === 0) return null
	const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
	return terms.map((t) => `${quote(t.text)}${t.prefix ? ':*' : ''}`).join(' & ')
}

/**
 * PostgreSQL's statement writing (or replacing) `count` rows of the full-text table: parameters are
 * key, tokens (as indexTokens makes them), key, tokens, … Used by the app and by db:copy alike.
 * A replaced row takes a fresh padding value (its column default), so its tokens go out of the
 * heap as a new row's do, even where the old row's were short enough to stay in (decision 039).
 */
export function pgIndexUpsert(count: number) {
	const values = Array.from({ length: count }, (_, i) => `($${2 * i + 1}::int, array_to_tsvector(string_to_array($${2 * i + 2}, ' ')))`).join(',')
	return `INSERT INTO listing_fts ("key", tokens) VALUES ${values} ON CONFLICT ("key") DO UPDATE SET tokens = excluded.tokens, pad = excluded.pad`
}
