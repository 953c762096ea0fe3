// What follows a won bidding round (issue 12): the winner signs and pays within N working days;
// the centre records the payment, or, past the deadline, voids the win — the deposit is forfeited
// and the round goes to the runner-up (whose own deadline then starts) or fails. No payment
// integration: people record what happened, with who and when.
import { ACTIVE_STATUSES, dealMove } from '~/domain/deal.ts'
import { isOverdue, pickRunnerUp } from '~/domain/deadlines.ts'
import type { PriceUnit, TransferMode } from '~/domain/listing.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { appendAudit } from './audit.server.ts'
import { closeDeadlines } from './bidding.server.ts'
import { createDeal } from './deal.server.ts'
import { notify, villageUserIds } from './notification.server.ts'

const listingBidPath = (id: string) => `/listings/${id}/bid`
const villagePath = (id: string) => `/village/listings/${id}/bidding`

/** Won rounds whose winner has not yet been recorded as paid, the soonest deadline first. */
export async function unpaidWinners(at = now()) {
	const rounds = await prisma.biddingRound.findMany({
		where: { status: 'CLOSED_WON', paidAt: null, deal: { status: { in: [...ACTIVE_STATUSES] } } },
		orderBy: [{ paymentDueAt: { sort: 'asc', nulls: 'last' } }],
		take: 500,
		select: {
			id: true,
			paymentDueAt: true,
			deposit: true,
			listing: { select: { id: true, title: true, priceUnit: true, town: { select: { name: true, nameEn: true } }, village: { select: { name: true, nameEn: true } } } },
			deal: { select: { id: true, status: true, price: true, buyer: { select: { name: true, phone: true, email: true } } } },
		},
	})
	return rounds.map(({ deal, ...r }) => ({
		...r,
		deal: deal!,
		overdue: isOverdue(r.paymentDueAt, at),
		// The winner can be voided only before the Party review moved the deal on.
		voidable: isOverdue(r.paymentDueAt, at) && deal!.status === 'PENDING_REVIEW',
	}))
}

/** The centre records that the winner signed and paid: the deadline no longer runs. */
export async function recordWinnerPayment(adminId: string, roundId: string, at = now()) {
	return prisma.$transaction(async (tx) => {
		const res = await tx.biddingRound.updateMany({ where: { id: roundId, status: 'CLOSED_WON', paidAt: null }, data: { paidAt: at, paidById: adminId } })
		if (res.count === 0) return false
		await appendAudit(tx, { actorId: adminId, entityType: 'BIDDING_ROUND', entityId: roundId, action: 'winner-paid', fromState: 'CLOSED_WON', toState: 'CLOSED_WON' })
		return true
	})
}

export type VoidResult = { ok: true; next: 'runnerUp' | 'failed' } | { ok: false; problem: 'notFound' | 'notOverdue' | 'dealMoved' }

/**
 * Past the winner's deadline, the administrator voids the win with a reason: the winner's deposit
 * is FORFEITED, their deal REJECTED (and unlinked from the round, which may hold one deal), and
 * the round goes to the runner-up — a new deal at their bid, with a new deadline — or FAILS.
 */
export async function voidWin(adminId: string, roundId: string, reason: string, at = now()): Promise<VoidResult> {
	return prisma.$transaction(async (tx): Promise<VoidResult> => {
		const round = await tx.biddingRound.findFirst({
			where: { id: roundId, status: 'CLOSED_WON', paidAt: null },
			select: {
				id: true,
				deposit: true,
				paymentDueAt: true,
				listing: { select: { id: true, title: true, villageId: true, priceUnit: true, termYears: true, transferMode: true } },
				deal: { select: { id: true, status: true, buyerId: true } },
				registrations: { select: { id: true, alias: true, buyerId: true, depositStatus: true } },
				bids: { select: { id: true, amount: true, createdAt: true, registrationId: true } },
			},
		})
		if (!round || !round.deal) return { ok: false, problem: 'notFound' }
		if (!isOverdue(round.paymentDueAt, at)) return { ok: false, problem: 'notOverdue' }
		if (round.deal.status !== 'PENDING_REVIEW') return { ok: false, problem: 'dealMoved' }
		const { listing, deal } = round
		const winner = round.registrations.find((r) => r.buyerId === deal.buyerId)
		if (!winner) return { ok: false, problem: 'notFound' }

		const move = dealMove('PENDING_REVIEW', 'REJECTED')
		const moved = await tx.deal.updateMany({ where: { id: deal.id, ...move.where }, data: { ...move.data, biddingRoundId: null } })
		if (moved.count === 0) return { ok: false, problem: 'dealMoved' }
		await appendAudit(tx, { actorId: adminId, entityType: 'DEAL', entityId: deal.id, action: 'win-voided', fromState: 'PENDING_REVIEW', toState: 'REJECTED', reason, params: { alias: winner.alias } })
		await tx.bidRegistration.update({ where: { id: winner.id }, data: { depositStatus: 'FORFEITED', forfeitReason: reason, refundDueAt: null } })
		await appendAudit(tx, {
			actorId: adminId,
			entityType: 'BID_REGISTRATION',
			entityId: winner.id,
			action: 'deposit-forfeited',
			fromState: winner.depositStatus,
			toState: 'FORFEITED',
			reason,
			params: { alias: winner.alias, deposit: round.deposit },
		})
		const on = { listingId: listing.id, listing: listing.title }
		await notify(tx, [winner.buyerId], { kind: 'win-voided', params: { ...on, deposit: round.deposit }, link: listingBidPath(listing.id) })

		const registrations = round.registrations.map((r) => (r.id === winner.id ? { ...r, depositStatus: 'FORFEITED' } : r))
		const next = pickRunnerUp(round.bids, registrations, winner.id)
		const runnerUp = next ? registrations.find((r) => r.id === next.registrationId)! : null
		const created = runnerUp
			? await createDeal(tx, {
					listingId: listing.id,
					actorId: adminId,
					buyerId: runnerUp.buyerId,
					inquiryId: null,
					price: next!.amount,
					priceUnit: listing.priceUnit as PriceUnit,
					termYears: listing.termYears,
					transferMode: listing.transferMode as TransferMode,
					tradingMode: 'BIDDING',
					contractDate: null,
					biddingRoundId: round.id,
					at,
				})
			: null
		if (runnerUp && created?.ok) {
			const { paymentDueAt } = closeDeadlines(at)
			await tx.biddingRound.update({ where: { id: round.id }, data: { paymentDueAt } })
			await appendAudit(tx, {
				actorId: adminId,
				entityType: 'BIDDING_ROUND',
				entityId: round.id,
				action: 'runner-up',
				fromState: 'CLOSED_WON',
				toState: 'CLOSED_WON',
				params: { alias: runnerUp.alias, amount: next!.amount, priceUnit: listing.priceUnit, dealId: created.id, deadline: paymentDueAt.toISOString() },
			})
			if (round.deposit > 0 && runnerUp.depositStatus !== 'APPLIED') {
				await tx.bidRegistration.update({ where: { id: runnerUp.id }, data: { depositStatus: 'APPLIED', refundDueAt: null } })
				await appendAudit(tx, { actorId: adminId, entityType: 'BID_REGISTRATION', entityId: runnerUp.id, action: 'runner-up', fromState: runnerUp.depositStatus, toState: 'APPLIED', params: { alias: runnerUp.alias } })
			}
			await notify(tx, [runnerUp.buyerId], { kind: 'win-runner-up', params: { ...on, amount: next!.amount, priceUnit: listing.priceUnit as PriceUnit }, link: listingBidPath(listing.id) })
			await notify(tx, await villageUserIds(tx, listing.villageId), { kind: 'win-voided-village', params: { ...on, alias: runnerUp.alias }, link: villagePath(listing.id) })
			return { ok: true, next: 'runnerUp' }
		}

		await tx.biddingRound.update({ where: { id: round.id }, data: { status: 'FAILED', paymentDueAt: null } })
		await appendAudit(tx, { actorId: adminId, entityType: 'BIDDING_ROUND', entityId: round.id, action: 'win-voided', fromState: 'CLOSED_WON', toState: 'FAILED', reason })
		await notify(tx, await villageUserIds(tx, listing.villageId), { kind: 'win-voided-failed', params: on, link: villagePath(listing.id) })
		return { ok: true, next: 'failed' }
	})
}
