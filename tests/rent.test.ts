// Rent of a certified lease (issue 12) against a real migrated database: the schedule written at
// certification; a payment recorded once even when two clicks race; refused amounts and dates
// write nothing; the sweep flags overdue rent to the village and the town once; the early-warning
// list shows it in the town only, until it is paid.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

let dir: string
let prisma: typeof import('~/utils/db.server.ts')['prisma']
let deals: typeof import('~/models/deal.server.ts')
let rent: typeof import('~/models/rent.server.ts')
let warnings: typeof import('~/models/warnings.server.ts')
let townId: string
let otherTownId: string
let village: { id: string; role: string; villageId: string | null; townId: string | null }
let reviewer: { id: string }
let admin: { id: string; role: string; townId: string | null; villageId: string | null }

// Contract signed 1 Mar 2026; certified 20 Mar 2026.
const CONTRACT = new Date('2026-02-28T16:00:00Z')
const CERTIFIED = new Date('2026-03-20T02:00:00Z')

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rent-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	deals = await import('~/models/deal.server.ts')
	rent = await import('~/models/rent.server.ts')
	warnings = await import('~/models/warnings.server.ts')
	townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	otherTownId = (await prisma.town.create({ data: { code: 'tb', name: '王爱召镇', nameEn: 'Wangaizhao', lat: 40.3, lng: 110 } })).id
	const villageId = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId, lat: 40.41, lng: 110.01 } })).id
	village = await prisma.user.create({ data: { name: '新胜村村委会', role: 'VILLAGE', villageId }, select: { id: true, role: true, villageId: true, townId: true } })
	reviewer = await prisma.user.create({ data: { name: '审核人', role: 'REVIEWER', townId }, select: { id: true } })
	admin = await prisma.user.create({ data: { name: '管理员', role: 'ADMIN' }, select: { id: true, role: true, townId: true, villageId: true } })
	const buyer = await prisma.user.create({ data: { name: '张三', role: 'BUYER' }, select: { id: true } })
	const listing = await prisma.listing.create({
		data: { type: 'LAND', status: 'PUBLISHED', title: '测试耕地', description: '水浇地。', townId, villageId, lat: 40.405, lng: 110.005, area: 100, areaUnit: 'mu', landClass: 'CROPLAND', price: 400, priceUnit: 'YUAN_PER_MU_YEAR', priceYuan: 40000, transferMode: 'LEASE', termYears: 3, publishedAt: CONTRACT },
		select: { id: true },
	})
	const deal = await prisma.deal.create({
		data: { listingId: listing.id, buyerId: buyer.id, price: 400, priceUnit: 'YUAN_PER_MU_YEAR', totalValueYuan: 120000, area: 100, areaUnit: 'mu', termYears: 3, transferMode: 'LEASE', tradingMode: 'NEGOTIATED', contractDate: CONTRACT, contractFile: 'c.pdf', status: 'AWAITING_CERTIFICATION' },
		select: { id: true },
	})
	const certified = await deals.certifyDeal(admin, deal.id, null, CERTIFIED)
	expect(certified.ok).toBe(true)
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const payments = () => prisma.rentPayment.findMany({ orderBy: { seq: 'asc' }, select: { id: true, seq: true, dueDate: true, amount: true, paidAmount: true, paidAt: true, recordedById: true } })

describe('rent', () => {
	it('certification writes the yearly schedule from the contract date', async () => {
		const rows = await payments()
		expect(rows.map((p) => [p.seq, p.dueDate.toISOString(), p.amount])).toEqual([
			[1, '2026-02-28T16:00:00.000Z', 40000],
			[2, '2027-02-28T16:00:00.000Z', 40000],
			[3, '2028-02-29T16:00:00.000Z', 40000],
		])
		expect(await prisma.auditLog.count({ where: { action: 'rent-scheduled' } })).toBe(1)
	})

	it('flags overdue rent to the village and the town once, and shows it on the town’s early warnings only', async () => {
		const at = new Date('2027-03-05T02:00:00Z')
		await rent.sweepRent(at)
		await rent.sweepRent(at)
		expect(await prisma.notification.count({ where: { kind: 'rent-overdue', userId: village.id } })).toBe(2)
		expect(await prisma.notification.count({ where: { kind: 'rent-overdue', userId: reviewer.id } })).toBe(2)
		const list = await warnings.earlyWarnings(townId, at)
		expect(list.filter((w) => w.kind === 'rentOverdue').map((w) => w.params.seq)).toEqual([1, 2])
		expect(await warnings.earlyWarnings(otherTownId, at)).toEqual([])
	})

	it('refuses absurd amounts and dates, writing nothing', async () => {
		const [first] = await payments()
		const today = new Date('2026-03-25T02:00:00Z')
		expect(await rent.markRentPaid(village, first.id, -5, '2026-03-10', today)).toEqual({ ok: false, problem: 'amount' })
		expect(await rent.markRentPaid(village, first.id, 40000 * 11, '2026-03-10', today)).toEqual({ ok: false, problem: 'amount' })
		expect(await rent.markRentPaid(village, first.id, 40000, '2026-02-01', today)).toEqual({ ok: false, problem: 'date' })
		expect(await rent.markRentPaid(village, first.id, 40000, '2026-04-01', today)).toEqual({ ok: false, problem: 'date' })
		expect(await rent.markRentPaid(village, first.id, 40000, '2026-02-30', today)).toEqual({ ok: false, problem: 'date' })
		expect(await rent.markRentPaid({ id: village.id, villageId: 'someone-else' }, first.id, 40000, '2026-03-10', today)).toEqual({ ok: false, problem: 'notFound' })
		expect((await payments())[0].paidAt).toBeNull()
	})

	it('two "mark paid" clicks at once record one payment, and it leaves the warnings', async () => {
		const [first] = await payments()
		const today = new Date('2027-03-05T02:00:00Z')
		const results = await Promise.all([rent.markRentPaid(village, first.id, 40000, '2026-03-10', today), rent.markRentPaid(village, first.id, 40000, '2026-03-10', today)])
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		expect(results.find((r) => !r.ok)).toEqual({ ok: false, problem: 'alreadyPaid' })
		expect(await prisma.auditLog.count({ where: { action: 'rent-paid' } })).toBe(1)
		expect((await payments())[0]).toMatchObject({ paidAmount: 40000, paidAt: new Date('2026-03-09T16:00:00Z'), recordedById: village.id })
		expect((await warnings.earlyWarnings(townId, today)).filter((w) => w.kind === 'rentOverdue').map((w) => w.params.seq)).toEqual([2])
	})
})

describe('reminders and the other early warnings', () => {
	it('reminds the village, not the town, once, within RENT_REMINDER_DAYS of an unpaid due date', async () => {
		// The third payment falls due on 1 March 2028 (China); 19 days before, and 31 days before.
		const early = new Date('2028-01-30T02:00:00Z')
		const before = await prisma.notification.count({ where: { kind: 'rent-due-soon' } })
		await rent.sweepRent(early, 30)
		expect(await prisma.notification.count({ where: { kind: 'rent-due-soon' } })).toBe(before)
		const at = new Date('2028-02-11T02:00:00Z')
		await rent.sweepRent(at, 30)
		await rent.sweepRent(at, 30)
		const sent = await prisma.notification.findMany({ where: { kind: 'rent-due-soon' }, select: { userId: true, params: true } })
		expect(sent.map((n) => n.userId)).toEqual([village.id])
		expect(JSON.parse(sent[0].params!)).toMatchObject({ due: '2028-03-01' })
	})

	it('lists a contract in its last 90 days, and not before', async () => {
		// Signed 1 March 2026 for 3 years: it ends on 1 March 2029.
		const ending = (at: Date) => warnings.earlyWarnings(townId, at).then((list) => list.filter((w) => w.kind === 'contractEnding'))
		expect(await ending(new Date('2028-11-20T02:00:00Z'))).toEqual([])
		const list = await ending(new Date('2029-01-15T02:00:00Z'))
		expect(list).toHaveLength(1)
		expect(list[0].date).toEqual(new Date('2029-02-28T16:00:00Z'))
		expect(await warnings.earlyWarnings(otherTownId, new Date('2029-01-15T02:00:00Z'))).toEqual([])
	})

	it('lists a submission waiting over 7 days, a deal waiting for review over 7 days and a notice past its end', async () => {
		const at = new Date('2026-06-20T02:00:00Z')
		const days = (n: number) => new Date(at.getTime() - n * 86_400_000)
		const villageId = village.villageId!
		const listing = (title: string, status: string, submittedAt: Date) =>
			prisma.listing.create({
				data: { type: 'LAND', status, title, description: '。', townId, villageId, lat: 40.405, lng: 110.005, area: 10, areaUnit: 'mu', price: 300, priceUnit: 'YUAN_PER_MU_YEAR', priceYuan: 3000, transferMode: 'LEASE', submittedAt },
				select: { id: true },
			})
		const waiting = await listing('等了八天', 'SUBMITTED', days(8))
		await listing('等了三天', 'SUBMITTED', days(3))
		const dealOn = async (title: string, status: string, extra: Record<string, Date>) => {
			const l = await listing(title, 'PUBLISHED', days(30))
			return prisma.deal.create({
				data: { listingId: l.id, outsideBuyerName: '李四', price: 300, priceUnit: 'YUAN_PER_MU_YEAR', totalValueYuan: 3000, area: 10, areaUnit: 'mu', termYears: 1, transferMode: 'LEASE', tradingMode: 'NEGOTIATED', status, townId, ...extra },
				select: { id: true },
			})
		}
		const pending = await dealOn('审核等了九天', 'PENDING_REVIEW', { createdAt: days(9) })
		const notice = await dealOn('公示已过', 'IN_NOTICE', { createdAt: days(20), noticeEndsAt: days(1) })
		await dealOn('公示未完', 'IN_NOTICE', { createdAt: days(5), noticeEndsAt: new Date(at.getTime() + 86_400_000) })
		const list = await warnings.earlyWarnings(townId, at)
		const of = (kind: string) => list.filter((w) => w.kind === kind).map((w) => w.key)
		expect(of('listingStuck')).toEqual([waiting.id])
		expect(of('dealStuck')).toEqual([pending.id])
		expect(of('noticeOverrun')).toEqual([notice.id])
		expect(list.find((w) => w.kind === 'listingStuck')?.params).toEqual({ days: 8 })
		expect(await warnings.earlyWarnings(otherTownId, at)).toEqual([])
	})
})
