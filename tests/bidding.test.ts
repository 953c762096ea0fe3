// Competitive bidding against a real, freshly migrated database: bids below the minimum are
// refused with it; a late bid extends the deadline; two equal bids at the same moment — exactly
// one is accepted; at the deadline the highest bid wins and becomes a deal for the Party review
// with the deposits settled; too few qualified bidders fail the round.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'
import { createLandListing } from './helpers/listings.ts'
import { race, settle, startRacers } from './helpers/racers.ts'

type Db = typeof import('~/utils/db.server.ts')
type Bidding = typeof import('~/models/bidding.server.ts')
type Audit = typeof import('~/models/audit.server.ts')
type BidResult = Awaited<ReturnType<Bidding['placeBid']>>

let dir: string
let prisma: Db['prisma']
let bidding: Bidding
let audit: Audit

type Actor = { id: string; role: string; villageId: string | null }
let townId: string
let villageId: string
let villageUser: Actor
let otherVillageUser: Actor
let reviewer: Actor
let admin: Actor
let buyers: Actor[]

const MIN = 60 * 1000
const T0 = new Date('2026-11-20T02:00:00Z')
const DEADLINE = new Date(T0.getTime() + 3 * 60 * MIN)

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bidding-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	bidding = await import('~/models/bidding.server.ts')
	audit = await import('~/models/audit.server.ts')
	townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	villageId = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId, lat: 40.41, lng: 110.01 } })).id
	const other = (await prisma.village.create({ data: { code: 'vb', name: '永兴村', nameEn: 'Yongxing', townId, lat: 40.42, lng: 110.02 } })).id
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) =>
		prisma.user.create({ data: { name, role, ...place }, select: { id: true, role: true, villageId: true } })
	villageUser = await user('新胜村村委会', 'VILLAGE', { villageId })
	otherVillageUser = await user('永兴村村委会', 'VILLAGE', { villageId: other })
	reviewer = await user('审核人', 'REVIEWER', { townId })
	admin = await user('管理员', 'ADMIN')
	buyers = []
	for (const name of ['张三', '李四', '王五', '赵六']) buyers.push(await user(name, 'BUYER'))
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const publishedListing = () => createLandListing(prisma, { townId, villageId, status: 'PUBLISHED', when: T0 })

const settings = (over: Partial<import('~/models/bidding.server.ts').RoundInput> = {}) => ({
	startPrice: 400,
	increment: 20,
	deposit: 5000,
	deadline: DEADLINE,
	extendMinutes: 5,
	minBidders: 2,
	...over,
})

/** A listing with an open round and `count` buyers registered, their deposits received. */
async function roundWithBidders(count: number, over: Parameters<typeof settings>[0] = {}) {
	const listing = await publishedListing()
	const opened = await bidding.openRound(villageUser, listing.id, settings(over), T0)
	expect(opened.ok).toBe(true)
	const regs = []
	for (const b of buyers.slice(0, count)) {
		const r = await bidding.registerForRound(b, listing.id, T0)
		expect(r.ok).toBe(true)
		regs.push(r)
		const reg = await prisma.bidRegistration.findFirstOrThrow({ where: { buyerId: b.id, round: { listingId: listing.id } }, select: { id: true } })
		expect(await bidding.moveDeposit(admin.id, reg.id, 'received', T0)).toBe(true)
	}
	return { listingId: listing.id, roundId: (opened as { roundId: string }).roundId, regs }
}

describe('opening a round', () => {
	it('opens on the village’s own published listing only, once at a time, and makes it a bidding listing', async () => {
		const listing = await publishedListing()
		expect(await bidding.openRound(otherVillageUser, listing.id, settings(), T0)).toEqual({ ok: false, problem: 'notFound' })
		const opened = await bidding.openRound(villageUser, listing.id, settings(), T0)
		expect(opened.ok).toBe(true)
		expect(await bidding.openRound(villageUser, listing.id, settings(), T0)).toEqual({ ok: false, problem: 'roundOpen' })
		expect((await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).tradingMode).toBe('BIDDING')
		const entries = await prisma.auditLog.findMany({ where: { OR: [{ entityId: listing.id }, { entityId: (opened as { roundId: string }).roundId }] } })
		expect(entries.map((e) => e.action).sort()).toEqual(['open', 'trading-mode'])
		const draft = await prisma.listing.update({ where: { id: (await publishedListing()).id }, data: { status: 'DRAFT' } })
		expect(await bidding.openRound(villageUser, draft.id, settings(), T0)).toEqual({ ok: false, problem: 'notPublished' })
	})

	it('numbers registrations 竞买人1, 2, … and lets only buyers register, once', async () => {
		const listing = await publishedListing()
		await bidding.openRound(villageUser, listing.id, settings(), T0)
		expect(await bidding.registerForRound(buyers[2], listing.id, T0)).toEqual({ ok: true, alias: 1 })
		expect(await bidding.registerForRound(buyers[0], listing.id, T0)).toEqual({ ok: true, alias: 2 })
		expect(await bidding.registerForRound(buyers[0], listing.id, T0)).toEqual({ ok: false, problem: 'alreadyRegistered' })
		expect(await bidding.registerForRound(villageUser, listing.id, T0)).toEqual({ ok: false, problem: 'notBuyer' })
		expect(await bidding.registerForRound(buyers[1], listing.id, DEADLINE)).toEqual({ ok: false, problem: 'closed' })
		expect(await prisma.notification.count({ where: { userId: admin.id, kind: 'deposit-pending' } })).toBeGreaterThanOrEqual(2)
	})
})

describe('bids', () => {
	it('refuses a bid below the start price, or below the current price plus the increment, with the minimum', async () => {
		const { listingId } = await roundWithBidders(2)
		expect(await bidding.placeBid(buyers[0], listingId, 399, { at: T0 })).toEqual({ ok: false, reason: 'tooLow', minimum: 400 })
		expect(await bidding.placeBid(buyers[0], listingId, 400, { at: T0 })).toMatchObject({ ok: true, amount: 400, extended: false })
		expect(await bidding.placeBid(buyers[1], listingId, 419, { at: T0 })).toEqual({ ok: false, reason: 'tooLow', minimum: 420 })
		expect(await bidding.placeBid(buyers[1], listingId, 420, { at: T0 })).toMatchObject({ ok: true })
		// The bidder's page showed the price before the last bid: told the price changed.
		expect(await bidding.placeBid(buyers[0], listingId, 430, { at: T0, seenVersion: 1 })).toEqual({ ok: false, reason: 'priceChanged', minimum: 440 })
		const round = await prisma.biddingRound.findFirstOrThrow({ where: { listingId } })
		expect(round.currentPrice).toBe(420)
		expect(round.version).toBe(2)
		expect(await prisma.auditLog.count({ where: { entityType: 'BID' } })).toBeGreaterThanOrEqual(2)
	})

	it('refuses the unregistered, a pending deposit, and bids after the deadline', async () => {
		const { listingId } = await roundWithBidders(1)
		expect(await bidding.placeBid(buyers[3], listingId, 500, { at: T0 })).toEqual({ ok: false, reason: 'notRegistered' })
		await bidding.registerForRound(buyers[3], listingId, T0)
		expect(await bidding.placeBid(buyers[3], listingId, 500, { at: T0 })).toEqual({ ok: false, reason: 'depositNotReceived' })
		expect(await bidding.placeBid(buyers[0], listingId, 500, { at: DEADLINE })).toEqual({ ok: false, reason: 'closed' })
	})

	it('refuses a bidder raising their own leading bid; once outbid they may bid again', async () => {
		const { listingId } = await roundWithBidders(2)
		expect(await bidding.placeBid(buyers[0], listingId, 400, { at: T0 })).toMatchObject({ ok: true })
		expect(await bidding.placeBid(buyers[0], listingId, 500, { at: T0 })).toEqual({ ok: false, reason: 'alreadyLeading' })
		expect(await bidding.placeBid(buyers[1], listingId, 420, { at: T0 })).toMatchObject({ ok: true })
		expect(await bidding.placeBid(buyers[0], listingId, 440, { at: T0 })).toMatchObject({ ok: true })
		const round = await prisma.biddingRound.findFirstOrThrow({ where: { listingId }, select: { currentPrice: true, _count: { select: { bids: true } } } })
		expect(round).toEqual({ currentPrice: 440, _count: { bids: 3 } })
	})

	it('extends the deadline for a bid in the last minutes', async () => {
		const { listingId, roundId } = await roundWithBidders(2)
		const early = await bidding.placeBid(buyers[0], listingId, 400, { at: new Date(DEADLINE.getTime() - 30 * MIN) })
		expect(early).toMatchObject({ ok: true, extended: false, deadline: DEADLINE })
		const lateAt = new Date(DEADLINE.getTime() - 2 * MIN)
		const late = await bidding.placeBid(buyers[1], listingId, 420, { at: lateAt })
		expect(late).toMatchObject({ ok: true, extended: true })
		const round = await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId } })
		expect(round.deadline.toISOString()).toBe(new Date(lateAt.getTime() + 5 * MIN).toISOString())
		// Not closed at the old deadline any more.
		await bidding.closeDueRounds(new Date(DEADLINE.getTime() + MIN))
		expect((await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId } })).status).toBe('OPEN')
	})

	it('accepts exactly one of two equal bids at the same moment', async () => {
		const { listingId, roundId } = await roundWithBidders(2)
		// Two processes, as two servers on one database (on SQLite one process's single connection would run them in turn).
		const racers = await startRacers(2, process.env.DATABASE_URL!, ['models/bidding.server.ts'])
		const bid = (buyer: Actor) => ({ module: 'models/bidding.server.ts', fn: 'placeBid', args: [buyer, listingId, 450, { at: T0 }] })
		const { errors, results } = settle<BidResult>(await race(racers, [bid(buyers[0]), bid(buyers[1])]).finally(() => racers.forEach((r) => r.stop())))
		expect(errors).toEqual([])
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		const refused = results.find((r) => !r.ok)
		expect(refused).toMatchObject({ ok: false, minimum: 470 })
		expect(await prisma.bid.count({ where: { roundId } })).toBe(1)
		expect((await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId } })).version).toBe(1)
	}, 60_000)

	it('accepts exactly one of two equal bids that both saw the same version', async () => {
		const { listingId, roundId } = await roundWithBidders(3)
		await bidding.placeBid(buyers[2], listingId, 400, { at: T0 })
		const results = await Promise.all([
			bidding.placeBid(buyers[0], listingId, 420, { at: T0, seenVersion: 1 }),
			bidding.placeBid(buyers[1], listingId, 420, { at: T0, seenVersion: 1 }),
		])
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'priceChanged', minimum: 440 })
		expect(await prisma.bid.count({ where: { roundId } })).toBe(2)
	})
})

describe('closing', () => {
	it('gives the round to the highest of three bidders: a deal pending review, deposits applied and due for refund', async () => {
		const { listingId, roundId } = await roundWithBidders(3)
		await bidding.placeBid(buyers[0], listingId, 400, { at: T0 })
		await bidding.placeBid(buyers[1], listingId, 420, { at: T0 })
		await bidding.placeBid(buyers[2], listingId, 460, { at: T0 })
		await bidding.placeBid(buyers[0], listingId, 480, { at: T0 })
		// Other tests' rounds share the deadline: count this one's state, not the number closed.
		expect(await bidding.closeDueRounds(new Date(DEADLINE.getTime() - MIN))).toBe(0)
		expect((await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId } })).status).toBe('OPEN')
		expect(await bidding.closeDueRounds(DEADLINE)).toBeGreaterThanOrEqual(1)
		expect(await bidding.closeDueRounds(DEADLINE)).toBe(0)

		const round = await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId }, include: { deal: true, registrations: { orderBy: { alias: 'asc' } } } })
		expect(round.status).toBe('CLOSED_WON')
		expect(round.deal).toMatchObject({
			status: 'PENDING_REVIEW',
			buyerId: buyers[0].id,
			price: 480,
			priceUnit: 'YUAN_PER_MU_YEAR',
			tradingMode: 'BIDDING',
			area: 100,
			areaUnit: 'mu',
			termYears: 5,
			transferMode: 'LEASE',
			inquiryId: null,
			totalValueYuan: 480 * 100 * 5,
			// Signed after the round: no contract and no contract date until the village uploads it.
			contractDate: null,
			contractFile: null,
		})
		expect(round.registrations.map((r) => r.depositStatus)).toEqual(['APPLIED', 'REFUND_DUE', 'REFUND_DUE'])
		expect(await prisma.auditLog.count({ where: { entityType: 'DEAL', entityId: round.deal!.id, toState: 'PENDING_REVIEW' } })).toBe(1)
		expect(await prisma.notification.count({ where: { userId: reviewer.id, kind: 'deal-submitted', link: `/review/deals/${round.deal!.id}` } })).toBe(1)
		// The village hears its round sold; the winner that they won, at the price (009: kind + params).
		const sold = await prisma.notification.findFirstOrThrow({ where: { userId: villageUser.id, kind: 'bidding-sold' }, orderBy: { createdAt: 'desc' } })
		expect(JSON.parse(sold.params!)).toMatchObject({ listingId, alias: 1, amount: 480, priceUnit: 'YUAN_PER_MU_YEAR' })
		expect(await prisma.notification.count({ where: { userId: buyers[0].id, kind: 'bidding-won' } })).toBeGreaterThanOrEqual(1)
		expect((await audit.verifyAuditChain()).ok).toBe(true)

		// The refunds the centre then pays back.
		const { refundDue } = await bidding.depositQueues()
		const mine = refundDue.filter((r) => r.round.id === roundId)
		expect(mine.map((r) => r.alias)).toEqual([2, 3])
		expect(await bidding.moveDeposit(admin.id, mine[0].id, 'refunded')).toBe(true)
		expect(await bidding.moveDeposit(admin.id, mine[0].id, 'refunded')).toBe(false)
		// No second round while the deal is under way.
		expect(await bidding.openRound(villageUser, listingId, settings({ deadline: new Date(DEADLINE.getTime() + 3 * 60 * MIN) }), DEADLINE)).toEqual({ ok: false, problem: 'dealActive' })
	})

	it('gives the winner’s deal a contract step: certification refuses it, with the reason, until the village uploads the signed contract with its date', async () => {
		const deal = await import('~/models/deal.server.ts')
		const DAY = 24 * 60 * MIN
		const { listingId, roundId } = await roundWithBidders(2)
		await bidding.placeBid(buyers[0], listingId, 400, { at: T0 })
		await bidding.placeBid(buyers[1], listingId, 440, { at: T0 })
		await bidding.closeDueRounds(DEADLINE)
		const { deal: d } = await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId }, select: { deal: { select: { id: true } } } })
		const id = d!.id
		const form = await deal.getDealFormData(villageUser, listingId)
		expect(form).toMatchObject({ activeDealId: id, contractDue: true })
		expect(await deal.reviewDeal({ id: reviewer.id, townId }, id, 'APPROVE', '竞价程序合规，同意公示。', DEADLINE, 7)).toEqual({ ok: true, status: 'IN_NOTICE' })
		const ended = new Date(DEADLINE.getTime() + 8 * DAY)
		await deal.promoteEndedNotices(ended)
		expect(await deal.certifyDeal(admin, id, null, ended)).toEqual({ ok: false, problem: 'contractMissing' })
		expect((await prisma.deal.findUniqueOrThrow({ where: { id } })).status).toBe('AWAITING_CERTIFICATION')
		expect(await prisma.review.count({ where: { dealId: id, kind: 'CERTIFICATION' } })).toBe(0)

		const PDF = Buffer.from('%PDF-1.4\n%%EOF\n')
		const signed = new Date('2026-11-22T00:00:00+08:00')
		// Only the listing's village; a date in the future or before the round closed; real contract bytes.
		expect(await deal.attachContract(otherVillageUser, id, signed, PDF, ended)).toEqual({ ok: false, problem: 'notFound' })
		expect(await deal.attachContract(villageUser, id, new Date(ended.getTime() + 2 * DAY), PDF, ended)).toEqual({ ok: false, problem: 'contractDateFuture' })
		expect(await deal.attachContract(villageUser, id, new Date('2026-11-19T00:00:00+08:00'), PDF, ended)).toEqual({ ok: false, problem: 'contractDateEarly' })
		expect(await deal.attachContract(villageUser, id, signed, Buffer.from('not a pdf'), ended)).toEqual({ ok: false, problem: 'contractType' })
		expect(await deal.attachContract(villageUser, id, signed, PDF, ended)).toEqual({ ok: true })
		expect(await deal.attachContract(villageUser, id, signed, PDF, ended)).toEqual({ ok: false, problem: 'hasContract' })
		const row = await prisma.deal.findUniqueOrThrow({ where: { id } })
		expect(row.contractDate).toEqual(signed)
		// Written for the server's user only.
		expect(fs.statSync(path.join(deal.contractDir(), row.contractFile!)).mode & 0o777).toBe(0o600)
		expect(fs.readdirSync(deal.contractDir())).toHaveLength(1)
		expect(await prisma.auditLog.count({ where: { entityType: 'DEAL', entityId: id, action: 'contract', actorId: villageUser.id } })).toBe(1)
		expect((await deal.getDealFormData(villageUser, listingId))?.contractDue).toBe(false)

		const certified = await deal.certifyDeal(admin, id, null, ended)
		expect(certified.ok).toBe(true)
	})

	it('closes a round once when several requests close due rounds at the same moment: one deal, no error', async () => {
		const { listingId, roundId } = await roundWithBidders(2)
		await bidding.placeBid(buyers[0], listingId, 400, { at: T0 })
		await bidding.placeBid(buyers[1], listingId, 420, { at: T0 })
		// Every page's loader closes due rounds: three requests just after the deadline.
		const closed = await Promise.all([0, 1, 2].map(() => bidding.closeDueRounds(DEADLINE)))
		expect(closed.every((n) => n >= 0)).toBe(true)
		expect((await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId } })).status).toBe('CLOSED_WON')
		expect(await prisma.deal.count({ where: { biddingRoundId: roundId } })).toBe(1)
		expect(await prisma.auditLog.count({ where: { entityId: roundId, action: 'close' } })).toBe(1)
	})

	it('settles no deposits of a round without one: nothing is due for refund', async () => {
		const won = await roundWithBidders(2, { deposit: 0 })
		await bidding.placeBid(buyers[0], won.listingId, 400, { at: T0 })
		await bidding.placeBid(buyers[1], won.listingId, 420, { at: T0 })
		const failed = await roundWithBidders(1, { deposit: 0 })
		await bidding.closeDueRounds(DEADLINE)
		for (const { roundId } of [won, failed]) {
			const regs = await prisma.bidRegistration.findMany({ where: { roundId }, select: { depositStatus: true } })
			expect(regs.map((r) => r.depositStatus)).toEqual(regs.map(() => 'RECEIVED'))
		}
		expect((await prisma.biddingRound.findUniqueOrThrow({ where: { id: won.roundId } })).status).toBe('CLOSED_WON')
		const { refundDue } = await bidding.depositQueues()
		expect(refundDue.filter((r) => r.round.id === won.roundId || r.round.id === failed.roundId)).toEqual([])
		const state = await bidding.publicRoundState(won.listingId, buyers[1], DEADLINE)
		expect(state?.me).toEqual({ alias: 2, depositStatus: 'RECEIVED' })
	})

	it('fails a round with one qualified bidder; the village may open another or switch to 协议', async () => {
		const { listingId, roundId } = await roundWithBidders(1)
		await bidding.registerForRound(buyers[3], listingId, T0) // registered, deposit never received: not qualified
		await bidding.placeBid(buyers[0], listingId, 400, { at: T0 })
		expect(await bidding.closeDueRounds(DEADLINE)).toBeGreaterThanOrEqual(1)
		const round = await prisma.biddingRound.findUniqueOrThrow({ where: { id: roundId }, include: { deal: true, registrations: { orderBy: { alias: 'asc' } } } })
		expect(round.status).toBe('FAILED')
		expect(round.deal).toBeNull()
		expect(round.registrations.map((r) => r.depositStatus)).toEqual(['REFUND_DUE', 'PENDING'])
		expect(await prisma.auditLog.findFirst({ where: { entityType: 'BIDDING_ROUND', entityId: roundId, toState: 'FAILED' }, select: { reason: true, params: true } })).toEqual({ reason: null, params: JSON.stringify({ reason: 'tooFewBidders', problem: null }) })
		const note = await prisma.notification.findFirstOrThrow({ where: { userId: villageUser.id, kind: 'bidding-failed' }, orderBy: { createdAt: 'desc' } })
		expect(JSON.parse(note.params!)).toMatchObject({ listingId, reason: 'tooFewBidders' })
		expect(await prisma.notification.count({ where: { userId: buyers[0].id, kind: 'bidding-failed-bidder' } })).toBeGreaterThanOrEqual(1)

		const page = await bidding.villageBidding(villageId, listingId)
		expect(page).toMatchObject({ canOpen: true, canSwitch: true })
		expect(await bidding.switchToNegotiated(otherVillageUser, listingId)).toBe(false)
		expect(await bidding.switchToNegotiated(villageUser, listingId)).toBe(true)
		expect((await prisma.listing.findUniqueOrThrow({ where: { id: listingId } })).tradingMode).toBe('NEGOTIATED')
		expect(await bidding.switchToNegotiated(villageUser, listingId)).toBe(false)
	})

	it('shows the public only aliases, never names', async () => {
		const { listingId } = await roundWithBidders(2)
		await bidding.placeBid(buyers[1], listingId, 400, { at: T0 })
		const state = await bidding.publicRoundState(listingId, null, T0)
		expect(state?.round).toMatchObject({ open: true, currentPrice: 400, minimumNext: 420, registered: 2, qualified: 2 })
		expect(state?.round?.bids).toEqual([{ alias: 2, amount: 400, at: T0.toISOString() }])
		expect(JSON.stringify(state)).not.toMatch(/张三|李四|buyerId/)
		const mine = await bidding.publicRoundState(listingId, buyers[1], T0)
		expect(mine?.me).toEqual({ alias: 2, depositStatus: 'RECEIVED' })
	})
})
