// Time-driven changes that nobody clicks: listings whose listing period ran out (挂牌期满),
// bidding rounds past their deadline, public notices that ended. Each function is also called
// where it matters (the bidding and certification pages); this sweep makes sure they happen even
// when nobody opens those pages, once a minute. Data imports whose commit's process died are
// marked failed (data-import.server.ts). Every instance runs the timer; the holder of the
// "sweep" lease sweeps (lease.server.ts), so a cluster sweeps once, and on when an instance dies.
// Every instance also finishes or removes upload files a crash left between their write and their
// row (upload-files.server.ts): the upload directory may be this machine's own, and finishing a
// shared one twice is harmless.
import { listingMove } from '~/domain/listing.ts'
import { appendAudit, chainAudit } from './audit.server.ts'
import { closeDueRounds } from './bidding.server.ts'
import { failStaleImports } from './data-import.server.ts'
import { startDelivery } from './delivery.server.ts'
import { holdLease } from './lease.server.ts'
import { pruneChangeLog } from './listing-search.server.ts'
import { promoteEndedNotices } from './deal.server.ts'
import { sweepRent } from './rent.server.ts'
import { drainSavedSearchQueue, sendSavedSearchDigests } from './saved-search.server.ts'
import { sweepPendingUploads } from './upload-files.server.ts'
import { notifyStarrers } from './favourite.server.ts'
import { expireWanted } from './wanted.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { now as clockNow } from '~/utils/clock.server.ts'
import { singleton } from '~/utils/singleton.server.ts'

/** Listings expired per batch, and batches per sweep: a minute's sweep never holds the server long. */
export const EXPIRE_BATCH = 200
const EXPIRE_BATCHES = 5

/**
 * PUBLISHED listings past their expiresAt become EXPIRED, each with its audit entry, the longest
 * overdue first. The query walks the (status, expiresAt) index from its start, so it reads only the
 * due rows, never every published one; what one sweep leaves, the next minute's takes.
 */
export async function expireListings(at = clockNow(), batches = EXPIRE_BATCHES) {
	let expired = 0
	for (let batch = 0; batch < batches; batch++) {
		const due = await prisma.listing.findMany({
			where: { status: 'PUBLISHED', expiresAt: { lte: at }, biddingRounds: { none: { status: 'OPEN' } } },
			orderBy: { expiresAt: 'asc' },
			select: { id: true, title: true },
			take: EXPIRE_BATCH,
		})
		let moved = 0
		for (const { id, title } of due) {
			const done = await prisma.$transaction(async (tx) => {
				const move = listingMove('PUBLISHED', 'EXPIRED')
				const res = await tx.listing.updateMany({ where: { id, ...move.where, expiresAt: { lte: at } }, data: move.data })
				if (res.count === 0) return false
				await appendAudit(tx, { actorId: null, entityType: 'LISTING', entityId: id, action: 'expire', fromState: 'PUBLISHED', toState: 'EXPIRED' })
				await notifyStarrers(tx, id, { kind: 'favourite-expired', params: { listingId: id, listing: title }, link: '/me/favourites' })
				return true
			})
			if (done) moved++
		}
		expired += moved
		if (due.length < EXPIRE_BATCH || moved === 0) break
	}
	return expired
}

export async function sweep(at = clockNow()) {
	// Audit entries whose process died between their commit and their chaining (decision 038).
	await chainAudit()
	await closeDueRounds(at)
	await promoteEndedNotices(at)
	await expireListings(at)
	await expireWanted(at)
	await sweepRent(at)
	// Imports whose process died mid-commit (their lease ran out): wall-clock time, as for leases.
	await failStaleImports()
	// Listings whose matching a crashed or restarted instance left behind (decision 029).
	await drainSavedSearchQueue()
	await sendSavedSearchDigests(at)
	await sweepPendingUploads(at.getTime())
	await pruneChangeLog()
}

/** How long a sweeper's lease lasts: three missed minutes and another instance takes over. */
export const SWEEP_LEASE_MS = 3 * 60_000

/** One timer tick: the cluster's sweep if this process holds the lease, this machine's uploads either way. */
export async function sweepIfLeader(at = clockNow()) {
	if (await holdLease('sweep', SWEEP_LEASE_MS)) await sweep(at)
	else await sweepPendingUploads(at.getTime())
}

/** Starts the once-a-minute sweep (idempotent across dev reloads; never keeps the process alive). */
export function startSweeper(intervalMs = 60_000) {
	singleton('sweeper', () => {
		// A restart after a crash: uploads whose rows committed are served at once, not in a minute.
		sweepPendingUploads().catch((error: unknown) => console.error('upload sweep failed', error))
		// …and audit entries committed but not chained (decision 038) join the chain at once.
		void chainAudit()
		// Notifications by e-mail and SMS go out from the same process, more often (decision 032).
		startDelivery()
		const timer = setInterval(() => {
			sweepIfLeader().catch((error: unknown) => console.error('sweep failed', error))
		}, intervalMs)
		timer.unref()
		return timer
	})
}
