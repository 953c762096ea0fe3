// Money deadlines after a bidding round (issue 12) and the township's early-warning thresholds.
// Pure: the models apply them in transactions, the pages show them.

/** Past its due instant (a null due date is never overdue: rows from before deadlines existed). */
export function isOverdue(due: Date | string | null | undefined, now: Date) {
	if (!due) return false
	return new Date(due).getTime() <= now.getTime()
}

/** Deposit states from which a bidder can still take over a voided win: the deposit is still held. */
const HELD_DEPOSITS = ['RECEIVED', 'REFUND_DUE', 'APPLIED']

/**
 * After a win is voided, the round goes to the next-highest bidder whose deposit the centre still
 * holds and who has not forfeited a win of this round: their own highest bid. Null: the round fails.
 */
export function pickRunnerUp<B extends { amount: number; createdAt: Date; registrationId: string }>(
	bids: readonly B[],
	registrations: ReadonlyArray<{ id: string; depositStatus: string }>,
	excludeRegistrationId: string,
): B | null {
	const eligible = new Set(registrations.filter((r) => r.id !== excludeRegistrationId && HELD_DEPOSITS.includes(r.depositStatus)).map((r) => r.id))
	const ranked = bids.filter((b) => eligible.has(b.registrationId)).sort((a, b) => b.amount - a.amount || a.createdAt.getTime() - b.createdAt.getTime())
	return ranked[0] ?? null
}

/** The reason an administrator gives for voiding a win: required, kept as written. */
export const VOID_REASON_MAX = 500

// ── Early warning (风险预警) ────────────────────────────────────────────────────────────────────

/**
 * When a thing has waited too long: the one place these thresholds live (documented on the
 * warnings page). A listing SUBMITTED for review for more than 7 days; a deal PENDING_REVIEW more
 * than 7 days; AWAITING_CERTIFICATION more than 14 days; IN_NOTICE past its end (the sweep should
 * have moved it: shown when it has not); a contract ending within 90 days; rent past its due date;
 * a winner past the payment deadline; a deposit refund past its due date.
 */
export const WARNING_THRESHOLDS = {
	listingSubmittedDays: 7,
	dealPendingReviewDays: 7,
	awaitingCertificationDays: 14,
	contractEndingDays: 90,
} as const

export const WARNING_KINDS = ['rentOverdue', 'contractEnding', 'listingStuck', 'dealStuck', 'noticeOverrun', 'winnerUnpaid', 'refundOverdue', 'disputeOpen'] as const
export type WarningKind = (typeof WARNING_KINDS)[number]

const DAY_MS = 24 * 3600_000

/** The instant `days` days before now: things older than it have waited too long. */
export function olderThan(now: Date, days: number) {
	return new Date(now.getTime() - days * DAY_MS)
}

/** Whole days from `since` to `now` (0 when not yet). */
export function daysSince(since: Date, now: Date) {
	return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS))
}
