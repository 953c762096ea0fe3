// 确权 parcels (issue 11, decision 023): a village's parcels for the listing form's picker, the
// parcels in a map viewport for the parcels layer, a listing's parcels for its page, and the one
// check that a parcel is not listed twice. Every query names its owner in the `where`.
import type { Prisma } from '@prisma/client'
import type { DealStatus } from '~/domain/deal.ts'
import type { ListingStatus } from '~/domain/listing.ts'
import { PARCELS_MAX_FEATURES, type ViewBox } from '~/domain/parcels-layer.ts'
import { freeFrom, HOLDING_STATUSES, holdsParcels, type HoldingDeal } from '~/domain/relist.ts'
import { parseSurface, type Surface } from '~/domain/surface.ts'
import { chinaDay } from '~/utils/calendar-date.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'

type Tx = Prisma.TransactionClient

export type ParcelHolder = { parcelId: string; code: string; listingId: string; title: string; status: string }

/**
 * For each traded listing, the first day its land is free again (freeFrom), from its deals; null
 * while held for good.
 */
export async function listingsFreeFrom(tx: Tx, listingIds: readonly string[]): Promise<Map<string, string | null>> {
	const deals = listingIds.length
		? await tx.deal.findMany({
				where: { listingId: { in: [...listingIds] } },
				select: { listingId: true, status: true, contractDate: true, startsOn: true, endsOn: true, termYears: true, terminatedOn: true },
			})
		: []
	const day = (d: Date | null) => (d ? chinaDay(d) : null)
	const byListing = new Map<string, HoldingDeal[]>(listingIds.map((id) => [id, []]))
	for (const d of deals) {
		byListing.get(d.listingId)!.push({ status: d.status as DealStatus, contractDay: day(d.contractDate), startDay: day(d.startsOn), endDay: day(d.endsOn), termYears: d.termYears, terminatedDay: day(d.terminatedOn) })
	}
	return new Map([...byListing].map(([id, list]) => [id, freeFrom(list)]))
}

/**
 * The parcels among `parcelIds` that another listing (not `exceptListingId`) holds in a holding
 * state: submitted, published, or traded until its lease ends (domain/relist.ts). The listing
 * `exceptListingId` lists again (重新挂牌) does not count: its new lease starts where the old one
 * ends. `at` is the business time (a traded listing holds until its lease ends). Run inside the write transaction that would take them (SQLite's BEGIN IMMEDIATE, or
 * PostgreSQL's serializable isolation), so of two saves racing for a parcel only one goes through.
 */
export async function parcelHolders(
	tx: Tx,
	parcelIds: readonly string[],
	exceptListingId?: string,
	statuses: readonly ListingStatus[] = HOLDING_STATUSES,
	at = now(),
): Promise<ParcelHolder[]> {
	if (parcelIds.length === 0) return []
	const predecessor = exceptListingId ? (await tx.listing.findUnique({ where: { id: exceptListingId }, select: { relistedFromId: true } }))?.relistedFromId : null
	const except = [exceptListingId, predecessor].filter((id): id is string => !!id)
	const rows = await tx.listingParcel.findMany({
		where: {
			parcelId: { in: [...parcelIds] },
			listing: { status: { in: [...statuses] }, ...(except.length ? { id: { notIn: except } } : {}) },
		},
		select: { parcelId: true, parcel: { select: { code: true } }, listing: { select: { id: true, title: true, status: true } } },
		orderBy: [{ parcel: { code: 'asc' } }],
	})
	const free = await listingsFreeFrom(tx, [...new Set(rows.filter((r) => r.listing.status === 'TRADED').map((r) => r.listing.id))])
	const today = chinaDay(at)
	return rows
		.filter((r) => holdsParcels(r.listing.status as ListingStatus, free.get(r.listing.id) ?? null, today))
		.map((r) => ({ parcelId: r.parcelId, code: r.parcel.code, listingId: r.listing.id, title: r.listing.title, status: r.listing.status }))
}

/** Where to link a holding listing: its public page once buyers can see it, else the village's own page. */
export function holderHref(holder: Pick<ParcelHolder, 'listingId' | 'status'>) {
	return holder.status === 'PUBLISHED' || holder.status === 'TRADED' ? `/listings/${holder.listingId}` : `/village/listings/${holder.listingId}`
}

const listingSideSelect = {
	id: true,
	code: true,
	name: true,
	parcelClass: true,
	landUse: true,
	basicFarmland: true,
	surveyedAreaM2: true,
	surveyedAreaMu: true,
	east: true,
	south: true,
	west: true,
	north: true,
} satisfies Prisma.ParcelSelect

/** The parcels the save path reads: only the village's own (another village's id is not found). */
export async function villageParcelsById(tx: Tx, villageId: string, parcelIds: readonly string[]) {
	return tx.parcel.findMany({
		where: { villageId, id: { in: [...parcelIds] } },
		select: { ...listingSideSelect, geometry: true, minLng: true, minLat: true, maxLng: true, maxLat: true },
		orderBy: { code: 'asc' },
	})
}

/** How many parcels the picker shows at most: a village's survey has tens to a few hundred. */
export const PICKER_MAX_PARCELS = 2000

/**
 * The village's parcels for the picker, each with the listing that holds it (if any, and not
 * `exceptListingId`: the listing being edited may keep its own parcels).
 */
export async function villagePickerParcels(villageId: string, exceptListingId?: string) {
	const parcels = await prisma.parcel.findMany({
		where: { villageId },
		select: { ...listingSideSelect, geometry: true, minLng: true, minLat: true, maxLng: true, maxLat: true },
		orderBy: { code: 'asc' },
		take: PICKER_MAX_PARCELS,
	})
	const holders = await parcelHolders(
		prisma,
		parcels.map((p) => p.id),
		exceptListingId,
	)
	const heldBy = new Map(holders.map((h) => [h.parcelId, { id: h.listingId, title: h.title, status: h.status, href: holderHref(h) }]))
	return parcels.map((p) => ({ ...p, heldBy: heldBy.get(p.id) ?? null }))
}

export type PickerParcel = Awaited<ReturnType<typeof villagePickerParcels>>[number]

/** The parcels a listing is made of (never the surveyor's name: it is personal). */
export async function listingParcels(listingId: string) {
	const rows = await prisma.listingParcel.findMany({
		where: { listingId },
		select: { parcel: { select: { ...listingSideSelect, minLng: true, minLat: true, maxLng: true, maxLat: true } } },
		orderBy: { parcel: { code: 'asc' } },
	})
	return rows.map((r) => r.parcel)
}

export type ListingParcelRow = Awaited<ReturnType<typeof listingParcels>>[number]

/** The ids of a listing's parcels, for the edit form (scoped to the village's listing). */
export async function listingParcelIds(villageId: string, listingId: string) {
	const rows = await prisma.listingParcel.findMany({ where: { listingId, listing: { villageId } }, select: { parcelId: true } })
	return rows.map((r) => r.parcelId)
}

// ---------------------------------------------------------------- the parcels layer

/** 6 decimals of a degree: ~0.1 m, finer than the survey, and a third smaller than full floats. */
const roundCoord = (n: number) => Math.round(n * 1e6) / 1e6

/**
 * The widest parcel the layer finds whole: the viewport read bounds minLng from below by this, so
 * the index range stays narrow. A field is far smaller (~1.7 km here would be a huge one); a parcel
 * wider than this shows only when the viewport meets its western part.
 */
export const PARCEL_MAX_WIDTH_DEG = 0.05

export type ParcelOutline = { type: 'Feature'; id: string; geometry: Surface; properties: { code: string } }

/**
 * Parcels whose bounding box meets the viewport, as outlines (code and rings only), by the
 * bounding-box index (minLng first; see docs/decisions/023). `truncated` when there were more.
 */
export async function parcelsInView(bbox: ViewBox, limit = PARCELS_MAX_FEATURES) {
	const rows = await prisma.parcel.findMany({
		where: {
			minLng: { gte: bbox.west - PARCEL_MAX_WIDTH_DEG, lte: bbox.east },
			maxLng: { gte: bbox.west },
			minLat: { lte: bbox.north },
			maxLat: { gte: bbox.south },
		},
		select: { id: true, code: true, geometry: true },
		take: limit + 1,
	})
	const features: ParcelOutline[] = []
	for (const r of rows.slice(0, limit)) {
		const surface = parseSurface(r.geometry)
		if (!surface) continue
		const ring = (points: number[][]) => points.map(([x, y]) => [roundCoord(x), roundCoord(y)])
		const geometry: Surface =
			surface.type === 'Polygon'
				? { type: 'Polygon', coordinates: surface.coordinates.map(ring) }
				: { type: 'MultiPolygon', coordinates: surface.coordinates.map((part) => part.map(ring)) }
		features.push({ type: 'Feature', id: r.id, geometry, properties: { code: r.code } })
	}
	return { type: 'FeatureCollection' as const, truncated: rows.length > limit, features }
}
