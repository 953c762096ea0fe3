// A village's listings through their lifecycle, and the Party organisation's review of them.
// Every query is scoped to the actor's own village or town in its `where`; every state change is
// one transaction with its audit entry and notifications.
import type { Prisma } from '@prisma/client'
import { ACTIVE_STATUSES } from '~/domain/deal.ts'
import { checkDecision, type DecisionProblem, type DecisionRecord } from '~/domain/democratic-decision.ts'
import { areaMu, centroid, parseBoundary, type BoundaryProblem } from '~/domain/geometry.ts'
import { areaUnitFor, listingMove, type ListingStatus } from '~/domain/listing.ts'
import { listingFromParcels } from '~/domain/parcel-union.ts'
import { MAX_PARCELS_PER_LISTING } from '~/domain/parcels.ts'
import { priceInYuan } from '~/domain/units.ts'
import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { prisma } from '~/utils/db.server.ts'
import type { ListingFormValues } from '~/utils/listing-form.ts'
import { appendAudit } from './audit.server.ts'
import { indexListings } from './listing-search.server.ts'
import { notifyStarrers } from './favourite.server.ts'
import { notify, reviewerIds, villageUserIds } from './notification.server.ts'
import { queueSavedSearchMatching, startSavedSearchMatching } from './saved-search.server.ts'
import { parcelHolders, villageParcelsById, type ParcelHolder } from './parcel.server.ts'
import { notifyWantedMatches } from './wanted.server.ts'
import { commitPhotoFiles, discardPhotoFiles, MAX_PHOTOS_PER_LISTING, processPhoto, removePhotoFiles } from './photo.server.ts'

export const EDITABLE: ListingStatus[] = ['DRAFT', 'RETURNED']
const DAY = 24 * 60 * 60 * 1000

type VillageActor = Pick<SessionUser, 'id' | 'villageId'>
type ReviewerActor = Pick<SessionUser, 'id' | 'townId'>

export type ParcelProblem = 'parcelNotFound' | 'parcelHeld' | 'tooManyParcels'
export type SaveResult =
	| { ok: true; id: string }
	| { ok: false; field: 'boundary'; problem: BoundaryProblem }
	| { ok: false; field: 'parcelIds'; problem: ParcelProblem; holders?: ParcelHolder[] }
	| { ok: false; field: null; problem: 'notFound' | 'notEditable' }

type Columns = Omit<Prisma.ListingUncheckedCreateInput, 'townId' | 'villageId'>
type Tx = Prisma.TransactionClient

/** The chosen parcels' ids, once each; none unless the listing is land. */
function chosenParcels(v: ListingFormValues) {
	return v.type === 'LAND' ? [...new Set(v.parcelIds ?? [])] : []
}

/**
 * A land listing made of parcels: the boundary, area, pin and land class come from the village's
 * parcels as stored, whatever the form said; a parcel of another village is not found, and one
 * another listing holds (submitted, published, traded) is refused. Runs inside the write
 * transaction, so two listings racing for one parcel cannot both take it.
 */
async function fromParcels(
	tx: Tx,
	villageId: string,
	parcelIds: string[],
	data: Columns,
	listingId?: string,
): Promise<{ ok: true; data: Columns } | { ok: false; problem: ParcelProblem; holders?: ParcelHolder[] }> {
	if (parcelIds.length > MAX_PARCELS_PER_LISTING) return { ok: false, problem: 'tooManyParcels' }
	const parcels = await villageParcelsById(tx, villageId, parcelIds)
	if (parcels.length !== parcelIds.length) return { ok: false, problem: 'parcelNotFound' }
	const holders = await parcelHolders(tx, parcelIds, listingId)
	if (holders.length) return { ok: false, problem: 'parcelHeld', holders }
	const made = listingFromParcels(parcels)
	if (!made) return { ok: false, problem: 'parcelNotFound' }
	const area = made.areaMu
	return {
		ok: true,
		data: {
			...data,
			boundary: JSON.stringify(made.boundary),
			area,
			areaUnit: 'mu',
			landClass: made.landClass,
			lat: made.lat,
			lng: made.lng,
			priceYuan: priceInYuan(data.price, data.priceUnit as PriceUnit, area, 'mu'),
		},
	}
}

class ParcelRefusal extends Error {
	constructor(readonly problem: ParcelProblem, readonly holders?: ParcelHolder[]) {
		super(problem)
	}
}

/** The listing's parcels become exactly `parcelIds`. */
async function linkParcels(tx: Tx, listingId: string, parcelIds: string[]) {
	await tx.listingParcel.deleteMany({ where: { listingId, parcelId: { notIn: parcelIds } } })
	const present = new Set((await tx.listingParcel.findMany({ where: { listingId }, select: { parcelId: true } })).map((r) => r.parcelId))
	const missing = parcelIds.filter((id) => !present.has(id))
	if (missing.length) await tx.listingParcel.createMany({ data: missing.map((parcelId) => ({ listingId, parcelId })) })
}

/** Turns form values into columns: land area from the drawn boundary, price in yuan. */
function columns(v: ListingFormValues): { ok: true; data: Columns } | { ok: false; problem: BoundaryProblem } {
	let { lat, lng, area } = v
	let boundary: string | null = null
	// Parcels, when chosen, decide the boundary (fromParcels); a drawn one is then ignored.
	if (v.type === 'LAND' && v.boundary && chosenParcels(v).length === 0) {
		const parsed = parseBoundary(v.boundary)
		if (!parsed.polygon) return { ok: false, problem: parsed.problem! }
		boundary = JSON.stringify(parsed.polygon)
		// The surveyed boundary decides the area; the pin goes inside it.
		area = Math.round(areaMu(parsed.polygon) * 100) / 100
		;[lng, lat] = centroid(parsed.polygon)
	}
	const areaUnit = areaUnitFor(v.type)
	return {
		ok: true,
		data: {
			type: v.type,
			title: v.title,
			description: v.description,
			lat,
			lng,
			boundary,
			area,
			areaUnit,
			landClass: v.type === 'LAND' ? (v.landClass ?? null) : null,
			price: v.price,
			priceUnit: v.priceUnit,
			priceYuan: priceInYuan(v.price, v.priceUnit, area, areaUnit),
			transferMode: v.transferMode,
			tradingMode: v.tradingMode,
			termYears: v.termYears ?? null,
			listingDays: v.listingDays,
			contactName: v.contactName ?? null,
			contactPhone: v.contactPhone ?? null,
		},
	}
}

/** The listing's words in the full-text index (after any save of its title or description). */
export async function reindex(id: string) {
	const l = await prisma.listing.findUnique({
		where: { id },
		select: { id: true, title: true, description: true, village: { select: { name: true } }, town: { select: { name: true } } },
	})
	if (l) await indexListings([{ id: l.id, title: l.title, description: l.description, village: l.village.name, town: l.town.name }])
}

export async function createListing(user: VillageActor, values: ListingFormValues): Promise<SaveResult> {
	if (!user.villageId) return { ok: false, field: null, problem: 'notFound' }
	const village = await prisma.village.findUniqueOrThrow({ where: { id: user.villageId }, select: { id: true, townId: true } })
	const c = columns(values)
	if (!c.ok) return { ok: false, field: 'boundary', problem: c.problem }
	const parcelIds = chosenParcels(values)
	let listing: { id: string }
	try {
		listing = await prisma.$transaction(async (tx) => {
			let data = c.data
			if (parcelIds.length) {
				const made = await fromParcels(tx, village.id, parcelIds, data)
				if (!made.ok) throw new ParcelRefusal(made.problem, made.holders)
				data = made.data
			}
			const created = await tx.listing.create({
				data: { ...data, status: 'DRAFT', villageId: village.id, townId: village.townId, createdById: user.id },
				select: { id: true },
			})
			await linkParcels(tx, created.id, parcelIds)
			await appendAudit(tx, { actorId: user.id, entityType: 'LISTING', entityId: created.id, action: 'create', fromState: null, toState: 'DRAFT' })
			return created
		})
	} catch (error) {
		if (error instanceof ParcelRefusal) return { ok: false, field: 'parcelIds', problem: error.problem, holders: error.holders }
		throw error
	}
	await reindex(listing.id)
	return { ok: true, id: listing.id }
}

export async function updateListing(user: VillageActor, id: string, values: ListingFormValues): Promise<SaveResult> {
	if (!user.villageId) return { ok: false, field: null, problem: 'notFound' }
	const c = columns(values)
	if (!c.ok) return { ok: false, field: 'boundary', problem: c.problem }
	const villageId = user.villageId
	const parcelIds = chosenParcels(values)
	let updated: boolean
	try {
		updated = await prisma.$transaction(async (tx) => {
			let data = c.data
			if (parcelIds.length) {
				const made = await fromParcels(tx, villageId, parcelIds, data, id)
				if (!made.ok) throw new ParcelRefusal(made.problem, made.holders)
				data = made.data
			}
			const res = await tx.listing.updateMany({ where: { id, villageId, status: { in: EDITABLE } }, data })
			if (res.count === 0) return false
			await linkParcels(tx, id, parcelIds)
			await appendAudit(tx, { actorId: user.id, entityType: 'LISTING', entityId: id, action: 'edit' })
			return true
		})
	} catch (error) {
		if (error instanceof ParcelRefusal) return { ok: false, field: 'parcelIds', problem: error.problem, holders: error.holders }
		throw error
	}
	if (!updated) {
		const exists = await prisma.listing.count({ where: { id, villageId: user.villageId } })
		return { ok: false, field: null, problem: exists ? 'notEditable' : 'notFound' }
	}
	await reindex(id)
	return { ok: true, id }
}

export async function saveDecision(user: VillageActor, listingId: string, record: DecisionRecord) {
	if (!user.villageId) return false
	const listing = await prisma.listing.findFirst({
		where: { id: listingId, villageId: user.villageId, type: 'COLLECTIVE_ASSET', status: { in: EDITABLE } },
		select: { id: true },
	})
	if (!listing) return false
	await prisma.$transaction(async (tx) => {
		await tx.democraticDecision.upsert({ where: { listingId }, create: { listingId, ...record }, update: record })
		await appendAudit(tx, { actorId: user.id, entityType: 'LISTING', entityId: listingId, action: 'decision-record' })
	})
	return true
}

export type SubmitResult =
	| { ok: true }
	| { ok: false; problem: 'notFound' | 'notEditable' | 'decisionMissing' }
	| { ok: false; problem: 'decisionInvalid'; problems: DecisionProblem[] }
	| { ok: false; problem: 'parcelHeld'; holders: ParcelHolder[] }

/**
 * The listing's parcels that another listing holds (checked again at each step that takes them).
 * At approval only a published or traded holder counts: of two submitted listings naming one
 * parcel (submitted before the other's check could see it), the first approved wins.
 */
async function heldElsewhere(tx: Tx, listingId: string, at: Date, statuses?: readonly ListingStatus[]) {
	const own = await tx.listingParcel.findMany({ where: { listingId }, select: { parcelId: true } })
	return parcelHolders(
		tx,
		own.map((r) => r.parcelId),
		listingId,
		statuses,
		at,
	)
}

export async function submitListing(user: VillageActor, id: string, now = new Date()): Promise<SubmitResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const listing = await prisma.listing.findFirst({
		where: { id, villageId: user.villageId },
		select: { id: true, status: true, type: true, title: true, townId: true, decision: true },
	})
	if (!listing) return { ok: false, problem: 'notFound' }
	if (!EDITABLE.includes(listing.status as ListingStatus)) return { ok: false, problem: 'notEditable' }
	if (listing.type === 'COLLECTIVE_ASSET') {
		if (!listing.decision) return { ok: false, problem: 'decisionMissing' }
		const problems = checkDecision(listing.decision, now)
		if (problems.length) return { ok: false, problem: 'decisionInvalid', problems }
	}
	const ok = await prisma.$transaction(async (tx) => {
		const holders = await heldElsewhere(tx, id, now)
		if (holders.length) return holders
		const move = listingMove(listing.status as ListingStatus, 'SUBMITTED')
		const res = await tx.listing.updateMany({
			where: { id, villageId: user.villageId!, ...move.where },
			data: { ...move.data, submittedAt: now },
		})
		if (res.count === 0) return false
		await appendAudit(tx, { actorId: user.id, entityType: 'LISTING', entityId: id, action: 'submit', fromState: listing.status, toState: 'SUBMITTED' })
		await notify(tx, await reviewerIds(tx, listing.townId), {
			kind: 'listing-submitted',
			params: { listingId: id, listing: listing.title },
			link: `/review/listings/${id}`,
		})
		return true
	})
	if (Array.isArray(ok)) return { ok: false, problem: 'parcelHeld', holders: ok }
	return ok ? { ok: true } : { ok: false, problem: 'notEditable' }
}

export async function withdrawListing(user: VillageActor, id: string, reason: string) {
	if (!user.villageId) return false
	const ok = await prisma.$transaction(async (tx) => {
		// Not while a bidding round is open or a deal on it is under way: those end first.
		const move = listingMove('PUBLISHED', 'WITHDRAWN')
		const res = await tx.listing.updateMany({
			where: {
				id,
				villageId: user.villageId!,
				...move.where,
				biddingRounds: { none: { status: 'OPEN' } },
				deals: { none: { status: { in: [...ACTIVE_STATUSES] } } },
			},
			data: move.data,
		})
		if (res.count === 0) return false
		await appendAudit(tx, { actorId: user.id, entityType: 'LISTING', entityId: id, action: 'withdraw', fromState: 'PUBLISHED', toState: 'WITHDRAWN', reason })
		const { title } = await tx.listing.findUniqueOrThrow({ where: { id }, select: { title: true } })
		// The public page is gone: the notification leads to the buyer's favourites.
		await notifyStarrers(tx, id, { kind: 'favourite-withdrawn', params: { listingId: id, listing: title }, link: '/me/favourites' })
		return true
	})
	return ok
}

export type PriceChangeResult = { ok: true } | { ok: false; problem: 'notFound' | 'notPublished' | 'roundOpen' | 'dealActive' | 'samePrice' }

/**
 * The village changes the asking price of its published listing (the unit stays). Not while a
 * bidding round is open or a deal on it is under way: the price is then the round's or the deal's.
 * Those who starred the listing hear the old and the new price, in the same transaction.
 */
export async function changeListingPrice(user: VillageActor, id: string, price: number): Promise<PriceChangeResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const villageId = user.villageId
	return prisma.$transaction(async (tx): Promise<PriceChangeResult> => {
		const listing = await tx.listing.findFirst({
			where: { id, villageId },
			select: { title: true, status: true, price: true, priceUnit: true, area: true, areaUnit: true },
		})
		if (!listing) return { ok: false, problem: 'notFound' }
		if (listing.status !== 'PUBLISHED') return { ok: false, problem: 'notPublished' }
		if (listing.price === price) return { ok: false, problem: 'samePrice' }
		if (await tx.biddingRound.count({ where: { listingId: id, status: 'OPEN' } })) return { ok: false, problem: 'roundOpen' }
		if (await tx.deal.count({ where: { listingId: id, status: { in: [...ACTIVE_STATUSES] } } })) return { ok: false, problem: 'dealActive' }
		const priceUnit = listing.priceUnit as PriceUnit
		const priceYuan = priceInYuan(price, priceUnit, listing.area, listing.areaUnit as AreaUnit)
		// The old price is part of the where: of two changes at once, the second finds nothing to change.
		const res = await tx.listing.updateMany({ where: { id, villageId, status: 'PUBLISHED', price: listing.price }, data: { price, priceYuan } })
		if (res.count === 0) return { ok: false, problem: 'notPublished' }
		const params = { oldPrice: listing.price, newPrice: price, priceUnit }
		await appendAudit(tx, { actorId: user.id, entityType: 'LISTING', entityId: id, action: 'price-change', params })
		await notifyStarrers(tx, id, { kind: 'favourite-price-changed', params: { listingId: id, listing: listing.title, ...params }, link: `/listings/${id}` })
		return { ok: true }
	})
}

export const REVIEW_DECISIONS = { APPROVE: 'PUBLISHED', RETURN: 'RETURNED', REJECT: 'REJECTED' } as const
const REVIEW_ACTIONS = { APPROVE: 'review:approve', RETURN: 'review:return', REJECT: 'review:reject' } as const
export type ReviewDecision = keyof typeof REVIEW_DECISIONS

export type ReviewResult = { ok: true; status: ListingStatus } | { ok: false; problem: 'notFound' | 'alreadyDecided' } | { ok: false; problem: 'parcelHeld'; holders: ParcelHolder[] }

/**
 * A reviewer's decision on a submitted listing of their own town. The status change is a
 * conditional update (still SUBMITTED, still this town), so of two reviewers deciding at the same
 * moment exactly one wins; the other is told it has already been decided.
 */
export async function reviewListing(reviewer: ReviewerActor, id: string, decision: ReviewDecision, opinion: string, now = new Date()): Promise<ReviewResult> {
	if (!reviewer.townId) return { ok: false, problem: 'notFound' }
	const to = REVIEW_DECISIONS[decision]
	const result = await prisma.$transaction(async (tx) => {
		const listing = await tx.listing.findFirst({ where: { id, townId: reviewer.townId! }, select: { id: true, title: true, villageId: true, listingDays: true } })
		if (!listing) return { ok: false as const, problem: 'notFound' as const }
		// Two drafts may name the same parcel; only one may be published with it.
		if (to === 'PUBLISHED') {
			const holders = await heldElsewhere(tx, id, now, ['PUBLISHED', 'TRADED'])
			if (holders.length) return { ok: false as const, problem: 'parcelHeld' as const, holders }
		}
		const move = listingMove('SUBMITTED', to)
		const res = await tx.listing.updateMany({
			where: { id, townId: reviewer.townId!, ...move.where },
			data: to === 'PUBLISHED' ? { ...move.data, publishedAt: now, expiresAt: new Date(now.getTime() + listing.listingDays * DAY) } : move.data,
		})
		if (res.count === 0) return { ok: false as const, problem: 'alreadyDecided' as const }
		await tx.review.create({ data: { kind: 'LISTING', listingId: id, reviewerId: reviewer.id, decision, opinion } })
		await appendAudit(tx, { actorId: reviewer.id, entityType: 'LISTING', entityId: id, action: REVIEW_ACTIONS[decision], fromState: 'SUBMITTED', toState: to, reason: opinion })
		const kinds = { PUBLISHED: 'listing-published', RETURNED: 'listing-returned', REJECTED: 'listing-rejected' } as const
		await notify(tx, await villageUserIds(tx, listing.villageId), { kind: kinds[to], params: { listingId: id, listing: listing.title, opinion }, link: `/village/listings/${id}` })
		// Buyers whose published wanted posts it matches hear of it (issue 13).
		if (to === 'PUBLISHED') await notifyWantedMatches(tx, id, now)
		// Buyers' saved searches hear of it once the publish has committed (issue 13, decision 029).
		if (to === 'PUBLISHED') await queueSavedSearchMatching(tx, id, now)
		return { ok: true as const, status: to as ListingStatus }
	})
	if (result.ok && to === 'PUBLISHED') startSavedSearchMatching()
	return result
}

export type PhotoResult = { ok: true } | { ok: false; problem: 'notFound' | 'notEditable' | 'tooMany' }

export async function addPhoto(user: VillageActor, listingId: string, bytes: Buffer, caption?: string): Promise<PhotoResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const listing = await prisma.listing.findFirst({ where: { id: listingId, villageId: user.villageId }, select: { status: true, _count: { select: { photos: true } } } })
	if (!listing) return { ok: false, problem: 'notFound' }
	if (!EDITABLE.includes(listing.status as ListingStatus)) return { ok: false, problem: 'notEditable' }
	if (listing._count.photos >= MAX_PHOTOS_PER_LISTING) return { ok: false, problem: 'tooMany' }
	const photo = await processPhoto(bytes) // throws PhotoError for anything that is not a real image
	try {
		await prisma.listingPhoto.create({ data: { listingId, ...photo, caption: caption?.slice(0, 100) || null, sort: listing._count.photos } })
	} catch (error) {
		await discardPhotoFiles(photo)
		throw error
	}
	await commitPhotoFiles(photo)
	return { ok: true }
}

export async function deletePhoto(user: VillageActor, photoId: string) {
	if (!user.villageId) return false
	const photo = await prisma.listingPhoto.findFirst({
		where: { id: photoId, listing: { villageId: user.villageId, status: { in: EDITABLE } } },
		select: { id: true, file: true, thumbFile: true },
	})
	if (!photo) return false
	await prisma.listingPhoto.delete({ where: { id: photo.id } })
	await removePhotoFiles(photo)
	return true
}
