import { describe, expect, it } from 'vitest'
import { allowedTransferModes, areaUnitFor, canTransition, isListingType } from './listing.ts'

describe('listing lifecycle', () => {
	it('follows PRODUCT.md', () => {
		expect(canTransition('DRAFT', 'SUBMITTED')).toBe(true)
		expect(canTransition('SUBMITTED', 'PUBLISHED')).toBe(true)
		expect(canTransition('SUBMITTED', 'RETURNED')).toBe(true)
		expect(canTransition('RETURNED', 'SUBMITTED')).toBe(true)
		expect(canTransition('PUBLISHED', 'TRADED')).toBe(true)
		expect(canTransition('PUBLISHED', 'WITHDRAWN')).toBe(true)
		expect(canTransition('DRAFT', 'PUBLISHED')).toBe(false)
		expect(canTransition('REJECTED', 'SUBMITTED')).toBe(false)
		expect(canTransition('TRADED', 'PUBLISHED')).toBe(false)
	})
	it('never lets a farmhouse be sold', () => {
		expect(allowedTransferModes('FARMHOUSE')).not.toContain('TRANSFER')
		expect(allowedTransferModes('LAND')).toContain('SUBCONTRACT')
	})
	it('measures land in mu and buildings in m²', () => {
		expect(areaUnitFor('LAND')).toBe('mu')
		expect(areaUnitFor('FARMHOUSE')).toBe('m2')
		expect(areaUnitFor('COLLECTIVE_ASSET')).toBe('m2')
	})
	it('recognises types', () => {
		expect(isListingType('LAND')).toBe(true)
		expect(isListingType('land')).toBe(false)
		expect(isListingType(undefined)).toBe(false)
	})
})
