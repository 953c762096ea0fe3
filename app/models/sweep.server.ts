// Time-driven changes that nobody clicks: listings whose listing period ran out (挂牌期满),
// bidding rounds past their deadline, public notices that ended. Each function is also called
// where it matters (the bidding and certification pages); this sweep makes sure they happen even
// when nobody opens those pages, once a minute in the server process. It also finishes or removes
// upload files a crash left between their write and their row (upload-files.server.ts).
import { listingMove } from '~/domain/listing.ts'
import { appendAudit } from './audit.server.ts'
import { closeDueRounds } from './bidding.server.ts'
import { pruneChangeLog } from './listing-search.server.ts'
import { promoteEndedNotices } from './deal.server.ts'
import { sweepPendingUploads } from './upload-files.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { now as clockNow } from '~/utils/clock.server.ts'
import { singleton } from '~/utils/singleton.server.ts'

/** PUBLISHED listings past their expiresAt become EXPIRED, each with its audit entry. */
export async function expireListings(at = clockNow()) {
	const due = await prisma.listing.findMany({
		where: { status: 'PUBLISHED', expiresAt: { lte: at }, biddingRounds: { none: { status: 'OPEN' } } },
		select: { id: true },
		take: 500,
	})
	let expired = 0
	for (const { id } of due) {
		const done = await prisma.$transaction(async (tx) => {
			const move = listingMove('PUBLISHED', 'EXPIRED')
			const res = await tx.listing.updateMany({ where: { id, ...move.where, expiresAt: { lte: at } }, data: move.data })
			if (res.count === 0) return false
			await appendAudit(tx, { actorId: null, entityType: 'LISTING', entityId: id, action: 'expire', fromState: 'PUBLISHED', toState: 'EXPIRED' })
			return true
		})
		if (done) expired++
	}
	return expired
}

export async function sweep(at = clockNow()) {
	await closeDueRounds(at)
	await promoteEndedNotices(at)
	await expireListings(at)
	await sweepPendingUploads(at.getTime())
	await pruneChangeLog()
}

/** Starts the once-a-minute sweep (idempotent across dev reloads; never keeps the process alive). */
export function startSweeper(intervalMs = 60_000) {
	singleton('sweeper', () => {
		// A restart after a crash: uploads whose rows committed are served at once, not in a minute.
		sweepPendingUploads().catch((error: unknown) => console.error('upload sweep failed', error))
		const timer = setInterval(() => {
			sweep().catch((error: unknown) => console.error('sweep failed', error))
		}, intervalMs)
		timer.unref()
		return timer
	})
}
