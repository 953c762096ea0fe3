// Favourites (收藏) and the compare selection (对比): the per-account limits and the pure rules
// behind /me/favourites and /compare. No I/O.
import type { AreaUnit, PriceUnit } from './listing.ts'

/** Listings one account may star. A 201st star is refused with a message. */
export const MAX_FAVOURITES = 200
/** Listings compared side by side. A 5th is refused with a message. */
export const MAX_COMPARE = 4

const ID = /^[a-z0-9_-]{1,64}$/

export type CompareSelection = {
	/** Well-formed ids, each once, in the order given, at most MAX_COMPARE. */
	ids: string[]
	/** Malformed ids left out. */
	malformed: number
	/** Ids beyond MAX_COMPARE left out. */
	overflow: number
}

/** Reads a selection as the URL (`?ids=a,b`) or the cookie hold it: comma-separated listing ids. */
export function parseCompareIds(raw: string | null | undefined): CompareSelection {
	const parts = (raw ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.slice(0, 64)
	const ids: string[] = []
	let malformed = 0
	let overflow = 0
	for (const part of parts) {
		if (!ID.test(part)) malformed++
		else if (ids.includes(part)) continue
		else if (ids.length >= MAX_COMPARE) overflow++
		else ids.push(part)
	}
	return { ids, malformed, overflow }
}

export type AddResult = { ok: true; ids: string[] } | { ok: false; problem: 'full' | 'badId' }

/** Adds a listing to the selection: already there is fine; a 5th is refused. */
export function addToCompare(ids: readonly string[], id: string): AddResult {
	if (!ID.test(id)) return { ok: false, problem: 'badId' }
	if (ids.includes(id)) return { ok: true, ids: [...ids] }
	if (ids.length >= MAX_COMPARE) return { ok: false, problem: 'full' }
	return { ok: true, ids: [...ids, id] }
}

const EARTH_RADIUS_KM = 6371.0088

/** Great-circle distance in km between two [lng, lat] points (haversine). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
	const rad = Math.PI / 180
	const dLat = (b.lat - a.lat) * rad
	const dLng = (b.lng - a.lng) * rad
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

export type PricePerMu = { yuan: number; perYear: boolean }

/**
 * The price per 亩: per mu and year for a rent, per mu for a one-off price (万元). Only for areas
 * measured in mu (land, and assets listed in mu): a farmhouse's m² has no meaningful price per 亩.
 */
export function pricePerMu(l: { price: number; priceUnit: PriceUnit; area: number; areaUnit: AreaUnit }): PricePerMu | null {
	if (l.areaUnit !== 'mu' || !(l.area > 0)) return null
	switch (l.priceUnit) {
		case 'YUAN_PER_MU_YEAR':
			return { yuan: l.price, perYear: true }
		case 'YUAN_PER_YEAR':
			return { yuan: l.price / l.area, perYear: true }
		case 'WAN_YUAN':
			return { yuan: (l.price * 10000) / l.area, perYear: false }
	}
}
