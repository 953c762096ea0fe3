// The Party-organisation review against a real, freshly migrated database: the queue holds only
// the reviewer's own town's submitted listings, oldest first; a reviewer cannot touch another
// town's listing; each decision writes its review, audit entry and notification; and of two
// reviewers deciding the same listing at the same moment exactly one wins.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Workflow = typeof import('~/models/listing-workflow.server.ts')
type Review = typeof import('~/models/review.server.ts')
type Audit = typeof import('~/models/audit.server.ts')

let dir: string
let prisma: Db['prisma']
let wf: Workflow
let review: Review
let audit: Audit

type Actor = { id: string; townId: string | null; villageId: string | null }
let townA: string
let townB: string
let villageA: string
let villageB: string
let reviewerA: Actor
let reviewerA2: Actor
let reviewerB: Actor
let villageUserA: Actor

const DAY = 24 * 60 * 60 * 1000
const NOW = new Date('2026-11-20T02:00:00Z')

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	;({ prisma } = await import('~/utils/db.server.ts'))
	wf = await import('~/models/listing-workflow.server.ts')
	review = await import('~/models/review.server.ts')
	audit = await import('~/models/audit.server.ts')

	const a = await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })
	const b = await prisma.town.create({ data: { code: 'tb', name: '展旦召苏木', nameEn: 'Zhandanzhao', lat: 40.3, lng: 109.6 } })
	townA = a.id
	townB = b.id
	villageA = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId: townA, lat: 40.41, lng: 110.01 } })).id
	villageB = (await prisma.village.create({ data: { code: 'vb', name: '赛乌素村', nameEn: 'Saiwusu', townId: townB, lat: 40.31, lng: 109.61 } })).id
	const user = async (name: string, role: string, place: { townId?: string; villageId?: string }) => {
		const u = await prisma.user.create({ data: { name, role, ...place }, select: { id: true, townId: true, villageId: true } })
		return u
	}
	reviewerA = await user('审核人甲', 'REVIEWER', { townId: townA })
	reviewerA2 = await user('审核人乙', 'REVIEWER', { townId: townA })
	reviewerB = await user('审核人丙', 'REVIEWER', { townId: townB })
	villageUserA = await user('新胜村村委会', 'VILLAGE', { villageId: villageA })
}, 120_000)

afterAll(async () => {
	// Approvals start the saved-search matcher in the background (decision 029): it must end before
	// the disconnect, or PostgreSQL's pass logs its transaction as not found.
	if (prisma) await (await import('~/models/saved-search.server.ts')).drainSavedSearchQueue()
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

let n = 0
async function listing(opts: { town: 'A' | 'B'; status?: string; submittedDaysAgo?: number; type?: string; listingDays?: number }) {
	n++
	const type = opts.type ?? 'FARMHOUSE'
	return prisma.listing.create({
		data: {
			type,
			status: opts.status ?? 'SUBMITTED',
			title: `测试挂牌 ${n}`,
			description: '院子三间，水电齐全。',
			townId: opts.town === 'A' ? townA : townB,
			villageId: opts.town === 'A' ? villageA : villageB,
			lat: 40.405,
			lng: 110.005,
			area: 320,
			areaUnit: type === 'LAND' ? 'mu' : 'm2',
			price: 12000,
			priceUnit: 'YUAN_PER_YEAR',
			priceYuan: 12000,
			transferMode: 'LEASE',
			listingDays: opts.listingDays ?? 365,
			createdById: opts.town === 'A' ? villageUserA.id : null,
			submittedAt: opts.submittedDaysAgo === undefined ? null : new Date(NOW.getTime() - opts.submittedDaysAgo * DAY),
		},
		select: { id: true, title: true },
	})
}

const goodDecision = {
	proposalDate: new Date('2026-09-01T00:00:00Z'),
	committeeDate: new Date('2026-09-05T00:00:00Z'),
	partyMeetingDate: new Date('2026-09-10T00:00:00Z'),
	partyMembersTotal: 30,
	partyMembersPresent: 27,
	partyVotesFor: 26,
	villagersMeetingDate: new Date('2026-09-15T00:00:00Z'),
	villagersTotal: 60,
	villagersPresent: 52,
	villagersVotesFor: 50,
	resolutionText: '同意将村集体闲置库房对外出租，期限八年。',
	resolutionPublicDate: new Date('2026-09-18T00:00:00Z'),
}

describe('the review queue', () => {
	it('holds only the own town’s submitted listings, the oldest first, with counts', async () => {
		const newer = await listing({ town: 'A', submittedDaysAgo: 1 })
		const oldest = await listing({ town: 'A', submittedDaysAgo: 9 })
		const middle = await listing({ town: 'A', submittedDaysAgo: 4, type: 'COLLECTIVE_ASSET' })
		await prisma.democraticDecision.create({ data: { listingId: middle.id, ...goodDecision } })
		await listing({ town: 'A', status: 'DRAFT' })
		await listing({ town: 'A', status: 'PUBLISHED', submittedDaysAgo: 30 })
		await listing({ town: 'A', status: 'RETURNED', submittedDaysAgo: 20 })
		const otherTown = await listing({ town: 'B', submittedDaysAgo: 20 })

		const queue = await review.listingQueue(reviewerA, NOW)
		expect(queue.map((l) => l.id)).toEqual([oldest.id, middle.id, newer.id])
		expect(queue[0]).toMatchObject({ waitingDays: 9, decisionStatus: 'notApplicable', village: { name: '新胜村' } })
		expect(queue[1]).toMatchObject({ type: 'COLLECTIVE_ASSET', decisionStatus: 'pass' })
		expect(await review.queueCounts(reviewerA, NOW)).toEqual({ waiting: 3, decidedRecently: 0 })

		const queueB = await review.listingQueue(reviewerB, NOW)
		expect(queueB.map((l) => l.id)).toEqual([otherTown.id])
		// A reviewer without a town (misconfigured account) sees nothing rather than everything.
		expect(await review.listingQueue({ id: reviewerA.id, townId: null }, NOW)).toEqual([])

		// Clean up for the tests below: these stay out of the way as published listings.
		await prisma.listing.updateMany({ where: { id: { in: [newer.id, oldest.id, middle.id, otherTown.id] } }, data: { status: 'WITHDRAWN' } })
	})

	it('flags a collective asset whose 四议两公开 record is missing or breaks a rule', async () => {
		const missing = await listing({ town: 'A', submittedDaysAgo: 2, type: 'COLLECTIVE_ASSET' })
		const bad = await listing({ town: 'A', submittedDaysAgo: 3, type: 'COLLECTIVE_ASSET' })
		// 19 of 30 present is under two thirds; 10 of 19 in favour is a majority.
		await prisma.democraticDecision.create({ data: { listingId: bad.id, ...goodDecision, partyMembersPresent: 19, partyVotesFor: 10 } })
		const queue = await review.listingQueue(reviewerA, NOW)
		expect(queue.find((l) => l.id === missing.id)?.decisionStatus).toBe('missing')
		expect(queue.find((l) => l.id === bad.id)?.decisionStatus).toBe('fail')

		const detail = await review.getListingForReview(reviewerA, bad.id, NOW)
		const rules = Object.fromEntries(detail!.decisionRules!.map((r) => [r.rule, r]))
		expect(rules.partyQuorum.ok).toBe(false)
		expect(rules.partyQuorum.problems).toEqual([{ field: 'partyMembersPresent', code: 'quorum', params: { needed: 20, total: 30 } }])
		expect(rules.partyMajority.ok).toBe(true)
		expect(detail!.decisionRules!.filter((r) => !r.ok)).toHaveLength(1)
		expect((await review.getListingForReview(reviewerA, missing.id, NOW))!.decisionRules).toBeNull()
		await prisma.listing.updateMany({ where: { id: { in: [missing.id, bad.id] } }, data: { status: 'WITHDRAWN' } })
	})
})

describe('reviewListing', () => {
	it('refuses another town’s listing as not found, and changes nothing', async () => {
		const l = await listing({ town: 'B', submittedDaysAgo: 3 })
		const before = { audit: await prisma.auditLog.count(), notifications: await prisma.notification.count() }
		for (const decision of ['APPROVE', 'RETURN', 'REJECT'] as const) {
			expect(await wf.reviewListing(reviewerA, l.id, decision, '越权审核')).toEqual({ ok: false, problem: 'notFound' })
		}
		expect(await review.getListingForReview(reviewerA, l.id)).toBeNull()
		expect(await prisma.listing.findUnique({ where: { id: l.id }, select: { status: true, publishedAt: true } })).toEqual({ status: 'SUBMITTED', publishedAt: null })
		expect(await prisma.review.count({ where: { listingId: l.id } })).toBe(0)
		expect(await prisma.auditLog.count()).toBe(before.audit)
		expect(await prisma.notification.count()).toBe(before.notifications)
		// Its own town's reviewer can see it.
		expect(await review.getListingForReview(reviewerB, l.id)).not.toBeNull()
		await prisma.listing.update({ where: { id: l.id }, data: { status: 'WITHDRAWN' } })
	})

	it('approving publishes the listing: dates, review, audit entry, the village told', async () => {
		const l = await listing({ town: 'A', submittedDaysAgo: 5, listingDays: 180 })
		const at = new Date('2026-11-21T03:00:00Z')
		expect(await wf.reviewListing(reviewerA, l.id, 'APPROVE', '材料齐全，同意挂牌。', at)).toEqual({ ok: true, status: 'PUBLISHED' })

		const row = await prisma.listing.findUniqueOrThrow({ where: { id: l.id }, select: { status: true, publishedAt: true, expiresAt: true } })
		expect(row.status).toBe('PUBLISHED')
		expect(row.publishedAt).toEqual(at)
		expect(row.expiresAt).toEqual(new Date(at.getTime() + 180 * DAY))

		const reviews = await prisma.review.findMany({ where: { listingId: l.id }, select: { kind: true, decision: true, opinion: true, reviewerId: true } })
		expect(reviews).toEqual([{ kind: 'LISTING', decision: 'APPROVE', opinion: '材料齐全，同意挂牌。', reviewerId: reviewerA.id }])

		const entries = await prisma.auditLog.findMany({ where: { entityType: 'LISTING', entityId: l.id }, select: { actorId: true, action: true, fromState: true, toState: true, reason: true } })
		expect(entries).toEqual([{ actorId: reviewerA.id, action: 'review:approve', fromState: 'SUBMITTED', toState: 'PUBLISHED', reason: '材料齐全，同意挂牌。' }])

		const told = await prisma.notification.findMany({ where: { link: `/village/listings/${l.id}` }, select: { userId: true, kind: true, params: true } })
		expect(told).toEqual([{ userId: villageUserA.id, kind: 'listing-published', params: expect.stringContaining('材料齐全，同意挂牌。') }])

		// Out of the queue; counted as decided by this reviewer, not by the other one.
		expect((await review.listingQueue(reviewerA)).map((x) => x.id)).not.toContain(l.id)
		expect((await review.queueCounts(reviewerA)).decidedRecently).toBe(1)
		expect((await review.queueCounts(reviewerA2)).decidedRecently).toBe(0)
		// A second decision on a decided listing is refused.
		expect(await wf.reviewListing(reviewerA2, l.id, 'REJECT', '重复审核')).toEqual({ ok: false, problem: 'alreadyDecided' })
		expect(await prisma.review.count({ where: { listingId: l.id } })).toBe(1)
		// The detail page shows it decided, with its review.
		const detail = await review.getListingForReview(reviewerA, l.id)
		expect(detail).toMatchObject({ status: 'PUBLISHED', waitingDays: null, reviews: [{ decision: 'APPROVE', reviewer: { name: '审核人甲' } }] })
	})

	it('returned for changes, resubmitted by the village, back in the queue with its history', async () => {
		const l = await listing({ town: 'A', submittedDaysAgo: 6 })
		expect(await wf.reviewListing(reviewerA, l.id, 'RETURN', '请补充房屋照片和联系电话。')).toEqual({ ok: true, status: 'RETURNED' })
		expect((await review.listingQueue(reviewerA)).map((x) => x.id)).not.toContain(l.id)
		const told = await prisma.notification.findFirst({ where: { userId: villageUserA.id, kind: 'listing-returned' }, select: { params: true, link: true } })
		expect(told).toEqual({ params: expect.stringContaining('请补充房屋照片和联系电话。'), link: `/village/listings/${l.id}` })

		expect(await wf.submitListing(villageUserA, l.id)).toEqual({ ok: true })
		const queue = await review.listingQueue(reviewerA)
		expect(queue.map((x) => x.id)).toContain(l.id)
		// The reviewers of the town hear about the resubmission.
		expect(await prisma.notification.count({ where: { userId: { in: [reviewerA.id, reviewerA2.id] }, kind: 'listing-submitted', link: `/review/listings/${l.id}` } })).toBe(2)
		expect(await prisma.notification.count({ where: { userId: reviewerB.id } })).toBe(0)
		const detail = await review.getListingForReview(reviewerA, l.id)
		expect(detail).toMatchObject({ status: 'SUBMITTED', reviews: [{ decision: 'RETURN', opinion: '请补充房屋照片和联系电话。' }] })
		await wf.reviewListing(reviewerA, l.id, 'REJECT', '不符合挂牌条件。')
	})

	it('two reviewers deciding the same listing at the same moment: exactly one decision is recorded', async () => {
		for (let round = 0; round < 5; round++) {
			const l = await listing({ town: 'A', submittedDaysAgo: 2 })
			const results = await Promise.all([
				wf.reviewListing(reviewerA, l.id, 'APPROVE', '同意挂牌。'),
				wf.reviewListing(reviewerA2, l.id, 'REJECT', '不同意挂牌。'),
			])
			const ok = results.filter((r) => r.ok)
			const conflicts = results.filter((r) => !r.ok)
			expect(ok, `round ${round}`).toHaveLength(1)
			expect(conflicts).toEqual([{ ok: false, problem: 'alreadyDecided' }])
			const reviews = await prisma.review.findMany({ where: { listingId: l.id }, select: { decision: true } })
			expect(reviews).toHaveLength(1)
			const status = (await prisma.listing.findUniqueOrThrow({ where: { id: l.id }, select: { status: true } })).status
			expect(status).toBe(ok[0].ok ? ok[0].status : null)
			expect(status).toBe(reviews[0].decision === 'APPROVE' ? 'PUBLISHED' : 'REJECTED')
			expect(await prisma.auditLog.count({ where: { entityId: l.id } })).toBe(1)
			expect(await prisma.notification.count({ where: { link: `/village/listings/${l.id}` } })).toBe(1)
		}
	})

	it('keeps the audit chain intact', async () => {
		const report = await audit.verifyAuditChain(prisma)
		expect(report).toMatchObject({ ok: true })
		expect(report.count).toBeGreaterThanOrEqual(8)
	})
})

describe('decidedListing (the confirmation on the queue page)', () => {
	it('finds only the own town’s listing', async () => {
		const l = await listing({ town: 'B', status: 'PUBLISHED', submittedDaysAgo: 3 })
		expect(await review.decidedListing(reviewerA, l.id)).toBeNull()
		expect(await review.decidedListing(reviewerB, l.id)).toMatchObject({ id: l.id, status: 'PUBLISHED' })
		expect(await review.decidedListing(reviewerB, '<script>')).toBeNull()
	})
})
