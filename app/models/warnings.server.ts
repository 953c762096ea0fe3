// The township's early-warning page (风险预警, issue 12): what has waited too long, by the
// thresholds of app/domain/deadlines.ts. A reviewer's list is their town's (the `townId` in every
// `where`); an administrator's is every town's, or one town's.
import type { Prisma } from '@prisma/client'
import { ACTIVE_STATUSES } from '~/domain/deal.ts'
import { daysSince, olderThan, WARNING_THRESHOLDS as T, type WarningKind } from '~/domain/deadlines.ts'
import { addYears } from '~/domain/rent-schedule.ts'
import { calendarKnows } from '~/domain/working-days.ts'
import { chinaDay, parseChinaDate } from '~/utils/calendar-date.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'

const TAKE = 200
const DAY_MS = 24 * 3600_000

export type Warning = {
	kind: WarningKind
	key: string
	listingId: string
	title: string
	town: { name: string; nameEn: string }
	village: { name: string; nameEn: string }
	dealId: string | null
	/** The date the row is about (due, ended, waiting since). */
	date: Date
	params: Record<string, string | number>
}

const placeSelect = { id: true, title: true, town: { select: { name: true, nameEn: true } }, village: { select: { name: true, nameEn: true } } } as const

/** The early warnings of one town (a reviewer's, or an administrator's filter) or of all (null). */
export async function earlyWarnings(townId: string | null, at = now()): Promise<Warning[]> {
	const town = townId ? { townId } : {}
	const today = parseChinaDate(chinaDay(at))!
	const dealOf = (d: { id: string; listing: Prisma.ListingGetPayload<{ select: typeof placeSelect }> }) => ({ listingId: d.listing.id, title: d.listing.title, town: d.listing.town, village: d.listing.village, dealId: d.id })
	const [rents, ending, listings, pending, awaiting, notices, winners, refunds, disputes] = await Promise.all([
		prisma.rentPayment.findMany({
			where: { paidAt: null, dueDate: { lt: today }, deal: { status: 'COMPLETED', ...town } },
			orderBy: { dueDate: 'asc' },
			take: TAKE,
			select: { id: true, seq: true, amount: true, dueDate: true, deal: { select: { id: true, listing: { select: placeSelect } } } },
		}),
		// Ending within 90 days: the end (contract date + term) is computed here; contracts signed
		// more than the longest term ago (70 years, the law's cap) are not read.
		prisma.deal.findMany({
			// Ended early, or renewed (the renewal carries on), it is not "ending".
			where: { status: 'COMPLETED', ...town, terminatedOn: null, renewals: { none: { status: { not: 'REJECTED' } } }, termYears: { not: null }, contractDate: { not: null, gte: new Date(at.getTime() - 71 * 366 * DAY_MS) } },
			take: 2000,
			select: { id: true, termYears: true, contractDate: true, startsOn: true, listing: { select: placeSelect } },
		}),
		prisma.listing.findMany({
			where: { status: 'SUBMITTED', ...town, submittedAt: { lt: olderThan(at, T.listingSubmittedDays) } },
			orderBy: { submittedAt: 'asc' },
			take: TAKE,
			select: { ...placeSelect, submittedAt: true },
		}),
		prisma.deal.findMany({
			where: { status: 'PENDING_REVIEW', ...town, createdAt: { lt: olderThan(at, T.dealPendingReviewDays) } },
			orderBy: { createdAt: 'asc' },
			take: TAKE,
			select: { id: true, status: true, createdAt: true, listing: { select: placeSelect } },
		}),
		prisma.deal.findMany({
			where: { status: 'AWAITING_CERTIFICATION', ...town, updatedAt: { lt: olderThan(at, T.awaitingCertificationDays) } },
			orderBy: { updatedAt: 'asc' },
			take: TAKE,
			select: { id: true, status: true, updatedAt: true, listing: { select: placeSelect } },
		}),
		prisma.deal.findMany({
			where: { status: 'IN_NOTICE', ...town, noticeEndsAt: { lt: at } },
			orderBy: { noticeEndsAt: 'asc' },
			take: TAKE,
			select: { id: true, noticeEndsAt: true, listing: { select: placeSelect } },
		}),
		prisma.biddingRound.findMany({
			where: { status: 'CLOSED_WON', paidAt: null, paymentDueAt: { lt: at }, listing: town, deal: { status: { in: [...ACTIVE_STATUSES] } } },
			orderBy: { paymentDueAt: 'asc' },
			take: TAKE,
			select: { id: true, paymentDueAt: true, deal: { select: { id: true } }, listing: { select: placeSelect } },
		}),
		prisma.bidRegistration.findMany({
			where: { depositStatus: 'REFUND_DUE', refundDueAt: { lt: at }, round: { listing: town } },
			orderBy: { refundDueAt: 'asc' },
			take: TAKE,
			select: { id: true, alias: true, refundDueAt: true, round: { select: { listing: { select: placeSelect } } } },
		}),
		// Disputes the town has not yet settled (decision 033), however recent.
		prisma.dealChange.findMany({
			where: { kind: 'DISPUTE', status: 'PENDING', deal: { status: 'COMPLETED', ...town } },
			orderBy: { createdAt: 'asc' },
			take: TAKE,
			select: { id: true, createdAt: true, deal: { select: { id: true, listing: { select: placeSelect } } } },
		}),
	])
	const place = (l: Prisma.ListingGetPayload<{ select: typeof placeSelect }>) => ({ listingId: l.id, title: l.title, town: l.town, village: l.village })
	const soon = chinaDay(new Date(at.getTime() + T.contractEndingDays * DAY_MS))
	const todayDay = chinaDay(at)
	return [
		...rents.map((r) => ({ kind: 'rentOverdue' as const, key: r.id, ...dealOf(r.deal), date: r.dueDate, params: { seq: r.seq, amount: r.amount, days: daysSince(r.dueDate, today) } })),
		...ending.flatMap((d) => {
			const end = addYears(chinaDay(d.startsOn ?? d.contractDate!), d.termYears!)
			return end >= todayDay && end <= soon ? [{ kind: 'contractEnding' as const, key: d.id, ...dealOf(d), date: parseChinaDate(end)!, params: {} }] : []
		}),
		...listings.map((l) => ({ kind: 'listingStuck' as const, key: l.id, ...place(l), dealId: null, date: l.submittedAt!, params: { days: daysSince(l.submittedAt!, at) } })),
		...pending.map((d) => ({ kind: 'dealStuck' as const, key: d.id, ...dealOf(d), date: d.createdAt, params: { status: d.status, days: daysSince(d.createdAt, at) } })),
		...awaiting.map((d) => ({ kind: 'dealStuck' as const, key: d.id, ...dealOf(d), date: d.updatedAt, params: { status: d.status, days: daysSince(d.updatedAt, at) } })),
		...notices.map((d) => ({ kind: 'noticeOverrun' as const, key: d.id, ...dealOf(d), date: d.noticeEndsAt!, params: {} })),
		...winners.map((r) => ({ kind: 'winnerUnpaid' as const, key: r.id, ...place(r.listing), dealId: r.deal?.id ?? null, date: r.paymentDueAt!, params: {} })),
		...refunds.map((r) => ({ kind: 'refundOverdue' as const, key: r.id, ...place(r.round.listing), dealId: null, date: r.refundDueAt!, params: { alias: r.alias } })),
		...disputes.map((c) => ({ kind: 'disputeOpen' as const, key: c.id, ...dealOf(c.deal), date: c.createdAt, params: { days: daysSince(c.createdAt, at) } })),
	]
}

/** Years around now the official holiday file lacks: deadlines in them count weekends only. */
export function missingCalendarYears(at = now()) {
	const year = Number(chinaDay(at).slice(0, 4))
	return [year, year + 1].filter((y) => !calendarKnows(y))
}

/** The towns of the administrator's filter. */
export async function warningTowns() {
	return prisma.town.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, nameEn: true } })
}
