// The demo's history in the audit log (009): every seeded listing, review and deal gets the entries
// the live workflow would have written, at the times the demo gives them, appended in time order
// through the one appendAudit (so the hash chain verifies like any other).
import type { PrismaClient } from '@prisma/client'
import { appendAudit, type AuditInput } from '../app/models/audit.server.ts'

const DAY = 86_400_000
const REVIEW_ACTIONS = { APPROVE: 'review:approve', RETURN: 'review:return', REJECT: 'review:reject' } as const
const REVIEW_TO = { APPROVE: 'PUBLISHED', RETURN: 'RETURNED', REJECT: 'REJECTED' } as const

type Event = AuditInput & { createdAt: Date }

export async function writeSeedHistory(prisma: PrismaClient, reference: Date) {
	const [listings, reviews, deals] = await Promise.all([
		prisma.listing.findMany({ select: { id: true, status: true, createdAt: true, submittedAt: true, publishedAt: true } }),
		prisma.review.findMany({ select: { kind: true, decision: true, listingId: true, dealId: true, reviewerId: true, opinion: true, createdAt: true } }),
		prisma.deal.findMany({ select: { id: true, listingId: true, status: true, createdAt: true, approvedAt: true, noticeEndsAt: true, certifiedAt: true, certificateNo: true } }),
	])
	const events: Event[] = []
	const add = (e: Event) => events.push(e)
	for (const l of listings) {
		add({ actorId: null, entityType: 'LISTING', entityId: l.id, action: 'create', fromState: null, toState: 'DRAFT', createdAt: l.createdAt })
		if (l.submittedAt) add({ actorId: null, entityType: 'LISTING', entityId: l.id, action: 'submit', fromState: 'DRAFT', toState: 'SUBMITTED', createdAt: l.submittedAt })
		if (l.status === 'WITHDRAWN' && l.publishedAt) {
			const at = new Date(Math.min(l.publishedAt.getTime() + 30 * DAY, reference.getTime()))
			add({ actorId: null, entityType: 'LISTING', entityId: l.id, action: 'withdraw', fromState: 'PUBLISHED', toState: 'WITHDRAWN', createdAt: at })
		}
	}
	for (const r of reviews) {
		if (r.kind === 'LISTING' && r.listingId && (r.decision === 'APPROVE' || r.decision === 'RETURN' || r.decision === 'REJECT')) {
			add({ actorId: r.reviewerId, entityType: 'LISTING', entityId: r.listingId, action: REVIEW_ACTIONS[r.decision], fromState: 'SUBMITTED', toState: REVIEW_TO[r.decision], reason: r.opinion, createdAt: r.createdAt })
		} else if (r.kind === 'DEAL' && r.dealId && (r.decision === 'APPROVE' || r.decision === 'REJECT')) {
			const approve = r.decision === 'APPROVE'
			// Live deals were moved to the seeding day after their reviews were written: take the deal's own date.
			const at = deals.find((d) => d.id === r.dealId)?.approvedAt ?? r.createdAt
			add({ actorId: r.reviewerId, entityType: 'DEAL', entityId: r.dealId, action: approve ? 'review:approve' : 'review:reject', fromState: 'PENDING_REVIEW', toState: approve ? 'IN_NOTICE' : 'REJECTED', reason: r.opinion, createdAt: at })
		} else if (r.kind === 'CERTIFICATION' && r.dealId && r.listingId && r.decision === 'CERTIFY') {
			const deal = deals.find((d) => d.id === r.dealId)
			add({ actorId: r.reviewerId, entityType: 'DEAL', entityId: r.dealId, action: 'certify', fromState: 'AWAITING_CERTIFICATION', toState: 'COMPLETED', reason: deal?.certificateNo ?? null, createdAt: r.createdAt })
			add({ actorId: r.reviewerId, entityType: 'LISTING', entityId: r.listingId, action: 'traded', fromState: 'PUBLISHED', toState: 'TRADED', reason: deal?.certificateNo ?? null, createdAt: r.createdAt })
		}
	}
	for (const d of deals) {
		add({ actorId: null, entityType: 'DEAL', entityId: d.id, action: 'record', fromState: null, toState: 'PENDING_REVIEW', createdAt: d.createdAt })
		if ((d.status === 'AWAITING_CERTIFICATION' || d.status === 'COMPLETED') && d.noticeEndsAt) {
			add({ actorId: null, entityType: 'DEAL', entityId: d.id, action: 'notice-ended', fromState: 'IN_NOTICE', toState: 'AWAITING_CERTIFICATION', createdAt: d.noticeEndsAt })
		}
	}
	// Time order; a stable sort keeps each entity's own steps in the order they were added.
	events.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
	await prisma.$transaction(
		async (tx) => {
			for (const e of events) await appendAudit(tx, e)
		},
		{ timeout: 60_000 },
	)
	return events.length
}
