// The compare selection (issue 13) lives in a cookie, so "add to compare" works from any page
// without JavaScript; /compare?ids=… shows a selection sent as a link without touching it.
import { createCookie } from '@remix-run/node'
import { parseCompareIds } from '~/domain/favourites.ts'

const compareCookie = createCookie('compare', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 60 * 60 * 24 * 30 })

/** The ids in this browser's selection (well-formed, each once, at most MAX_COMPARE). */
export async function readCompareIds(request: Request): Promise<string[]> {
	const value: unknown = await compareCookie.parse(request.headers.get('Cookie'))
	return parseCompareIds(typeof value === 'string' ? value : null).ids
}

export async function compareCookieHeader(ids: readonly string[]) {
	return compareCookie.serialize(ids.join(','), ids.length ? undefined : { maxAge: 0 })
}
