// 备案 of a deal done outside the platform, against a real database (both engines): the village
// files it with its contract, the reviewer of another town cannot see it, its own town's reviewer
// returns it, the village corrects and resubmits it, the reviewer files it; it then counts as a
// completed deal (tallies) and shows in the ledger as FILED. A withdrawn one counts nowhere.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildVillages, Rng, TOWNS } from '../prisma/seed-data.ts'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Filing = typeof import('~/models/filing.server.ts')

let dir: string
let prisma: Db['prisma']
let f: Filing
const AT = new Date('2026-11-30T02:00:00Z')
const PDF = new TextEncoder().encode('%PDF-1.4 signed contract')
let village: { id: string; villageId: string }
let reviewer: { id: string; townId: string }
let otherReviewer: { id: string; townId: string }

const cells = { subject: '耕地', title: '新胜村三社线下流转地', area: 40, areaUnit: '亩', transferMode: '出租', transferee: '张三', price: 500, priceUnit: '元/亩·年', termYears: 3, startsOn: '2025-03-01', endsOn: '2028-02-28', contractDate: '2025-02-20', contractCode: 'XS-2025-01' }

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'filing-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	f = await import('~/models/filing.server.ts')
	await prisma.town.createMany({ data: TOWNS.map((t) => ({ id: t.id, code: t.code, name: t.name, nameEn: t.nameEn, kind: t.kind, lat: t.lat, lng: t.lng })) })
	const villages = buildVillages(new Rng(1))
	await prisma.village.createMany({ data: villages.map((v) => ({ id: v.id, code: v.code, name: v.name, nameEn: v.nameEn, townId: v.townId, lat: v.lat, lng: v.lng })) })
	const v = villages.find((x) => x.code === 'xinsheng')!
	const other = TOWNS.find((t) => t.code === 'zhandanzhao')!
	village = { id: (await prisma.user.create({ data: { name: '新胜村', email: 'v@test.local', role: 'VILLAGE', villageId: v.id }, select: { id: true } })).id, villageId: v.id }
	reviewer = { id: (await prisma.user.create({ data: { name: '审核人', email: 'r@test.local', role: 'REVIEWER', townId: v.townId }, select: { id: true } })).id, townId: v.townId }
	otherReviewer = { id: (await prisma.user.create({ data: { name: '别镇审核人', email: 'r2@test.local', role: 'REVIEWER', townId: other.id }, select: { id: true } })).id, townId: other.id }
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

function checked(overrides: Record<string, string | number> = {}) {
	const r = f.checkFiling({ ...cells, ...overrides }, '2026-11-30')
	if (!r.ok) throw new Error(JSON.stringify(r.errors))
	return r.value
}
const completed = async () => (await prisma.dealTally.findMany({ where: { status: 'COMPLETED' }, select: { count: true } })).reduce((s, t) => s + t.count, 0)

describe('filing an outside deal', { timeout: 60_000 }, () => {
	it('is refused without a contract, and checks the fields as a ledger row', async () => {
		expect(await f.createFiling(village, checked(), null, AT)).toEqual({ ok: false, problem: 'contractMissing' })
		const bad = f.checkFiling({ ...cells, endsOn: '2024-01-01' }, '2026-11-30')
		expect(bad.ok ? [] : bad.errors.map((e) => e.column)).toEqual(['endsOn'])
		expect(await prisma.deal.count()).toBe(0)
	})

	it('goes submitted → returned → resubmitted → filed, scoped and notified', async () => {
		const created = await f.createFiling(village, checked(), PDF, AT)
		expect(created.ok).toBe(true)
		if (!created.ok) return
		const id = created.id
		expect((await f.filingQueue(reviewer)).map((d) => d.id)).toEqual([id])
		expect(await f.filingQueue(otherReviewer)).toEqual([])
		expect(await f.decideFiling(otherReviewer, id, 'FILE', '好', AT)).toEqual({ ok: false, problem: 'notFound' })
		// Not in the platform's own queues.
		const { dealReviewQueue } = await import('~/models/deal.server.ts')
		expect(await dealReviewQueue(reviewer, AT)).toEqual([])

		expect(await f.decideFiling(reviewer, id, 'RETURN', '请补充原承包合同编码', AT)).toEqual({ ok: true, state: 'RETURNED' })
		expect(await f.filingQueue(reviewer)).toEqual([])
		expect((await f.villageFiling(village, id))?.state).toBe('RETURNED')
		expect(await f.decideFiling(reviewer, id, 'FILE', '好', AT)).toEqual({ ok: false, problem: 'alreadyDecided' })

		expect(await f.resubmitFiling(village, id, checked({ contractingContractCode: 'CB-2020-88' }), null, new Date(AT.getTime() + 60_000))).toEqual({ ok: true, id })
		expect((await f.villageFiling(village, id))?.state).toBe('SUBMITTED')
		const before = await completed()
		expect(await f.decideFiling(reviewer, id, 'FILE', '材料齐全，予以备案', new Date(AT.getTime() + 120_000))).toEqual({ ok: true, state: 'FILED' })
		expect(await completed()).toBe(before + 1)
		const deal = await prisma.deal.findUniqueOrThrow({ where: { id }, select: { status: true, origin: true, filedById: true, contractingContractCode: true, certificateNo: true, listing: { select: { status: true, origin: true } } } })
		expect(deal).toEqual({ status: 'COMPLETED', origin: 'FILED', filedById: reviewer.id, contractingContractCode: 'CB-2020-88', certificateNo: null, listing: { status: 'TRADED', origin: 'OFFLINE' } })

		const { listLedger, parseLedgerQuery } = await import('~/models/ledger.server.ts')
		const ledger = await listLedger(parseLedgerQuery(new URLSearchParams('')).query, { paged: true, withBuyer: true })
		expect(ledger.rows.map((r) => [r.id, r.origin])).toEqual([[id, 'FILED']])

		const audit = await prisma.auditLog.findMany({ where: { entityId: id }, orderBy: { seq: 'asc' }, select: { action: true } })
		expect(audit.map((a) => a.action)).toEqual(['filing:submit', 'filing:return', 'filing:resubmit', 'filing:file'])
		const kinds = await prisma.notification.findMany({ orderBy: { createdAt: 'asc' }, select: { kind: true, userId: true } })
		expect(kinds).toEqual(
			expect.arrayContaining([
				{ kind: 'filing-submitted', userId: reviewer.id },
				{ kind: 'filing-returned', userId: village.id },
				{ kind: 'filing-filed', userId: village.id },
			]),
		)
	})

	it('a withdrawn filing counts nowhere', async () => {
		const created = await f.createFiling(village, checked({ contractCode: 'XS-2025-02' }), PDF, AT)
		if (!created.ok) throw new Error(created.problem)
		expect(await f.withdrawFiling(village, created.id)).toEqual({ ok: false, problem: 'notReturned' })
		await f.decideFiling(reviewer, created.id, 'RETURN', '不属于本镇', AT)
		const before = await completed()
		expect(await f.withdrawFiling(village, created.id)).toEqual({ ok: true, id: created.id })
		expect((await f.villageFiling(village, created.id))?.state).toBe('WITHDRAWN')
		expect(await completed()).toBe(before)
	})

	it('the form (conform + zod) answers bad input with 400 and the message next to its field, writing nothing; good input files it', async () => {
		const { submitFiling } = await import('../app/routes/village.filings_.new.server.ts')
		const form = (overrides: Record<string, string>, contract = true) => {
			const fd = new FormData()
			for (const [k, v] of Object.entries({ ...cells, ...overrides })) fd.set(k, String(v))
			if (contract) fd.set('contract', new File([PDF], 'contract.pdf', { type: 'application/pdf' }))
			return fd
		}
		const user = { ...village, townId: null }
		const deals = await prisma.deal.count()
		type Answer = { data: { result: { status: string; error: Record<string, string[]> } }; init: { status: number } }
		const bad = (await submitFiling(user, form({ endsOn: '2024-01-01', area: 'abc' }))) as unknown as Answer
		expect(bad.init.status).toBe(400)
		expect(bad.data.result.status).toBe('error')
		expect(bad.data.result.error).toMatchObject({ endsOn: ['preview.problems.endBeforeStart'], area: ['preview.problems.notNumber'] })
		const noContract = (await submitFiling(user, form({}, false))) as unknown as Answer
		expect(noContract.init.status).toBe(400)
		expect(noContract.data.result.error).toMatchObject({ contract: ['contractMissing'] })
		expect(await prisma.deal.count()).toBe(deals)
		const done = (await submitFiling(user, form({ title: '表单备案地', contractCode: 'XS-FORM-1' }))) as Response
		expect(done.status).toBe(302)
		expect(done.headers.get('Location')).toMatch(/^\/village\/filings\?created=/)
		const filed = await prisma.deal.findFirstOrThrow({ where: { contractCode: 'XS-FORM-1' }, select: { status: true, origin: true } })
		expect(filed).toMatchObject({ status: 'PENDING_REVIEW', origin: 'FILED' })
	})
})
