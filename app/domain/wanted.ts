// Wanted posts (求租 / 求购, issue 13): what a buyer looks for, its lifecycle, its limits, and whether
// a listing matches it. Pure: shared by the server, the forms and the tests.
import { allowedTransferModes, type AreaUnit, type ListingType, type PriceUnit, type TransferMode } from './listing.ts'
import { areaIn, areaInMu } from './units.ts'

/**
 * 求租 RENT: the buyer wants to use the property for a term and pay rent: listings let by 出租
 * (lease) or 转包 (subcontract). 求购 BUY: the buyer wants the right itself, by 转让 (transfer).
 * 入股 and 合作 are partnerships, not what either post asks for, so they match neither.
 */
export const WANTED_KINDS = ['RENT', 'BUY'] as const
export type WantedKind = (typeof WANTED_KINDS)[number]

export const KIND_TRANSFER_MODES: Record<WantedKind, readonly TransferMode[]> = {
	RENT: ['LEASE', 'SUBCONTRACT'],
	BUY: ['TRANSFER'],
}

/** Rents are budgeted per year (or per 亩 and year for land), a purchase as one sum in 万元. */
export const KIND_PRICE_UNITS: Record<WantedKind, readonly PriceUnit[]> = {
	RENT: ['YUAN_PER_YEAR', 'YUAN_PER_MU_YEAR'],
	BUY: ['WAN_YUAN'],
}

/** Whether the law lets a listing of this type be had this way (a homestead is never sold: no 求购 of farmhouses). */
export function kindAllowedForType(kind: WantedKind, type: ListingType) {
	return allowedTransferModes(type).some((m) => KIND_TRANSFER_MODES[kind].includes(m))
}

export const WANTED_STATUSES = ['DRAFT', 'SUBMITTED', 'PUBLISHED', 'RETURNED', 'REJECTED', 'CLOSED', 'EXPIRED'] as const
export type WantedStatus = (typeof WANTED_STATUSES)[number]

const TRANSITIONS: Record<WantedStatus, readonly WantedStatus[]> = {
	DRAFT: ['SUBMITTED', 'CLOSED'],
	SUBMITTED: ['PUBLISHED', 'RETURNED', 'REJECTED'],
	RETURNED: ['SUBMITTED', 'CLOSED'],
	PUBLISHED: ['CLOSED', 'EXPIRED'],
	REJECTED: [],
	CLOSED: [],
	EXPIRED: [],
}

export function canWantedTransition(from: WantedStatus, to: WantedStatus) {
	return TRANSITIONS[from].includes(to)
}

/** The `status` parts of a conditional update from any of `from` to `to`; a move not in the table throws. */
export function wantedMove(from: WantedStatus | readonly WantedStatus[], to: WantedStatus) {
	const states: WantedStatus[] = typeof from === 'string' ? [from] : [...from]
	for (const f of states) if (!canWantedTransition(f, to)) throw new Error(`Wanted post ${f} → ${to} is not in the lifecycle`)
	return { where: { status: { in: states } }, data: { status: to } }
}

/** The buyer may edit (and submit) these. */
export const EDITABLE_WANTED: readonly WantedStatus[] = ['DRAFT', 'RETURNED']
/** The buyer may close these. */
export const CLOSABLE_WANTED: readonly WantedStatus[] = ['DRAFT', 'RETURNED', 'PUBLISHED']
/** Counted against the per-account limit. */
export const OPEN_WANTED: readonly WantedStatus[] = ['DRAFT', 'SUBMITTED', 'RETURNED', 'PUBLISHED']

export const WANTED_LIMITS = {
	/** Open posts per account. */
	openPerAccount: 10,
	/** Days a published post stays up before the sweep expires it. */
	publishedDays: 90,
	towns: 8,
	titleMin: 4,
	titleMax: 60,
	useMin: 4,
	useMax: 1000,
	termMax: 70,
	/** 100,000 亩 of land; 1,000,000 m² (100 ha) of buildings. */
	areaMax: { mu: 100_000, m2: 1_000_000 } satisfies Record<AreaUnit, number>,
	/** Sane budgets: ¥10,000 per 亩 and year, ¥100 million a year, ¥1 billion (100,000 万元) at once. */
	budgetMax: { YUAN_PER_MU_YEAR: 10_000, YUAN_PER_YEAR: 100_000_000, WAN_YUAN: 100_000 } satisfies Record<PriceUnit, number>,
} as const

export type WantedCriteria = {
	kind: WantedKind
	types: readonly ListingType[]
	townIds: readonly string[]
	areaMin: number | null
	areaMax: number | null
	areaUnit: AreaUnit
	budgetMin: number | null
	budgetMax: number | null
	priceUnit: PriceUnit
}

export type MatchableListing = {
	type: ListingType
	townId: string
	area: number
	areaUnit: AreaUnit
	price: number
	priceUnit: PriceUnit
	transferMode: TransferMode
}

/**
 * The listing's price in another unit, when the two compare: rents per year and per 亩 and year
 * convert through the listing's area; a one-off price (万元) compares only with another. Null otherwise.
 */
export function priceInUnit(listing: Pick<MatchableListing, 'price' | 'priceUnit' | 'area' | 'areaUnit'>, unit: PriceUnit): number | null {
	if (listing.priceUnit === unit) return listing.price
	const mu = areaInMu(listing.area, listing.areaUnit)
	if (listing.priceUnit === 'YUAN_PER_MU_YEAR' && unit === 'YUAN_PER_YEAR') return listing.price * mu
	if (listing.priceUnit === 'YUAN_PER_YEAR' && unit === 'YUAN_PER_MU_YEAR') return mu > 0 ? listing.price / mu : null
	return null
}

/** Room for rounding where units are converted (亩 ↔ m², per 亩 ↔ per year). */
const EPSILON = 1e-6

function within(value: number, min: number | null, max: number | null) {
	const slack = EPSILON * Math.max(1, Math.abs(value))
	return (min === null || value >= min - slack) && (max === null || value <= max + slack)
}

/**
 * Whether a listing is what the post asks for: one of its types, in one of its towns, let or sold
 * the way the post's kind wants, its area within the range (in the post's unit) and its price
 * within the budget (in the budget's unit; a price that does not compare does not match).
 */
export function matchesWanted(w: WantedCriteria, l: MatchableListing) {
	if (!w.types.includes(l.type) || !w.townIds.includes(l.townId)) return false
	if (!KIND_TRANSFER_MODES[w.kind].includes(l.transferMode)) return false
	if (!within(areaIn(l.area, l.areaUnit, w.areaUnit), w.areaMin, w.areaMax)) return false
	if (w.budgetMin === null && w.budgetMax === null) return true
	const price = priceInUnit(l, w.priceUnit)
	return price !== null && within(price, w.budgetMin, w.budgetMax)
}

/** A buyer as the public sees them: the family name and two stars (张**), or nothing to show. */
export function maskName(name: string | null | undefined) {
	const first = Array.from((name ?? '').trim())[0]
	return first ? `${first}**` : null
}

const DAY = 24 * 60 * 60 * 1000

export function wantedExpiry(publishedAt: Date) {
	return new Date(publishedAt.getTime() + WANTED_LIMITS.publishedDays * DAY)
}
