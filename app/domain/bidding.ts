// Competitive bidding (竞价) rules. Pure: the server applies them inside a transaction with a
// conditional update, so two equal bids at the same moment cannot both be accepted.

export type RoundState = {
	status: string
	startPrice: number
	increment: number
	currentPrice: number | null
	deadline: Date
	extendMinutes: number
	minBidders: number
}


/** The lowest acceptable next bid: the start price, then the current price plus the increment. */
export function minimumBid(r: Pick<RoundState, 'startPrice' | 'increment' | 'currentPrice'>) {
	return r.currentPrice === null ? r.startPrice : round2(r.currentPrice + r.increment)
}

export type BidRefusal = 'closed' | 'notRegistered' | 'depositNotReceived' | 'alreadyLeading' | 'tooLow' | 'notNumber'

export function checkBid(
	r: RoundState,
	bid: { amount: number; registered: boolean; depositReceived: boolean; /** The bidder holds the highest bid already. */ leading?: boolean },
	now: Date,
): { ok: true } | { ok: false; reason: BidRefusal; minimum?: number } {
	if (r.status !== 'OPEN' || now.getTime() >= r.deadline.getTime()) return { ok: false, reason: 'closed' }
	if (!bid.registered) return { ok: false, reason: 'notRegistered' }
	if (!bid.depositReceived) return { ok: false, reason: 'depositNotReceived' }
	// Raising one's own leading bid only drives the price up against oneself.
	if (bid.leading) return { ok: false, reason: 'alreadyLeading' }
	if (!Number.isFinite(bid.amount) || bid.amount <= 0) return { ok: false, reason: 'notNumber' }
	const minimum = minimumBid(r)
	if (round2(bid.amount) < minimum) return { ok: false, reason: 'tooLow', minimum }
	return { ok: true }
}

/** A bid in the last `extendMinutes` moves the deadline to `extendMinutes` after the bid. */
export function extendedDeadline(r: Pick<RoundState, 'deadline' | 'extendMinutes'>, now: Date) {
	const window = r.extendMinutes * 60_000
	if (window <= 0) return r.deadline
	if (r.deadline.getTime() - now.getTime() <= window) return new Date(now.getTime() + window)
	return r.deadline
}

export type Outcome = { result: 'won'; winningBidId: string; amount: number } | { result: 'failed'; reason: 'tooFewBidders' | 'noBids' }

/**
 * At the deadline: with fewer qualified bidders (deposit received) than the minimum the round
 * fails; otherwise the highest bid wins (the earlier one if equal, which the database forbids).
 */
export function decideRound(
	r: Pick<RoundState, 'minBidders'>,
	qualifiedBidders: number,
	bids: Array<{ id: string; amount: number; createdAt: Date }>,
): Outcome {
	if (qualifiedBidders < r.minBidders) return { result: 'failed', reason: 'tooFewBidders' }
	if (bids.length === 0) return { result: 'failed', reason: 'noBids' }
	const best = [...bids].sort((a, b) => b.amount - a.amount || a.createdAt.getTime() - b.createdAt.getTime())[0]
	return { result: 'won', winningBidId: best.id, amount: best.amount }
}

/**
 * What a registration's deposit shows: a round without a deposit (0 yuan) has none to receive,
 * apply or pay back once the registration is confirmed — never 待退还.
 */
export function depositLabel(status: string, deposit: number) {
	return deposit === 0 && status !== 'PENDING' ? 'NONE' : status
}

/** 竞买人1, 竞买人2, …: bidders are numbered in the order they registered. */
export function bidderAlias(alias: number, locale: 'zh' | 'en') {
	return locale === 'en' ? `Bidder ${alias}` : `竞买人${alias}`
}

function round2(n: number) {
	return Math.round(n * 100) / 100
}

// ── Opening a round ────────────────────────────────────────────────────────────────────────────

/** The deadline is at least this long after the round opens… */
export const MIN_ROUND_LEAD_MS = 60 * 60 * 1000
/** …and at most this many days. */
export const MAX_ROUND_DAYS = 90
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** A `datetime-local` value ("2026-11-26T18:30") read as China time (UTC+8); null when malformed. */
export function parseChinaDateTime(value: string | null | undefined) {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value?.trim() ?? '')
	if (!m) return null
	const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number)
	const utc = Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS
	const date = new Date(utc)
	// Rejects 2026-02-30 and 25:00, which Date.UTC would roll over.
	const back = new Date(utc + CHINA_OFFSET_MS)
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null
	return date
}

/** An instant as the `datetime-local` value in China time ("2026-11-26T18:30"). */
export function toChinaDateTime(date: Date) {
	return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16)
}

export type DeadlineProblem = 'tooSoon' | 'tooLate'

/** The deadline must leave bidders at least an hour and be at most 90 days away. */
export function checkDeadline(deadline: Date, now: Date): DeadlineProblem | null {
	const lead = deadline.getTime() - now.getTime()
	if (lead < MIN_ROUND_LEAD_MS) return 'tooSoon'
	if (lead > MAX_ROUND_DAYS * 24 * 60 * 60 * 1000) return 'tooLate'
	return null
}
