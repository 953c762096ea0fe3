// A buyer's favourites (收藏, issue 13): star and unstar public listings, the list with each
// listing's current status, and the notification to everyone who starred a listing when it
// changes. Every query is scoped to the buyer in its `where`.
import type { Prisma } from '@prisma/client'
import { MAX_FAVOURITES } from '~/domain/favourites.ts'
import type { NotificationMessage } from '~/domain/notifications.ts'
import { prisma } from '~/utils/db.server.ts'
import { DETAIL_STATUSES } from './listing.server.ts'
import { firstThumbSelect, listingSummarySelect } from './listing-select.server.ts'
import { notify } from './notification.server.ts'

type Tx = Prisma.TransactionClient

export type StarResult = { ok: true } | { ok: false; problem: 'notFound' | 'limit' }

/** Stars a public listing (published or traded); starring it again changes nothing. */
export async function starListing(userId: string, listingId: string): Promise<StarResult> {
	return prisma.$transaction(async (tx): Promise<StarResult> => {
		const listing = await tx.listing.findFirst({ where: { id: listingId, status: { in: [...DETAIL_STATUSES] }, origin: 'PLATFORM' }, select: { id: true } })
		if (!listing) return { ok: false, problem: 'notFound' }
		if (await tx.favourite.count({ where: { userId, listingId } })) return { ok: true }
		// Counted in the writing transaction: two stars at once cannot both pass the limit.
		if ((await tx.favourite.count({ where: { userId } })) >= MAX_FAVOURITES) return { ok: false, problem: 'limit' }
		await tx.favourite.create({ data: { userId, listingId }, select: { listingId: true } })
		return { ok: true }
	})
}

/** Unstars; a listing the buyer had not starred is no error. */
export async function unstarListing(userId: string, listingId: string) {
	await prisma.favourite.deleteMany({ where: { userId, listingId } })
}

export async function isStarred(userId: string | null | undefined, listingId: string) {
	if (!userId) return false
	return (await prisma.favourite.count({ where: { userId, listingId } })) > 0
}

/** The buyer's starred listings, newest star first, each with its status and price as they are now. */
export async function myFavourites(userId: string) {
	return prisma.favourite.findMany({
		where: { userId },
		orderBy: [{ createdAt: 'desc' }, { listingId: 'asc' }],
		take: MAX_FAVOURITES,
		select: {
			createdAt: true,
			listing: {
				select: {
					...listingSummarySelect,
					town: { select: { name: true, nameEn: true } },
					village: { select: { name: true, nameEn: true } },
					photos: firstThumbSelect,
				},
			},
		},
	})
}

/**
 * Tells everyone who starred the listing, inside the transaction of the change (the change and the
 * notification are written together or not at all). `except`: people told otherwise (the parties).
 */
export async function notifyStarrers(tx: Tx, listingId: string, message: NotificationMessage, except: readonly string[] = []) {
	const rows = await tx.favourite.findMany({ where: { listingId }, select: { userId: true } })
	const skip = new Set(except)
	await notify(
		tx,
		rows.map((r) => r.userId).filter((id) => !skip.has(id)),
		message,
	)
}
