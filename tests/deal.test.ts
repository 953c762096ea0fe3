// Negotiated deals against a real, freshly migrated database, with an injected clock: the
// village records a deal → the Party reviewer approves it → the public notice, objections (upheld
// or dismissed) → the notice ends → the centre certifies it → certificate and verification. Also:
// two certifications at the same moment issue one certificate; a reviewer of another town sees
// nothing; an outside party's ID number is checked; a contract is judged by its bytes, not its name.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'
import { race, settle, startRacers } from './helpers/racers.ts'

type Db = typeof import('~/utils/db.server.ts')
type DealModel = typeof import('~/models/deal.server.ts')
type StatsModel = typeof import('~/models/stats.server.ts')

let dir: string
let uploads: string
let prisma: Db['prisma']
let deal: DealModel
let stats: StatsModel

type Actor = { id: string; role: string; townId: string | null; villageId: string | null }
let townA: string
let townB: string
let villageA: string
let villageUser: Actor
let reviewerA: Actor
let reviewerB: Actor
let admin: Actor
let buyer: Actor
let otherBuyer: Actor
let objector: Actor

const DAY = 24 * 60 * 60 * 1000
const NOW = new Date('2026-11-20T02:00:00Z')
const at = (days: number) => new Date(NOW.getTime() + days * DAY)

/** A resident ID with its ISO 7064 MOD 11-2 check character. */
function residentId(body17: string) {
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
	const sum = weights.reduce((s, w, i) => s + w * Number(body17[i]), 0)
	return body17 + '10X98765432'[sum % 11]
}
const GOOD_ID = residentId('15062119850612123')
const BAD_ID = GOOD_ID.slice(0, 17) + (GOOD_ID[17] === '0' ? '1' : '0')

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deal-test-'))
	uploads = path.join(dir, 'uploads')
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = uploads
	;({ prisma } = await import('~/utils/db.server.ts'))
	deal = await import('~/models/deal.server.ts')
	stats = await import('~/models/stats.server.ts')

	townA = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	townB = (await prisma.town.create({ data: { code: 'tb', name: '展旦召苏木', nameEn: 'Zhandanzhao', lat: 40.3, lng: 109.6 } })).id
	villageA = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId: townA, lat: 40.41, lng: 110.01 } })).id
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) =>
		prisma.user.create({ data: { name, role, ...place }, select: { id: true, role: true, townId: true, villageId: true } })
	villageUser = await user('新胜村村委会', 'VILLAGE', { villageId: villageA })
	reviewerA = await user('审核人甲', 'REVIEWER', { townId: townA })
	reviewerB = await user('审核人丙', 'REVIEWER', { townId: townB })
	admin = await user('中心管理员', 'ADMIN')
	buyer = await user('王建明', 'BUYER')
	otherBuyer = await user('李四', 'BUYER')
	objector = await user('赵六', 'BUYER')
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

let n = 0
async function publishedListing(type: 'FARMHOUSE' | 'LAND' | 'COLLECTIVE_ASSET' = 'LAND') {
	n++
	const land = type === 'LAND'
	const listing = await prisma.listing.create({
		data: {
			type,
			status: 'PUBLISHED',
			title: `测试项目 ${n}`,
			description: '测试用的项目介绍。',
			townId: townA,
			villageId: villageA,
			lat: 40.405,
			lng: 110.005,
			area: land ? 120 : 300,
			areaUnit: land ? 'mu' : 'm2',
			landClass: land ? 'CROPLAND' : null,
			price: land ? 400 : 20000,
			priceUnit: land ? 'YUAN_PER_MU_YEAR' : 'YUAN_PER_YEAR',
			priceYuan: land ? 48000 : 20000,
			transferMode: 'LEASE',
			termYears: 5,
			createdById: villageUser.id,
			publishedAt: at(-60),
			expiresAt: at(300),
		},
		select: { id: true, title: true },
	})
	if (type === 'COLLECTIVE_ASSET') {
		await prisma.democraticDecision.create({ data: { listingId: listing.id, villagersMeetingDate: at(-80), resolutionPublicDate: at(-75) } })
	}
	return listing
}

async function inquiry(listingId: string, buyerId = buyer.id) {
	return prisma.inquiry.create({ data: { listingId, buyerId, intendedUse: '种植玉米', message: '希望承包五年。', contact: '13800000000' }, select: { id: true } })
}

const terms = { price: 420, priceUnit: 'YUAN_PER_MU_YEAR' as const, termYears: 5, transferMode: 'LEASE' as const, contractDate: new Date('2026-11-18T00:00:00+08:00') }

async function recorded(listingId: string) {
	const q = await inquiry(listingId)
	const r = await deal.recordDeal(villageUser, listingId, { ...terms, buyer: { kind: 'inquiry', inquiryId: q.id } }, PDF, NOW)
	if (!r.ok) throw new Error(`record failed: ${r.problem}`)
	return r.id
}

async function approved(listingId: string) {
	const id = await recorded(listingId)
	const r = await deal.reviewDeal(reviewerA, id, 'APPROVE', '主体适格，价格合理，同意公示。', NOW, 7)
	expect(r).toEqual({ ok: true, status: 'IN_NOTICE' })
	return id
}

const statusOf = async (id: string) => (await prisma.deal.findUniqueOrThrow({ where: { id }, select: { status: true } })).status
const listingStatus = async (id: string) => (await prisma.listing.findUniqueOrThrow({ where: { id }, select: { status: true } })).status

describe('recording a deal', () => {
	it('records a PENDING_REVIEW deal with the contract, its value, an audit entry and the reviewer’s notification; invisible to the public', async () => {
		const l = await publishedListing('LAND')
		const id = await recorded(l.id)
		const row = await prisma.deal.findUniqueOrThrow({ where: { id } })
		expect(row).toMatchObject({ status: 'PENDING_REVIEW', buyerId: buyer.id, totalValueYuan: 420 * 120 * 5, area: 120, areaUnit: 'mu', tradingMode: 'NEGOTIATED' })
		expect(row.contractFile).toMatch(/^c-[A-Za-z0-9_-]+\.pdf$/)
		// Personal data: readable by the server's user only.
		expect(fs.statSync(path.join(uploads, 'private', row.contractFile!)).mode & 0o777).toBe(0o600)
		expect(fs.readFileSync(path.join(uploads, 'private', row.contractFile!)).subarray(0, 5).toString()).toBe('%PDF-')
		// Never where /uploads serves files from.
		expect(fs.existsSync(path.join(uploads, row.contractFile!))).toBe(false)
		expect(await prisma.auditLog.count({ where: { entityType: 'DEAL', entityId: id, action: 'record', toState: 'PENDING_REVIEW' } })).toBe(1)
		expect(await prisma.notification.count({ where: { userId: reviewerA.id, link: `/review/deals/${id}` } })).toBe(1)
		expect(await deal.getPublicDeal(id, null, NOW)).toBeNull()
		// A listing holds one active deal at a time.
		const again = await deal.recordDeal(villageUser, l.id, { ...terms, buyer: { kind: 'outside', name: '张三', idNumber: GOOD_ID } }, PDF, NOW)
		expect(again).toEqual({ ok: false, problem: 'activeDeal' })
	})

	it('checks an outside party’s resident ID number', async () => {
		const l = await publishedListing('FARMHOUSE')
		const base = { price: 21000, priceUnit: 'YUAN_PER_YEAR' as const, termYears: 3, transferMode: 'LEASE' as const, contractDate: terms.contractDate }
		expect(await deal.recordDeal(villageUser, l.id, { ...base, buyer: { kind: 'outside', name: '张三', idNumber: BAD_ID } }, PDF, NOW)).toEqual({ ok: false, problem: 'idNumber' })
		expect(await deal.recordDeal(villageUser, l.id, { ...base, buyer: { kind: 'outside', name: '张三', idNumber: '12345' } }, PDF, NOW)).toEqual({ ok: false, problem: 'idNumber' })
		// createDeal (the bidding round's entry) applies the same rule.
		const direct = await prisma.$transaction((tx) =>
			deal.createDeal(tx, { listingId: l.id, actorId: null, outsideBuyerName: '张三', outsideBuyerIdNumber: BAD_ID, ...base, tradingMode: 'NEGOTIATED' }),
		)
		expect(direct).toEqual({ ok: false, problem: 'idNumber' })
		// A farmhouse is never transferred to an outsider.
		expect(await deal.recordDeal(villageUser, l.id, { ...base, transferMode: 'TRANSFER', buyer: { kind: 'outside', name: '张三', idNumber: GOOD_ID } }, PDF, NOW)).toEqual({
			ok: false,
			problem: 'modeNotAllowed',
		})
		const ok = await deal.recordDeal(villageUser, l.id, { ...base, buyer: { kind: 'outside', name: '张三', idNumber: GOOD_ID.toLowerCase() } }, PNG, NOW)
		expect(ok.ok).toBe(true)
		const row = await prisma.deal.findUniqueOrThrow({ where: { id: (ok as { id: string }).id } })
		expect(row).toMatchObject({ outsideBuyerName: '张三', outsideBuyerIdNumber: GOOD_ID, buyerId: null, totalValueYuan: 63000 })
		expect(row.contractFile).toMatch(/\.png$/)
	})

	it('judges the contract by its bytes: a text file named .pdf is refused and nothing is stored', async () => {
		const l = await publishedListing('LAND')
		const q = await inquiry(l.id)
		const before = fs.existsSync(path.join(uploads, 'private')) ? fs.readdirSync(path.join(uploads, 'private')).length : 0
		const values = { ...terms, buyer: { kind: 'inquiry' as const, inquiryId: q.id } }
		expect(deal.contractKind(Buffer.from('just some text, not a PDF'))).toBeNull()
		expect(await deal.recordDeal(villageUser, l.id, values, Buffer.from('This is plain text pretending to be contract.pdf\n'), NOW)).toEqual({ ok: false, problem: 'contractType' })
		// An empty file is no contract (recording without one is the sign-later path: tests/contracts.test.ts).
		expect(await deal.recordDeal(villageUser, l.id, values, Buffer.alloc(0), NOW)).toEqual({ ok: false, problem: 'contractMissing' })
		const huge = Buffer.alloc(deal.MAX_CONTRACT_BYTES + 1)
		PDF.copy(huge)
		expect(await deal.recordDeal(villageUser, l.id, values, huge, NOW)).toEqual({ ok: false, problem: 'contractTooLarge' })
		expect(fs.existsSync(path.join(uploads, 'private')) ? fs.readdirSync(path.join(uploads, 'private')).length : 0).toBe(before)
		expect(await prisma.deal.count({ where: { listingId: l.id } })).toBe(0)
	})

	it('refuses a contract date in the future, an inquiry of another listing, and another village’s listing', async () => {
		const l = await publishedListing('LAND')
		const other = await publishedListing('LAND')
		const q = await inquiry(other.id)
		const own = await inquiry(l.id)
		expect(await deal.recordDeal(villageUser, l.id, { ...terms, contractDate: at(2), buyer: { kind: 'inquiry', inquiryId: own.id } }, PDF, NOW)).toEqual({ ok: false, problem: 'contractDateFuture' })
		expect(await deal.recordDeal(villageUser, l.id, { ...terms, buyer: { kind: 'inquiry', inquiryId: q.id } }, PDF, NOW)).toEqual({ ok: false, problem: 'inquiryNotFound' })
		// A withdrawn inquiry no longer names a buyer, and the form no longer offers it.
		const withdrawn = await inquiry(l.id, otherBuyer.id)
		await prisma.inquiry.update({ where: { id: withdrawn.id }, data: { status: 'CLOSED' } })
		expect(await deal.recordDeal(villageUser, l.id, { ...terms, buyer: { kind: 'inquiry', inquiryId: withdrawn.id } }, PDF, NOW)).toEqual({ ok: false, problem: 'inquiryClosed' })
		expect((await deal.getDealFormData(villageUser, l.id))?.listing.inquiries.map((q) => q.id)).toEqual([own.id])
		expect(await prisma.deal.count({ where: { listingId: l.id } })).toBe(0)
		const stranger = { id: villageUser.id, villageId: 'some-other-village' }
		expect(await deal.recordDeal(stranger, l.id, { ...terms, buyer: { kind: 'inquiry', inquiryId: own.id } }, PDF, NOW)).toEqual({ ok: false, problem: 'notFound' })
	})
})

describe('the Party review', () => {
	it('is scoped to the reviewer’s town: another town’s reviewer can neither see nor decide', async () => {
		const l = await publishedListing('LAND')
		const id = await recorded(l.id)
		expect(await deal.getDealForReview(reviewerB, id)).toBeNull()
		expect((await deal.dealReviewQueue(reviewerB, NOW)).map((d) => d.id)).not.toContain(id)
		expect(await deal.reviewDeal(reviewerB, id, 'APPROVE', '越权审核', NOW)).toEqual({ ok: false, problem: 'notFound' })
		expect(await statusOf(id)).toBe('PENDING_REVIEW')
		expect((await deal.dealReviewQueue(reviewerA, NOW)).map((d) => d.id)).toContain(id)
		expect((await deal.getDealForReview(reviewerA, id))?.id).toBe(id)
		// Rejection ends it; a second decision is told it was already decided.
		expect(await deal.reviewDeal(reviewerA, id, 'REJECT', '价格明显偏低，不予通过。', NOW)).toEqual({ ok: true, status: 'REJECTED' })
		expect(await deal.reviewDeal(reviewerA, id, 'APPROVE', '再次审核', NOW)).toEqual({ ok: false, problem: 'alreadyDecided' })
		expect(await listingStatus(l.id)).toBe('PUBLISHED')
	})
})

describe('the full lifecycle', () => {
	it('record → approve → objection → upheld: the deal is rejected and the listing is on offer again', async () => {
		const l = await publishedListing('LAND')
		const id = await approved(l.id)
		const pub = await deal.getPublicDeal(id, objector.id, at(1))
		expect(pub).toMatchObject({ status: 'IN_NOTICE', daysLeft: 6, buyerMasked: '王*明', objectionOpen: true })
		expect(JSON.stringify(pub)).not.toContain('13800000000')
		expect(JSON.stringify(pub)).not.toContain('王建明')

		expect(await deal.raiseObjection(objector, id, '太短', at(1))).toEqual({ ok: false, problem: 'reason' })
		expect(await deal.raiseObjection(objector, id, '该地块存在承包权属争议，尚未解决。', at(1))).toEqual({ ok: true })
		expect(await deal.raiseObjection(objector, id, '再次提出同样的异议，理由同上。', at(1))).toEqual({ ok: false, problem: 'alreadyObjected' })
		expect(await statusOf(id)).toBe('OBJECTED')
		expect(await prisma.notification.count({ where: { userId: reviewerA.id, kind: 'deal-objected' } })).toBeGreaterThan(0)
		expect((await deal.dealReviewQueue(reviewerA, at(1))).find((d) => d.id === id)).toMatchObject({ status: 'OBJECTED', openObjections: 1 })
		// An objected deal is not promoted even when its notice has run out.
		expect(await deal.promoteEndedNotices(at(10))).toBe(0)
		expect(await deal.decideObjection(reviewerB, id, 'UPHOLD', '越权', at(2))).toEqual({ ok: false, problem: 'notFound' })

		expect(await deal.decideObjection(reviewerA, id, 'UPHOLD', '经核实确有权属争议，异议成立。', at(2))).toEqual({ ok: true, status: 'REJECTED' })
		expect(await statusOf(id)).toBe('REJECTED')
		expect(await listingStatus(l.id)).toBe('PUBLISHED')
		expect(await prisma.objection.findFirstOrThrow({ where: { dealId: id } })).toMatchObject({ status: 'UPHELD', resolvedAt: at(2) })
		expect(await prisma.review.count({ where: { dealId: id, kind: 'OBJECTION', decision: 'UPHOLD' } })).toBe(1)
		expect(await prisma.auditLog.count({ where: { entityType: 'OBJECTION', action: 'objection:uphold' } })).toBeGreaterThan(0)
		expect(await deal.getPublicDeal(id, null, at(2))).toBeNull()
		// The listing is free for a new deal.
		expect((await deal.getDealFormData(villageUser, l.id))?.activeDealId).toBeNull()
	})

	it('a dismissed objection lets the notice go on; an ended notice goes to certification', async () => {
		const l = await publishedListing('LAND')
		const id = await approved(l.id)
		await deal.raiseObjection(objector, id, '价格似乎偏低，请核实是否合理。', at(3))
		expect(await deal.decideObjection(reviewerA, id, 'DISMISS', '价格在合理区间内，异议不成立。', at(8))).toEqual({ ok: true, status: 'IN_NOTICE' })
		expect(await deal.raiseObjection(otherBuyer, id, '公示已经结束了但我还是要提异议。', at(8))).toEqual({ ok: false, problem: 'noticeClosed' })
		expect(await deal.promoteEndedNotices(at(8))).toBeGreaterThanOrEqual(1)
		expect(await statusOf(id)).toBe('AWAITING_CERTIFICATION')
		expect(await prisma.auditLog.count({ where: { entityType: 'DEAL', entityId: id, action: 'notice-ended', actorId: null } })).toBe(1)
		// The administrator may send it back to the Party review.
		expect(await deal.returnDeal(admin, id, '合同附件缺少签字页，请党组织复核。', at(9))).toEqual({ ok: true, status: 'PENDING_REVIEW' })
		expect(await deal.getPublicDeal(id, null, at(9))).toBeNull()
	})

	it('takes one objection per account and deal: after a dismissal the same account cannot object again', async () => {
		const l = await publishedListing('LAND')
		const id = await approved(l.id)
		expect(await deal.raiseObjection(objector, id, '价格似乎偏低，请核实是否合理。', at(1))).toEqual({ ok: true })
		expect(await deal.decideObjection(reviewerA, id, 'DISMISS', '价格在合理区间内，异议不成立。', at(2))).toEqual({ ok: true, status: 'IN_NOTICE' })
		expect(await deal.raiseObjection(objector, id, '我还是认为价格偏低，再提一次。', at(3))).toEqual({ ok: false, problem: 'alreadyObjected' })
		expect(await statusOf(id)).toBe('IN_NOTICE')
		// Someone else still may.
		expect(await deal.raiseObjection(otherBuyer, id, '该地块的边界与公示不一致。', at(3))).toEqual({ ok: true })
		expect(await statusOf(id)).toBe('OBJECTED')
	})

	it('record → approve → notice ends → promote → certify: listing traded, certificate issued, stats up by exactly the deal', async () => {
		const l = await publishedListing('COLLECTIVE_ASSET')
		const q = await inquiry(l.id)
		const r = await deal.recordDeal(
			villageUser,
			l.id,
			{ price: 30000, priceUnit: 'YUAN_PER_YEAR', termYears: 8, transferMode: 'LEASE', contractDate: terms.contractDate, buyer: { kind: 'inquiry', inquiryId: q.id } },
			PDF,
			NOW,
		)
		if (!r.ok) throw new Error(r.problem)
		const before = await stats.getStats()
		await deal.reviewDeal(reviewerA, r.id, 'APPROVE', '四议两公开程序完备，同意公示。', NOW, 7)
		expect(await deal.promoteEndedNotices(at(6))).toBe(0)
		expect(await deal.certifyDeal(admin, r.id, null, at(6))).toEqual({ ok: false, problem: 'alreadyDecided' })
		expect(await deal.promoteEndedNotices(at(7))).toBeGreaterThanOrEqual(1)
		expect((await deal.certificationQueue()).map((d) => d.id)).toContain(r.id)

		const year = Number(new Date(at(7).getTime() + 8 * 3600_000).toISOString().slice(0, 4))
		const result = await deal.certifyDeal(admin, r.id, null, at(7))
		if (!result.ok) throw new Error(result.problem)
		expect(result.certificateNo).toMatch(new RegExp(`^DLT-${year}-\\d{6}$`))
		expect(result.verifyCode).toMatch(/^[A-Z2-9]{10}$/)
		const row = await prisma.deal.findUniqueOrThrow({ where: { id: r.id } })
		expect(row).toMatchObject({ status: 'COMPLETED', certifiedAt: at(7), certificateNo: result.certificateNo, verifyCode: result.verifyCode })
		// Filed (备案) with the certificate, under the listing's town's number of the year.
		expect(row).toMatchObject({ filedAt: at(7), filedById: admin.id })
		expect(row.filingNo).toMatch(new RegExp(`^DLT-[A-Z0-9-]+-${year}-\\d{5}$`))
		expect(await listingStatus(l.id)).toBe('TRADED')
		expect((await prisma.democraticDecision.findUniqueOrThrow({ where: { listingId: l.id } })).resultPublicDate).toEqual(at(7))
		expect(await prisma.review.count({ where: { dealId: r.id, kind: 'CERTIFICATION', decision: 'CERTIFY' } })).toBe(1)
		expect(await prisma.notification.count({ where: { userId: buyer.id, kind: 'deal-completed' } })).toBeGreaterThan(0)

		const after = await stats.getStats()
		expect(after.tradedValueYuan - before.tradedValueYuan).toBeCloseTo(row.totalValueYuan, 2)
		expect(row.totalValueYuan).toBe(240000)
		expect(after.dealsCompleted - before.dealsCompleted).toBe(1)

		// The certificate: its parties only.
		for (const who of [admin, villageUser, buyer]) expect((await deal.getCertificate(who, result.certificateNo))?.id, who.role).toBe(r.id)
		for (const who of [otherBuyer, reviewerA]) expect(await deal.getCertificate(who, result.certificateNo)).toBeNull()
		// Anyone can verify it; nothing personal comes back.
		const v = await deal.verifyCertificate(result.verifyCode.toLowerCase())
		expect(v).toMatchObject({ certificateNo: result.certificateNo, buyerMasked: '王*明' })
		expect(JSON.stringify(v)).not.toContain('王建明')
		expect(await deal.verifyCertificate('ZZZZZZZZZZ')).toBeNull()
		// The next certificate of the year takes the next number.
		const l2 = await publishedListing('LAND')
		const id2 = await approved(l2.id)
		await deal.promoteEndedNotices(at(8))
		const second = await deal.certifyDeal(admin, id2, '公示期满无异议。', at(8))
		if (!second.ok) throw new Error(second.problem)
		expect(Number(second.certificateNo.slice(-6))).toBe(Number(result.certificateNo.slice(-6)) + 1)
	})

	it('two certifications of one deal at the same moment issue exactly one certificate', async () => {
		const l = await publishedListing('LAND')
		const id = await approved(l.id)
		await deal.promoteEndedNotices(at(7))
		// Two processes, as two servers on one database (on SQLite one process's single connection would run them in turn).
		const racers = await startRacers(2, process.env.DATABASE_URL!, ['models/deal.server.ts'])
		const call = { module: 'models/deal.server.ts', fn: 'certifyDeal', args: [admin, id, null, at(7)] }
		const { errors, results } = settle<Awaited<ReturnType<DealModel['certifyDeal']>>>(await race(racers, [call, call]).finally(() => racers.forEach((r) => r.stop())))
		expect(errors).toEqual([])
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, problem: 'alreadyDecided' }])
		expect(await prisma.review.count({ where: { dealId: id, kind: 'CERTIFICATION' } })).toBe(1)
		expect(await prisma.auditLog.count({ where: { entityType: 'DEAL', entityId: id, action: 'certify' } })).toBe(1)
		const issued = (results.find((r) => r.ok) as { certificateNo: string }).certificateNo
		expect((await prisma.deal.findUniqueOrThrow({ where: { id } })).certificateNo).toBe(issued)
	}, 60_000)
})
