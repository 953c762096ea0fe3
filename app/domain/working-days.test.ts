import { describe, expect, test } from 'vitest'
import { addWorkingDays, calendarKnows, isWorkingDay, makeCalendar, workingDeadline } from './working-days.ts'

describe('working days', () => {
	test('weekdays count, weekends do not', () => {
		// Mon 2026-11-30 + 3 → Thu 2026-12-03; Fri 2026-12-04 + 1 → Mon 2026-12-07.
		expect(addWorkingDays('2026-11-30', 3)).toBe('2026-12-03')
		expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07')
		expect(addWorkingDays('2026-12-05', 0)).toBe('2026-12-05')
	})

	test('official holidays are skipped and adjusted working weekends count (2026 notice)', () => {
		// National Day 2026: 1–7 Oct off, Sat 10 Oct worked. From Wed 30 Sep: Thu 8, Fri 9, Sat 10.
		expect(isWorkingDay('2026-10-05')).toBe(false)
		expect(isWorkingDay('2026-10-10')).toBe(true)
		expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10')
		// Spring Festival 2026: 15–23 Feb off; Sat 14 Feb worked. From Fri 13 Feb: Sat 14, Tue 24.
		expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24')
		// 2025: 1 Jan off; 7 working days from 31 Dec 2024 end on 10 Jan 2025.
		expect(addWorkingDays('2024-12-31', 7)).toBe('2025-01-10')
	})

	test('a year missing from the file counts weekends only', () => {
		expect(calendarKnows(2026)).toBe(true)
		expect(calendarKnows(2030)).toBe(false)
		// 2030-01-01 is a Tuesday: with no notice on file it is a working day.
		expect(isWorkingDay('2030-01-01')).toBe(true)
	})

	test('extra local holidays are skipped', () => {
		const calendar = makeCalendar({ years: {} }, ['2026-12-01'])
		expect(addWorkingDays('2026-11-30', 1, calendar)).toBe('2026-12-02')
	})

	test('the deadline ends at midnight China time of the last working day, from the China day of the start', () => {
		// 2026-12-04 17:00 UTC is Sat 5 Dec 01:00 in China: 3 working days → Mon 7 … Wed 9; ends 10 Dec 00:00 (+08).
		expect(workingDeadline(new Date('2026-12-04T17:00:00Z'), 3).toISOString()).toBe('2026-12-09T16:00:00.000Z')
		// 2026-12-04 15:00 UTC is still Fri 4 Dec in China: Mon 7, Tue 8, Wed 9 as well.
		expect(workingDeadline(new Date('2026-12-04T15:00:00Z'), 3).toISOString()).toBe('2026-12-09T16:00:00.000Z')
		expect(workingDeadline(new Date('2026-12-03T15:00:00Z'), 3).toISOString()).toBe('2026-12-08T16:00:00.000Z')
	})

	test('refuses a negative or fractional count', () => {
		expect(() => addWorkingDays('2026-11-30', -1)).toThrow()
		expect(() => addWorkingDays('2026-11-30', 1.5)).toThrow()
	})
})
