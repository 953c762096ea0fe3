// Competitive bidding (竞价): a village opens a round on its published listing, buyers register,
// the centre records their deposits (保证金), qualified buyers bid, and at the deadline the round
// closes — the highest bid becomes a deal for the Party review, or the round fails.
// The rules are in app/domain/bidding.ts; here they run inside transactions. A bid is a
// conditional update on the round's version (optimistic lock) plus the unique (round, amount)
// index, so of two equal bids at the same moment exactly one is accepted.
import type { Prisma } from '@prisma/client'
import { env } from '~/utils/env.server.ts'
import { workingDeadline } from '~/domain/working-days.ts'
import { checkBid, decideRound, extendedDeadline, minimumBid, type BidRefusal } from '~/domain/bidding.ts'
import { ACTIVE_STATUSES } from '~/domain/deal.ts'
import type { PriceUnit, TransferMode } from '~/domain/listing.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { now } from '~/utils/clock.server.ts'
import { isUniqueViolation } from '~/utils/database-errors.ts'
import { prisma } from '~/utils/db.server.ts'
import { appendAudit } from './audit.server.ts'
import { createDeal } from './deal.server.ts'
import { isListingId } from './listing.server.ts'
import { notify, villageUserIds } from './notification.server.ts'
import { notifyStarrers } from './favourite.server.ts'
import { hasPermission, rolesWith } from '~/domain/permissions.ts'

type Tx = Prisma.TransactionClient
type VillageActor = Pick<SessionUser, 'id' | 'villageId'>
type Viewer = Pick<SessionUser, 'id' | 'role'> | null

/** Defaults of the village's form: BID_EXTEND_MINUTES (5) and BID_MIN_BIDDERS (2). */
/** The winner's payment deadline and the losers' refund deadline, in working days from `closedAt`. */
export function closeDeadlines(closedAt: Date) {
	return { paymentDueAt: workingDeadline(closedAt, env().WINNER_PAYMENT_WORKING_DAYS), refundDueAt: workingDeadline(closedAt, env().DEPOSIT_REFUND_WORKING_DAYS) }
}

export function biddingDefaults() {
	return {
		extendMinutes: env().BID_EXTEND_MINUTES,
		minBidders: env().BID_MIN_BIDDERS,
	}
}

const listingPath = (id: string) => `/listings/${id}/bid`
const villagePath = (id: string) => `/village/listings/${id}/bidding`

async function adminIds(tx: Tx) {
	const users = await tx.user.findMany({ where: { role: { in: rolesWith('admin:deposits') }, disabled: false }, select: { id: true } })
	return users.map((u) => u.id)
}

// ── Closing ───────────────────────────────────────────────────────────────────────────────────

/**
 * Closes every open round whose deadline has passed. Called from the loaders of the bidding
 * pages and the admin's deposits page, so a page shows the settled round at once, and from the
 * minute's sweep (sweep.server.ts), so a round settles even when nobody opens them. Returns how many closed.
 */
export async function closeDueRounds(at = now()) {
	// Bounded, on the (status, deadline) index; the next sweep takes the rest.
	const due = await prisma.biddingRound.findMany({ where: { status: 'OPEN', deadline: { lte: at } }, select: { id: true }, orderBy: { deadline: 'asc' }, take: 500 })
	let closed = 0
	for (const { id } of due) if (await closeRound(id, at)) closed++
	return closed
}

/** Thrown to roll a close back when the round changed under it (nothing to do then). */
class RoundMoved extends Error {}

async function closeRound(roundId: string, at: Date) {
	return prisma
		.$transaction(async (tx) => {
			const round = await tx.biddingRound.findUnique({
				where: { id: roundId },
				select: {
					id: true,
					status: true,
					deadline: true,
					minBidders: true,
					version: true,
					deposit: true,
					listing: {
						select: {
							id: true,
							title: true,
							status: true,
							villageId: true,
							townId: true,
							area: true,
							areaUnit: true,
							priceUnit: true,
							termYears: true,
							transferMode: true,
						},
					},
					registrations: { select: { id: true, alias: true, buyerId: true, depositStatus: true } },
					bids: { select: { id: true, amount: true, createdAt: true, registrationId: true } },
				},
			})
			if (!round || round.status !== 'OPEN' || round.deadline.getTime() > at.getTime()) return false
			const { listing } = round
			// Deadlines run from the round's close (its deadline), not from when the sweep got to it.
			const due = closeDeadlines(round.deadline)
			const qualified = round.registrations.filter((r) => r.depositStatus === 'RECEIVED')
			const outcome = decideRound(round, qualified.length, round.bids)
			const bidderIds = round.registrations.map((r) => r.buyerId)

			let dealProblem: string | null = null
			if (outcome.result === 'won') {
				const winningBid = round.bids.find((b) => b.id === outcome.winningBidId)!
				const winner = round.registrations.find((r) => r.id === winningBid.registrationId)!
				// The deal for the Party review, through the deals model (it refuses a listing that is no
				// longer published or already holds a deal: then the round fails instead).
				const deal = await createDeal(tx, {
					listingId: listing.id,
					actorId: null,
					buyerId: winner.buyerId,
					inquiryId: null,
					price: winningBid.amount,
					priceUnit: listing.priceUnit as PriceUnit,
					termYears: listing.termYears,
					transferMode: listing.transferMode as TransferMode,
					tradingMode: 'BIDDING',
					// Signed after the round: the village uploads the contract with its real date.
					contractDate: null,
					biddingRoundId: round.id,
					at,
				})
				if (deal.ok) {
					// Conditional on the version too: a bid accepted in between would reopen the question.
					const res = await tx.biddingRound.updateMany({
						where: { id: round.id, status: 'OPEN', version: round.version, deadline: { lte: at } },
						data: { status: 'CLOSED_WON', paymentDueAt: due.paymentDueAt },
					})
					if (res.count === 0) throw new RoundMoved()
					await appendAudit(tx, {
						actorId: null,
						entityType: 'BIDDING_ROUND',
						entityId: round.id,
						action: 'close',
						fromState: 'OPEN',
						toState: 'CLOSED_WON',
						params: { alias: winner.alias, amount: winningBid.amount, priceUnit: listing.priceUnit, dealId: deal.id },
					})
					// A round without a deposit has nothing to apply or pay back.
					for (const r of round.deposit > 0 ? round.registrations : []) {
						if (r.depositStatus !== 'RECEIVED') continue
						const next = r.id === winner.id ? 'APPLIED' : 'REFUND_DUE'
						await tx.bidRegistration.update({ where: { id: r.id }, data: { depositStatus: next, refundDueAt: next === 'REFUND_DUE' ? due.refundDueAt : null } })
						await appendAudit(tx, {
							actorId: null,
							entityType: 'BID_REGISTRATION',
							entityId: r.id,
							action: 'round-closed',
							fromState: 'RECEIVED',
							toState: next,
						})
					}
					const on = { listingId: listing.id, listing: listing.title }
					await notify(tx, await villageUserIds(tx, listing.villageId), {
						kind: 'bidding-sold',
						params: { ...on, alias: winner.alias, amount: winningBid.amount, priceUnit: listing.priceUnit as PriceUnit },
						link: villagePath(listing.id),
					})
					await notify(tx, [winner.buyerId], { kind: 'bidding-won', params: { ...on, amount: winningBid.amount, priceUnit: listing.priceUnit as PriceUnit }, link: listingPath(listing.id) })
					await notify(
						tx,
						bidderIds.filter((id) => id !== winner.buyerId),
						{ kind: 'bidding-lost', params: { ...on, deposit: round.deposit }, link: listingPath(listing.id) },
					)
					return true
				}
				dealProblem = deal.problem
			}

			const res = await tx.biddingRound.updateMany({
				where: { id: round.id, status: 'OPEN', version: round.version, deadline: { lte: at } },
				data: { status: 'FAILED' },
			})
			if (res.count === 0) throw new RoundMoved()
			const reason = outcome.result === 'failed' ? outcome.reason : 'listingUnavailable'
			await appendAudit(tx, {
				actorId: null,
				entityType: 'BIDDING_ROUND',
				entityId: round.id,
				action: 'close',
				fromState: 'OPEN',
				toState: 'FAILED',
				params: { reason, problem: dealProblem },
			})
			for (const r of round.deposit > 0 ? qualified : []) {
				await tx.bidRegistration.update({ where: { id: r.id }, data: { depositStatus: 'REFUND_DUE', refundDueAt: due.refundDueAt } })
				await appendAudit(tx, {
					actorId: null,
					entityType: 'BID_REGISTRATION',
					entityId: r.id,
					action: 'round-failed',
					fromState: 'RECEIVED',
					toState: 'REFUND_DUE',
				})
			}
			const failed = { listingId: listing.id, listing: listing.title, reason } as const
			await notify(tx, await villageUserIds(tx, listing.villageId), { kind: 'bidding-failed', params: failed, link: villagePath(listing.id) })
			await notify(tx, bidderIds, { kind: 'bidding-failed-bidder', params: { ...failed, deposit: round.deposit }, link: listingPath(listing.id) })
			return true
		})
		.catch((error: unknown) => {
			if (error instanceof RoundMoved) return false
			// Two requests closed the same round at once (every page loader closes due rounds): on
			// PostgreSQL the slower one's deal can meet the winner's on the round's unique deal
			// before a serialization failure would; the round is closed either way.
			if (isUniqueViolation(error)) return false
			throw error
		})
}

// ── The village ───────────────────────────────────────────────────────────────────────────────

const roundSelect = {
	id: true,
	status: true,
	startPrice: true,
	increment: true,
	deposit: true,
	startsAt: true,
	deadline: true,
	extendMinutes: true,
	minBidders: true,
	currentPrice: true,
	version: true,
	createdAt: true,
	depositDueAt: true,
	paymentDueAt: true,
	paidAt: true,
	deal: { select: { id: true, status: true, price: true, totalValueYuan: true, contractFile: true } },
	registrations: { orderBy: { alias: 'asc' }, select: { id: true, alias: true, depositStatus: true, createdAt: true } },
	bids: { orderBy: [{ amount: 'desc' }], select: { id: true, amount: true, createdAt: true, registration: { select: { alias: true, depositStatus: true } } } },
} as const satisfies Prisma.BiddingRoundSelect

/** The village's listing with its rounds (newest first) and whether a round may be opened. */
export async function villageBidding(villageId: string, listingId: unknown) {
	if (!isListingId(listingId)) return null
	const listing = await prisma.listing.findFirst({
		where: { id: listingId, villageId },
		select: {
			id: true,
			title: true,
			status: true,
			type: true,
			tradingMode: true,
			price: true,
			priceUnit: true,
			area: true,
			areaUnit: true,
			termYears: true,
			transferMode: true,
			biddingRounds: { orderBy: { createdAt: 'desc' }, take: 20, select: roundSelect },
			deals: { where: { status: { in: [...ACTIVE_STATUSES] } }, select: { id: true, status: true, tradingMode: true }, take: 1 },
		},
	})
	if (!listing) return null
	const { deals, biddingRounds: rounds, ...rest } = listing
	const open = rounds.find((r) => r.status === 'OPEN') ?? null
	const latest = rounds[0] ?? null
	const activeDeal = deals[0] ?? null
	return {
		listing: rest,
		rounds,
		activeDeal,
		canOpen: listing.status === 'PUBLISHED' && !open && !activeDeal,
		canSwitch:
			listing.status === 'PUBLISHED' && listing.tradingMode === 'BIDDING' && !open && !activeDeal && (!latest || latest.status === 'FAILED' || latest.status === 'CANCELLED'),
	}
}

export type RoundInput = {
	startPrice: number
	increment: number
	deposit: number
	deadline: Date
	/** Deposits must be received by then (defaults to the deadline; never after it). */
	depositDueAt?: Date | null
	extendMinutes: number
	minBidders: number
}
export type OpenResult =
	| { ok: true; roundId: string }
	| {
			ok: false
			problem: 'notFound' | 'notPublished' | 'roundOpen' | 'dealActive'
	  }

/** Opens a round on the village's own published listing, which becomes a bidding listing. */
export async function openRound(user: VillageActor, listingId: string, input: RoundInput, at = now()): Promise<OpenResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const villageId = user.villageId
	return prisma.$transaction(async (tx): Promise<OpenResult> => {
		const listing = await tx.listing.findFirst({ where: { id: listingId, villageId }, select: { id: true, title: true, status: true, tradingMode: true, priceUnit: true } })
		if (!listing) return { ok: false, problem: 'notFound' }
		if (listing.status !== 'PUBLISHED') return { ok: false, problem: 'notPublished' }
		if (await tx.biddingRound.count({ where: { listingId, status: 'OPEN' } })) return { ok: false, problem: 'roundOpen' }
		if (await tx.deal.count({ where: { listingId, status: { in: [...ACTIVE_STATUSES] } } })) return { ok: false, problem: 'dealActive' }
		const depositDueAt = input.depositDueAt && input.depositDueAt.getTime() < input.deadline.getTime() ? input.depositDueAt : input.deadline
		const round = await tx.biddingRound.create({ data: { listingId, ...input, depositDueAt, startsAt: at, status: 'OPEN', currentPrice: null, version: 0 }, select: { id: true } })
		await appendAudit(tx, {
			actorId: user.id,
			entityType: 'BIDDING_ROUND',
			entityId: round.id,
			action: 'open',
			fromState: null,
			toState: 'OPEN',
			params: { startPrice: input.startPrice, increment: input.increment, priceUnit: listing.priceUnit, deposit: input.deposit, deadline: input.deadline.toISOString() },
		})
		await notifyStarrers(tx, listingId, {
			kind: 'favourite-bidding',
			params: { listingId, listing: listing.title, deadline: input.deadline.toISOString() },
			link: `/listings/${listingId}/bid`,
		})
		if (listing.tradingMode !== 'BIDDING') {
			await tx.listing.updateMany({ where: { id: listingId, villageId, status: 'PUBLISHED' }, data: { tradingMode: 'BIDDING' } })
			await appendAudit(tx, {
				actorId: user.id,
				entityType: 'LISTING',
				entityId: listingId,
				action: 'trading-mode',
				fromState: listing.tradingMode,
				toState: 'BIDDING',
			})
		}
		return { ok: true, roundId: round.id }
	})
}

/** After a failed round, the village may offer the listing for negotiation (协议) instead. */
export async function switchToNegotiated(user: VillageActor, listingId: string) {
	if (!user.villageId) return false
	const villageId = user.villageId
	return prisma.$transaction(async (tx) => {
		if (await tx.biddingRound.count({ where: { listingId, status: 'OPEN' } })) return false
		const latest = await tx.biddingRound.findFirst({ where: { listingId }, orderBy: { createdAt: 'desc' }, select: { status: true } })
		if (latest && latest.status !== 'FAILED' && latest.status !== 'CANCELLED') return false
		const res = await tx.listing.updateMany({ where: { id: listingId, villageId, status: 'PUBLISHED', tradingMode: 'BIDDING' }, data: { tradingMode: 'NEGOTIATED' } })
		if (res.count === 0) return false
		await appendAudit(tx, {
			actorId: user.id,
			entityType: 'LISTING',
			entityId: listingId,
			action: 'trading-mode',
			fromState: 'BIDDING',
			toState: 'NEGOTIATED',
			params: { cause: 'biddingFailed' },
		})
		return true
	})
}

// ── The public page ───────────────────────────────────────────────────────────────────────────

/**
 * What /listings/:id/bid and its JSON show: the current (or last) round of a public listing, the
 * anonymised history (竞买人N, never names), and the viewer's own registration. Null when the
 * listing is not public.
 */
export async function publicRoundState(listingId: unknown, viewer: Viewer, at = now()) {
	if (!isListingId(listingId)) return null
	const listing = await prisma.listing.findFirst({
		where: { id: listingId, status: { in: ['PUBLISHED', 'TRADED'] } },
		select: {
			id: true,
			title: true,
			type: true,
			status: true,
			tradingMode: true,
			priceUnit: true,
			area: true,
			areaUnit: true,
			town: { select: { name: true, nameEn: true } },
			village: { select: { name: true, nameEn: true } },
		},
	})
	if (!listing) return null
	const round = await prisma.biddingRound.findFirst({
		where: { listingId: listing.id, status: { in: ['OPEN', 'CLOSED_WON', 'FAILED'] } },
		orderBy: [{ createdAt: 'desc' }],
		select: {
			id: true,
			status: true,
			startPrice: true,
			increment: true,
			deposit: true,
			startsAt: true,
			deadline: true,
			extendMinutes: true,
			minBidders: true,
			currentPrice: true,
			version: true,
			depositDueAt: true,
			paymentDueAt: true,
			paidAt: true,
			bids: { orderBy: [{ amount: 'desc' }], select: { amount: true, createdAt: true, registration: { select: { alias: true, depositStatus: true } } } },
			registrations: { select: { alias: true, buyerId: true, depositStatus: true } },
		},
	})
	const mine = round && viewer ? round.registrations.find((r) => r.buyerId === viewer.id) ?? null : null
	const open = round?.status === 'OPEN' && round.deadline.getTime() > at.getTime()
	// A voided winner forfeited the win: the round's winner is the best bid of the others.
	const winningBid = round?.status === 'CLOSED_WON' ? round.bids.find((b) => b.registration.depositStatus !== 'FORFEITED') ?? null : null
	return {
		serverNow: at.toISOString(),
		listing,
		round: round
			? {
					id: round.id,
					status: round.status,
					open,
					startPrice: round.startPrice,
					increment: round.increment,
					deposit: round.deposit,
					startsAt: round.startsAt.toISOString(),
					deadline: round.deadline.toISOString(),
					extendMinutes: round.extendMinutes,
					minBidders: round.minBidders,
					currentPrice: round.currentPrice,
					minimumNext: minimumBid(round),
					version: round.version,
					registered: round.registrations.length,
					qualified: round.registrations.filter((r) => r.depositStatus !== 'PENDING').length,
					winner: winningBid ? { alias: winningBid.registration.alias, amount: winningBid.amount } : null,
					depositDueAt: (round.depositDueAt ?? round.deadline).toISOString(),
					paymentDueAt: round.status === 'CLOSED_WON' && !round.paidAt && round.paymentDueAt ? round.paymentDueAt.toISOString() : null,
					bids: round.bids.map((b) => ({ alias: b.registration.alias, amount: b.amount, at: b.createdAt.toISOString() })),
			  }
			: null,
		viewer: viewer ? { role: viewer.role, canRegister: hasPermission(viewer, 'bid:place') } : null,
		me: mine ? { alias: mine.alias, depositStatus: mine.depositStatus } : null,
	}
}

export type PublicRoundState = NonNullable<Awaited<ReturnType<typeof publicRoundState>>>

export type RegisterResult =
	| { ok: true; alias: number }
	| {
			ok: false
			problem: 'notBuyer' | 'noRound' | 'closed' | 'alreadyRegistered'
	  }

/** A buyer registers for the open round of a listing: the next 竞买人 number, deposit pending. */
export async function registerForRound(user: Pick<SessionUser, 'id' | 'role'>, listingId: string, at = now()): Promise<RegisterResult> {
	if (!hasPermission(user, 'bid:place')) return { ok: false, problem: 'notBuyer' }
	for (let attempt = 0; ; attempt++) {
		try {
			return await prisma.$transaction(async (tx): Promise<RegisterResult> => {
				const round = await tx.biddingRound.findFirst({
					where: { listingId, status: 'OPEN', listing: { status: 'PUBLISHED' } },
					select: { id: true, deadline: true, deposit: true, listing: { select: { title: true } } },
				})
				if (!round) return { ok: false, problem: 'noRound' }
				if (round.deadline.getTime() <= at.getTime()) return { ok: false, problem: 'closed' }
				if (await tx.bidRegistration.count({ where: { roundId: round.id, buyerId: user.id } })) return { ok: false, problem: 'alreadyRegistered' }
				const last = await tx.bidRegistration.findFirst({ where: { roundId: round.id }, orderBy: { alias: 'desc' }, select: { alias: true } })
				const alias = (last?.alias ?? 0) + 1
				const reg = await tx.bidRegistration.create({ data: { roundId: round.id, buyerId: user.id, alias, depositStatus: 'PENDING' }, select: { id: true } })
				await appendAudit(tx, {
					actorId: user.id,
					entityType: 'BID_REGISTRATION',
					entityId: reg.id,
					action: 'register',
					fromState: null,
					toState: 'PENDING',
					params: { alias },
				})
				await notify(tx, await adminIds(tx), {
					kind: 'deposit-pending',
					params: { listingId, listing: round.listing.title, alias, deposit: round.deposit },
					link: '/admin/deposits',
				})
				return { ok: true, alias }
			})
		} catch (error) {
			// Two registrations at once may pick the same number: the unique index refuses one; try again.
			if (isUniqueViolation(error) && attempt < 3) continue
			if (isUniqueViolation(error)) return { ok: false, problem: 'alreadyRegistered' }
			throw error
		}
	}
}

export type BidResult = { ok: true; amount: number; deadline: Date; extended: boolean } | { ok: false; reason: BidRefusal | 'priceChanged'; minimum?: number }

/**
 * A registered buyer bids. One transaction: read the round, check the bid, then move the price
 * only if nobody else did since the read (version in the `where`); the unique (round, amount)
 * index is the second guard. `seenVersion` is the version the bidder's page showed: a bid that
 * became too low because someone else bid first is told the price changed.
 */
export async function placeBid(
	user: Pick<SessionUser, 'id'>,
	listingId: string,
	amount: number,
	{ seenVersion, at = now() }: { seenVersion?: number; at?: Date } = {},
): Promise<BidResult> {
	try {
		return await prisma.$transaction(async (tx): Promise<BidResult> => {
			const round = await tx.biddingRound.findFirst({
				where: { listingId, status: 'OPEN', listing: { status: 'PUBLISHED' } },
				select: {
					id: true,
					status: true,
					startPrice: true,
					increment: true,
					currentPrice: true,
					deadline: true,
					extendMinutes: true,
					minBidders: true,
					version: true,
					listing: { select: { priceUnit: true } },
				},
			})
			if (!round) return { ok: false, reason: 'closed' }
			const reg = await tx.bidRegistration.findUnique({
				where: { roundId_buyerId: { roundId: round.id, buyerId: user.id } },
				select: { id: true, alias: true, depositStatus: true },
			})
			const top = reg ? await tx.bid.findFirst({ where: { roundId: round.id }, orderBy: { amount: 'desc' }, select: { registrationId: true } }) : null
			const check = checkBid(round, { amount, registered: !!reg, depositReceived: reg?.depositStatus === 'RECEIVED', leading: !!reg && top?.registrationId === reg.id }, at)
			if (!check.ok) {
				if (check.reason === 'tooLow' && seenVersion !== undefined && seenVersion !== round.version) return { ok: false, reason: 'priceChanged', minimum: check.minimum }
				return check
			}
			const deadline = extendedDeadline(round, at)
			const res = await tx.biddingRound.updateMany({
				where: { id: round.id, version: round.version, status: 'OPEN' },
				data: { currentPrice: amount, version: { increment: 1 }, deadline },
			})
			if (res.count === 0) {
				const fresh = await tx.biddingRound.findUniqueOrThrow({ where: { id: round.id }, select: { startPrice: true, increment: true, currentPrice: true } })
				return { ok: false, reason: 'priceChanged', minimum: minimumBid(fresh) }
			}
			const bid = await tx.bid.create({ data: { roundId: round.id, registrationId: reg!.id, amount, createdAt: at }, select: { id: true } })
			const extended = deadline.getTime() !== round.deadline.getTime()
			await appendAudit(tx, {
				actorId: user.id,
				entityType: 'BID',
				entityId: bid.id,
				action: 'place',
				fromState: round.currentPrice === null ? null : String(round.currentPrice),
				toState: String(amount),
				params: { alias: reg!.alias, priceUnit: round.listing.priceUnit, extendedTo: extended ? deadline.toISOString() : null },
			})
			return { ok: true, amount, deadline, extended }
		})
	} catch (error) {
		if (isUniqueViolation(error)) {
			const fresh = await prisma.biddingRound.findFirst({ where: { listingId, status: 'OPEN' }, select: { startPrice: true, increment: true, currentPrice: true } })
			return { ok: false, reason: 'priceChanged', minimum: fresh ? minimumBid(fresh) : undefined }
		}
		throw error
	}
}

// ── The centre's deposits ─────────────────────────────────────────────────────────────────────

const depositSelect = {
	id: true,
	alias: true,
	depositStatus: true,
	refundDueAt: true,
	createdAt: true,
	buyer: { select: { id: true, name: true, phone: true, email: true } },
	round: {
		select: {
			id: true,
			status: true,
			deposit: true,
			deadline: true,
			depositDueAt: true,
			listing: { select: { id: true, title: true, town: { select: { name: true, nameEn: true } }, village: { select: { name: true, nameEn: true } } } },
		},
	},
} as const satisfies Prisma.BidRegistrationSelect

/** Deposits to confirm (registrations of open rounds) and deposits to pay back (after a round). */
export async function depositQueues() {
	const [pending, refundDue] = await Promise.all([
		prisma.bidRegistration.findMany({
			where: { depositStatus: 'PENDING', round: { status: 'OPEN' } },
			orderBy: { createdAt: 'asc' },
			take: 500,
			select: depositSelect,
		}),
		// Soonest due (overdue) first; rows from before refund deadlines existed (null) last.
		prisma.bidRegistration.findMany({ where: { depositStatus: 'REFUND_DUE' }, orderBy: [{ refundDueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }], take: 500, select: depositSelect }),
	])
	return { pending, refundDue }
}

const DEPOSIT_MOVES = {
	received: { from: 'PENDING', to: 'RECEIVED', roundStatus: 'OPEN' },
	refunded: { from: 'REFUND_DUE', to: 'REFUNDED', roundStatus: undefined },
} as const

/** The administrator records a deposit as received (open rounds only) or as paid back. */
export async function moveDeposit(adminId: string, registrationId: string, move: keyof typeof DEPOSIT_MOVES, at = now()) {
	const { from, to, roundStatus } = DEPOSIT_MOVES[move]
	return prisma.$transaction(async (tx) => {
		const reg = await tx.bidRegistration.findFirst({
			where: {
				id: registrationId,
				depositStatus: from,
				// A deposit is received while the round is open and before its deposit due date.
				...(roundStatus ? { round: { status: roundStatus, deadline: { gt: at }, OR: [{ depositDueAt: null }, { depositDueAt: { gt: at } }] } } : {}),
			},
			select: { id: true, alias: true, buyerId: true, round: { select: { deposit: true, listing: { select: { id: true, title: true } } } } },
		})
		if (!reg) return false
		const res = await tx.bidRegistration.updateMany({
			where: { id: reg.id, depositStatus: from },
			data: move === 'refunded' ? { depositStatus: to, refundedAt: at, refundedById: adminId } : { depositStatus: to },
		})
		if (res.count === 0) return false
		await appendAudit(tx, {
			actorId: adminId,
			entityType: 'BID_REGISTRATION',
			entityId: reg.id,
			action: `deposit-${move}`,
			fromState: from,
			toState: to,
			params: { alias: reg.alias, deposit: reg.round.deposit },
		})
		const { listing } = reg.round
		await notify(
			tx,
			[reg.buyerId],
			move === 'received'
				? { kind: 'deposit-received', params: { listingId: listing.id, listing: listing.title }, link: listingPath(listing.id) }
				: { kind: 'deposit-refunded', params: { listingId: listing.id, listing: listing.title, deposit: reg.round.deposit }, link: listingPath(listing.id) },
		)
		return true
	})
}
