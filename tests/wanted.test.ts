// Wanted posts (求租 / 求购, issue 13) against a real, freshly migrated database: the lifecycle with
// its audit entries and notifications; review by the first town's reviewers only; the per-account
// limit; what villages and the public read (contact shown to the town's villages, masked for the
// public); and the buyer told once when a matching listing is published.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WantedFormValues } from '~/utils/wanted-form.ts'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Wanted = typeof import('~/models/wanted.server.ts')
type Workflow = typeof import('~/models/listing-workflow.server.ts')

let dir: string
let prisma: Db['prisma']
let wanted: Wanted
let wf: Workflow

type Actor = { id: string; townId: string | null; villageId: string | null }
let townA: string
let townB: string
let buyer: Actor
let buyer2: Actor
let reviewerA: Actor
let reviewerB: Actor
let villageUserA: Actor
let villageUserB: Actor
let villageA: string

const NOW = new Date('2026-11-20T02:00:00Z')

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wanted-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	;({ prisma } = await import('~/utils/db.server.ts'))
	wanted = await import('~/models/wanted.server.ts')
	wf = await import('~/models/listing-workflow.server.ts')
	townA = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	townB = (await prisma.town.create({ data: { code: 'tb', name: '展旦召苏木', nameEn: 'Zhandanzhao', lat: 40.3, lng: 109.6 } })).id
	villageA = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId: townA, lat: 40.41, lng: 110.01 } })).id
	const villageB = (await prisma.village.create({ data: { code: 'vb', name: '赛乌素村', nameEn: 'Saiwusu', townId: townB, lat: 40.31, lng: 109.61 } })).id
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) =>
		prisma.user.create({ data: { name, role, ...place }, select: { id: true, townId: true, villageId: true } })
	buyer = await user('张三', 'BUYER')
	buyer2 = await user('李四', 'BUYER')
	reviewerA = await user('审核人甲', 'REVIEWER', { townId: townA })
	reviewerB = await user('审核人丙', 'REVIEWER', { townId: townB })
	villageUserA = await user('新胜村村委会', 'VILLAGE', { villageId: villageA })
	villageUserB = await user('赛乌素村村委会', 'VILLAGE', { villageId: villageB })
}, 120_000)

afterAll(async () => {
	// An approval starts the saved-search matcher in the background (decision 029): it must end
	// before the database goes, or it logs that the database's directory is gone.
	if (prisma) await (await import('~/models/saved-search.server.ts')).drainSavedSearchQueue()
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

function values(over: Partial<WantedFormValues> = {}): WantedFormValues {
	return {
		intent: 'save',
		kind: 'RENT',
		title: '求租耕地两百亩种玉米',
		types: ['LAND'],
		town: 'ta',
		otherTowns: [],
		areaUnit: 'mu',
		areaMin: 100,
		areaMax: 300,
		priceUnit: 'YUAN_PER_MU_YEAR',
		budgetMin: undefined,
		budgetMax: 600,
		intendedUse: '种植玉米',
		termYears: 10,
		contactName: '张先生',
		contactPhone: '13800001111',
		...over,
	}
}

async function published(over: Partial<WantedFormValues> = {}, who = buyer) {
	const saved = await wanted.createWanted(who, values(over))
	if (!saved.ok) throw new Error(saved.problem)
	expect(await wanted.submitWanted(who, saved.id, NOW)).toBe(true)
	expect(await wanted.reviewWanted(over.town === 'tb' ? reviewerB : reviewerA, saved.id, 'APPROVE', '同意发布', NOW)).toEqual({ ok: true, status: 'PUBLISHED' })
	return saved.id
}

const notes = (userId: string, kind: string) => prisma.notification.findMany({ where: { userId, kind }, select: { params: true, link: true } })

describe('lifecycle and review', () => {
	it('draft → submitted → returned → resubmitted → published, with audit and notifications', async () => {
		const saved = await wanted.createWanted(buyer, values({ town: 'tb', otherTowns: ['ta', 'tb'] }))
		expect(saved.ok).toBe(true)
		const id = saved.ok ? saved.id : ''
		const row = await prisma.wantedPost.findUniqueOrThrow({ where: { id }, select: { status: true, townId: true, targets: { orderBy: { position: 'asc' }, select: { townId: true, position: true } } } })
		// The first town decides the reviewer; the others are targets after it, each once.
		expect(row).toMatchObject({ status: 'DRAFT', townId: townB })
		expect(row.targets.map((t) => t.townId)).toEqual([townB, townA])

		expect(await wanted.submitWanted(buyer2, id, NOW)).toBe(false) // not theirs
		expect(await wanted.submitWanted(buyer, id, NOW)).toBe(true)
		expect((await notes(reviewerB.id, 'wanted-submitted')).length).toBe(1)
		expect((await notes(reviewerA.id, 'wanted-submitted')).length).toBe(0)

		// Only the first town's reviewers: the second town's reviewer neither sees nor decides it.
		expect((await wanted.wantedQueue(reviewerA)).rows.map((r) => r.id)).not.toContain(id)
		expect((await wanted.wantedQueue(reviewerB)).rows.map((r) => r.id)).toContain(id)
		expect(await wanted.getWantedForReview(reviewerA, id)).toBeNull()
		expect(await wanted.reviewWanted(reviewerA, id, 'APPROVE', '同意', NOW)).toEqual({ ok: false, problem: 'notFound' })

		expect(await wanted.reviewWanted(reviewerB, id, 'RETURN', '请写明用途', NOW)).toEqual({ ok: true, status: 'RETURNED' })
		expect(await wanted.reviewWanted(reviewerB, id, 'APPROVE', '再次', NOW)).toEqual({ ok: false, problem: 'alreadyDecided' })
		expect(JSON.parse((await notes(buyer.id, 'wanted-returned'))[0].params!)).toMatchObject({ wantedId: id, opinion: '请写明用途' })
		expect((await wanted.updateWanted(buyer, id, values({ town: 'tb', intendedUse: '种植青贮玉米' }))).ok).toBe(true)
		expect(await wanted.submitWanted(buyer, id, NOW)).toBe(true)
		expect(await wanted.reviewWanted(reviewerB, id, 'APPROVE', '同意发布', NOW)).toEqual({ ok: true, status: 'PUBLISHED' })
		const post = await prisma.wantedPost.findUniqueOrThrow({ where: { id }, select: { status: true, publishedAt: true, expiresAt: true } })
		expect(post.status).toBe('PUBLISHED')
		expect(post.expiresAt!.getTime() - NOW.getTime()).toBe(90 * 86_400_000)
		// A published post is no longer editable.
		expect(await wanted.updateWanted(buyer, id, values())).toEqual({ ok: false, problem: 'notEditable' })

		const audit = await prisma.auditLog.findMany({ where: { entityType: 'WANTED', entityId: id }, orderBy: { seq: 'asc' }, select: { action: true, toState: true } })
		expect(audit.map((a) => a.action)).toEqual(['create', 'submit', 'review:return', 'edit', 'submit', 'review:approve'])
		expect((await prisma.review.findMany({ where: { wantedPostId: id, kind: 'WANTED' } })).length).toBe(2)

		// Closed by the buyer; the sweep would have nothing to expire.
		expect(await wanted.closeWanted(buyer2, id)).toBe(false)
		expect(await wanted.closeWanted(buyer, id)).toBe(true)
		expect((await prisma.wantedPost.findUniqueOrThrow({ where: { id } })).status).toBe('CLOSED')
	})

	it('expires published posts after 90 days through the sweep, telling the buyer', async () => {
		const id = await published({ title: '求租耕地将到期' })
		expect(await wanted.expireWanted(new Date(NOW.getTime() + 89 * 86_400_000))).toBe(0)
		expect(await wanted.expireWanted(new Date(NOW.getTime() + 91 * 86_400_000))).toBeGreaterThanOrEqual(1)
		expect((await prisma.wantedPost.findUniqueOrThrow({ where: { id } })).status).toBe('EXPIRED')
		expect((await notes(buyer.id, 'wanted-expired')).some((n) => n.link === `/me/wanted/${id}`)).toBe(true)
	})
})

describe('who reads what', () => {
	it('shows the contact to the villages of its towns only, masks the buyer for the public', async () => {
		const id = await published({ title: '求租耕地给村里看' })
		const inA = await wanted.villageWanted(villageUserA, NOW)
		const mine = inA.find((p) => p.id === id)
		expect(mine).toMatchObject({ contactPhone: '13800001111', contactName: '张先生' })
		expect((await wanted.villageWanted(villageUserB, NOW)).some((p) => p.id === id)).toBe(false)

		const list = await wanted.publicWanted({ page: 1, townId: townA }, NOW)
		const row = list.rows.find((r) => r.id === id)!
		expect(row.buyer).toBe('张**')
		expect(JSON.stringify(list)).not.toContain('13800001111')
		expect(JSON.stringify(list)).not.toContain('张三')
		const one = await wanted.publicWantedPost(id, NOW)
		expect(one?.buyer).toBe('张**')
		expect(JSON.stringify(one)).not.toContain('13800001111')
		// Filters: another town, another type, another kind find nothing of it.
		expect((await wanted.publicWanted({ page: 1, townId: townB }, NOW)).rows.some((r) => r.id === id)).toBe(false)
		expect((await wanted.publicWanted({ page: 1, type: 'FARMHOUSE' }, NOW)).rows.some((r) => r.id === id)).toBe(false)
		expect((await wanted.publicWanted({ page: 1, kind: 'BUY' }, NOW)).rows.some((r) => r.id === id)).toBe(false)
		// Drafts are not public.
		const draft = await wanted.createWanted(buyer2, values({ title: '未提交的草稿' }))
		expect(await wanted.publicWantedPost(draft.ok ? draft.id : '', NOW)).toBeNull()
	})
})

describe('limits', () => {
	it('refuses the 11th open post of an account and writes nothing', async () => {
		const limited = await prisma.user.create({ data: { name: '王五', role: 'BUYER' }, select: { id: true } })
		for (let i = 0; i < 10; i++) expect((await wanted.createWanted(limited, values({ title: `求租第${i}块地` }))).ok).toBe(true)
		const before = await prisma.wantedPost.count()
		expect(await wanted.createWanted(limited, values({ title: '第十一条求租' }))).toEqual({ ok: false, problem: 'limit' })
		expect(await prisma.wantedPost.count()).toBe(before)
		// A closed one frees a place.
		const first = await prisma.wantedPost.findFirstOrThrow({ where: { buyerId: limited.id }, select: { id: true } })
		expect(await wanted.closeWanted(limited, first.id)).toBe(true)
		expect((await wanted.createWanted(limited, values({ title: '关闭一条后再发' }))).ok).toBe(true)
	})
	it('refuses an unknown town', async () => {
		expect(await wanted.createWanted(buyer2, values({ town: 'nowhere' }))).toEqual({ ok: false, problem: 'unknownTown' })
	})
})

describe('matching at publication', () => {
	it('tells the buyer once when a matching listing is approved, and nobody else', async () => {
		const match = await published({ title: '求租耕地匹配测试', areaMin: 150, areaMax: 250, budgetMax: 700 })
		const tooSmall = await published({ title: '求租大片耕地', areaMin: 1000, areaMax: null as unknown as undefined }, buyer2)
		const otherTown = await published({ title: '求租展旦召的地', town: 'tb' }, buyer2)
		const listing = await prisma.listing.create({
			data: {
				type: 'LAND',
				status: 'SUBMITTED',
				title: '新胜村耕地200亩出租',
				description: '水浇地，靠近公路。',
				townId: townA,
				villageId: villageA,
				lat: 40.41,
				lng: 110.01,
				area: 200,
				areaUnit: 'mu',
				landClass: 'CROPLAND',
				price: 650,
				priceUnit: 'YUAN_PER_MU_YEAR',
				priceYuan: 130_000,
				transferMode: 'LEASE',
				submittedAt: NOW,
			},
			select: { id: true },
		})
		// Before publication the village sees its draft-to-published listing match the post.
		expect((await wanted.villageWanted(villageUserA, NOW)).find((p) => p.id === match)?.matching.map((l) => l.id)).toEqual([listing.id])
		const result = await wf.reviewListing(reviewerA, listing.id, 'APPROVE', '同意挂牌', NOW)
		expect(result.ok).toBe(true)
		const told = await notes(buyer.id, 'wanted-matched')
		const mine = told.filter((n) => JSON.parse(n.params!).wantedId === match)
		expect(mine).toHaveLength(1)
		expect(JSON.parse(mine[0].params!)).toMatchObject({ listingId: listing.id, listing: '新胜村耕地200亩出租' })
		expect(mine[0].link).toBe(`/listings/${listing.id}`)
		const matches = await prisma.wantedMatch.findMany({ where: { listingId: listing.id }, select: { wantedPostId: true } })
		expect(matches.map((m) => m.wantedPostId)).toEqual([match])
		expect(matches.map((m) => m.wantedPostId)).not.toContain(tooSmall)
		expect(matches.map((m) => m.wantedPostId)).not.toContain(otherTown)
		expect(await notes(buyer2.id, 'wanted-matched')).toHaveLength(0)
		// Once per listing and post: running the match again tells no one twice.
		expect(await prisma.$transaction((tx) => wanted.notifyWantedMatches(tx, listing.id, NOW))).toBe(0)
		expect((await notes(buyer.id, 'wanted-matched')).filter((n) => JSON.parse(n.params!).wantedId === match)).toHaveLength(1)
		// The buyer's page lists the match.
		expect((await wanted.getOwnWanted(buyer, match))?.matches.map((m) => m.listing.id)).toEqual([listing.id])
	})
})
