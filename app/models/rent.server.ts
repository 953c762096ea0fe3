// A certified lease's rent (issue 12): the schedule is written at certification, the village
// records each payment received, and the sweep reminds before each due date and flags overdue rent
// to the village and the town — each once per payment (the stamp is set in the same update).
import type { Prisma } from '@prisma/client'
import { checkPayment, paysYearlyRent, rentSchedule, type PaymentProblem } from '~/domain/rent-schedule.ts'
import { chinaDay, parseChinaDate } from '~/utils/calendar-date.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { env } from '~/utils/env.server.ts'
import { appendAudit } from './audit.server.ts'
import { notify, reviewerIds, villageUserIds } from './notification.server.ts'

type Tx = Prisma.TransactionClient
const DAY_MS = 24 * 3600_000

export const rentPath = (dealId: string) => `/village/deals/${dealId}/rent`

/** Writes the schedule of a deal just certified, inside the certification's transaction. */
export async function scheduleRent(tx: Tx, dealId: string, actorId: string) {
	const deal = await tx.deal.findUnique({
		where: { id: dealId },
		select: { transferMode: true, priceUnit: true, price: true, area: true, areaUnit: true, termYears: true, contractDate: true, startsOn: true },
	})
	if (!deal?.contractDate || !paysYearlyRent(deal)) return 0
	// A renewal's term starts where the old lease ends, not when its contract was signed (decision 033).
	const plan = rentSchedule(deal, chinaDay(deal.startsOn ?? deal.contractDate))
	if (plan.length === 0) return 0
	await tx.rentPayment.createMany({ data: plan.map((p) => ({ dealId, seq: p.seq, dueDate: parseChinaDate(p.due)!, amount: p.amount })) })
	await appendAudit(tx, { actorId, entityType: 'DEAL', entityId: dealId, action: 'rent-scheduled', params: { payments: plan.length } })
	return plan.length
}

/** The village's own certified deal with its rent payments; null when not its own. */
export async function villageRent(villageId: string, dealId: string) {
	return prisma.deal.findFirst({
		where: { id: dealId, listing: { villageId }, status: 'COMPLETED' },
		select: {
			id: true,
			contractDate: true,
			termYears: true,
			price: true,
			priceUnit: true,
			listing: { select: { id: true, title: true } },
			rentPayments: { orderBy: { seq: 'asc' }, select: { id: true, seq: true, dueDate: true, amount: true, paidAmount: true, paidAt: true } },
		},
	})
}

export type MarkPaidResult = { ok: true } | { ok: false; problem: PaymentProblem | 'notFound' | 'alreadyPaid' }

/**
 * The village records a payment received. The update is conditional on nothing being recorded
 * yet, so of two clicks at once exactly one records the payment.
 */
export async function markRentPaid(user: { id: string; villageId: string | null }, paymentId: string, amount: number, paidOn: string, at = now()): Promise<MarkPaidResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const villageId = user.villageId
	return prisma.$transaction(async (tx): Promise<MarkPaidResult> => {
		const payment = await tx.rentPayment.findFirst({
			where: { id: paymentId, deal: { listing: { villageId }, status: 'COMPLETED' } },
			select: { id: true, seq: true, amount: true, paidAt: true, dealId: true, deal: { select: { contractDate: true } } },
		})
		if (!payment || !payment.deal.contractDate) return { ok: false, problem: 'notFound' }
		if (payment.paidAt) return { ok: false, problem: 'alreadyPaid' }
		const day = parseChinaDate(paidOn) ? paidOn : null
		const problem = checkPayment({ amount, paidOn: day }, { amount: payment.amount, contractDay: chinaDay(payment.deal.contractDate), today: chinaDay(at) })
		if (problem) return { ok: false, problem }
		const res = await tx.rentPayment.updateMany({
			where: { id: payment.id, paidAt: null },
			data: { paidAmount: Math.round(amount * 100) / 100, paidAt: parseChinaDate(day!)!, recordedById: user.id, recordedAt: at },
		})
		if (res.count === 0) return { ok: false, problem: 'alreadyPaid' }
		await appendAudit(tx, {
			actorId: user.id,
			entityType: 'DEAL',
			entityId: payment.dealId,
			action: 'rent-paid',
			params: { payments: payment.seq, rent: Math.round(amount * 100) / 100, paidOn: day },
		})
		return { ok: true }
	})
}

const BATCH = 200

/**
 * The sweep's part: a reminder `RENT_REMINDER_DAYS` before each unpaid due date (to the village),
 * and the overdue flag once the due day has passed (to the village and the town's reviewers).
 */
export async function sweepRent(at = now(), reminderDays = env().RENT_REMINDER_DAYS) {
	const today = parseChinaDate(chinaDay(at))!
	const soon = new Date(today.getTime() + reminderDays * DAY_MS)
	const select = { id: true, dueDate: true, deal: { select: { id: true, townId: true, listing: { select: { id: true, title: true, villageId: true, townId: true } } } } } as const
	let sent = 0
	const remind = await prisma.rentPayment.findMany({ where: { paidAt: null, remindedAt: null, dueDate: { lte: soon, gte: today } }, orderBy: { dueDate: 'asc' }, take: BATCH, select })
	const overdue = await prisma.rentPayment.findMany({ where: { paidAt: null, overdueNotifiedAt: null, dueDate: { lt: today } }, orderBy: { dueDate: 'asc' }, take: BATCH, select })
	for (const [kind, rows] of [['rent-due-soon', remind], ['rent-overdue', overdue]] as const) {
		for (const p of rows) {
			await prisma.$transaction(async (tx) => {
				const stamp = kind === 'rent-due-soon' ? { remindedAt: null } : { overdueNotifiedAt: null }
				const res = await tx.rentPayment.updateMany({ where: { id: p.id, paidAt: null, ...stamp }, data: kind === 'rent-due-soon' ? { remindedAt: at } : { overdueNotifiedAt: at } })
				if (res.count === 0) return
				const { listing } = p.deal
				const to = await villageUserIds(tx, listing.villageId)
				if (kind === 'rent-overdue') to.push(...(await reviewerIds(tx, listing.townId)))
				await notify(tx, to, { kind, params: { listingId: listing.id, listing: listing.title, dealId: p.deal.id, due: chinaDay(p.dueDate) }, link: rentPath(p.deal.id) })
				sent++
			})
		}
	}
	return sent
}
