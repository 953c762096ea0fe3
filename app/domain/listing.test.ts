import { describe, expect, it } from 'vitest'
import { allowedTransferModes, areaUnitFor, canTransition, isListingType, LISTING_STATUSES, listingMove } from './listing.ts'

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
	it('allows exactly the moves the code makes, and production moves go through listingMove', () => {
		const allowed = new Set([
			'DRAFT>SUBMITTED', // submitListing
			'RETURNED>SUBMITTED', // submitListing after a return
			'SUBMITTED>PUBLISHED', // reviewListing
			'SUBMITTED>RETURNED',
			'SUBMITTED>REJECTED',
			'PUBLISHED>WITHDRAWN', // withdrawListing
			'PUBLISHED>EXPIRED', // the sweep
			'PUBLISHED>TRADED', // certifyDeal
			'EXPIRED>TRADED', // certifyDeal of a deal recorded before the listing expired
		])
		for (const from of LISTING_STATUSES) for (const to of LISTING_STATUSES) expect(canTransition(from, to), `${from}>${to}`).toBe(allowed.has(`${from}>${to}`))
		expect(listingMove(['PUBLISHED', 'EXPIRED'], 'TRADED')).toEqual({ where: { status: { in: ['PUBLISHED', 'EXPIRED'] } }, data: { status: 'TRADED' } })
		expect(() => listingMove(['PUBLISHED', 'WITHDRAWN'], 'TRADED')).toThrow(/WITHDRAWN → TRADED/)
		expect(() => listingMove('DRAFT', 'PUBLISHED')).toThrow(/not in the lifecycle/)
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
