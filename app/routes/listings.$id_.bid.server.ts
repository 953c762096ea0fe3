// The actions of /listings/:id/bid, one per intent. A refusal answers the form with the reason
// (4xx, nothing written); success redirects back to the page with a notice.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { placeBid, registerForRound } from '~/models/bidding.server.ts'
import { BidSchema } from '~/utils/bidding-form.ts'

export const BID_NOTICES = ['registered', 'placed', 'extended'] as const
export type BidNotice = (typeof BID_NOTICES)[number]

export function readNotice(request: Request): BidNotice | null {
	const notice = new URL(request.url).searchParams.get('notice')
	return (BID_NOTICES as readonly string[]).includes(notice ?? '') ? (notice as BidNotice) : null
}

const backToPage = (listingId: string, notice: BidNotice) => redirect(`/listings/${encodeURIComponent(listingId)}/bid?notice=${notice}#join`)

type Buyer = Parameters<typeof registerForRound>[0]

export async function registerIntent(user: Buyer, listingId: string) {
	const result = await registerForRound(user, listingId)
	if (result.ok) return backToPage(listingId, 'registered')
	return data({ intent: 'register' as const, problem: result.problem, result: null, minimum: null }, { status: result.problem === 'noRound' ? 404 : 409 })
}

export async function bidIntent(user: Buyer, listingId: string, formData: FormData) {
	const submission = parseWithZod(formData, { schema: BidSchema })
	if (submission.status !== 'success') return data({ intent: 'bid' as const, problem: null, result: submission.reply(), minimum: null }, { status: 400 })
	const { amount, version } = submission.value
	const result = await placeBid(user, listingId, amount, { seenVersion: version })
	if (result.ok) return backToPage(listingId, result.extended ? 'extended' : 'placed')
	// The model's refusal (too low, closed…) goes next to the amount, with the minimum it names.
	return data({ intent: 'bid' as const, problem: null, result: submission.reply({ fieldErrors: { amount: [result.reason] } }), minimum: result.minimum ?? null }, { status: 409 })
}
