import { describe, expect, it } from 'vitest'
import { ADDRESS_MAX_DELAY_MS, backoffMs, loginWait, type ThrottleConfig, type ThrottleFacts } from './login-throttle.ts'

const config: ThrottleConfig = { freeFailures: 5, maxFailuresPerIp: 50, maxAddressesPerAccount: 10, maxDelayMs: 15 * 60_000 }
const at = new Date('2026-11-30T08:00:00Z')
const ago = (ms: number) => new Date(at.getTime() - ms)
const none: ThrottleFacts = {
	pair: { failures: 0, lastFailureAt: null },
	knownAddress: false,
	address: { failures: 0, lastFailureAt: null },
	account: { addresses: 0, lastFailureAt: null },
}

describe('backoffMs', () => {
	it('is free below the threshold, then doubles up to the cap', () => {
		expect(backoffMs(4, 5, 60_000, 900_000)).toBe(0)
		expect(backoffMs(5, 5, 60_000, 900_000)).toBe(60_000)
		expect(backoffMs(6, 5, 60_000, 900_000)).toBe(120_000)
		expect(backoffMs(9, 5, 60_000, 900_000)).toBe(900_000)
		expect(backoffMs(10_000, 5, 60_000, 900_000)).toBe(900_000)
	})
})

describe('loginWait', () => {
	it('lets the first failures of an account at one address go, then asks for growing waits', () => {
		expect(loginWait({ ...none, pair: { failures: 4, lastFailureAt: at } }, config, at)).toEqual({ waitMs: 0, limit: null })
		expect(loginWait({ ...none, pair: { failures: 5, lastFailureAt: ago(10_000) } }, config, at)).toEqual({ waitMs: 50_000, limit: 'account-address' })
		expect(loginWait({ ...none, pair: { failures: 7, lastFailureAt: at } }, config, at).waitMs).toBe(240_000)
		// Once the wait has passed, one more try is allowed: a delay, never a lock.
		expect(loginWait({ ...none, pair: { failures: 7, lastFailureAt: ago(240_000) } }, config, at).waitMs).toBe(0)
	})

	it('applies the per-account-and-address wait even at a known address', () => {
		const facts = { ...none, knownAddress: true, pair: { failures: 6, lastFailureAt: at } }
		expect(loginWait(facts, config, at)).toMatchObject({ limit: 'account-address', waitMs: 120_000 })
	})

	it('slows an address spraying many accounts, by at most a minute', () => {
		expect(loginWait({ ...none, address: { failures: 49, lastFailureAt: at } }, config, at).waitMs).toBe(0)
		expect(loginWait({ ...none, address: { failures: 50, lastFailureAt: at } }, config, at)).toEqual({ waitMs: 1000, limit: 'address' })
		expect(loginWait({ ...none, address: { failures: 500, lastFailureAt: at } }, config, at).waitMs).toBe(ADDRESS_MAX_DELAY_MS)
	})

	it('slows addresses new to an account under attack from many addresses', () => {
		expect(loginWait({ ...none, account: { addresses: 9, lastFailureAt: at } }, config, at).waitMs).toBe(0)
		expect(loginWait({ ...none, account: { addresses: 12, lastFailureAt: at } }, config, at)).toEqual({ waitMs: 240_000, limit: 'account' })
	})

	it('never applies the address or account limits to an address the account logged in from', () => {
		const facts: ThrottleFacts = { ...none, knownAddress: true, address: { failures: 5000, lastFailureAt: at }, account: { addresses: 500, lastFailureAt: at } }
		expect(loginWait(facts, config, at)).toEqual({ waitMs: 0, limit: null })
	})

	it('answers with the longest of the waits that apply', () => {
		const facts: ThrottleFacts = { ...none, pair: { failures: 5, lastFailureAt: at }, address: { failures: 60, lastFailureAt: at } }
		expect(loginWait(facts, config, at)).toEqual({ waitMs: 60_000, limit: 'account-address' })
	})
})
