import { describe, expect, test } from 'vitest'
import { daysSince, isOverdue, olderThan, pickRunnerUp } from './deadlines.ts'

const at = (s: string) => new Date(s)

describe('deadlines', () => {
	test('overdue from the due instant on; no due date is never overdue', () => {
		expect(isOverdue(at('2026-12-01T00:00:00Z'), at('2026-11-30T23:59:59Z'))).toBe(false)
		expect(isOverdue(at('2026-12-01T00:00:00Z'), at('2026-12-01T00:00:00Z'))).toBe(true)
		expect(isOverdue('2026-12-01T00:00:00Z', at('2026-12-02T00:00:00Z'))).toBe(true)
		expect(isOverdue(null, at('2030-01-01T00:00:00Z'))).toBe(false)
	})

	test('the runner-up is the best other bidder whose deposit is still held', () => {
		const bids = [
			{ id: 'b1', amount: 1000, createdAt: at('2026-11-01T00:00:00Z'), registrationId: 'winner' },
			{ id: 'b2', amount: 900, createdAt: at('2026-11-01T00:01:00Z'), registrationId: 'refunded' },
			{ id: 'b3', amount: 850, createdAt: at('2026-11-01T00:02:00Z'), registrationId: 'second' },
			{ id: 'b4', amount: 800, createdAt: at('2026-11-01T00:00:30Z'), registrationId: 'second' },
			{ id: 'b5', amount: 700, createdAt: at('2026-11-01T00:03:00Z'), registrationId: 'forfeited' },
		]
		const regs = [
			{ id: 'winner', depositStatus: 'APPLIED' },
			{ id: 'refunded', depositStatus: 'REFUNDED' },
			{ id: 'second', depositStatus: 'REFUND_DUE' },
			{ id: 'forfeited', depositStatus: 'FORFEITED' },
		]
		expect(pickRunnerUp(bids, regs, 'winner')?.id).toBe('b3')
		expect(pickRunnerUp(bids.slice(0, 2), regs, 'winner')).toBeNull()
		// No-deposit rounds keep losers RECEIVED: they can take over.
		expect(pickRunnerUp(bids, [{ id: 'winner', depositStatus: 'RECEIVED' }, { id: 'refunded', depositStatus: 'RECEIVED' }], 'winner')?.id).toBe('b2')
	})

	test('days waited', () => {
		const now = at('2026-12-10T12:00:00Z')
		expect(olderThan(now, 7).toISOString()).toBe('2026-12-03T12:00:00.000Z')
		expect(daysSince(at('2026-12-03T12:00:00Z'), now)).toBe(7)
		expect(daysSince(at('2026-12-11T12:00:00Z'), now)).toBe(0)
	})
})
