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

describe('the register of filed contracts', { timeout: 60_000 }, () => {
	const fileOne = async (code: string, at: Date) => {
		const created = await f.createFiling(village, checked({ contractCode: code, transferee: `受让方${code}` }), PDF, at)
		if (!created.ok) throw new Error(created.problem)
		expect(await f.decideFiling(reviewer, created.id, 'FILE', '予以备案', at)).toEqual({ ok: true, state: 'FILED' })
		return (await prisma.deal.findUniqueOrThrow({ where: { id: created.id }, select: { filingNo: true } })).filingNo
	}

	it('numbers filings per town and year, in order, from 1', async () => {
		const town = TOWNS.find((t) => t.id === reviewer.townId)!.code.toUpperCase()
		// The first test's filing was the town's first of 2026.
		expect(await fileOne('XS-2025-03', AT)).toBe(`DLT-${town}-2026-00002`)
		expect(await fileOne('XS-2025-04', AT)).toBe(`DLT-${town}-2026-00003`)
		// A new year in China (1 January 00:30 Beijing time is still 31 December in UTC) starts again at 1.
		expect(await fileOne('XS-2026-01', new Date('2026-12-31T16:30:00Z'))).toBe(`DLT-${town}-2027-00001`)
	})

	it("is the reviewer's town's, filtered by year, origin and words; the administrator's is every town's", async () => {
		const r = await import('~/models/filing-register.server.ts')
		const q = (s: string) => r.parseRegisterQuery(new URLSearchParams(s))
		const all = await r.registerPage(reviewer.townId, q(''))
		expect(all.total).toBe(4)
		// Newest filing first; the withdrawn one is not on file.
		expect(all.rows[0].filingNo).toMatch(/-2027-00001$/)
		expect(all.rows.every((row) => row.origin === 'FILED')).toBe(true)
		expect((await r.registerPage(reviewer.townId, q('year=2026'))).total).toBe(3)
		expect((await r.registerPage(reviewer.townId, q('year=2027'))).total).toBe(1)
		expect((await r.registerPage(reviewer.townId, q('origin=PLATFORM'))).total).toBe(0)
		expect((await r.registerPage(reviewer.townId, q('origin=OUTSIDE'))).total).toBe(4)
		const byName = await r.registerPage(reviewer.townId, q('q=受让方XS-2025-04'))
		expect(byName.rows.map((row) => row.contractCode)).toEqual(['XS-2025-04'])
		expect((await r.registerPage(otherReviewer.townId, q(''))).total).toBe(0)
		expect((await r.registerPage(null, q(''))).total).toBe(4)
		expect((await r.registerPage(null, q('town=zhandanzhao'))).total).toBe(0)
		expect(await r.registerYears(reviewer.townId)).toEqual([2027, 2026])
		// Values that cannot be read are left out, not errors.
		expect(q('year=abc&origin=x&type=y&page=-1&town=DROP')).toEqual({ town: null, year: null, type: null, origin: null, q: null, page: 1 })
	})

	it('exports the filters as an Excel sheet headed in the reader’s language', async () => {
		const r = await import('~/models/filing-register.server.ts')
		const ExcelJS = (await import('exceljs')).default
		// The keys stand in for the words (a sheet name may not hold the namespace's colon).
		const t = (key: string) => key.slice(key.indexOf(':') + 1)
		const res = await r.registerWorkbook(new URL('http://x/review/register.xlsx?year=2026'), reviewer.townId, t, AT)
		expect(res.headers.get('Content-Type')).toContain('spreadsheetml')
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(await res.arrayBuffer())
		const sheet = workbook.worksheets[0]
		expect(sheet.getRow(1).getCell(1).value).toBe('register.columns.filingNo')
		expect(sheet.rowCount).toBe(4)
		expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/-2026-0000[123]$/)
	})
})
