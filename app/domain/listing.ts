// Listing vocabulary and lifecycle (PRODUCT.md "Lifecycles"). Pure: shared by server, client and tests.

export const LISTING_TYPES = ['FARMHOUSE', 'LAND', 'COLLECTIVE_ASSET'] as const
export type ListingType = (typeof LISTING_TYPES)[number]

export const LISTING_STATUSES = [
	'DRAFT',
	'SUBMITTED',
	'PUBLISHED',
	'RETURNED',
	'REJECTED',
	'TRADED',
	'WITHDRAWN',
	'EXPIRED',
] as const
export type ListingStatus = (typeof LISTING_STATUSES)[number]

/** Counted in the centre's figures ("listed"): published or already traded. */
export const COUNTED_STATUSES: readonly ListingStatus[] = ['PUBLISHED', 'TRADED']

export const TRANSFER_MODES = ['LEASE', 'SUBCONTRACT', 'SHARE', 'COOPERATION', 'TRANSFER'] as const
export type TransferMode = (typeof TRANSFER_MODES)[number]

export const TRADING_MODES = ['NEGOTIATED', 'BIDDING'] as const
export type TradingMode = (typeof TRADING_MODES)[number]

export const LAND_CLASSES = ['CROPLAND', 'FOREST', 'GRASSLAND', 'BARREN', 'OTHER'] as const
export type LandClass = (typeof LAND_CLASSES)[number]

export const PRICE_UNITS = ['YUAN_PER_YEAR', 'YUAN_PER_MU_YEAR', 'WAN_YUAN'] as const
export type PriceUnit = (typeof PRICE_UNITS)[number]

export type AreaUnit = 'mu' | 'm2'

/** Land is measured in mu, buildings in square metres. */
export function areaUnitFor(type: ListingType): AreaUnit {
	return type === 'LAND' ? 'mu' : 'm2'
}

/** Transfer modes the law allows per type: a farmhouse's homestead is never sold to outsiders. */
export function allowedTransferModes(type: ListingType): readonly TransferMode[] {
	if (type === 'FARMHOUSE') return ['LEASE', 'COOPERATION']
	if (type === 'LAND') return ['LEASE', 'SUBCONTRACT', 'SHARE', 'COOPERATION', 'TRANSFER']
	return ['LEASE', 'SHARE', 'COOPERATION', 'TRANSFER']
}

const TRANSITIONS: Record<ListingStatus, readonly ListingStatus[]> = {
	DRAFT: ['SUBMITTED'],
	SUBMITTED: ['PUBLISHED', 'RETURNED', 'REJECTED'],
	RETURNED: ['SUBMITTED'],
	REJECTED: [],
	PUBLISHED: ['TRADED', 'WITHDRAWN', 'EXPIRED'],
	TRADED: [],
	WITHDRAWN: [],
	// A deal recorded before the listing expired may still be certified after it.
	EXPIRED: ['TRADED'],
}

export function canTransition(from: ListingStatus, to: ListingStatus) {
	return TRANSITIONS[from].includes(to)
}

/**
 * Every state change of a listing in production goes through here: the `status` parts of a
 * conditional update from any of `from` to `to`. A move the table does not allow throws, so the
 * table and the code cannot drift apart.
 */
export function listingMove(from: ListingStatus | readonly ListingStatus[], to: ListingStatus) {
	const states: ListingStatus[] = typeof from === 'string' ? [from] : [...from]
	for (const f of states) if (!canTransition(f, to)) throw new Error(`Listing ${f} → ${to} is not in the lifecycle`)
	return { where: { status: { in: states } }, data: { status: to } }
}

export function isListingType(value: unknown): value is ListingType {
	return typeof value === 'string' && (LISTING_TYPES as readonly string[]).includes(value)
}
export function isTransferMode(value: unknown): value is TransferMode {
	return typeof value === 'string' && (TRANSFER_MODES as readonly string[]).includes(value)
}
