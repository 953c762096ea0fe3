// What each kind of notification carries (009). The system stores the kind and these parameters,
// never text: the title and body are rendered when read, in the reader's language. Names (listing
// titles, buyers, aliases) and what people wrote (opinions) are data and shown as written.
import type { ChangeKind } from '~/domain/deal-change.ts'
import type { PriceUnit } from '~/domain/listing.ts'

export const BIDDING_FAIL_REASONS = ['tooFewBidders', 'noBids', 'listingUnavailable'] as const
export type BiddingFailReason = (typeof BIDDING_FAIL_REASONS)[number]

type OnListing = { listingId: string; listing: string }
type WithOpinion = OnListing & { opinion: string }
type OnWanted = { wantedId: string; wanted: string }

export type NotificationParams = {
	'listing-submitted': OnListing
	'listing-published': WithOpinion
	'listing-returned': WithOpinion
	'listing-rejected': WithOpinion
	'inquiry-created': OnListing & { buyer: string }
	'inquiry-withdrawn': OnListing & { buyer: string }
	'inquiry-replied': OnListing & { excerpt: string }
	'inquiry-closed': OnListing
	'deal-submitted': OnListing & { dealId: string }
	'deal-in-notice': WithOpinion & { dealId: string }
	'deal-rejected': WithOpinion & { dealId: string }
	'filing-submitted': OnListing & { dealId: string }
	'filing-filed': WithOpinion & { dealId: string }
	'filing-returned': WithOpinion & { dealId: string }
	'deal-objected': OnListing & { dealId: string }
	'objection-upheld': WithOpinion & { dealId: string }
	'objection-dismissed': WithOpinion & { dealId: string }
	'deal-completed': OnListing & { dealId: string; certificateNo: string }
	'deal-returned': WithOpinion & { dealId: string }
	/** To the village: its round closed with a winner. */
	'bidding-sold': OnListing & { alias: number; amount: number; priceUnit: PriceUnit }
	/** To the winner. */
	'bidding-won': OnListing & { amount: number; priceUnit: PriceUnit }
	/** `deposit` 0: the round asked none, so there is nothing to refund. */
	'bidding-lost': OnListing & { deposit: number }
	/** To the village: the round failed. */
	'bidding-failed': OnListing & { reason: BiddingFailReason }
	/** To the bidders of a failed round. */
	'bidding-failed-bidder': OnListing & { reason: BiddingFailReason; deposit: number }
	'deposit-pending': OnListing & { alias: number; deposit: number }
	'deposit-received': OnListing
	'deposit-refunded': OnListing & { deposit: number }
	/** To a winner whose win was voided past the payment deadline: the deposit is forfeited. */
	'win-voided': OnListing & { deposit: number }
	/** To the runner-up, who now holds the round. */
	'win-runner-up': OnListing & { amount: number; priceUnit: PriceUnit }
	/** To the village: the win went to the runner-up (their alias), or the round failed. */
	'win-voided-village': OnListing & { alias: number }
	'win-voided-failed': OnListing
	/** To the village: a rent payment falls due on `due` (YYYY-MM-DD), or is overdue (village and town). */
	'rent-due-soon': OnListing & { dealId: string; due: string }
	'rent-overdue': OnListing & { dealId: string; due: string }
	/** A certified deal's change, early end or dispute (`change`, decision 033): filed (to the town, and for a dispute the other party)… */
	'deal-change-filed': OnListing & { dealId: string; change: ChangeKind }
	/** …approved (a dispute: settled) or refused, to the parties. */
	'deal-change-approved': WithOpinion & { dealId: string; change: ChangeKind }
	'deal-change-rejected': WithOpinion & { dealId: string; change: ChangeKind }
	/** To an account whose e-mail or phone someone tried to sign up with (decision 012). */
	'signup-existing': Record<string, never>
	/** To everyone who starred the listing (issue 13): the village changed its price, in `priceUnit`. */
	'favourite-price-changed': OnListing & { oldPrice: number; newPrice: number; priceUnit: PriceUnit }
	/** …a bidding round opened on it (`deadline` an ISO time). */
	'favourite-bidding': OnListing & { deadline: string }
	/** …it was withdrawn. */
	'favourite-withdrawn': OnListing
	/** …its listing period ran out (the sweep took it off the map). */
	'favourite-expired': OnListing
	/** …it was traded (the deal was certified). */
	'favourite-traded': OnListing
	/** Wanted posts (issue 13): to the first town's reviewers, then to the buyer. */
	'wanted-submitted': OnWanted
	'wanted-published': OnWanted & { opinion: string }
	'wanted-returned': OnWanted & { opinion: string }
	'wanted-rejected': OnWanted & { opinion: string }
	'wanted-expired': OnWanted
	/** To the buyer: a listing that matches the post was published. */
	'wanted-matched': OnWanted & OnListing
	/** To a buyer: a listing just published matches their saved search (instant alerts). */
	'saved-search-match': OnListing & { search: string }
	/** To a buyer: the day's (`day`, YYYY-MM-DD) new matches of their daily searches; `search` names the first. */
	'saved-search-digest': { count: number; searches: number; search: string; day: string }
}

export type NotificationKind = keyof NotificationParams

export const NOTIFICATION_KINDS = [
	'listing-submitted',
	'listing-published',
	'listing-returned',
	'listing-rejected',
	'inquiry-created',
	'inquiry-withdrawn',
	'inquiry-replied',
	'inquiry-closed',
	'deal-submitted',
	'deal-in-notice',
	'deal-rejected',
	'filing-submitted',
	'filing-filed',
	'filing-returned',
	'deal-objected',
	'objection-upheld',
	'objection-dismissed',
	'deal-completed',
	'deal-returned',
	'bidding-sold',
	'bidding-won',
	'bidding-lost',
	'bidding-failed',
	'bidding-failed-bidder',
	'deposit-pending',
	'deposit-received',
	'deposit-refunded',
	'win-voided',
	'win-runner-up',
	'win-voided-village',
	'win-voided-failed',
	'rent-due-soon',
	'rent-overdue',
	'deal-change-filed',
	'deal-change-approved',
	'deal-change-rejected',
	'signup-existing',
	'favourite-price-changed',
	'favourite-bidding',
	'favourite-withdrawn',
	'favourite-expired',
	'favourite-traded',
	'wanted-submitted',
	'wanted-published',
	'wanted-returned',
	'wanted-rejected',
	'wanted-expired',
	'wanted-matched',
	'saved-search-match',
	'saved-search-digest',
] as const satisfies readonly NotificationKind[]

// Fails to compile when a kind is added to NotificationParams but not to the list above.
type Missing = Exclude<NotificationKind, (typeof NOTIFICATION_KINDS)[number]>
const complete: Missing extends never ? true : never = true
void complete

/** One notification as the models hand it to notify(): the kind with its own parameters. */
export type NotificationMessage = { [K in NotificationKind]: { kind: K; params: NotificationParams[K]; link?: string | null } }[NotificationKind]

export function isNotificationKind(value: string): value is NotificationKind {
	return (NOTIFICATION_KINDS as readonly string[]).includes(value)
}

/** Parameters that are sums in yuan, formatted for the reader. */
export const MONEY_PARAMS = ['deposit'] as const
/** Parameters that are prices in the listing's `priceUnit` (a bid, a winning price). */
export const PRICE_PARAMS = ['amount', 'oldPrice', 'newPrice'] as const
/** Parameters that are ISO times, shown as the reader's local date and time. */
export const TIME_PARAMS = ['deadline'] as const
