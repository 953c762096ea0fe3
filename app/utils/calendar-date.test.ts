import { describe, expect, it } from 'vitest'
import { parseChinaDate } from './calendar-date.ts'

describe('parseChinaDate', () => {
	it('reads real days as midnight in China', () => {
		expect(parseChinaDate('2026-03-01')?.toISOString()).toBe('2026-02-28T16:00:00.000Z')
		expect(parseChinaDate('2024-02-29')?.toISOString()).toBe('2024-02-28T16:00:00.000Z')
		expect(parseChinaDate(' 2026-12-31 ')?.toISOString()).toBe('2026-12-30T16:00:00.000Z')
	})
	it('refuses days that do not exist instead of rolling them over', () => {
		for (const bad of ['2026-02-30', '2026-09-31', '2025-02-29', '2026-13-01', '2026-00-10', '2026-01-00', '0000-01-01', '9999-12-31', '2026-1-1', '20260101', '', 'abc']) {
			expect(parseChinaDate(bad), bad).toBeNull()
		}
	})
})
