// Security headers for every response, in one place (used by server.mjs).
// Tiles may come from any configured tile host, hence img-src https:. Remix inlines small
// hydration scripts, hence 'unsafe-inline' for scripts until nonces are threaded through.

/** @param {{ secure?: boolean }} [options] */
export function securityHeaders(options = {}) {
	/** @type {Record<string, string>} */
	const headers = {
		'Content-Security-Policy': [
			"default-src 'self'",
			"script-src 'self' 'unsafe-inline'",
			"style-src 'self' 'unsafe-inline'",
			"img-src 'self' data: blob: https: http:",
			"connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
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
