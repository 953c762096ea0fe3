// 重新挂牌 (issue 12, decision 034): when a traded listing's land is free again, and when a village
// may list it again. Pure: the server and the tests share it.
import { contractEnd, renewalOpensOn } from './deal-change.ts'
import type { DealStatus } from './deal.ts'
import type { ListingStatus } from './listing.ts'

/** A deal on the listing, with its days as China calendar days (YYYY-MM-DD). */
export type HoldingDeal = {
	status: DealStatus
	contractDay: string | null
	startDay: string | null
	endDay: string | null
	termYears: number | null
	terminatedDay: string | null
}

/**
 * The first day a traded listing's land is free again: the latest end among its deals still in
 * force or on their way (a refused deal holds nothing; one ended early ends on its early end).
 * Null while a deal has no end (a transfer of the remaining term, or no term): held for good.
 */
export function freeFrom(deals: readonly HoldingDeal[]): string | null {
	let latest: string | null = null
	let live = 0
	for (const d of deals) {
		if (d.status === 'REJECTED') continue
		live++
		const end = d.terminatedDay ?? contractEnd(d)
		if (!end) return null
		if (!latest || end > latest) latest = end
	}
	return live ? latest : null
}

/** Listings in these states take their parcels: no other listing may name them meanwhile. */
export const HOLDING_STATUSES: readonly ListingStatus[] = ['SUBMITTED', 'PUBLISHED', 'TRADED']

/** Whether a listing in `status` still holds its parcels on `today` (a traded one until its land is free). */
export function holdsParcels(status: ListingStatus, free: string | null, today: string) {
	if (status === 'TRADED') return free === null || today < free
	return HOLDING_STATUSES.includes(status)
}

/** A listing listed again from it, in one of these states, is still live: only one at a time. */
export const DEAD_STATUSES: readonly ListingStatus[] = ['REJECTED', 'WITHDRAWN', 'EXPIRED']

export type RelistProblem = 'notClosed' | 'noEnd' | 'tooEarly' | 'relisted'

/**
 * Why the village may not list this listing again today, or null. An expired or withdrawn listing
 * may be listed again at once. A traded one from the day the renewal window opens before its land
 * is free (the new lease then starts where the old one ends), and never while held for good.
 */
export function relistProblem(status: ListingStatus, free: string | null, today: string, liveSuccessor: boolean): RelistProblem | null {
	if (liveSuccessor) return 'relisted'
	if (status === 'EXPIRED' || status === 'WITHDRAWN') return null
	if (status !== 'TRADED') return 'notClosed'
	if (!free) return 'noEnd'
	if (today < relistOpensOn(free)) return 'tooEarly'
	return null
}

/** The first day a traded listing may be listed again: the renewal window's, before the land is free. */
export const relistOpensOn = renewalOpensOn

/**
 * The day a deal on a listing listed again starts: where the old listing's land is free, when that
 * is still to come on the contract's day; otherwise the contract's day decides (null).
 */
export function successorStart(free: string | null, contractDay: string): string | null {
	return free && free > contractDay ? free : null
}
