import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { BidSchema, OpenRoundSchema, parseBidAmount } from './bidding-form.ts'

function form(fields: Record<string, string>) {
	const data = new FormData()
	for (const [k, v] of Object.entries(fields)) data.set(k, v)
	return data
}

describe('parseBidAmount', () => {
	it('reads plain and grouped amounts with up to two decimals', () => {
		expect(parseBidAmount('10500')).toBe(10500)
		expect(parseBidAmount(' 10,500 ')).toBe(10500)
		expect(parseBidAmount('10，500.5')).toBe(10500.5)
		expect(parseBidAmount('1 000.25')).toBe(1000.25)
	})
	it('refuses anything else', () => {
		for (const typed of ['', 'abc', '-5', '0', '0.00', '1e5', '10.123', '10.', '1000000000001', '１０５００']) expect(parseBidAmount(typed), typed).toBeNull()
	})
})

describe('BidSchema', () => {
	it('gives the amount and the version the page showed', () => {
		const submission = parseWithZod(form({ amount: '11,000', version: '3' }), { schema: BidSchema })
		expect(submission.status).toBe('success')
		expect(submission.status === 'success' && submission.value).toEqual({ amount: 11000, version: 3 })
	})
	it('says notNumber next to the amount for an empty or bad amount', () => {
		for (const amount of ['', 'ten thousand']) {
			const submission = parseWithZod(form({ amount, version: '3' }), { schema: BidSchema })
			expect(submission.status).toBe('error')
			expect(submission.reply().error).toEqual({ amount: ['notNumber'] })
		}
	})
	it('ignores a missing or broken version', () => {
		for (const version of [undefined, '-1', 'x', '1.5']) {
			const submission = parseWithZod(form(version === undefined ? { amount: '100' } : { amount: '100', version }), { schema: BidSchema })
			expect(submission.status === 'success' && submission.value).toEqual({ amount: 100, version: undefined })
		}
	})
})

describe('OpenRoundSchema', () => {
	const round = (extra: Record<string, string>) =>
		parseWithZod(form({ startPrice: '8000', increment: '200', deposit: '1000', deadline: '2026-12-07T10:00', extendMinutes: '5', minBidders: '2', ...extra }), { schema: OpenRoundSchema })
	it('takes an optional deposit due time in China time', () => {
		const none = round({})
		expect(none.status === 'success' && none.value.depositDue).toBeUndefined()
		const due = round({ depositDue: '2026-12-06T17:00' })
		expect(due.status === 'success' && due.value.depositDue).toBe('2026-12-06T17:00')
	})
	it('says depositDate next to the field for a time that does not parse', () => {
		expect(round({ depositDue: 'tomorrow' }).reply().error).toEqual({ depositDue: ['depositDate'] })
	})
})
