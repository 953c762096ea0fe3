// The bid form's schema, shared by the browser (conform) and the action: the amount as the bidder
// types it. Whether the bid is high enough is the model's answer (placeBid), not the form's.
import { z } from 'zod'

/** Far above any real price: a typo of many zeros is refused as not a number. */
const MAX_BID = 1e12

/**
 * A typed amount as a number: digits with at most two decimals; thousands separators (",", "，")
 * and spaces are allowed and ignored. Null for anything else, zero, or an absurd amount.
 */
export function parseBidAmount(typed: string) {
	const clean = typed.trim().replace(/[,，\s]/g, '')
	if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null
	const amount = Number(clean)
	return amount > 0 && amount <= MAX_BID ? amount : null
}

export const BidSchema = z.object({
	amount: z.string({ required_error: 'notNumber' }).transform((typed, ctx) => {
		const amount = parseBidAmount(typed)
		if (amount === null) {
			ctx.addIssue({ code: 'custom', message: 'notNumber' })
			return z.NEVER
		}
		return amount
	}),
	// The round's version the page showed (a bid made too low by someone else's is told so); a
	// missing or broken one only loses that hint.
	version: z.coerce.number().int().min(0).optional().catch(undefined),
})
