// Sharing a listing: the short link /s/<code> and which URLs a QR code may be drawn for. Pure.
//
// The code is derived, not stored (decision 026): the listing's search key in base 36. The search
// key is a small integer the database gives every listing on insert and never changes (decision
// 020), and listings are never deleted, so a code always names the same listing.

const CODE = /^[0-9a-z]{1,6}$/
/** The search key is a 32-bit integer column on both engines: a larger number names nothing. */
const MAX_KEY = 2 ** 31 - 1

export function shortCode(searchKey: number) {
	return searchKey.toString(36)
}

/** The search key a code names, or null for anything that is not a code. */
export function parseShortCode(code: unknown): number | null {
	if (typeof code !== 'string' || !CODE.test(code)) return null
	const n = parseInt(code, 36)
	return n > 0 && n <= MAX_KEY ? n : null
}

const SHAREABLE_PATH = /^\/(?:s\/[0-9a-z]{1,6}|listings\/[a-z0-9_-]{1,64})$/

/**
 * A URL a QR code may be drawn for: only this site's own listing links (a short link or a listing
 * page) on its own origin, without query or fragment. Anything else (another host, another
 * scheme, another path, credentials in the URL) is null: the QR endpoint refuses it.
 */
export function shareableUrl(raw: unknown, origin: string): string | null {
	if (typeof raw !== 'string' || raw.length > 300) return null
	let url: URL
	try {
		url = new URL(raw)
	} catch {
		return null
	}
	if (url.origin !== origin || url.username || url.password || url.search || url.hash) return null
	return SHAREABLE_PATH.test(url.pathname) ? url.href : null
}
