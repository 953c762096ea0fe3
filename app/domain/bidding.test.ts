import { describe, expect, it } from 'vitest'
import { bidderAlias, checkBid, checkDeadline, decideRound, depositLabel, extendedDeadline, minimumBid, parseChinaDateTime, toChinaDateTime, type RoundState } from './bidding.ts'

const deadline = new Date('2026-11-26T10:00:00Z')
const round: RoundState = { status: 'OPEN', startPrice: 10000, increment: 500, currentPrice: null, deadline, extendMinutes: 5, minBidders: 2 }
const ok = { registered: true, depositReceived: true }
const early = new Date('2026-11-26T09:00:00Z')

describe('bidding', () => {
	it('starts at the start price, then needs the increment', () => {
		expect(minimumBid(round)).toBe(10000)
		expect(minimumBid({ ...round, currentPrice: 10000 })).toBe(10500)
		expect(checkBid(round, { ...ok, amount: 10000 }, early)).toEqual({ ok: true })
		expect(checkBid({ ...round, currentPrice: 10000 }, { ...ok, amount: 10499.99 }, early)).toEqual({ ok: false, reason: 'tooLow', minimum: 10500 })
	})
	it('refuses bids from the unregistered, without deposit, or after the deadline', () => {
		expect(checkBid(round, { amount: 20000, registered: false, depositReceived: false }, early)).toMatchObject({ reason: 'notRegistered' })
		expect(checkBid(round, { amount: 20000, registered: true, depositReceived: false }, early)).toMatchObject({ reason: 'depositNotReceived' })
		expect(checkBid(round, { ...ok, amount: 20000 }, deadline)).toMatchObject({ reason: 'closed' })
		expect(checkBid({ ...round, status: 'FAILED' }, { ...ok, amount: 20000 }, early)).toMatchObject({ reason: 'closed' })
		expect(checkBid(round, { ...ok, amount: Number.NaN }, early)).toMatchObject({ reason: 'notNumber' })
		expect(checkBid({ ...round, currentPrice: 10000 }, { ...ok, amount: 12000, leading: true }, early)).toEqual({ ok: false, reason: 'alreadyLeading' })
		expect(checkBid({ ...round, currentPrice: 10000 }, { ...ok, amount: 12000, leading: false }, early)).toEqual({ ok: true })
	})
	it('shows no deposit status for a 0-yuan deposit once confirmed', () => {
		expect(depositLabel('REFUND_DUE', 5000)).toBe('REFUND_DUE')
		expect(depositLabel('RECEIVED', 0)).toBe('NONE')
		expect(depositLabel('REFUND_DUE', 0)).toBe('NONE')
		expect(depositLabel('PENDING', 0)).toBe('PENDING')
	})
	it('extends the deadline for a late bid only', () => {
		expect(extendedDeadline(round, early)).toEqual(deadline)
		const late = new Date('2026-11-26T09:57:00Z')
		expect(extendedDeadline(round, late).toISOString()).toBe('2026-11-26T10:02:00.000Z')
	})
	it('fails with too few bidders, else the highest bid wins', () => {
		const bids = [
			{ id: 'a', amount: 10000, createdAt: early },
			{ id: 'b', amount: 11000, createdAt: early },
		]
		expect(decideRound(round, 1, bids)).toEqual({ result: 'failed', reason: 'tooFewBidders' })
		expect(decideRound(round, 2, [])).toEqual({ result: 'failed', reason: 'noBids' })
		expect(decideRound(round, 3, bids)).toEqual({ result: 'won', winningBidId: 'b', amount: 11000 })
		expect(bidderAlias(2, 'zh')).toBe('竞买人2')
	})
})

describe('opening a round', () => {
	it('reads datetime-local values as China time', () => {
		expect(parseChinaDateTime('2026-11-26T18:30')?.toISOString()).toBe('2026-11-26T10:30:00.000Z')
		expect(parseChinaDateTime('2026-11-27T00:15')?.toISOString()).toBe('2026-11-26T16:15:00.000Z')
		expect(toChinaDateTime(new Date('2026-11-26T16:15:00Z'))).toBe('2026-11-27T00:15')
		for (const bad of ['', '2026-02-30T10:00', '2026-11-26T25:00', '2026-11-26', 'tomorrow', '2026-11-26T10:00Z']) expect(parseChinaDateTime(bad)).toBeNull()
	})
	it('needs a deadline from one hour to 90 days away', () => {
		const now = new Date('2026-11-26T10:00:00Z')
		expect(checkDeadline(new Date('2026-11-26T10:59:00Z'), now)).toBe('tooSoon')
		expect(checkDeadline(new Date('2026-11-26T11:00:00Z'), now)).toBeNull()
		expect(checkDeadline(new Date(now.getTime() + 90 * 86400_000), now)).toBeNull()
		expect(checkDeadline(new Date(now.getTime() + 90 * 86400_000 + 60_000), now)).toBe('tooLate')
	})
})
