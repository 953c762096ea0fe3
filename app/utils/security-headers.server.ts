// Sent with every document and data response. Tiles may come from any configured tile host,
// hence img-src https:; scripts and styles are our own (Remix inlines a small hydration script).
export function securityHeaders(): Record<string, string> {
	return {
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
	}
}
