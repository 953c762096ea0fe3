// Money deadlines after a bidding round (issue 12), against a real migrated database: the close
// sets the winner's payment deadline and the losers' refund deadlines in working days; past the
// deadline a voided win forfeits the deposit and passes the round to the runner-up, then fails
// when nobody is left; a deposit is received only before its due date; a refund records who and when.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'
import { createLandListing } from './helpers/listings.ts'

type Db = typeof import('~/utils/db.server.ts')
let dir: string
let prisma: Db['prisma']
let bidding: typeof import('~/models/bidding.server.ts')
let deadlines: typeof import('~/models/deadlines.server.ts')

type Actor = { id: string; role: string; villageId: string | null }
let townId: string
let villageId: string
let villageUser: Actor
let admin: Actor
let buyers: Actor[]

const MIN = 60_000
// Friday 20 Nov 2026, 10:00 in China; the round closes at 13:00.
const T0 = new Date('2026-11-20T02:00:00Z')
const DEADLINE = new Date(T0.getTime() + 180 * MIN)
// 3 working days: Mon 23, Tue 24, Wed 25 → the end of Wed 25 in China. 7: … Mon 30, Tue 1 Dec.
const PAY_BY = new Date('2026-11-25T16:00:00Z')
const REFUND_BY = new Date('2026-12-01T16:00:00Z')

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadlines-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	bidding = await import('~/models/bidding.server.ts')
	deadlines = await import('~/models/deadlines.server.ts')
	townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	villageId = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId, lat: 40.41, lng: 110.01 } })).id
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) =>
		prisma.user.create({ data: { name, role, ...place }, select: { id: true, role: true, villageId: true } })
	villageUser = await user('新胜村村委会', 'VILLAGE', { villageId })
	admin = await user('管理员', 'ADMIN')
	buyers = []
	for (const name of ['张三', '李四', '王五']) buyers.push(await user(name, 'BUYER'))
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function openRound(over: { depositDueAt?: Date } = {}) {
	const listing = await createLandListing(prisma, { townId, villageId, status: 'PUBLISHED', when: T0 })
	const opened = await bidding.openRound(villageUser, listing.id, { startPrice: 400, increment: 20, deposit: 5000, deadline: DEADLINE, extendMinutes: 5, minBidders: 2, ...over }, T0)
	if (!opened.ok) throw new Error(opened.problem)
	return { listingId: listing.id, roundId: opened.roundId }
}

async function registration(listingId: string, buyer: Actor) {
	return prisma.bidRegistration.findFirstOrThrow({ where: { buyerId: buyer.id, round: { listingId } }, select: { id: true, alias: true, depositStatus: true, refundDueAt: true, refundedAt: true, refundedById: true, forfeitReason: true } })
}

/** Three bidders, deposits received, bidding 400, 420, 440: buyers[2] wins. */
async function wonRound() {
	const round = await openRound()
	for (const [i, b] of buyers.entries()) {
		await bidding.registerForRound(b, round.listingId, T0)
		expect(await bidding.moveDeposit(admin.id, (await registration(round.listingId, b)).id, 'received', T0)).toBe(true)
		expect((await bidding.placeBid(b, round.listingId, 400 + 20 * i, { at: new Date(T0.getTime() + (i + 1) * MIN) })).ok).toBe(true)
	}
	expect(await bidding.closeDueRounds(new Date(DEADLINE.getTime() + MIN))).toBeGreaterThanOrEqual(1)
	return round
}

describe('deposit due date', () => {
	it('is the deadline unless set earlier; a deposit is not received after it', async () => {
		expect((await prisma.biddingRound.findUniqueOrThrow({ where: { id: (await openRound()).roundId } })).depositDueAt).toEqual(DEADLINE)
		const due = new Date(T0.getTime() + 60 * MIN)
		const round = await openRound({ depositDueAt: due })
		await bidding.registerForRound(buyers[0], round.listingId, T0)
		const reg = await registration(round.listingId, buyers[0])
		expect(await bidding.moveDeposit(admin.id, reg.id, 'received', new Date(due.getTime() + MIN))).toBe(false)
		expect((await registration(round.listingId, buyers[0])).depositStatus).toBe('PENDING')
		expect(await bidding.moveDeposit(admin.id, reg.id, 'received', new Date(due.getTime() - MIN))).toBe(true)
	})
})

describe('after a won round', () => {
	it('gives the winner N working days and the losers a refund date M working days after the close', async () => {
		const { roundId, listingId } = await wonRound()
		const round = await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId }, select: { status: true, paymentDueAt: true } })
		expect(round).toEqual({ status: 'CLOSED_WON', paymentDueAt: PAY_BY })
		expect((await registration(listingId, buyers[0])).refundDueAt).toEqual(REFUND_BY)
		expect((await registration(listingId, buyers[2])).depositStatus).toBe('APPLIED')
		const queue = await deadlines.unpaidWinners(new Date(PAY_BY.getTime() - MIN))
		expect(queue.find((r) => r.id === roundId)).toMatchObject({ overdue: false, voidable: false })
		expect((await deadlines.unpaidWinners(PAY_BY)).find((r) => r.id === roundId)).toMatchObject({ overdue: true, voidable: true })
	})

	it('records the winner’s payment once, and a paid win cannot be voided', async () => {
		const { roundId } = await wonRound()
		expect(await deadlines.recordWinnerPayment(admin.id, roundId, T0)).toBe(true)
		expect(await deadlines.recordWinnerPayment(admin.id, roundId, T0)).toBe(false)
		expect(await deadlines.voidWin(admin.id, roundId, '逾期', new Date(PAY_BY.getTime() + MIN))).toEqual({ ok: false, problem: 'notFound' })
		expect((await deadlines.unpaidWinners(PAY_BY)).some((r) => r.id === roundId)).toBe(false)
	})

	it('voids a win past the deadline: deposit forfeited, the runner-up takes over with a new deadline, then the round fails', async () => {
		const { roundId, listingId } = await wonRound()
		expect(await deadlines.voidWin(admin.id, roundId, '逾期未签约', new Date(PAY_BY.getTime() - MIN))).toEqual({ ok: false, problem: 'notOverdue' })
		const firstDeal = (await prisma.deal.findFirstOrThrow({ where: { biddingRoundId: roundId }, select: { id: true } })).id

		// Thu 26 Nov, 10:00 China: the runner-up's 3 working days end with Tue 1 Dec.
		const voidAt = new Date('2026-11-26T02:00:00Z')
		expect(await deadlines.voidWin(admin.id, roundId, '逾期未签约', voidAt)).toEqual({ ok: true, next: 'runnerUp' })
		expect(await prisma.deal.findUniqueOrThrow({ where: { id: firstDeal }, select: { status: true, biddingRoundId: true } })).toEqual({ status: 'REJECTED', biddingRoundId: null })
		expect(await registration(listingId, buyers[2])).toMatchObject({ depositStatus: 'FORFEITED', forfeitReason: '逾期未签约' })
		expect(await registration(listingId, buyers[1])).toMatchObject({ depositStatus: 'APPLIED', refundDueAt: null })
		const second = await prisma.deal.findFirstOrThrow({ where: { biddingRoundId: roundId }, select: { buyerId: true, price: true, status: true } })
		expect(second).toEqual({ buyerId: buyers[1].id, price: 420, status: 'PENDING_REVIEW' })
		expect((await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId } })).paymentDueAt).toEqual(new Date('2026-12-01T16:00:00Z'))
		const state = await bidding.publicRoundState(listingId, null, voidAt)
		expect(state?.round?.winner).toEqual({ alias: (await registration(listingId, buyers[1])).alias, amount: 420 })
		const audits = await prisma.auditLog.findMany({ where: { action: { in: ['win-voided', 'deposit-forfeited', 'runner-up'] } }, select: { action: true } })
		expect(audits.map((a) => a.action).sort()).toEqual(['deposit-forfeited', 'runner-up', 'runner-up', 'win-voided'])
		expect(await prisma.notification.count({ where: { kind: 'win-runner-up', userId: buyers[1].id } })).toBe(1)
		expect(await prisma.notification.count({ where: { kind: 'win-voided', userId: buyers[2].id } })).toBe(1)

		// Then buyers[0] (deposit still refund-due), then nobody: the round fails.
		const later = new Date('2026-12-02T02:00:00Z')
		expect(await deadlines.voidWin(admin.id, roundId, '再次逾期', later)).toEqual({ ok: true, next: 'runnerUp' })
		expect((await prisma.deal.findFirstOrThrow({ where: { biddingRoundId: roundId }, select: { buyerId: true } })).buyerId).toBe(buyers[0].id)
		expect(await deadlines.voidWin(admin.id, roundId, '第三次逾期', new Date('2026-12-10T02:00:00Z'))).toEqual({ ok: true, next: 'failed' })
		expect((await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId } })).status).toBe('FAILED')
		expect(await prisma.deal.count({ where: { listingId, status: 'PENDING_REVIEW' } })).toBe(0)
		expect(await prisma.notification.count({ where: { kind: 'win-voided-failed', userId: villageUser.id } })).toBe(1)
	})

	it('a refund past its due date sorts first; recording it keeps who and when', async () => {
		await wonRound()
		const { refundDue } = await bidding.depositQueues()
		expect(refundDue.length).toBeGreaterThan(0)
		const dues = refundDue.map((r) => r.refundDueAt?.getTime() ?? Infinity)
		expect([...dues].sort((a, b) => a - b)).toEqual(dues)
		const at = new Date(REFUND_BY.getTime() + MIN)
		expect(await bidding.moveDeposit(admin.id, refundDue[0].id, 'refunded', at)).toBe(true)
		expect(await prisma.bidRegistration.findUniqueOrThrow({ where: { id: refundDue[0].id }, select: { depositStatus: true, refundedAt: true, refundedById: true } })).toEqual({
			depositStatus: 'REFUNDED',
			refundedAt: at,
			refundedById: admin.id,
		})
	})
})
