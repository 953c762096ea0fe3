import { describe, expect, test } from 'vitest'
import { checkChange, checkTermination, contractEnd, dealStanding, mayFile, needsDocument, paymentsEndedBy, renewalOpensOn, renewalProblem, scheduleAfterChange } from './deal-change.ts'

const current = { price: 400, area: 12.5, termYears: 3 }
const none = { price: null, area: null, termYears: null }

describe('who files what', () => {
	test('the village files changes and early ends; either party a dispute', () => {
		expect(mayFile('CHANGE', 'VILLAGE')).toBe(true)
		expect(mayFile('TERMINATION', 'VILLAGE')).toBe(true)
		expect(mayFile('CHANGE', 'BUYER')).toBe(false)
		expect(mayFile('TERMINATION', 'BUYER')).toBe(false)
		expect(mayFile('DISPUTE', 'BUYER')).toBe(true)
		expect(mayFile('DISPUTE', 'VILLAGE')).toBe(true)
	})
	test('a change or an early end needs the signed agreement; a dispute not', () => {
		expect(needsDocument('CHANGE')).toBe(true)
		expect(needsDocument('TERMINATION')).toBe(true)
		expect(needsDocument('DISPUTE')).toBe(false)
	})
})

describe('a change', () => {
	test('names at least one new term', () => {
		expect(checkChange(current, none)).toEqual({ field: null, problem: 'nothingChanged' })
		expect(checkChange(current, { price: 400, area: 12.5, termYears: 3 })).toEqual({ field: null, problem: 'nothingChanged' })
		expect(checkChange(current, { ...none, price: 450 })).toBeNull()
		expect(checkChange(current, { ...none, termYears: 5 })).toBeNull()
	})
	test('refuses nonsense: zero, negative, over 10×, a term not whole or beyond 70 years', () => {
		expect(checkChange(current, { ...none, price: 0 })?.field).toBe('price')
		expect(checkChange(current, { ...none, price: -1 })?.field).toBe('price')
		expect(checkChange(current, { ...none, price: 4001 })?.field).toBe('price')
		expect(checkChange(current, { ...none, price: 4000 })).toBeNull()
		expect(checkChange(current, { ...none, area: Number.NaN })?.field).toBe('area')
		expect(checkChange(current, { ...none, area: 126 })?.field).toBe('area')
		expect(checkChange(current, { ...none, termYears: 2.5 })?.field).toBe('termYears')
		expect(checkChange(current, { ...none, termYears: 0 })?.field).toBe('termYears')
		expect(checkChange(current, { ...none, termYears: 71 })?.field).toBe('termYears')
		expect(checkChange(current, { ...none, termYears: 70 })).toBeNull()
	})
})

describe('an early end', () => {
	const contract = { contractDay: '2026-11-20', endDay: '2029-11-20' }
	test('takes effect from the contract date to its end', () => {
		expect(checkTermination(null, contract)).toBe('effectiveOn')
		expect(checkTermination('2026-11-19', contract)).toBe('effectiveOn')
		expect(checkTermination('2026-11-20', contract)).toBeNull()
		expect(checkTermination('2029-11-20', contract)).toBeNull()
		expect(checkTermination('2029-11-21', contract)).toBe('effectiveOn')
		expect(checkTermination('2040-01-01', { ...contract, endDay: null })).toBeNull()
	})
	test('removes the unpaid payments due from its day on; what fell due before stays owed; what was paid stays', () => {
		const payments = [
			{ seq: 1, due: '2026-11-20', paid: true },
			{ seq: 2, due: '2027-11-20', paid: false },
			{ seq: 3, due: '2028-11-20', paid: false },
			{ seq: 4, due: '2029-11-20', paid: true },
		]
		expect(paymentsEndedBy(payments, '2028-01-01')).toEqual([3])
		expect(paymentsEndedBy(payments, '2027-11-20')).toEqual([2, 3])
		expect(paymentsEndedBy(payments, '2026-12-01')).toEqual([2, 3])
	})
})

describe('the schedule after a change', () => {
	const payments = [
		{ seq: 1, due: '2026-11-20', paid: true },
		{ seq: 2, due: '2027-11-20', paid: false },
		{ seq: 3, due: '2028-11-20', paid: false },
	]
	test('a longer term adds payments; paid ones are never rewritten', () => {
		const plan = [1, 2, 3, 4].map((seq) => ({ seq, due: `${2025 + seq}-11-20`, amount: 6000 }))
		expect(scheduleAfterChange(payments, plan)).toEqual({ remove: [], upsert: plan.slice(1) })
	})
	test('a shorter term removes the unpaid payments it no longer reaches', () => {
		const plan = [1, 2].map((seq) => ({ seq, due: `${2025 + seq}-11-20`, amount: 5000 }))
		expect(scheduleAfterChange(payments, plan)).toEqual({ remove: [3], upsert: [plan[1]] })
	})
})

test('how a deal stands: ended first, then in dispute, then changed', () => {
	const d = new Date('2027-01-01')
	expect(dealStanding({ terminatedOn: null, disputedSince: null, changedAt: null })).toBe('ACTIVE')
	expect(dealStanding({ terminatedOn: null, disputedSince: null, changedAt: d })).toBe('CHANGED')
	expect(dealStanding({ terminatedOn: null, disputedSince: d, changedAt: d })).toBe('DISPUTED')
	expect(dealStanding({ terminatedOn: d, disputedSince: d, changedAt: d })).toBe('TERMINATED')
})

describe('renewal', () => {
	test('the end: recorded, or the start (else the contract date) plus the term', () => {
		expect(contractEnd({ contractDay: '2024-05-18', startDay: null, endDay: null, termYears: 3 })).toBe('2027-05-18')
		expect(contractEnd({ contractDay: '2024-05-01', startDay: '2024-06-01', endDay: null, termYears: 3 })).toBe('2027-06-01')
		expect(contractEnd({ contractDay: '2024-05-01', startDay: null, endDay: '2026-12-31', termYears: 3 })).toBe('2026-12-31')
		expect(contractEnd({ contractDay: '2024-05-01', startDay: null, endDay: null, termYears: null })).toBeNull()
	})
	test('opens 180 days before the end and closes at the end; never for an ended deal or one with no end', () => {
		const end = '2027-05-18'
		expect(renewalOpensOn(end)).toBe('2026-11-19')
		expect(renewalProblem(end, '2026-11-18', false)).toBe('tooEarly')
		expect(renewalProblem(end, '2026-11-19', false)).toBeNull()
		expect(renewalProblem(end, '2027-05-18', false)).toBeNull()
		expect(renewalProblem(end, '2027-05-19', false)).toBe('ended')
		expect(renewalProblem(end, '2027-01-01', true)).toBe('terminated')
		expect(renewalProblem(null, '2027-01-01', false)).toBe('noEnd')
	})
})
