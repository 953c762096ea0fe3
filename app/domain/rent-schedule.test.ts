import { describe, expect, test } from 'vitest'
import { addYears, checkPayment, paysYearlyRent, rentOverdue, rentSchedule } from './rent-schedule.ts'

const lease = { transferMode: 'LEASE', priceUnit: 'YUAN_PER_MU_YEAR', price: 400, area: 100, areaUnit: 'mu', termYears: 3 }

describe('rent schedule', () => {
	test('yearly in advance: the first on the start day, then each anniversary, for the term', () => {
		expect(rentSchedule(lease, '2026-03-15')).toEqual([
			{ seq: 1, due: '2026-03-15', amount: 40000 },
			{ seq: 2, due: '2027-03-15', amount: 40000 },
			{ seq: 3, due: '2028-03-15', amount: 40000 },
		])
	})

	test('rent per year for the whole area, and an area in m²', () => {
		expect(rentSchedule({ ...lease, priceUnit: 'YUAN_PER_YEAR', price: 12000, termYears: 1 }, '2026-01-01')).toEqual([{ seq: 1, due: '2026-01-01', amount: 12000 }])
		expect(rentSchedule({ ...lease, area: 6666.67, areaUnit: 'm2', termYears: 1 }, '2026-01-01')[0].amount).toBeCloseTo(4000, 0)
	})

	test('a leap day start falls due on 28 February in common years', () => {
		expect(addYears('2028-02-29', 1)).toBe('2029-02-28')
		expect(addYears('2028-02-29', 4)).toBe('2032-02-29')
		expect(rentSchedule({ ...lease, termYears: 2 }, '2028-02-29').map((p) => p.due)).toEqual(['2028-02-29', '2029-02-28'])
	})

	test('a final partial year pays its share by days', () => {
		// 2026-01-01 to 2027-07-02: one whole year, then 182 of 365 days.
		const plan = rentSchedule(lease, '2026-01-01', '2027-07-02')
		expect(plan).toEqual([
			{ seq: 1, due: '2026-01-01', amount: 40000 },
			{ seq: 2, due: '2027-01-01', amount: Math.round(((40000 * 182) / 365) * 100) / 100 },
		])
	})

	test('only yearly rents of leases and subcontracts with a term get a schedule', () => {
		expect(paysYearlyRent({ ...lease, transferMode: 'SUBCONTRACT' })).toBe(true)
		expect(rentSchedule({ ...lease, transferMode: 'TRANSFER' }, '2026-01-01')).toEqual([])
		expect(rentSchedule({ ...lease, priceUnit: 'WAN_YUAN' }, '2026-01-01')).toEqual([])
		expect(rentSchedule({ ...lease, termYears: null }, '2026-01-01')).toEqual([])
		expect(rentSchedule(lease, 'not a day')).toEqual([])
	})

	test('overdue once the due day has passed in China, unless paid', () => {
		expect(rentOverdue({ due: '2026-03-15', paid: false }, '2026-03-15')).toBe(false)
		expect(rentOverdue({ due: '2026-03-15', paid: false }, '2026-03-16')).toBe(true)
		expect(rentOverdue({ due: '2026-03-15', paid: true }, '2026-04-01')).toBe(false)
	})

	test('a recorded payment must be positive, not absurd, and dated from the contract to today', () => {
		const due = { amount: 40000, contractDay: '2026-03-01', today: '2026-04-01' }
		expect(checkPayment({ amount: 40000, paidOn: '2026-03-20' }, due)).toBeNull()
		expect(checkPayment({ amount: -1, paidOn: '2026-03-20' }, due)).toBe('amount')
		expect(checkPayment({ amount: 0, paidOn: '2026-03-20' }, due)).toBe('amount')
		expect(checkPayment({ amount: 400001, paidOn: '2026-03-20' }, due)).toBe('amount')
		expect(checkPayment({ amount: Number.NaN, paidOn: '2026-03-20' }, due)).toBe('amount')
		expect(checkPayment({ amount: 40000, paidOn: '2026-02-28' }, due)).toBe('date')
		expect(checkPayment({ amount: 40000, paidOn: '2026-04-02' }, due)).toBe('date')
		expect(checkPayment({ amount: 40000, paidOn: null }, due)).toBe('date')
	})
})
