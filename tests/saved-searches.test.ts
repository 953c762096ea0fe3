// Saved searches against a real, freshly migrated database (issue 13): the reviewer's approval
// records the matches and sends the instant alerts; the sweep sends one daily digest per user and
// day; limits and bad input are refused with nothing written; another buyer cannot touch a search.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_SAVED_SEARCHES } from '~/domain/saved-search.ts'
import { createTestDatabase } from './helpers/database.ts'
import { routeCaller, type Handler } from './helpers/route-call.ts'

type Db = typeof import('~/utils/db.server.ts')
type Model = typeof import('~/models/saved-search.server.ts')
type Workflow = typeof import('~/models/listing-workflow.server.ts')

let dir: string
let prisma: Db['prisma']
let model: Model
let wf: Workflow
let route: { loader: Handler; action: Handler }
const { call } = routeCaller(() => prisma)

type Actor = { id: string; townId: string | null; villageId: string | null }
let townA: string
let villageA: string
let reviewer: Actor
let buyer: Actor
let other: Actor
let village: Actor

// 10:00 in China on 20 November.
const NOW = new Date('2026-11-20T02:00:00Z')

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saved-searches-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	;({ prisma } = await import('~/utils/db.server.ts'))
	model = await import('~/models/saved-search.server.ts')
	wf = await import('~/models/listing-workflow.server.ts')
	route = (await import('~/routes/me_.searches.tsx')) as unknown as typeof route
	townA = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	await prisma.town.create({ data: { code: 'tb', name: '王爱召镇', nameEn: 'Wangaizhao', lat: 40.3, lng: 109.6 } })
	villageA = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId: townA, lat: 40.41, lng: 110.01 } })).id
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) =>
		prisma.user.create({ data: { name, role, ...place }, select: { id: true, townId: true, villageId: true } })
	reviewer = await user('审核人', 'REVIEWER', { townId: townA })
	buyer = await user('买家甲', 'BUYER')
	other = await user('买家乙', 'BUYER')
	village = await user('新胜村村委会', 'VILLAGE', { villageId: villageA })
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

let n = 0
/** A submitted listing of village A, at (lng, lat). */
async function submitted(opts: { type?: string; lng?: number; lat?: number; price?: number; title?: string } = {}) {
	n++
	const type = opts.type ?? 'FARMHOUSE'
	return prisma.listing.create({
		data: {
			type,
			status: 'SUBMITTED',
			title: opts.title ?? `黄河沿农家院子 ${n}`,
			description: '院子三间，水电齐全。',
			townId: townA,
			villageId: villageA,
			lat: opts.lat ?? 40.405,
			lng: opts.lng ?? 110.005,
			area: 320,
			areaUnit: type === 'LAND' ? 'mu' : 'm2',
			price: opts.price ?? 12000,
			priceUnit: 'YUAN_PER_YEAR',
			priceYuan: opts.price ?? 12000,
			transferMode: 'LEASE',
			createdById: village.id,
			submittedAt: NOW,
		},
		select: { id: true, title: true },
	})
}

/** A Response's status, or that of `data(value, init)` (single fetch's answer object). */
function status(res: unknown) {
	if (res instanceof Response) return res.status
	return (res as { init?: { status?: number } | null }).init?.status ?? 200
}

const save = (userId: string, query: string, frequency: 'INSTANT' | 'DAILY' = 'INSTANT', name = '院子') => model.createSavedSearch(userId, { name, frequency, query }, new Date(NOW.getTime() - 86_400_000))
const notifications = (userId: string, kind: string) => prisma.notification.findMany({ where: { userId, kind }, select: { params: true, link: true } })

describe('matching when a listing is published', () => {
	it('records the matches of the searches the listing meets, alerts instant ones at once, and leaves the others', async () => {
		const near = await save(buyer.id, 'type=FARMHOUSE&bbox=109.9,40.3,110.1,40.5&zoom=11', 'INSTANT', '树林召的院子')
		const daily = await save(buyer.id, 'q=院子&town=ta', 'DAILY', '每日院子')
		const land = await save(buyer.id, 'type=LAND')
		const far = await save(other.id, 'bbox=108,39,108.5,39.5')
		const cheap = await save(other.id, 'minPrice=1&maxPrice=5000&priceUnit=YUAN_PER_YEAR')
		const word = await save(other.id, 'q=仓库')
		const polygon = await save(other.id, 'polygon=109.99,40.39;110.02,40.39;110.02,40.42;109.99,40.42')
		const paused = await save(other.id, 'type=FARMHOUSE')
		for (const r of [near, daily, land, far, cheap, word, polygon, paused]) expect(r.ok).toBe(true)
		if (!paused.ok || !near.ok || !daily.ok || !polygon.ok) throw new Error('not saved')
		expect(await model.updateSavedSearch(other.id, paused.id, { paused: true })).toBe(true)

		const l = await submitted()
		expect(await wf.reviewListing(reviewer, l.id, 'APPROVE', '同意挂牌。', NOW)).toEqual({ ok: true, status: 'PUBLISHED' })
		await model.drainSavedSearchQueue()
		expect(await prisma.savedSearchQueue.count()).toBe(0)

		const matches = await prisma.savedSearchMatch.findMany({ where: { listingId: l.id }, select: { searchId: true, notifiedAt: true } })
		expect(new Set(matches.map((m) => m.searchId))).toEqual(new Set([near.id, daily.id, polygon.id]))
		expect(matches.find((m) => m.searchId === daily.id)?.notifiedAt).toBeNull()
		// One alert per buyer, naming their instant search, linking the listing.
		const mine = await notifications(buyer.id, 'saved-search-match')
		expect(mine).toEqual([{ params: JSON.stringify({ listingId: l.id, listing: l.title, search: '树林召的院子' }), link: `/listings/${l.id}` }])
		expect(await notifications(other.id, 'saved-search-match')).toHaveLength(1)

		// A returned listing is not published: no match.
		const returned = await submitted()
		await wf.reviewListing(reviewer, returned.id, 'RETURN', '请补充材料。', NOW)
		expect(await prisma.savedSearchMatch.count({ where: { listingId: returned.id } })).toBe(0)
	})

	it('shows the matches on /me/searches as new until the owner has looked', async () => {
		const first = await model.savedSearchesPage(buyer.id, new Date(NOW.getTime() + 60_000))
		const near = first.find((s) => s.name === '树林召的院子')!
		expect(near.fresh).toBe(1)
		expect(near.matches[0]).toMatchObject({ fresh: true, listing: { status: 'PUBLISHED' } })
		const again = await model.savedSearchesPage(buyer.id, new Date(NOW.getTime() + 120_000))
		expect(again.find((s) => s.name === '树林召的院子')!.fresh).toBe(0)
		// Another buyer's page holds only their own searches.
		const theirs = await model.savedSearchesPage(other.id, NOW)
		expect(theirs.every((s) => !first.some((m) => m.id === s.id))).toBe(true)
	})
})

describe('the daily digest', () => {
	it('goes out from 08:00 China time, once per user and day, with the count of new matches', async () => {
		const { sweep } = await import('~/models/sweep.server.ts')
		// 07:30 in China on 21 November: not yet.
		expect(await model.sendSavedSearchDigests(new Date('2026-11-20T23:30:00Z'))).toBe(0)
		// 08:01, through the sweep the timer runs.
		await sweep(new Date('2026-11-21T00:01:00Z'))
		const digests = await notifications(buyer.id, 'saved-search-digest')
		expect(digests).toHaveLength(1)
		expect(JSON.parse(digests[0].params!)).toEqual({ count: 1, searches: 1, search: '每日院子', day: '2026-11-21' })
		expect(digests[0].link).toBe('/me/searches')
		expect(await prisma.savedSearchMatch.count({ where: { notifiedAt: null } })).toBe(0)

		// A match later that day waits for tomorrow, even if the sweep runs every minute.
		const l = await submitted()
		await wf.reviewListing(reviewer, l.id, 'APPROVE', '同意挂牌。', new Date('2026-11-21T03:00:00Z'))
		await model.drainSavedSearchQueue()
		expect(await model.sendSavedSearchDigests(new Date('2026-11-21T03:01:00Z'))).toBe(0)
		expect(await model.sendSavedSearchDigests(new Date('2026-11-21T09:00:00Z'))).toBe(0)
		expect(await notifications(buyer.id, 'saved-search-digest')).toHaveLength(1)
		expect(await model.sendSavedSearchDigests(new Date('2026-11-22T00:05:00Z'))).toBe(1)
		expect(await model.sendSavedSearchDigests(new Date('2026-11-22T00:06:00Z'))).toBe(0)
		expect(await notifications(buyer.id, 'saved-search-digest')).toHaveLength(2)
		expect(await prisma.savedSearchDigest.count({ where: { userId: buyer.id } })).toBe(2)
	})
})

describe('limits, bad input and owners', () => {
	const create = (user: Actor, form: Record<string, string>) => call(route.action, user, '/me/searches', {}, { intent: 'create', frequency: 'INSTANT', name: '搜索', ...form })

	it('refuses a malformed polygon, an unknown town, a long name or a bad frequency with a 400, writing nothing', async () => {
		const before = await prisma.savedSearch.count()
		const forms: Array<Record<string, string>> = [{ query: 'polygon=110,40;abc' }, { query: 'polygon=110,40;111,40' }, { query: 'town=nowhere' }, { query: 'bbox=3,2,1' }, { name: '长'.repeat(61), query: '' }, { frequency: 'HOURLY', query: '' }, { name: '', query: '' }]
		for (const form of forms) {
			const res = await create(buyer, form)
			expect(status(res), JSON.stringify(form)).toBe(400)
		}
		const polygon = await create(buyer, { query: 'polygon=110,40;abc' })
		expect((polygon as unknown as { data: unknown }).data).toMatchObject({ refusal: { code: 'polygon' } })
		expect(await prisma.savedSearch.count()).toBe(before)
	})

	it(`keeps at most ${MAX_SAVED_SEARCHES} per account: the next is refused with a 409`, async () => {
		const have = await model.savedSearchCount(other.id)
		for (let i = have; i < MAX_SAVED_SEARCHES; i++) expect(status(await create(other, { query: `minArea=${i}` }))).toBe(302)
		expect(await model.savedSearchCount(other.id)).toBe(MAX_SAVED_SEARCHES)
		const refused = await create(other, { query: 'minArea=999' })
		expect(status(refused)).toBe(409)
		expect(await model.savedSearchCount(other.id)).toBe(MAX_SAVED_SEARCHES)
		// Many at once still stop at the limit.
		await Promise.all(Array.from({ length: 5 }, () => model.createSavedSearch(other.id, { name: 'x', frequency: 'DAILY', query: '' }, NOW)))
		expect(await model.savedSearchCount(other.id)).toBe(MAX_SAVED_SEARCHES)
	})

	it('lets nobody but the owner rename, pause or delete a search (404), and only buyers save', async () => {
		const mine = await prisma.savedSearch.findFirstOrThrow({ where: { userId: buyer.id }, select: { id: true, name: true } })
		const forms: Array<Record<string, string>> = [{ intent: 'rename', id: mine.id, name: '偷改' }, { intent: 'pause', id: mine.id }, { intent: 'delete', id: mine.id }]
		for (const form of forms) {
			expect(status(await call(route.action, other, '/me/searches', {}, form))).toBe(404)
		}
		expect(await prisma.savedSearch.findUnique({ where: { id: mine.id }, select: { name: true, paused: true } })).toEqual({ name: mine.name, paused: false })
		expect(status(await call(route.action, village, '/me/searches', {}, { intent: 'create', name: 'x', frequency: 'DAILY', query: '' }))).toBe(403)
		expect((await call(route.loader, null, '/me/searches')).status).toBe(302)

		const renamed = await call(route.action, buyer, '/me/searches', {}, { intent: 'rename', id: mine.id, name: '新名字' })
		expect(renamed.headers.get('Location')).toBe('/me/searches?done=renamed')
		expect((await call(route.action, buyer, '/me/searches', {}, { intent: 'pause', id: mine.id })).status).toBe(302)
		expect(await prisma.savedSearch.findUnique({ where: { id: mine.id }, select: { name: true, paused: true } })).toEqual({ name: '新名字', paused: true })
		expect((await call(route.action, buyer, '/me/searches', {}, { intent: 'delete', id: mine.id })).status).toBe(302)
		expect(await prisma.savedSearchCell.count({ where: { searchId: mine.id } })).toBe(0)
	})
})

describe('matching after the approval commits (decision 029)', () => {
	it('leaves one queued row in the approval, which the matching takes up and clears', async () => {
		const l = await submitted()
		// The approval's own transaction writes the queue row; the process then matches it.
		const approval = wf.reviewListing(reviewer, l.id, 'APPROVE', '同意挂牌。', NOW)
		expect(await approval).toEqual({ ok: true, status: 'PUBLISHED' })
		await model.drainSavedSearchQueue()
		expect(await prisma.savedSearchQueue.count({ where: { listingId: l.id } })).toBe(0)
		expect(await prisma.savedSearchMatch.count({ where: { listingId: l.id } })).toBeGreaterThan(0)
	})

	it('takes up a run that died half way once its lease is over, alerting nobody twice', async () => {
		const l = await submitted()
		await prisma.listing.update({ where: { id: l.id }, data: { status: 'PUBLISHED', publishedAt: NOW } })
		// A run that wrote the first search's match and alert, then died holding the lease.
		const [told, untold] = await Promise.all(['续跑甲', '续跑乙'].map((name) => prisma.user.create({ data: { name, role: 'BUYER' }, select: { id: true } })))
		const near = await save(told.id, 'type=FARMHOUSE')
		const second = await save(told.id, 'q=院子')
		const later = await save(untold.id, 'town=ta')
		if (!near.ok || !second.ok || !later.ok) throw new Error('not saved')
		await prisma.savedSearchMatch.create({ data: { searchId: near.id, listingId: l.id, createdAt: NOW, notifiedAt: NOW } })
		await prisma.notification.create({ data: { userId: told.id, kind: 'saved-search-match', params: '{}', link: `/listings/${l.id}` } })
		await prisma.savedSearchQueue.create({ data: { listingId: l.id, at: NOW, leaseUntil: new Date(Date.now() + 60_000) } })
		// Held: left alone.
		expect(await model.drainSavedSearchQueue()).toBe(0)
		expect(await prisma.savedSearchQueue.count({ where: { listingId: l.id } })).toBe(1)
		// The lease runs out: matched, the buyer already told is not told again.
		await prisma.savedSearchQueue.update({ where: { listingId: l.id }, data: { leaseUntil: new Date(Date.now() - 1000) } })
		expect(await model.drainSavedSearchQueue()).toBeGreaterThan(0)
		expect(await prisma.savedSearchQueue.count({ where: { listingId: l.id } })).toBe(0)
		const matched = new Set((await prisma.savedSearchMatch.findMany({ where: { listingId: l.id }, select: { searchId: true } })).map((m) => m.searchId))
		expect([near.id, second.id, later.id].every((id) => matched.has(id))).toBe(true)
		// The buyer told before the crash is not told again of their second search; the other is told.
		expect(await notifications(told.id, 'saved-search-match')).toHaveLength(1)
		expect(await notifications(untold.id, 'saved-search-match')).toEqual([expect.objectContaining({ link: `/listings/${l.id}` })])
	})

	it('tells nobody of a listing withdrawn before its matching ran', async () => {
		const l = await submitted()
		await prisma.listing.update({ where: { id: l.id }, data: { status: 'WITHDRAWN' } })
		await prisma.savedSearchQueue.create({ data: { listingId: l.id, at: NOW } })
		expect(await model.drainSavedSearchQueue()).toBe(0)
		expect(await prisma.savedSearchQueue.count({ where: { listingId: l.id } })).toBe(0)
		expect(await prisma.savedSearchMatch.count({ where: { listingId: l.id } })).toBe(0)
	})

	// 320 searches saved one by one, then the approval's batches: about 2 s on a quiet machine, past
	// Vitest's 5 s default when the machine is loaded (a CI run failed so).
	it('writes hundreds of matches in batches, one alert per buyer even when their searches fall in different batches', async () => {
		const buyers = await Promise.all(Array.from({ length: 16 }, (_, i) => prisma.user.create({ data: { name: `批量买家${i}`, role: 'BUYER' }, select: { id: true } })))
		for (const b of buyers) for (let k = 0; k < 20; k++) expect((await save(b.id, `type=FARMHOUSE&maxPrice=${100_000 + k}&priceUnit=YUAN_PER_YEAR`, 'INSTANT', `批量${k}`)).ok).toBe(true)
		const l = await submitted()
		await wf.reviewListing(reviewer, l.id, 'APPROVE', '同意挂牌。', NOW)
		await model.drainSavedSearchQueue()
		expect(await prisma.savedSearchMatch.count({ where: { listingId: l.id, search: { userId: { in: buyers.map((b) => b.id) } } } })).toBe(320)
		const alerts = await prisma.notification.groupBy({ by: ['userId'], where: { kind: 'saved-search-match', link: `/listings/${l.id}`, userId: { in: buyers.map((b) => b.id) } }, _count: true })
		expect(alerts).toHaveLength(16)
		expect(alerts.every((a) => a._count === 1)).toBe(true)
	}, 30_000)
})
