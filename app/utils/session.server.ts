import { createCookieSessionStorage } from '@remix-run/node'
import { sessionSecrets } from './secrets.server.ts'

// The cookie holds only the id of a Session row (server-side sessions with an expiry).
export const sessionStorage = createCookieSessionStorage<{ sessionId: string }>({
	cookie: {
		name: '__session',
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secrets: sessionSecrets,
	},
})

/** Secure cookies whenever the request came over HTTPS (directly or via a trusted proxy). */
export function isSecureRequest(request: Request) {
	return new URL(request.url).protocol === 'https:'
}
