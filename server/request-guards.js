// Checks every request body before Remix sees it, so malformed or abusive requests get a clear
// 4xx at once instead of a 500 (or gigabytes of memory) from deep inside an action:
// - methods other than GET/HEAD/POST → 405 (the app has no other verbs);
// - a body that is not a form (JSON, XML, text, none) → 415; multipart without a boundary or
//   that does not parse → 400;
// - a body over the route's cap → 413, decided from Content-Length before reading a byte, or
//   while reading a chunked body;
// - a POST from another site (Origin / Sec-Fetch-Site) → 403.
// The body is read into memory here (capped), so Remix gets it from a buffer.

import { pagePath } from './page-path.js'

export const KB = 1024
export const MB = 1024 * KB

/** Forms: 1 MB holds the largest listing form (a 100,000-character boundary, percent-encoded). */
export const FORM_BODY_LIMIT = 1 * MB
/** Uploads: twice the 10 MB file cap, so a file just over the cap reaches the route's own message. */
export const UPLOAD_BODY_LIMIT = 21 * MB

/**
 * Data imports (a county's 确权 parcel layer zipped, an Excel ledger): the documented 100 MB file cap
 * plus room for the multipart envelope. Read into memory like any body, so no larger: a 300 MB
 * upload is refused from its Content-Length before a byte is read.
 */
export const IMPORT_BODY_LIMIT = 101 * MB

const UPLOAD_ROUTES = [/^\/village\/listings\/[^/]+\/(photos|deal|bidding|contract)\/?$/, /^\/village\/filings\/new\/?$/]
const IMPORT_ROUTES = [/^\/admin\/imports\/[a-z-]+\/?$/]
// Test hooks (only with E2E_TEST_HOOKS=1) take JSON; nothing else does.
const JSON_ROUTES = [/^\/test-hooks\//]

/** An upload page's own caps hold for its single-fetch action too (`…/photos.data`). */
export function bodyLimit(pathname) {
	const page = pagePath(pathname)
	if (IMPORT_ROUTES.some((re) => re.test(page))) return IMPORT_BODY_LIMIT
	return UPLOAD_ROUTES.some((re) => re.test(page)) ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT
}

/**
 * @param {{ method: string, path: string, headers: Record<string, string | string[] | undefined>, host: string | undefined }} req
 * @returns {{ status: number, message: string, headers?: Record<string, string> } | null}
 */
export function checkRequest(req) {
	const method = req.method.toUpperCase()
	if (method === 'GET' || method === 'HEAD') return null
	if (method !== 'POST') {
		return { status: 405, message: `Method ${method} is not allowed (GET, HEAD or POST).`, headers: { Allow: 'GET, HEAD, POST' } }
	}
	const origin = header(req.headers, 'origin')
	const fetchSite = header(req.headers, 'sec-fetch-site')
	// Hosts, not schemes, are compared: behind a TLS-terminating proxy without TRUST_PROXY the
	// server sees http while the browser says https.
	if ((origin && originHost(origin) !== req.host) || fetchSite === 'cross-site') {
		return { status: 403, message: 'Cross-site form submissions are refused.' }
	}
	const length = header(req.headers, 'content-length')
	if (length !== undefined) {
		if (!/^\d{1,15}$/.test(length)) return { status: 400, message: 'Invalid Content-Length.' }
		const limit = bodyLimit(req.path)
		if (Number(length) > limit) return tooLarge(limit, Number(length))
	}
	const type = (header(req.headers, 'content-type') ?? '').toLowerCase()
	const mime = type.split(';')[0].trim()
	if (mime === 'application/x-www-form-urlencoded') return null
	if (mime === 'multipart/form-data') {
		return /;\s*boundary=/.test(type) ? null : { status: 400, message: 'multipart/form-data needs a boundary.' }
	}
	if (mime === 'application/json' && JSON_ROUTES.some((re) => re.test(req.path))) return null
	return {
		status: 415,
		message: 'Send a form: application/x-www-form-urlencoded or multipart/form-data.',
		headers: { Accept: 'application/x-www-form-urlencoded, multipart/form-data' },
	}
}

/**
 * A refused body announced up to this size is still read, and thrown away, after the 413 (as
 * nginx's lingering close does): closing the connection on a client that is still sending gets it
 * a reset instead of the answer, which a browser shows as a network error (the e2e fuzz's 3 MB
 * form got EPIPE under load). A larger one is cut off: reading it costs more than the answer.
 */
export const DRAIN_LIMIT = 32 * MB

/**
 * @param {number} limit
 * @param {number} [announced] the Content-Length, when the client said it
 */
export function tooLarge(limit, announced) {
	const drain = announced !== undefined && announced <= DRAIN_LIMIT
	return { status: 413, message: `Request body too large: at most ${Math.round(limit / MB)} MB.`, headers: drain ? {} : { Connection: 'close' } }
}

/**
 * Reads the body into one Buffer, refusing it once it passes the limit.
 * @param {import('node:stream').Readable} stream
 * @returns {Promise<Buffer | null>} null when over the limit
 */
export function readBody(stream, limit) {
	return new Promise((resolve, reject) => {
		const chunks = []
		let size = 0
		let done = false
		stream.on('data', (chunk) => {
			if (done) return
			size += chunk.length
			if (size > limit) {
				done = true
				stream.pause()
				resolve(null)
				return
			}
			chunks.push(chunk)
		})
		stream.on('end', () => {
			if (!done) resolve(Buffer.concat(chunks, size))
			done = true
		})
		stream.on('error', (error) => {
			if (!done) reject(error)
			done = true
		})
	})
}

/** A multipart body the platform's own parser cannot read is the client's fault: 400, not 500. */
export async function multipartParses(contentType, body) {
	try {
		await new Response(body, { headers: { 'Content-Type': contentType } }).formData()
		return true
	} catch {
		return false
	}
}

function originHost(origin) {
	try {
		return new URL(origin).host
	} catch {
		return null // "null" (sandboxed or privacy-redirected) is not this site
	}
}

function header(headers, name) {
	const v = headers[name]
	return Array.isArray(v) ? v[0] : v
}
