// Calling a route's loader or action as a browser would: a session cookie for the user (or none),
// and the CSRF cookie with its token in the form. Thrown responses (redirects, 404s) are returned.
import type { PrismaClient } from '@prisma/client'

export type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, unknown> }
export type Handler = (args: RouteArgs) => Promise<Response>

/** `db` gives the test's client once it exists (test files connect in beforeAll). */
export function routeCaller(db: () => Pick<PrismaClient, 'session'>) {
	async function cookiesFor(user: { id: string } | null) {
		const { sessionStorage } = await import('~/utils/session.server.ts')
		const { commitCSRFToken } = await import('~/utils/csrf.server.ts')
		const [token, csrfCookie] = await commitCSRFToken(new Request('http://localhost/'))
		const cookies = [String(csrfCookie).split(';')[0]]
		if (user) {
			const s = await db().session.create({ data: { userId: user.id, expirationDate: new Date(Date.now() + 3600_000) } })
			const session = await sessionStorage.getSession()
			session.set('sessionId', s.id)
			cookies.push((await sessionStorage.commitSession(session)).split(';')[0])
		}
		return { token, cookie: cookies.join('; ') }
	}

	/** Calls a loader (no form) or an action (a form) the way Remix does. */
	async function call(handler: Handler, user: { id: string } | null, url: string, params: Record<string, string> = {}, form?: Record<string, string>, opts: { forgeCsrf?: boolean } = {}) {
		const { token, cookie } = await cookiesFor(user)
		let init: RequestInit = { headers: { Cookie: cookie } }
		if (form) {
			const body = new FormData()
			body.set('csrf', opts.forgeCsrf ? 'forged' : token)
			for (const [k, v] of Object.entries(form)) body.set(k, v)
			init = { ...init, method: 'POST', body }
		}
		try {
			return await handler({ request: new Request(`http://localhost${url}`, init), params, context: {} })
		} catch (thrown) {
			if (thrown instanceof Response) return thrown
			throw thrown
		}
	}
	return { cookiesFor, call }
}
