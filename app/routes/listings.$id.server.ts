// Server code of /listings/:id for issue 13's buyers' tools: whether the viewer starred the
// listing, whether it is in their comparison, its share links and Open Graph image, and the
// star / unstar action (a plain form POST; a fetcher when JavaScript runs).
import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { z } from 'zod'
import { hasPermission } from '~/domain/permissions.ts'
import { isStarred, starListing, unstarListing } from '~/models/favourite.server.ts'
import { isListingId } from '~/models/listing.server.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { readCompareIds } from '~/utils/compare-cookie.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { shortUrl, siteOrigin } from '~/utils/share.server.ts'

/** A public listing (getPublicListing): its search key makes its short link. */
type Listing = { id: string; searchKey: number | null; photos: { file: string }[] }

/** What the star button, the compare button, the share panel and the meta tags need. */
export async function buyerTools(request: Request, user: SessionUser | null, listing: Listing) {
	const origin = siteOrigin(request)
	const [starred, compareIds] = await Promise.all([
		hasPermission(user, 'favourite:manage:own') ? isStarred(user?.id, listing.id) : Promise.resolve(false),
		readCompareIds(request),
	])
	const short = listing.searchKey ? shortUrl(origin, listing.searchKey) : null
	return {
		starred,
		canStar: !user || hasPermission(user, 'favourite:manage:own'),
		compare: { count: compareIds.length, has: compareIds.includes(listing.id) },
		share: {
			pageUrl: `${origin}/listings/${listing.id}`,
			shortUrl: short,
			qrSrc: short ? `/qr.svg?${new URLSearchParams({ url: short })}` : null,
			imageUrl: listing.photos[0] ? `${origin}/uploads/${listing.photos[0].file}` : null,
		},
	}
}

const StarSchema = z.object({ intent: z.enum(['star', 'unstar']) })

export type StarActionData = { starred: boolean; problem?: 'limit' | 'notFound' | 'badRequest' }

export async function starAction(request: Request, user: SessionUser, id: string | undefined) {
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	invariantResponse(isListingId(id))
	const submission = parseWithZod(formData, { schema: StarSchema })
	if (submission.status !== 'success') return data<StarActionData>({ starred: await isStarred(user.id, id), problem: 'badRequest' }, { status: 400 })
	if (submission.value.intent === 'unstar') {
		await unstarListing(user.id, id)
		return data<StarActionData>({ starred: false })
	}
	const result = await starListing(user.id, id)
	if (result.ok) return data<StarActionData>({ starred: true })
	return data<StarActionData>({ starred: false, problem: result.problem }, { status: result.problem === 'limit' ? 409 : 404 })
}
