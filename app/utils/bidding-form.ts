// The bidding forms' schemas, shared by the browser (conform) and the actions: a buyer's bid on
// /listings/:id/bid and the village's new round on /village/listings/:id/bidding. Whether a bid is
// high enough, or a round may open, is the model's answer (placeBid, openRound), not the form's.
import { z } from 'zod'
import { parseChinaDateTime } from '~/domain/bidding.ts'

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

const money = (max = 1e10) => z.number({ required_error: 'required', invalid_type_error: 'number' }).max(max, 'tooBig')

/** A new round: prices in the listing's unit, the deadline in China time (checkDeadline bounds it). */
export const OpenRoundSchema = z.object({
	startPrice: money().positive('positive'),
	increment: money().positive('positive'),
	deposit: money().min(0, 'tooSmall'),
	deadline: z.string({ required_error: 'required' }).refine((v) => parseChinaDateTime(v) !== null, 'date'),
	// When bidders' deposits must have reached the centre (China time); empty: the deadline itself.
	depositDue: z
		.string()
		.optional()
		.refine((v) => v === undefined || parseChinaDateTime(v) !== null, 'depositDate'),
	extendMinutes: z.number({ required_error: 'required', invalid_type_error: 'integer' }).int('integer').min(0, 'tooSmall').max(60, 'tooBig'),
	minBidders: z.number({ required_error: 'required', invalid_type_error: 'integer' }).int('integer').min(1, 'tooSmall').max(20, 'tooBig'),
})
