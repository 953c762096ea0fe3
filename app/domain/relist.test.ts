import { describe, expect, test } from 'vitest'
import { freeFrom, holdsParcels, relistOpensOn, relistProblem, successorStart, type HoldingDeal } from './relist.ts'

const lease = (over: Partial<HoldingDeal> = {}): HoldingDeal => ({ status: 'COMPLETED', contractDay: '2024-03-01', startDay: null, endDay: null, termYears: 3, terminatedDay: null, ...over })

describe('freeFrom', () => {
	test('a lease frees its land where its term ends, counted from its start or its contract day', () => {
		expect(freeFrom([lease()])).toBe('2027-03-01')
		expect(freeFrom([lease({ startDay: '2024-05-01' })])).toBe('2027-05-01')
		expect(freeFrom([lease({ endDay: '2026-12-31' })])).toBe('2026-12-31')
	})
	test('an early end frees it on its day; a refused deal holds nothing', () => {
		expect(freeFrom([lease({ terminatedDay: '2025-06-30' })])).toBe('2025-06-30')
		expect(freeFrom([lease(), lease({ status: 'REJECTED', startDay: '2027-03-01', termYears: 5 })])).toBe('2027-03-01')
	})
	test('a renewal on its way or certified holds the land to its own end', () => {
		expect(freeFrom([lease(), lease({ status: 'PENDING_REVIEW', contractDay: null, startDay: '2027-03-01', termYears: 5 })])).toBe('2032-03-01')
	})
	test('a deal with no end (a transfer, no term) holds the land for good; so does a traded listing with no deal found', () => {
		expect(freeFrom([lease({ termYears: null })])).toBeNull()
		expect(freeFrom([lease(), lease({ contractDay: '2027-03-01', termYears: null })])).toBeNull()
		expect(freeFrom([])).toBeNull()
	})
})

describe('holdsParcels', () => {
	test('submitted and published listings hold; drafts and ended ones do not', () => {
		expect(holdsParcels('SUBMITTED', null, '2026-01-01')).toBe(true)
		expect(holdsParcels('PUBLISHED', null, '2026-01-01')).toBe(true)
		for (const s of ['DRAFT', 'RETURNED', 'REJECTED', 'WITHDRAWN', 'EXPIRED'] as const) expect(holdsParcels(s, null, '2026-01-01')).toBe(false)
	})
	test('a traded listing holds until its land is free, and for good with no end', () => {
		expect(holdsParcels('TRADED', '2027-03-01', '2027-02-28')).toBe(true)
		expect(holdsParcels('TRADED', '2027-03-01', '2027-03-01')).toBe(false)
		expect(holdsParcels('TRADED', null, '2099-01-01')).toBe(true)
	})
})

describe('relistProblem', () => {
	test('expired and withdrawn listings may be listed again at once; drafts and live ones may not', () => {
		expect(relistProblem('EXPIRED', null, '2026-01-01', false)).toBeNull()
		expect(relistProblem('WITHDRAWN', null, '2026-01-01', false)).toBeNull()
		for (const s of ['DRAFT', 'SUBMITTED', 'PUBLISHED', 'RETURNED', 'REJECTED'] as const) expect(relistProblem(s, null, '2026-01-01', false)).toBe('notClosed')
	})
	test('a traded lease from 180 days before its land is free, and at any time after', () => {
		expect(relistOpensOn('2027-03-01')).toBe('2026-09-02')
		expect(relistProblem('TRADED', '2027-03-01', '2026-09-01', false)).toBe('tooEarly')
		expect(relistProblem('TRADED', '2027-03-01', '2026-09-02', false)).toBeNull()
		expect(relistProblem('TRADED', '2027-03-01', '2030-01-01', false)).toBeNull()
		expect(relistProblem('TRADED', null, '2030-01-01', false)).toBe('noEnd')
	})
	test('only one live listing from each', () => {
		expect(relistProblem('EXPIRED', null, '2026-01-01', true)).toBe('relisted')
		expect(relistProblem('TRADED', '2027-03-01', '2027-01-01', true)).toBe('relisted')
	})
})

describe('successorStart', () => {
	test('a new lease signed before the old one ends starts where it ends', () => {
		expect(successorStart('2027-03-01', '2027-01-15')).toBe('2027-03-01')
		expect(successorStart('2027-03-01', '2027-03-01')).toBeNull()
		expect(successorStart('2027-03-01', '2027-04-01')).toBeNull()
		expect(successorStart(null, '2027-04-01')).toBeNull()
	})
})
