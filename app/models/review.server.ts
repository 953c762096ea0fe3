// What a Party-organisation reviewer reads: the queue of their town's submitted listings and one
// listing in full. Every query carries the reviewer's townId in its `where`: a listing of another
// town is never loaded, so it is "not found" exactly like an unknown id. Decisions themselves are
// reviewListing() in listing-workflow.server.ts.
// The listing queue (/review) is built here; the deal queue (/review/deals: recorded deals and
// objections) lives with the deal lifecycle, in deal.server.ts (dealReviewQueue, dealQueueCounts).
import { checkDecision, type DecisionField, type DecisionProblem, type DecisionRecord } from '~/domain/democratic-decision.ts'
import { allowedTransferModes, type ListingType, type TransferMode } from '~/domain/listing.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { isListingId } from './listing.server.ts'
import { listingCoreSelect, listingPhotosSelect } from './listing-select.server.ts'

type ReviewerActor = Pick<SessionUser, 'id' | 'townId'>

const DAY = 24 * 60 * 60 * 1000
/** The window of "decided by me" on the queue page. */
export const DECIDED_WINDOW_DAYS = 30
/** Enough for any town; the count above the table is the full number. */
const QUEUE_LIMIT = 500

const decisionSelect = {
	proposalDate: true,
	committeeDate: true,
	partyMeetingDate: true,
	partyMembersTotal: true,
	partyMembersPresent: true,
	partyVotesFor: true,
	villagersMeetingDate: true,
	villagersTotal: true,
	villagersPresent: true,
	villagersVotesFor: true,
	resolutionText: true,
	resolutionPublicDate: true,
} as const

/** 四议两公开 at a glance: not applicable (not an asset), missing, passes, or fails. */
export type DecisionStatus = 'notApplicable' | 'missing' | 'pass' | 'fail'

function decisionStatus(type: string, decision: DecisionRecord | null, now: Date): DecisionStatus {
	if (type !== 'COLLECTIVE_ASSET') return 'notApplicable'
	if (!decision) return 'missing'
	return checkDecision(decision, now).length === 0 ? 'pass' : 'fail'
}

export function waitingDays(submittedAt: Date | null, now: Date) {
	if (!submittedAt) return 0
	return Math.max(0, Math.floor((now.getTime() - submittedAt.getTime()) / DAY))
}

/** The reviewer's queue of listings: their town's SUBMITTED listings, the longest-waiting first. */
export async function listingQueue(reviewer: ReviewerActor, now = new Date()) {
	if (!reviewer.townId) return []
	const rows = await prisma.listing.findMany({
		where: { townId: reviewer.townId, status: 'SUBMITTED', origin: 'PLATFORM' },
		orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
		take: QUEUE_LIMIT,
		select: {
			id: true,
			type: true,
			title: true,
			area: true,
			areaUnit: true,
			price: true,
			priceUnit: true,
			submittedAt: true,
			village: { select: { name: true, nameEn: true } },
			decision: { select: decisionSelect },
		},
	})
	return rows.map(({ decision, ...row }) => ({
		...row,
		waitingDays: waitingDays(row.submittedAt, now),
		decisionStatus: decisionStatus(row.type, decision, now),
	}))
}

/** The figures above the queue. */
export async function queueCounts(reviewer: ReviewerActor, now = new Date()) {
	if (!reviewer.townId) return { waiting: 0, decidedRecently: 0 }
	const since = new Date(now.getTime() - DECIDED_WINDOW_DAYS * DAY)
	const [waiting, decidedRecently] = await Promise.all([
		prisma.listing.count({ where: { townId: reviewer.townId, status: 'SUBMITTED', origin: 'PLATFORM' } }),
		prisma.review.count({ where: { reviewerId: reviewer.id, kind: 'LISTING', createdAt: { gte: since } } }),
	])
	return { waiting, decidedRecently }
}

/** The title and status of a listing just decided, for the confirmation on the queue page. */
export async function decidedListing(reviewer: ReviewerActor, id: unknown) {
	if (!reviewer.townId || !isListingId(id)) return null
	return prisma.listing.findFirst({ where: { id, townId: reviewer.townId }, select: { id: true, title: true, status: true } })
}

/** Rules of 四议两公开 as the reviewer reads them, each passing or failing with its problems. */
export const DECISION_RULES = ['steps', 'partyQuorum', 'partyMajority', 'villagersQuorum', 'villagersMajority', 'resolution', 'publication'] as const
export type DecisionRule = (typeof DECISION_RULES)[number]

const RULE_OF_FIELD: Record<DecisionField, DecisionRule> = {
	proposalDate: 'steps',
	committeeDate: 'steps',
	partyMeetingDate: 'steps',
	villagersMeetingDate: 'steps',
	partyMembersTotal: 'partyQuorum',
	partyMembersPresent: 'partyQuorum',
	partyVotesFor: 'partyMajority',
	villagersTotal: 'villagersQuorum',
	villagersPresent: 'villagersQuorum',
	villagersVotesFor: 'villagersMajority',
	resolutionText: 'resolution',
	resolutionPublicDate: 'publication',
}

export type RuleResult = { rule: DecisionRule; ok: boolean; problems: DecisionProblem[] }

/** checkDecision's problems grouped by rule: the one source of the rules stays checkDecision. */
export function decisionRules(record: DecisionRecord, now = new Date()): RuleResult[] {
	const problems = checkDecision(record, now)
	return DECISION_RULES.map((rule) => {
		const own = problems.filter((p) => RULE_OF_FIELD[p.field] === rule)
		return { rule, ok: own.length === 0, problems: own }
	})
}

/** One listing of the reviewer's town, in any state, with everything a decision needs. */
export async function getListingForReview(reviewer: ReviewerActor, id: unknown, now = new Date()) {
	if (!reviewer.townId || !isListingId(id)) return null
	const listing = await prisma.listing.findFirst({
		where: { id, townId: reviewer.townId },
		select: {
			...listingCoreSelect,
			listingDays: true,
			contactName: true,
			contactPhone: true,
			submittedAt: true,
			publishedAt: true,
			expiresAt: true,
			isDemo: true,
			createdAt: true,
			updatedAt: true,
			createdBy: { select: { name: true } },
			town: { select: { name: true, nameEn: true } },
			village: { select: { name: true, nameEn: true, contactName: true, contactPhone: true } },
			photos: listingPhotosSelect,
			decision: { select: { ...decisionSelect, resultPublicDate: true } },
			reviews: {
				where: { kind: 'LISTING' },
				orderBy: { createdAt: 'asc' },
				select: { id: true, decision: true, opinion: true, createdAt: true, reviewer: { select: { name: true } } },
			},
		},
	})
	if (!listing) return null
	const isAsset = listing.type === 'COLLECTIVE_ASSET'
	return {
		...listing,
		waitingDays: listing.status === 'SUBMITTED' ? waitingDays(listing.submittedAt, now) : null,
		decisionStatus: decisionStatus(listing.type, listing.decision, now),
		decisionRules: isAsset && listing.decision ? decisionRules(listing.decision, now) : null,
		/** A transfer mode the law does not allow for this type (e.g. selling a farmhouse's homestead). */
		transferModeAllowed: allowedTransferModes(listing.type as ListingType).includes(listing.transferMode as TransferMode),
	}
}

export type ListingForReview = NonNullable<Awaited<ReturnType<typeof getListingForReview>>>

/** Whether the listing belongs to the reviewer's town: checked before any form is read. */
export async function isInReviewerTown(reviewer: ReviewerActor, id: string) {
	if (!reviewer.townId) return false
	return (await prisma.listing.count({ where: { id, townId: reviewer.townId } })) > 0
}
