import { describe, expect, it } from 'vitest'
import { canFilingMove, filingMove, filingNumber, filingNumberStem, filingState, nextFilingSerial } from './filing.ts'

describe('filing lifecycle', () => {
	it('reads the state from the deal and the last filing review', () => {
		expect(filingState('PENDING_REVIEW', null)).toBe('SUBMITTED')
		expect(filingState('PENDING_REVIEW', { decision: 'RETURN' })).toBe('RETURNED')
		expect(filingState('PENDING_REVIEW', { decision: 'RESUBMIT' })).toBe('SUBMITTED')
		expect(filingState('COMPLETED', { decision: 'FILE' })).toBe('FILED')
		expect(filingState('REJECTED', { decision: 'RETURN' })).toBe('WITHDRAWN')
	})
	it('allows only the moves of the lifecycle', () => {
		expect(canFilingMove('SUBMITTED', 'FILED')).toBe(true)
		expect(canFilingMove('SUBMITTED', 'RETURNED')).toBe(true)
		expect(canFilingMove('RETURNED', 'SUBMITTED')).toBe(true)
		expect(canFilingMove('RETURNED', 'WITHDRAWN')).toBe(true)
		expect(canFilingMove('RETURNED', 'FILED')).toBe(false)
		expect(canFilingMove('FILED', 'RETURNED')).toBe(false)
		expect(() => filingMove('FILED', 'WITHDRAWN')).toThrow()
		expect(filingMove('SUBMITTED', 'FILED').deal.data.status).toBe('COMPLETED')
		expect(filingMove('RETURNED', 'WITHDRAWN').listing.data.status).toBe('REJECTED')
	})
})

describe('filing numbers', () => {
	it('are the banner, the town, the year and a five-digit serial', () => {
		expect(filingNumber('DLT', 'shulinzhao', 2026, 1)).toBe('DLT-SHULINZHAO-2026-00001')
		expect(filingNumber('DLT', 'wangaizhao', 2027, 123)).toBe('DLT-WANGAIZHAO-2027-00123')
		expect(filingNumber('DLT', 'shulinzhao', 2026, 7).startsWith(filingNumberStem('DLT', 'shulinzhao', 2026))).toBe(true)
	})
	it('count on from the highest of the year, from 1 when there is none', () => {
		expect(nextFilingSerial(null)).toBe(1)
		expect(nextFilingSerial('DLT-SHULINZHAO-2026-00041')).toBe(42)
		// A town code with hyphens does not confuse the serial.
		expect(nextFilingSerial('DLT-BAYAN-GOL-2026-00009')).toBe(10)
		expect(nextFilingSerial('DLT-X-2026-abc')).toBe(1)
	})
})
