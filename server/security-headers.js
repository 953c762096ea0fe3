// Security headers for every response, in one place (used by server.mjs).
// Scripts run only with this response's nonce (Remix's inline hydration scripts carry it; see
// app/entry.server.tsx). Images come from the app itself and the configured tile hosts only.
// Styles keep 'unsafe-inline': Leaflet positions tiles and markers with inline styles.

import { pagePath } from './page-path.js'

/**
 * @param {{ secure?: boolean, nonce?: string, imgHosts?: string[], development?: boolean }} [options]
 */
export function securityHeaders(options = {}) {
	const scripts = options.nonce ? `'self' 'nonce-${options.nonce}'` : "'self'"
	/** @type {Record<string, string>} */
	const headers = {
		'Content-Security-Policy': [
			"default-src 'self'",
			`script-src ${scripts}`,
			"style-src 'self' 'unsafe-inline'",
			['img-src', "'self'", 'data:', 'blob:', ...(options.imgHosts ?? [])].join(' '),
			// The development server's live reload talks over a websocket; production has none.
			options.development ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
			"font-src 'self' data:",
			"frame-ancestors 'none'",
			"form-action 'self'",
			"base-uri 'self'",
			"object-src 'none'",
		].join('; '),
		'X-Frame-Options': 'DENY',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'strict-origin-when-cross-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(self)',
		'Cross-Origin-Opener-Policy': 'same-origin',
	}
	if (options.secure) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
	return headers
}

/**
 * The hosts a tile URL template can reach, for img-src: `https://{s}.tile.osm.org/…` with
 * subdomains "abc" gives a.tile.osm.org, b.tile.osm.org and c.tile.osm.org.
 * @param {string} template
 * @param {string} subdomains
 */
export function tileHosts(template, subdomains) {
	const match = /^(https?):\/\/([^/]+)/.exec(template)
	if (!match) return []
	const [, scheme, host] = match
	const subs = host.includes('{s}') ? [...(subdomains || 'abc')] : ['']
	return [...new Set(subs.map((s) => `${scheme}://${host.replace('{s}', s)}`))]
}

// Personal pages must never be kept by a shared computer's browser or a proxy.
const PERSONAL = /^\/(me|admin|village|review|notifications|deals\/[^/]+\/contract)(\/|$)/

/**
 * A personal page, or its single-fetch data (`/me.data`): the same data, so the same rule.
 * @param {string} pathname
 */
export function noStore(pathname) {
	return PERSONAL.test(pagePath(pathname))
}
