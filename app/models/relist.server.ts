// 重新挂牌 (issue 12, decision 034): the village lists again the land of a lease that ends (or ended
// early), or an expired or withdrawn listing. The listing is copied into a new draft (its parcels,
// its photos under new files, its terms), which the village edits and submits for review as any
// other; the draft remembers where it came from. The old listing keeps its parcels until its lease
// ends, except against the draft listed from it (parcel.server.ts).
import type { Prisma } from '@prisma/client'
import type { ListingStatus } from '~/domain/listing.ts'
import { DEAD_STATUSES, relistOpensOn, relistProblem, type RelistProblem } from '~/domain/relist.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { chinaDay } from '~/utils/calendar-date.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { appendAudit } from './audit.server.ts'
import { listingCoreSelect } from './listing-select.server.ts'
import { reindex } from './listing-workflow.server.ts'
import { listingsFreeFrom } from './parcel.server.ts'
import { commitPhotoFiles, copyPhotoFiles, discardPhotoFiles } from './photo.server.ts'

type VillageActor = Pick<SessionUser, 'id' | 'villageId'>
type Db = Prisma.TransactionClient

const linkSelect = { id: true, title: true, status: true } as const

async function relistFacts(db: Db, villageId: string, id: string) {
	const listing = await db.listing.findFirst({
		where: { id, villageId, origin: 'PLATFORM' },
		select: {
			id: true,
			status: true,
			relistedFrom: { select: linkSelect },
			relists: { where: { status: { notIn: [...DEAD_STATUSES] } }, orderBy: { createdAt: 'desc' }, take: 1, select: linkSelect },
		},
	})
	if (!listing) return null
	const free = listing.status === 'TRADED' ? ((await listingsFreeFrom(db, [listing.id])).get(listing.id) ?? null) : null
	return { listing, free }
}

/**
 * What the village's listing page says about listing it again: whether it may today (and from
 * when), the day its land is free, the live listing listed from it, and the one it came from.
 */
export async function relistState(villageId: string, id: string, at = now()) {
	const facts = await relistFacts(prisma, villageId, id)
	if (!facts) return null
	const { listing, free } = facts
	const successor = listing.relists[0] ?? null
	const today = chinaDay(at)
	return {
		problem: relistProblem(listing.status as ListingStatus, free, today, !!successor),
		free,
		/** The lease has ended (or ended early): the land is free today. */
		ended: !!free && free <= today,
		opensOn: free ? relistOpensOn(free) : null,
		successor,
		predecessor: listing.relistedFrom,
	}
}

export type RelistResult = { ok: true; id: string } | { ok: false; problem: RelistProblem | 'notFound' }

/** Copies the village's listing into a new draft listed again from it; refused with the reason, and nothing written. */
export async function relistListing(user: VillageActor, id: string, at = now()): Promise<RelistResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const villageId = user.villageId
	const source = await prisma.listing.findFirst({
		where: { id, villageId, origin: 'PLATFORM' },
		select: {
			...listingCoreSelect,
			townId: true,
			contactName: true,
			contactPhone: true,
			listingDays: true,
			parcels: { select: { parcelId: true } },
			photos: { orderBy: { sort: 'asc' }, select: { file: true, thumbFile: true, width: true, height: true, caption: true, sort: true } },
		},
	})
	if (!source) return { ok: false, problem: 'notFound' }
	const { id: _id, status: _status, parcels, photos, ...columns } = source
	// The files are copied first, under pending names; they get their real names once the rows commit.
	const copied = await Promise.all(photos.map(async (p) => ((c) => (c ? { ...p, ...c } : null))(await copyPhotoFiles(p))))
	const copies = copied.filter((p) => p !== null)
	let result: RelistResult
	try {
		result = await prisma.$transaction(async (tx): Promise<RelistResult> => {
			// Checked inside the write transaction: of two clicks at once, the second finds the first draft.
			const facts = await relistFacts(tx, villageId, id)
			if (!facts) return { ok: false, problem: 'notFound' }
			const problem = relistProblem(facts.listing.status as ListingStatus, facts.free, chinaDay(at), facts.listing.relists.length > 0)
			if (problem) return { ok: false, problem }
			const created = await tx.listing.create({
				data: { ...columns, villageId, status: 'DRAFT', createdById: user.id, relistedFromId: id },
				select: { id: true },
			})
			if (parcels.length) await tx.listingParcel.createMany({ data: parcels.map((p) => ({ listingId: created.id, parcelId: p.parcelId })) })
			if (copies.length) await tx.listingPhoto.createMany({ data: copies.map((p) => ({ listingId: created.id, ...p })) })
			await appendAudit(tx, { actorId: user.id, entityType: 'LISTING', entityId: created.id, action: 'relist', fromState: null, toState: 'DRAFT', params: { source: source.title } })
			return { ok: true, id: created.id }
		})
	} catch (error) {
		await Promise.all(copies.map(discardPhotoFiles))
		throw error
	}
	if (!result.ok) {
		await Promise.all(copies.map(discardPhotoFiles))
		return result
	}
	await Promise.all(copies.map(commitPhotoFiles))
	await reindex(result.id)
	return result
}
