// The Excel 台账 import against a real database (both engines): preview → confirm the names →
// commit → a re-import adds nothing; the rows count in /stats and the ledger (through the tally
// triggers); a cancelled import leaves nothing; formulas and an over-cap sheet are refused.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildVillages, Rng, TOWNS } from '../prisma/seed-data.ts'
import ExcelJS from 'exceljs'
import { formulaLedger, overCapLedger, SAMPLE_BAD_ROW, sampleLedger } from '../scripts/fixtures/ledger-data.ts'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Import = typeof import('~/models/ledger-import/ledger-import.server.ts')

let dir: string
let prisma: Db['prisma']
let m: Import
let adminId: string
const AT = new Date('2026-11-30T02:00:00Z')
const SAMPLE = fs.readFileSync(path.join(__dirname, 'fixtures/imports/ledger-sample.xlsx'))

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-import-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	m = await import('~/models/ledger-import/ledger-import.server.ts')
	await prisma.town.createMany({ data: TOWNS.map((t) => ({ id: t.id, code: t.code, name: t.name, nameEn: t.nameEn, kind: t.kind, lat: t.lat, lng: t.lng })) })
	await prisma.village.createMany({ data: buildVillages(new Rng(1)).map((v) => ({ id: v.id, code: v.code, name: v.name, nameEn: v.nameEn, townId: v.townId, lat: v.lat, lng: v.lng })) })
	adminId = (await prisma.user.create({ data: { name: '管理员', email: 'admin@test.local', role: 'ADMIN' }, select: { id: true } })).id
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function preview(bytes: Uint8Array, fileName = 'ledger.xlsx') {
	const result = await m.previewLedger({ fileName, bytes, adminId, at: AT })
	if (!result.ok) throw new Error(result.problem)
	const id = result.id
	const row = await prisma.dataImport.findUniqueOrThrow({ where: { id }, select: { status: true, total: true, valid: true, invalid: true, report: true, mapping: true, stagedFile: true } })
	return { id, row, report: m.readReport(row)!, mapping: m.readMapping(row) }
}

async function confirmAll(id: string, report: Awaited<ReturnType<typeof preview>>['report']) {
	const picks = Object.fromEntries(report.places.map((p) => [p.key, 'villageId' in p.match ? p.match.villageId : p.match.candidates[0]]))
	return m.confirmPlaces(id, picks)
}

async function counts() {
	const [deals, listings, tally] = await Promise.all([
		prisma.deal.count({ where: { origin: 'LEDGER_IMPORT' } }),
		prisma.listing.count({ where: { origin: 'OFFLINE' } }),
		prisma.dealTally.findMany({ where: { status: 'COMPLETED' }, select: { count: true } }),
	])
	return { deals, listings, tallied: tally.reduce((s, t) => s + t.count, 0) }
}

// Generous: PostgreSQL's serializable transactions on a shared 2-core machine take seconds.
describe('ledger import', { timeout: 60_000 }, () => {
	it('cancelling a preview leaves nothing', async () => {
		const { id, row } = await preview(SAMPLE)
		expect(row.status).toBe('PREVIEW')
		const { cancelImport } = await import('~/models/data-import.server.ts')
		expect(await cancelImport(id, adminId)).toBe('cancelled')
		expect(await m.commitLedger(id, { id: adminId }, AT)).toEqual({ ok: false, problem: 'notOpen' })
		expect(await counts()).toEqual({ deals: 0, listings: 0, tallied: 0 })
	})

	it('previews the sample: the bad row with its number, the name matches', async () => {
		const { row, report, mapping } = await preview(SAMPLE)
		expect(row).toMatchObject({ total: 13, valid: 12, invalid: 1 })
		expect(new Set(report.errors.map((e) => e.row))).toEqual(new Set([SAMPLE_BAD_ROW]))
		expect(report.errors.map((e) => `${e.column}:${e.problem}`).sort()).toEqual(['area:notNumber', 'endsOn:endBeforeStart'])
		const byVillage = Object.fromEntries(report.places.map((p) => [p.village, p.match.kind]))
		expect(byVillage).toMatchObject({ 新胜村: 'exact', 黄河湾: 'normalised', 西滩: 'normalised', 阿什泉嘎查村: 'normalised', 赛乌素村: 'normalised' })
		// Only the exact matches are taken without the administrator's word.
		expect(Object.keys(mapping).length).toBe(report.places.filter((p) => p.match.kind === 'exact').length)
		expect(report.existing).toBe(0)
		// Row 7 names two parcel codes the platform does not hold (no parcels imported yet): a warning, not an error.
		expect(report.parcelWarnings).toEqual([{ row: 7, codes: ['1506211032010100001', '1506211032010100002'] }])
		expect(report.parcelWarningCount).toBe(1)
	})

	it('refuses to commit before the names are confirmed, then commits once', async () => {
		const { id, report } = await preview(SAMPLE)
		expect(await m.commitLedger(id, { id: adminId }, AT)).toEqual({ ok: false, problem: 'unconfirmed' })
		expect(await m.confirmPlaces(id, { [report.places[0].key]: 'no-such-village' })).toEqual({ ok: false, problem: 'badVillage' })
		expect((await confirmAll(id, report)).ok).toBe(true)
		const statsBefore = await statsTotals()
		expect(await m.commitLedger(id, { id: adminId }, AT)).toEqual({ ok: true, inserted: 12, unchanged: 0 })
		expect(await m.commitLedger(id, { id: adminId }, AT)).toEqual({ ok: false, problem: 'notOpen' })
		expect(await counts()).toEqual({ deals: 12, listings: 12, tallied: 12 })

		const deal = await prisma.deal.findFirstOrThrow({
			where: { contractCode: 'DLT-LZ-2021-0004' },
			select: { status: true, origin: true, totalValueYuan: true, filedById: true, filedAt: true, certificateNo: true, externalKey: true, listing: { select: { status: true, origin: true, publishedAt: true, village: { select: { name: true } } } } },
		})
		expect(deal).toMatchObject({ status: 'COMPLETED', origin: 'LEDGER_IMPORT', totalValueYuan: 525000, filedById: adminId, certificateNo: null, externalKey: 'LZHT:DLT-LZ-2021-0004' })
		expect(deal.listing).toMatchObject({ status: 'TRADED', origin: 'OFFLINE', publishedAt: null, village: { name: '黄河湾村' } })
		// Computed as the platform does when the ledger gives no 合同金额: 550 元/亩·年 × 120.5 亩 × 5 年.
		expect((await prisma.deal.findFirstOrThrow({ where: { contractCode: 'DLT-LZ-2023-0001' }, select: { totalValueYuan: true } })).totalValueYuan).toBe(331375)

		const statsAfter = await statsTotals()
		expect(statsAfter.dealsCompleted - statsBefore.dealsCompleted).toBe(12)
		expect(statsAfter.tradedValueYuan).toBeGreaterThan(statsBefore.tradedValueYuan)
		const { listLedger, parseLedgerQuery } = await import('~/models/ledger.server.ts')
		const ledger = await listLedger(parseLedgerQuery(new URLSearchParams('status=completed')).query, { paged: false, withBuyer: true })
		expect(ledger.total).toBe(12)
		expect(ledger.rows.every((r) => r.origin === 'LEDGER_IMPORT')).toBe(true)
		expect(ledger.rows.find((r) => r.listing.title === '五股地村旱地')?.buyerMasked).toBe('刘*')

		const audit = await prisma.auditLog.findMany({ where: { entityId: id }, select: { action: true, params: true } })
		expect(audit).toEqual([{ action: 'import:commit', params: JSON.stringify({ kind: 'LEDGER', inserted: 12, unchanged: 0, invalid: 1 }) }])
	})

	it('exports every completed deal in the LZHT columns, in their documented order', async () => {
		const { LZHT_COLUMNS, lzhtRecords } = await import('~/models/lzht-export.server.ts')
		expect(LZHT_COLUMNS.map((c) => c.header)).toEqual(['原承包合同编码', '流转合同编码', '承包方编码', '受让方编码', '流转方式', '流转期限', '流转开始日期', '流转结束日期', '流转面积（亩）', '流转地块数', '流转前用途', '流转后用途', '流转费用说明', '合同签订日期'])
		const records = await lzhtRecords()
		expect(records).toHaveLength(12)
		const first = records.find((r) => r[1] === 'DLT-LZ-2023-0001')
		expect(first).toEqual(['150621101201010001J', 'DLT-LZ-2023-0001', '150621101201010001', '91150621MA0N1234X1', '出租', 5, '2023-03-01', '2028-02-29', 120.5, 1, '种植业', '种植业', '每年 3 月 1 日前支付当年租金', '2023-02-20'])
		// A farmhouse in 平方米: its area in mu, no contracted parcel.
		const house = records.find((r) => r[9] === 0)
		expect(house?.[8]).toBe(0.39)
	})

	it('a re-import of the same file adds nothing', async () => {
		const { id, report, row } = await preview(SAMPLE, 'again.xlsx')
		expect(report.existing).toBe(12)
		expect(row.valid).toBe(12)
		await confirmAll(id, report)
		expect(await m.commitLedger(id, { id: adminId }, AT)).toEqual({ ok: true, inserted: 0, unchanged: 12 })
		expect(await counts()).toEqual({ deals: 12, listings: 12, tallied: 12 })
	})

	it('warns only of the codes still unknown, and commits in the background as the page starts it', async () => {
		const village = await prisma.village.findFirstOrThrow({ where: { name: '丰收村' }, select: { id: true, townId: true } })
		const geometry = JSON.stringify({ type: 'Polygon', coordinates: [[[109.9, 40.3], [109.901, 40.3], [109.901, 40.301], [109.9, 40.3]]] })
		await prisma.parcel.create({
			data: { code: '1506211032010100001', townId: village.townId, villageId: village.id, employerCode: '15062110320101', surveyedAreaM2: 1000, surveyedAreaMu: 1.5, computedAreaM2: 1000, geometry, minLng: 109.9, minLat: 40.3, maxLng: 109.901, maxLat: 40.301 },
		})
		const { id, report } = await preview(SAMPLE, 'known.xlsx')
		expect(report.parcelWarnings).toEqual([{ row: 7, codes: ['1506211032010100002'] }])
		await confirmAll(id, report)
		expect(await m.startLedgerCommit(id, { id: adminId }, AT)).toEqual({ ok: true })
		// It returned at once; the commit runs on and ends COMMITTED, its lease given up.
		const end = Date.now() + 30_000
		let status = ''
		while (status !== 'COMMITTED' && Date.now() < end) {
			status = (await prisma.dataImport.findUniqueOrThrow({ where: { id }, select: { status: true } })).status
			await new Promise((r) => setTimeout(r, 20))
		}
		expect(await prisma.dataImport.findUniqueOrThrow({ where: { id }, select: { status: true, inserted: true, unchanged: true, stagedFile: true } })).toEqual({ status: 'COMMITTED', inserted: 0, unchanged: 12, stagedFile: null })
		expect(await prisma.lease.count({ where: { name: `import:${id}` } })).toBe(0)
		expect(await m.startLedgerCommit(id, { id: adminId }, AT)).toEqual({ ok: false, problem: 'notOpen' })
	})

	it('refuses formula cells with their row and column, cached value or not', async () => {
		const { report, row } = await preview(await formulaLedger())
		expect(report.errors.filter((e) => e.problem === 'formula')).toEqual([
			{ row: 2, column: 'totalYuan', problem: 'formula' },
			{ row: 3, column: 'totalYuan', problem: 'formula' },
		])
		expect(row.valid).toBe(1)
	})

	it('refuses a sheet over the row cap, reading no further', async () => {
		const imports = await prisma.dataImport.count()
		expect(await m.previewLedger({ fileName: 'big.xlsx', bytes: await overCapLedger(), adminId, at: AT })).toEqual({ ok: false, problem: 'tooManyRows', missing: [] })
		// Refused: neither the import nor its staged file remains.
		expect(await prisma.dataImport.count()).toBe(imports)
		expect(fs.readdirSync(path.join(dir, 'uploads/private/imports')).filter((f) => !f.startsWith('.')).sort()).toEqual(await stagedFiles())
	}, 60_000)

	it('refuses a file that is not a workbook', async () => {
		expect(await m.previewLedger({ fileName: 'ledger.csv', bytes: new TextEncoder().encode('序号,苏木镇\n1,树林召镇\n'), adminId, at: AT })).toMatchObject({ ok: false, problem: 'notXlsx' })
		const headerless = await sampleLedger([]).xlsx.writeBuffer()
		const wb = new ExcelJS.Workbook()
		await wb.xlsx.load(headerless)
		wb.worksheets[0].getCell('B1').value = '乡镇'
		const result = await m.previewLedger({ fileName: 'x.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()), adminId, at: AT })
		expect(result).toEqual({ ok: false, problem: 'noHeader', missing: ['苏木镇'] })
	})
})

/** The staged files of the imports still open (PREVIEW). */
async function stagedFiles() {
	const rows = await prisma.dataImport.findMany({ where: { stagedFile: { not: null } }, select: { stagedFile: true } })
	return rows.map((r) => r.stagedFile!).sort()
}

async function statsTotals() {
	const { getStats } = await import('~/models/stats.server.ts')
	return getStats()
}
