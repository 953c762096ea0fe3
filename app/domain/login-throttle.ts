// How long a login attempt must wait, from what the LoginAttempt rows say. Pure, so the rule can be
// tested without a database (decision 012). Nothing here ever refuses the right password for good:
// every limit is a delay that grows and then stops growing, and the limits an attacker can reach
// from elsewhere (per address, per account) never apply to an address the account has logged in
// from before.

export type ThrottleConfig = {
	/** Failures of one account from one address before each further try waits. */
	freeFailures: number
	/** Failures from one address (any accounts) in the window before unknown logins there wait. */
	maxFailuresPerIp: number
	/** Distinct failing addresses on one account in the window before unknown addresses wait. */
	maxAddressesPerAccount: number
	/** The longest wait, per account. */
	maxDelayMs: number
}

/** Counts the window of the per-address and per-account limits. */
export const THROTTLE_WINDOW_MS = 60 * 60 * 1000
/** How far back failures of one (account, address) pair count (since its last success). */
export const PAIR_LOOKBACK_MS = 24 * 60 * 60 * 1000
/** An address the account logged in from within this time is "known" to it. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000
/** First wait of one account (pair or distributed), doubling with each failure after the free ones. */
export const ACCOUNT_BASE_DELAY_MS = 60 * 1000
/** An address shared by a whole office is only slowed: the wait starts at a second, stops at a minute. */
export const ADDRESS_BASE_DELAY_MS = 1000
export const ADDRESS_MAX_DELAY_MS = 60 * 1000

export type ThrottleFacts = {
	/** This account from this address: failures since its last success (within PAIR_LOOKBACK_MS). */
	pair: { failures: number; lastFailureAt: Date | null }
	/** This account has logged in successfully from this address within KNOWN_ADDRESS_MS. */
	knownAddress: boolean
	/** Every account from this address, within THROTTLE_WINDOW_MS. */
	address: { failures: number; lastFailureAt: Date | null }
	/** This account from every address, within THROTTLE_WINDOW_MS. */
	account: { addresses: number; lastFailureAt: Date | null }
}

/** 0 below `free`; then base, 2×base, 4×base … up to max. */
export function backoffMs(count: number, free: number, baseMs: number, maxMs: number) {
	if (count < free) return 0
	return Math.min(maxMs, baseMs * 2 ** Math.min(count - free, 30))
}

function remaining(delayMs: number, since: Date | null, now: Date) {
	if (!delayMs || !since) return 0
	return Math.max(0, since.getTime() + delayMs - now.getTime())
}

export type ThrottleLimit = 'account-address' | 'address' | 'account'

/** The milliseconds this attempt must still wait (0: go ahead) and which limit asked for it. */
export function loginWait(facts: ThrottleFacts, config: ThrottleConfig, now: Date): { waitMs: number; limit: ThrottleLimit | null } {
	const waits: [ThrottleLimit, number][] = [
		// Guessing one account from one address: the owner's own typos land here too, but only
		// their address waits, and a success clears it.
		['account-address', remaining(backoffMs(facts.pair.failures, config.freeFailures, ACCOUNT_BASE_DELAY_MS, config.maxDelayMs), facts.pair.lastFailureAt, now)],
	]
	if (!facts.knownAddress) {
		// Spraying many accounts from one address. A village office shares one address, so it
		// is slowed (never more than a minute between tries), and its members' known logins skip it.
		waits.push(['address', remaining(backoffMs(facts.address.failures, config.maxFailuresPerIp, ADDRESS_BASE_DELAY_MS, ADDRESS_MAX_DELAY_MS), facts.address.lastFailureAt, now)])
		// Guessing one account from many addresses (a botnet): new addresses wait; the owner's
		// usual addresses do not, so the attack cannot lock the owner out.
		waits.push(['account', remaining(backoffMs(facts.account.addresses, config.maxAddressesPerAccount, ACCOUNT_BASE_DELAY_MS, config.maxDelayMs), facts.account.lastFailureAt, now)])
	}
	const [limit, waitMs] = waits.reduce((a, b) => (b[1] > a[1] ? b : a))
	return waitMs > 0 ? { waitMs, limit } : { waitMs: 0, limit: null }
}
