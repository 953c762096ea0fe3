// Price references (issue 13): what comparable COMPLETED land deals were agreed at per 亩 and year.
// Comparable: completed (status COMPLETED: certified here, or done outside the platform and filed
// 备案 or imported from a township ledger, decision 023 — real contracts the township holds), land,
// the same land class, in the same town; the banner's (every town of this deployment) when the
// town has fewer than MIN_COMPARABLES. Prices are normalised by app/domain/price-reference.ts;
// deals that cannot be are left out. No buyer column is ever selected here.
//
// Read through index Deal(status, listingType, townId), and cached per process per (scope, land
// class): the trigger-kept `completedDeals` counter (decision 018) moves with every change to a
// completed deal or to the listing fields read here, and every request rereads it (one
// primary-key read), so a cached answer is never stale.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Prisma } from '@prisma/client'
import { LAND_CLASSES } from '~/domain/listing.ts'
import { chinaYear, dealYears, parsePriceFilter, priceFlag, priceGroups, pricePerMuYear, priceReference, type ListingPriceReference, type PricedTerms, type PricePoint } from '~/domain/price-reference.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'

const COMPLETED_DEALS = 'completedDeals'
const PAGE = 500

const dealSelect = {
	id: true,
	price: true,
	priceUnit: true,
	area: true,
	areaUnit: true,
	termYears: true,
	certifiedAt: true,
	contractDate: true,
	filedAt: true,
} satisfies Prisma.DealSelect

type DealPriceRow = Prisma.DealGetPayload<{ select: typeof dealSelect }>

/** A deal as a point: its price per 亩/年 (null: not normalisable) and the year it completed. */
function toPoint(d: DealPriceRow): PricePoint | null {
	const yuanPerMuYear = pricePerMuYear(d)
	if (yuanPerMuYear === null) return null
	// Certified here; or, done outside, the contract's (or the filing's) date.
	const at = d.certifiedAt ?? d.contractDate ?? d.filedAt
	return { yuanPerMuYear, year: at ? chinaYear(at) : 0 }
}

let cache: { version: number; entries: Map<string, Promise<unknown>> } = { version: -1, entries: new Map() }

/** What is cached under `key` for the current `completedDeals` version, derived once by `load`. */
async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
	const row = await prisma.aggregateVersion.findUnique({ where: { name: COMPLETED_DEALS }, select: { version: true } })
	const version = row?.version ?? 0
	if (cache.version !== version) cache = { version, entries: new Map() }
	const entries = cache.entries
	const hit = entries.get(key)
	if (hit) return hit as Promise<T>
	const value = load()
	entries.set(key, value)
	value.catch(() => {
		if (entries.get(key) === value) entries.delete(key)
	})
	return value
}

/** Completed land deals of one class, in one town (or in all: `townId` null), keyset-paged. */
async function comparablePoints(townId: string | null, landClass: string) {
	return cached(`${townId ?? '*'}|${landClass}`, async () => {
		const points: PricePoint[] = []
		for (let cursor: string | undefined; ; ) {
			const page = await prisma.deal.findMany({
				where: { status: 'COMPLETED', listingType: 'LAND', ...(townId ? { townId } : {}), listing: { landClass }, ...(cursor ? { id: { gt: cursor } } : {}) },
				orderBy: { id: 'asc' },
				take: PAGE,
				select: dealSelect,
			})
			for (const d of page) {
				const p = toPoint(d)
				if (p) points.push(p)
			}
			if (page.length < PAGE) return points
			cursor = page[page.length - 1].id
			await nextTurn()
		}
	})
}

/** The price reference of a land listing; null for other types or a land listing without a class. */
export async function listingPriceReference(listing: PricedTerms & { type: string; townId: string; landClass: string | null }): Promise<ListingPriceReference | null> {
	if (listing.type !== 'LAND' || !listing.landClass) return null
	const [town, banner] = await Promise.all([comparablePoints(listing.townId, listing.landClass), comparablePoints(null, listing.landClass)])
	const reference = priceReference(town, banner, chinaYear(now()))
	const asking = pricePerMuYear(listing)
	return { reference, asking: asking === null ? null : Math.round(asking * 100) / 100, flag: priceFlag(asking, reference.status === 'ok' ? reference.summary : null) }
}

/** A completed land deal for /stats/prices: town, class, year and price per 亩/年. */
export type PriceRow = PricePoint & { townId: string; landClass: string }

/** Every completed land deal that can be normalised (for /stats/prices and its exports). */
export async function allLandPrices(): Promise<PriceRow[]> {
	return cached('all', async () => {
		const rows: PriceRow[] = []
		for (let cursor: string | undefined; ; ) {
			const page = await prisma.deal.findMany({
				where: { status: 'COMPLETED', listingType: 'LAND', ...(cursor ? { id: { gt: cursor } } : {}) },
				orderBy: { id: 'asc' },
				take: PAGE,
				select: { ...dealSelect, listing: { select: { townId: true, landClass: true } } },
			})
			for (const d of page) {
				const p = toPoint(d)
				if (p) rows.push({ ...p, townId: d.listing.townId, landClass: d.listing.landClass ?? 'OTHER' })
			}
			if (page.length < PAGE) return rows
			cursor = page[page.length - 1].id
			await nextTurn()
		}
	})
}

/**
 * /stats/prices (and its exports): completed land deals by town, class and year, and over the
 * banner by class and year, within the URL's filters. Towns ordered by code, classes as listed.
 */
export async function landPriceStats(params: URLSearchParams) {
	const { filter, errors } = parsePriceFilter(params, LAND_CLASSES)
	const [deals, towns] = await Promise.all([allLandPrices(), prisma.town.findMany({ select: { id: true, code: true, name: true, nameEn: true }, orderBy: { code: 'asc' } })])
	const order = { townOrder: towns.map((t) => t.id), classOrder: LAND_CLASSES }
	const byId = new Map(towns.map((t) => [t.id, t]))
	const place = (townId: string | null) => {
		const town = townId ? byId.get(townId) : null
		return town ? { code: town.code, name: town.name, nameEn: town.nameEn } : null
	}
	return {
		filter,
		errors,
		years: dealYears(deals),
		byTown: priceGroups(deals, filter, { byTown: true, ...order }).map(({ townId, ...g }) => ({ ...g, town: place(townId) })),
		banner: priceGroups(deals, filter, { byTown: false, ...order }).map(({ townId: _, ...g }) => g),
	}
}

export type LandPriceStats = Awaited<ReturnType<typeof landPriceStats>>
