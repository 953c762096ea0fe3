// Server code of /compare (issue 13): which selection the page shows (a link's `?ids=`, else this
// browser's cookie), and the add / remove / clear actions on the cookie.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { addToCompare, parseCompareIds } from '~/domain/favourites.ts'
import { compareListings, listingSearchKey } from '~/models/share.server.ts'
import { compareCookieHeader, readCompareIds } from '~/utils/compare-cookie.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { knownValue } from '~/utils/page-notice.ts'
import { safeRedirect } from '~/utils/redirect.ts'

const NOTICES = ['added'] as const

export async function comparePage(request: Request) {
	const url = new URL(request.url)
	const linked = url.searchParams.get('ids')
	const fromLink = linked !== null ? parseCompareIds(linked) : null
	const ids = fromLink ? fromLink.ids : await readCompareIds(request)
	const { listings, dropped } = await compareListings(ids)
	const page = {
		listings,
		fromLink: Boolean(fromLink),
		dropped: dropped + (fromLink?.malformed ?? 0),
		overflow: fromLink?.overflow ?? 0,
		link: listings.length ? `/compare?${new URLSearchParams({ ids: listings.map((l) => l.id).join(',') })}` : null,
		notice: knownValue(NOTICES, url.searchParams.get('notice')),
	}
	// The cookie forgets listings that are no longer public, so the next add has room.
	const headers: HeadersInit = !fromLink && dropped ? { 'Set-Cookie': await compareCookieHeader(listings.map((l) => l.id)) } : {}
	return data(page, { headers })
}

const Schema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('add'), id: z.string().max(64), back: z.string().max(300).optional() }),
	z.object({ intent: z.literal('remove'), id: z.string().max(64) }),
	z.object({ intent: z.literal('clear') }),
])

export type CompareActionData = { problem: 'full' | 'badId' | 'notFound' | 'badRequest' }

export async function compareAction(request: Request) {
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: Schema })
	if (submission.status !== 'success') return data<CompareActionData>({ problem: 'badRequest' }, { status: 400 })
	const current = await readCompareIds(request)
	const v = submission.value
	const to = (path: string, ids: readonly string[]) => compareCookieHeader(ids).then((cookie) => redirect(path, { headers: { 'Set-Cookie': cookie } }))
	if (v.intent === 'clear') return to('/compare', [])
	if (v.intent === 'remove') return to('/compare', current.filter((id) => id !== v.id))
	const added = addToCompare(current, v.id)
	if (!added.ok) return data<CompareActionData>({ problem: added.problem }, { status: added.problem === 'full' ? 409 : 400 })
	if ((await listingSearchKey(v.id)) === null) return data<CompareActionData>({ problem: 'notFound' }, { status: 404 })
	return to(safeRedirect(v.back, '/compare?notice=added'), added.ids)
}
