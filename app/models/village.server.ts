// The village workspace's reads, and the glue between its forms and listing-workflow.server.ts.
// Every query is scoped to the village in its `where`: another village's listing, or an unknown
// id, is simply not found.
import { parseWithZod } from '@conform-to/zod'
import { checkDecision, type DecisionProblem } from '~/domain/democratic-decision.ts'
import { areaMu, centroid, parseBoundary } from '~/domain/geometry.ts'
import { LISTING_STATUSES, type ListingStatus } from '~/domain/listing.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { VillageListingSchema, withCrossFieldErrors } from '~/utils/village-form.ts'
import { isListingId } from './listing.server.ts'
import { holderHref, villageParcelsById, type ParcelHolder } from './parcel.server.ts'
import { listingFromParcels } from '~/domain/parcel-union.ts'
import { MAX_PARCELS_PER_LISTING, PARCEL_HELD_PREFIX } from '~/domain/parcels.ts'
import { createListing, updateListing } from './listing-workflow.server.ts'
import { decisionSelect, firstThumbSelect, listingCoreSelect, listingPhotosSelect, listingSummarySelect } from './listing-select.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'

export function isStatus(value: unknown): value is ListingStatus {
	return typeof value === 'string' && (LISTING_STATUSES as readonly string[]).includes(value)
}

/** The village's own listings, newest change first, with the last review of each. */
export async function villageListings(villageId: string, status?: ListingStatus | null) {
	return prisma.listing.findMany({
		// OFFLINE listings (outside deals, 023) are the village's filings, listed at /village/filings.
		where: { villageId, origin: 'PLATFORM', ...(status ? { status } : {}) },
		orderBy: [{ updatedAt: 'desc' }],
		take: 500,
		select: {
			...listingSummarySelect,
			updatedAt: true,
			submittedAt: true,
			publishedAt: true,
			expiresAt: true,
			photos: firstThumbSelect,
			reviews: {
				where: { kind: 'LISTING' },
				orderBy: { createdAt: 'desc' },
				take: 1,
				select: { decision: true, opinion: true, createdAt: true },
			},
		},
	})
}

/** How many of the village's listings are in each state. */
export async function villageStatusCounts(villageId: string) {
	const rows = await prisma.listing.groupBy({ by: ['status'], where: { villageId }, _count: { _all: true } })
	const counts = Object.fromEntries(LISTING_STATUSES.map((s) => [s, 0])) as Record<ListingStatus, number>
	for (const row of rows) if (isStatus(row.status)) counts[row.status] = row._count._all
	return counts
}

/** One listing of the village with everything its page shows; null when not the village's. */
export async function getVillageListing(villageId: string, id: unknown) {
	if (!isListingId(id)) return null
	const listing = await prisma.listing.findFirst({
		where: { id, villageId },
		select: {
			...listingCoreSelect,
			listingDays: true,
			contactName: true,
			contactPhone: true,
			createdAt: true,
			updatedAt: true,
			submittedAt: true,
			publishedAt: true,
			expiresAt: true,
			town: { select: { name: true, nameEn: true } },
			village: { select: { name: true, nameEn: true, contactName: true, contactPhone: true } },
			photos: listingPhotosSelect,
			decision: { select: decisionSelect },
			reviews: {
				where: { kind: 'LISTING' },
				orderBy: { createdAt: 'desc' },
				select: { id: true, decision: true, opinion: true, createdAt: true, reviewer: { select: { name: true } } },
			},
		},
	})
	if (!listing) return null
	const decisionProblems: DecisionProblem[] = listing.decision ? checkDecision(listing.decision) : []
	return { ...listing, decisionProblems }
}

export type VillageListing = NonNullable<Awaited<ReturnType<typeof getVillageListing>>>

/** The village's place, for the map picker's first view. */
export async function villagePlace(villageId: string) {
	return prisma.village.findUniqueOrThrow({
		where: { id: villageId },
		select: { name: true, nameEn: true, lat: true, lng: true, contactName: true, contactPhone: true, town: { select: { name: true, nameEn: true } } },
	})
}

/**
 * Without JavaScript a land boundary is pasted as GeoJSON; the area and the pin then follow from
 * it, so the village need not type them too. Fills only what was left empty; a bad boundary is
 * left for the schema to report.
 */
export function fillFromBoundary(formData: FormData) {
	const boundary = formData.get('boundary')
	if (formData.get('type') !== 'LAND' || typeof boundary !== 'string' || !boundary.trim()) return formData
	const { polygon } = parseBoundary(boundary)
	if (!polygon) return formData
	const blank = (name: string) => !String(formData.get(name) ?? '').trim()
	if (blank('area')) formData.set('area', String(Math.round(areaMu(polygon) * 100) / 100))
	if (blank('lat') || blank('lng')) {
		const [lng, lat] = centroid(polygon)
		formData.set('lat', lat.toFixed(6))
		formData.set('lng', lng.toFixed(6))
	}
	return formData
}

/**
 * Land made of parcels: the area, pin and land class follow from the village's own parcels, so a
 * form sent without JavaScript (boxes ticked in the list) need not carry them. The save recomputes
 * them again inside its transaction (listing-workflow.server.ts); this only fills the form.
 */
export async function fillFromParcels(formData: FormData, villageId: string) {
	const ids = [...new Set(formData.getAll('parcelIds').filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 40))]
	if (formData.get('type') !== 'LAND' || ids.length === 0 || ids.length > MAX_PARCELS_PER_LISTING) return formData
	const made = listingFromParcels(await villageParcelsById(prisma, villageId, ids))
	if (!made) return formData
	formData.set('area', String(made.areaMu))
	formData.set('lat', made.lat.toFixed(6))
	formData.set('lng', made.lng.toFixed(6))
	formData.set('landClass', made.landClass)
	formData.delete('boundary')
	return formData
}

/** A "held" refusal as the field's error: the code and the parameters the form links to. */
function heldError(holder: ParcelHolder) {
	return `${PARCEL_HELD_PREFIX}${JSON.stringify({ code: holder.code, href: holderHref(holder), title: holder.title })}`
}

/**
 * The listing form's action for new and edit alike: checks the form (the same schema the browser
 * ran), then creates or updates through the workflow model. Answers the conform reply to show
 * when something is wrong, or the saved listing's id.
 */
export async function saveListingForm(user: Pick<SessionUser, 'id' | 'villageId'>, formData: FormData, id?: string) {
	if (user.villageId) await fillFromParcels(formData, user.villageId)
	const submission = withCrossFieldErrors(parseWithZod(fillFromBoundary(formData), { schema: VillageListingSchema }), formData)
	if (submission.status !== 'success') return { ok: false as const, status: 400, reply: submission.reply() }
	const result = id ? await updateListing(user, id, submission.value) : await createListing(user, submission.value)
	if (result.ok) return { ok: true as const, id: result.id }
	invariantResponse(result.problem !== 'notFound')
	if (result.field === 'boundary') return { ok: false as const, status: 400, reply: submission.reply({ fieldErrors: { boundary: [result.problem] } }) }
	if (result.field === 'parcelIds') {
		const errors = result.holders?.length ? result.holders.map(heldError) : [result.problem]
		return { ok: false as const, status: result.problem === 'parcelHeld' ? 409 : 400, reply: submission.reply({ fieldErrors: { parcelIds: errors } }) }
	}
	return { ok: false as const, status: 409, reply: submission.reply({ formErrors: [result.problem] }) }
}

/** Whether the listing is the village's (any state). */
export async function villageOwns(villageId: string, id: unknown) {
	if (!isListingId(id)) return false
	return (await prisma.listing.count({ where: { id, villageId } })) > 0
}
