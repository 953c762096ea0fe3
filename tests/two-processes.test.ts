// Two processes on one database (SQLite: docs/decisions/002 and 011; PostgreSQL: two instances),
// each with its own Prisma client, racing 20 reviewer decisions and 20 equal bids: no race ends in
// an error (a 500), exactly one side wins, and the loser gets the same conflict answer as on one
// server.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'
import { createLandListing } from './helpers/listings.ts'
import { race, settle, startRacers, type Racer } from './helpers/racers.ts'

type Db = typeof import('~/utils/db.server.ts')
type Bidding = typeof import('~/models/bidding.server.ts')
type Audit = typeof import('~/models/audit.server.ts')

const RACES = 20
const T0 = new Date('2026-11-20T02:00:00Z')
const DEADLINE = new Date(T0.getTime() + 3 * 60 * 60 * 1000)

let dir: string
let url: string
let prisma: Db['prisma']
let bidding: Bidding
let audit: Audit
let racers: Racer[] = []

type Actor = { id: string; role: string; townId: string | null; villageId: string | null }
let townId: string
let villageId: string
let villageUser: Actor
let reviewers: Actor[]
let buyers: Actor[]
let admin: Actor

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'two-processes-test-'))
	url = await createTestDatabase(dir)
	process.env.DATABASE_URL = url
	;({ prisma } = await import('~/utils/db.server.ts'))
	bidding = await import('~/models/bidding.server.ts')
	audit = await import('~/models/audit.server.ts')
	townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	villageId = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId, lat: 40.41, lng: 110.01 } })).id
	const select = { id: true, role: true, townId: true, villageId: true } as const
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) => prisma.user.create({ data: { name, role, ...place }, select })
	villageUser = await user('新胜村村委会', 'VILLAGE', { villageId })
	reviewers = [await user('审核人甲', 'REVIEWER', { townId }), await user('审核人乙', 'REVIEWER', { townId })]
	buyers = [await user('张三', 'BUYER'), await user('李四', 'BUYER')]
	admin = await user('管理员', 'ADMIN')
	racers = await startRacers(2, url, ['models/listing-workflow.server.ts', 'models/bidding.server.ts'])
}, 120_000)

afterAll(async () => {
	for (const r of racers) r.stop()
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const listing = (status: 'SUBMITTED' | 'PUBLISHED') => createLandListing(prisma, { townId, villageId, status, when: T0 })

describe('two processes on one database', () => {
	it(`${RACES} races of two reviewers deciding one listing: one decision, the other told it was decided`, async () => {
		for (let i = 0; i < RACES; i++) {
			const { id } = await listing('SUBMITTED')
			const { errors, results } = settle<{ ok: boolean }>(
				await race(racers, [
					{ module: 'models/listing-workflow.server.ts', fn: 'reviewListing', args: [reviewers[0], id, 'APPROVE', '同意挂牌。', T0] },
					{ module: 'models/listing-workflow.server.ts', fn: 'reviewListing', args: [reviewers[1], id, 'REJECT', '不同意挂牌。', T0] },
				]),
			)
			expect(errors, `race ${i}`).toEqual([])
			expect(results.filter((r) => r.ok), `race ${i}`).toHaveLength(1)
			expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, problem: 'alreadyDecided' }])
			expect(await prisma.review.count({ where: { listingId: id } })).toBe(1)
			expect(await prisma.auditLog.count({ where: { entityId: id } })).toBe(1)
		}
	}, 120_000)

	it(`${RACES} races of two equal bids from two buyers: one bid, the other told the price changed`, async () => {
		for (let i = 0; i < RACES; i++) {
			const { id } = await listing('PUBLISHED')
			const opened = await bidding.openRound(villageUser, id, { startPrice: 400, increment: 20, deposit: 5000, deadline: DEADLINE, extendMinutes: 5, minBidders: 2 }, T0)
			expect(opened.ok).toBe(true)
			for (const buyer of buyers) {
				expect((await bidding.registerForRound(buyer, id, T0)).ok).toBe(true)
				const reg = await prisma.bidRegistration.findFirstOrThrow({ where: { buyerId: buyer.id, round: { listingId: id } }, select: { id: true } })
				expect(await bidding.moveDeposit(admin.id, reg.id, 'received', T0)).toBe(true)
			}
			const { version } = await prisma.biddingRound.findFirstOrThrow({ where: { listingId: id }, select: { version: true } })
			// Both buyers' pages showed the same version, as the bid form sends it.
			const { errors, results } = settle<{ ok: boolean }>(
				await race(
					racers,
					buyers.map((buyer) => ({ module: 'models/bidding.server.ts', fn: 'placeBid', args: [buyer, id, 420, { at: T0, seenVersion: version }] })),
				),
			)
			expect(errors, `race ${i}`).toEqual([])
			expect(results.filter((r) => r.ok), `race ${i}`).toHaveLength(1)
			expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'priceChanged', minimum: 440 }])
			expect(await prisma.bid.count({ where: { round: { listingId: id } } })).toBe(1)
		}
	}, 120_000)

	it('keeps the audit chain intact', async () => {
		expect(await audit.verifyAuditChain(prisma)).toMatchObject({ ok: true })
	})
})
