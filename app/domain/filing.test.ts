import { describe, expect, it } from 'vitest'
import { canFilingMove, filingMove, filingState } from './filing.ts'

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
