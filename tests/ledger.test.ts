// The public ledger (/ledger, /ledger.csv, /ledger.xlsx, /api/ledger) against the seeded demo plus
// a few deals in the other states: only deals from their public notice on appear, the filters
// narrow the list, and no buyer's name, ID number, e-mail or phone ever leaves unmasked.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { LEDGER_STATUSES, maskName } from '~/domain/deal.ts'
import { createTestDatabase } from './helpers/database.ts'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'))
process.env.UPLOAD_DIR = path.join(tmp, 'uploads')

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>
let prisma: (typeof import('~/utils/db.server.ts'))['prisma']
let ledger: typeof import('~/models/ledger.server.ts')
let routes: { api: Loader; csv: Loader; xlsx: Loader; page: Loader }

const ORIGIN = 'http://ledger.test'
const DAY = 86_400_000
/** People and contacts that must never appear in public output. */
const OUTSIDER = { name: '欧阳娜仁花', id: '150621198803154417' }
const REJECTED_OUTSIDER = { name: '呼和巴特尔', id: '15062119791101003X' }
const PHONE_BUYER = { name: '孟庆丰', email: 'meng.qingfeng@example.test', phone: '13904771234' }
const TRICKY_TITLE = '=HYPERLINK("http://evil.test"),"演示"地块'

const ids = { objected: '', awaiting: '', rejected: '', pending: '', tricky: '' }

beforeAll(async () => {
	// Set before the prisma singleton is imported: it reads DATABASE_URL once.
	process.env.DATABASE_URL = await createTestDatabase(tmp)
	;(globalThis as { __singletons?: Map<string, unknown> }).__singletons?.delete('prisma')
	vi.resetModules()
	prisma = (await import('~/utils/db.server.ts')).prisma
	const seed = await import('../prisma/seed.ts')
	await seed.seedDemo(prisma, { log: () => {} })
	ledger = await import('~/models/ledger.server.ts')
	const load = async (p: string) => (await import(p)).loader as Loader
	routes = {
		api: await load('~/routes/api.ledger.ts'),
		csv: await load('~/routes/ledger[.]csv.ts'),
		xlsx: await load('~/routes/ledger[.]xlsx.ts'),
		page: await load('~/routes/ledger.tsx'),
	}
	await addDeals()
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	fs.rmSync(tmp, { recursive: true, force: true })
})

/** Deals in the states the seed lacks, on published listings, with outside and contactable buyers. */
async function addDeals() {
	const published = await prisma.listing.findMany({
		where: { status: 'PUBLISHED', deals: { none: {} } },
		select: { id: true, price: true, priceUnit: true, area: true, areaUnit: true, transferMode: true, town: { select: { code: true } } },
		orderBy: { id: 'asc' },
		take: 4,
	})
	const phoneBuyer = await prisma.user.create({ data: { ...PHONE_BUYER, role: 'BUYER' } })
	const base = (l: (typeof published)[number]) => ({
		listingId: l.id,
		price: l.price,
		priceUnit: l.priceUnit,
		totalValueYuan: l.price * 5,
		area: l.area,
		areaUnit: l.areaUnit,
		termYears: 5,
		transferMode: l.transferMode,
		tradingMode: 'NEGOTIATED',
		contractDate: new Date('2026-10-20T00:00:00+08:00'),
	})
	const noticeStart = new Date('2026-10-25T10:00:00+08:00')
	const notice = { approvedAt: noticeStart, noticeStartsAt: noticeStart, noticeEndsAt: new Date(noticeStart.getTime() + 7 * DAY) }
	ids.objected = (await prisma.deal.create({ data: { ...base(published[0]), ...notice, status: 'OBJECTED', outsideBuyerName: OUTSIDER.name, outsideBuyerIdNumber: OUTSIDER.id } })).id
	ids.awaiting = (await prisma.deal.create({ data: { ...base(published[1]), ...notice, status: 'AWAITING_CERTIFICATION', buyerId: phoneBuyer.id } })).id
	ids.rejected = (
		await prisma.deal.create({
			data: { ...base(published[2]), ...notice, status: 'REJECTED', outsideBuyerName: REJECTED_OUTSIDER.name, outsideBuyerIdNumber: REJECTED_OUTSIDER.id },
		})
	).id
	ids.pending = (await prisma.deal.findFirstOrThrow({ where: { status: 'PENDING_REVIEW' }, select: { id: true } })).id
	// A listing title a spreadsheet would run as a formula, with quotes and a comma for the CSV.
	const tricky = await prisma.deal.findFirstOrThrow({ where: { status: 'IN_NOTICE' }, select: { id: true, listingId: true } })
	await prisma.listing.update({ where: { id: tricky.listingId }, data: { title: TRICKY_TITLE } })
	ids.tricky = tricky.id
}

function get(loader: Loader, search = '') {
	return loader({ request: new Request(`${ORIGIN}/x${search}`), params: {}, context: {} })
}

type ApiItem = ReturnType<typeof import('~/models/ledger.server.ts')['ledgerApiItem']>
async function api(search = '') {
	const res = await get(routes.api, search)
	expect(res.status).toBe(200)
	return (await res.json()) as ApiItem[]
}

/** RFC 4180: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string) {
	const rows: string[][] = []
	let row: string[] = []
	let field = ''
	let quoted = false
	for (let i = 0; i < text.length; i++) {
		const c = text[i]
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"'
				i++
			} else if (c === '"') quoted = false
			else field += c
		} else if (c === '"') quoted = true
		else if (c === ',') {
			row.push(field)
			field = ''
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(field)
			rows.push(row)
			row = []
			field = ''
			i++
		} else field += c
	}
	if (field !== '' || row.length) {
		row.push(field)
		rows.push(row)
	}
	return rows
}

describe('which deals are in the ledger', () => {
	it('lists every deal from its public notice on, and no pending or rejected deal', async () => {
		const items = await api()
		const expected = await prisma.deal.findMany({ where: { status: { in: [...LEDGER_STATUSES] } }, select: { id: true } })
		expect(items.map((i) => i.id).sort()).toEqual(expected.map((d) => d.id).sort())
		// The seed's 14 completed and 2 in notice, plus the objected and the awaiting one.
		expect(items).toHaveLength(18)
		const shown = new Set(items.map((i) => i.id))
		expect(shown.has(ids.pending)).toBe(false)
		expect(shown.has(ids.rejected)).toBe(false)
		expect(shown.has(ids.objected)).toBe(true)
		expect(shown.has(ids.awaiting)).toBe(true)
		expect(new Set(items.map((i) => i.status))).toEqual(new Set(['IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION', 'COMPLETED']))
	})

	it('is newest first by notice start, and carries the stable interface', async () => {
		const items = await api()
		const starts = items.map((i) => Date.parse(i.dates.noticeStartsAt!))
		expect(starts).toEqual([...starts].sort((a, b) => b - a))
		const completed = items.find((i) => i.status === 'COMPLETED')!
		expect(Object.keys(completed).sort()).toEqual(
			['id', 'listing', 'town', 'townCode', 'village', 'villageCode', 'mode', 'price', 'priceUnit', 'area', 'areaUnit', 'totalValueYuan', 'termYears', 'status', 'noticeDaysLeft', 'dates', 'certificateNo', 'origin'].sort(),
		)
		expect(Object.keys(completed.listing).sort()).toEqual(['id', 'title', 'type'])
		expect(Object.keys(completed.mode).sort()).toEqual(['trading', 'transfer'])
		expect(Object.keys(completed.dates).sort()).toEqual(['approvedAt', 'certifiedAt', 'noticeEndsAt', 'noticeStartsAt'])
		expect(completed.certificateNo).toMatch(/^DLT-\d{4}-\d{6}$/)
		expect(completed.noticeDaysLeft).toBeNull()
		const sum = items.filter((i) => i.status === 'COMPLETED').reduce((s, i) => s + i.totalValueYuan, 0)
		expect(Math.round(sum * 100) / 100).toBe(5_372_403.6)
	})

	it('counts the days left of a notice on the application clock', async () => {
		const items = await api('?status=notice')
		for (const i of items) {
			if (i.status !== 'IN_NOTICE') expect(i.noticeDaysLeft).toBeNull()
			else expect(i.noticeDaysLeft).toBe(Math.max(0, Math.ceil((Date.parse(i.dates.noticeEndsAt!) - Date.now()) / DAY)))
		}
	})
})

describe('filters', () => {
	it('narrows by town, type and status group, alone and together', async () => {
		const all = await api()
		const town = await api('?town=shulinzhao')
		expect(town.length).toBeGreaterThan(0)
		expect(town.length).toBeLessThan(all.length)
		expect(town.every((i) => i.townCode === 'shulinzhao' && i.town === '树林召镇')).toBe(true)
		expect(town).toHaveLength(all.filter((i) => i.townCode === 'shulinzhao').length)

		const land = await api('?type=LAND')
		expect(land.every((i) => i.listing.type === 'LAND')).toBe(true)
		expect(land).toHaveLength(all.filter((i) => i.listing.type === 'LAND').length)

		const notice = await api('?status=notice')
		expect(new Set(notice.map((i) => i.status))).toEqual(new Set(['IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION']))
		expect(notice).toHaveLength(4)
		const completed = await api('?status=completed')
		expect(completed).toHaveLength(14)
		expect(completed.every((i) => i.status === 'COMPLETED')).toBe(true)

		const both = await api('?town=shulinzhao&type=LAND&status=completed')
		expect(both).toEqual(all.filter((i) => i.townCode === 'shulinzhao' && i.listing.type === 'LAND' && i.status === 'COMPLETED'))
		expect(await api('?town=no-such-town')).toEqual([])
	})

	it('takes a date range of China-time days, by notice start or by certification', async () => {
		const all = await api()
		const day = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : null)
		const inRange = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to

		const byNotice = await api('?from=2025-01-01&to=2025-12-31')
		expect(byNotice.map((i) => i.id)).toEqual(all.filter((i) => inRange(day(i.dates.noticeStartsAt), '2025-01-01', '2025-12-31')).map((i) => i.id))
		expect(byNotice.length).toBeGreaterThan(0)

		const byCert = await api('?dateBy=certified&from=2024-01-01&to=2024-12-31')
		expect(byCert.map((i) => i.id)).toEqual(all.filter((i) => inRange(day(i.dates.certifiedAt), '2024-01-01', '2024-12-31')).map((i) => i.id))
		expect(byCert.every((i) => i.status === 'COMPLETED')).toBe(true)

		// Open-ended: from a day on; the objected and awaiting deals started 2026-10-25 (China).
		const recent = await api('?from=2026-10-25')
		expect(recent.map((i) => i.id)).toEqual(expect.arrayContaining([ids.objected, ids.awaiting]))
		const single = await api('?from=2026-10-25&to=2026-10-25')
		expect(single.map((i) => i.id).sort()).toEqual([ids.objected, ids.awaiting].sort())
	})

	it('refuses malformed filters with a 400 and a message (API and exports)', async () => {
		for (const qs of ['?town=%3Cscript%3E', '?type=CASTLE', '?status=all', '?dateBy=contract', '?from=2025-02-30', '?from=yesterday', '?from=2025-05-01&to=2025-04-01', '?page=0']) {
			const res = await get(routes.api, qs)
			expect(res.status, qs).toBe(400)
			expect((await res.json()).message, qs).toBeTruthy()
			expect((await get(routes.csv, qs)).status, qs).toBe(400)
			expect((await get(routes.xlsx, qs)).status, qs).toBe(400)
		}
	})

	it('pages the page 20 rows at a time, ignoring a bad filter and naming it', async () => {
		const res = await get(routes.page, '?type=CASTLE&page=1')
		const data = await res.json()
		expect(data.invalid).toEqual(['type'])
		expect(data.ledger.total).toBe(18)
		expect(data.ledger.rows).toHaveLength(18)
		expect(data.ledger.pageCount).toBe(1)
		const page = await ledger.listLedger({ ...ledger.parseLedgerQuery(new URLSearchParams()).query, page: 1 }, { paged: true, withBuyer: true })
		expect(page.rows.length).toBeLessThanOrEqual(ledger.LEDGER_PAGE_SIZE)
		const { query } = ledger.parseLedgerQuery(new URLSearchParams('town=dalad&status=completed&from=2025-01-01&page=2'))
		expect(ledger.ledgerSearch(query, 3)).toBe('?town=dalad&status=completed&from=2025-01-01&page=3')
		expect(ledger.ledgerSearch(query)).toBe('?town=dalad&status=completed&from=2025-01-01')
	})
})

describe('no personal data', () => {
	let secrets: string[]
	let masked: string[]

	beforeAll(async () => {
		const deals = await prisma.deal.findMany({
			select: { outsideBuyerName: true, outsideBuyerIdNumber: true, buyer: { select: { name: true, email: true, phone: true } } },
		})
		const set = new Set<string>()
		for (const d of deals) {
			for (const v of [d.outsideBuyerName, d.outsideBuyerIdNumber, d.buyer?.name, d.buyer?.email, d.buyer?.phone]) if (v) set.add(v)
		}
		secrets = [...set]
		masked = deals.map((d) => maskName(d.buyer?.name ?? d.outsideBuyerName)).filter(Boolean)
		expect(secrets).toEqual(expect.arrayContaining([OUTSIDER.name, OUTSIDER.id, PHONE_BUYER.name, PHONE_BUYER.email, PHONE_BUYER.phone]))
		expect(secrets.length).toBeGreaterThan(15)
	})

	function expectClean(text: string, where: string) {
		for (const s of secrets) expect(text.includes(s), `${where} contains ${s}`).toBe(false)
	}

	it('the API has no buyer at all', async () => {
		const text = await (await get(routes.api)).text()
		expectClean(text, '/api/ledger')
		expect(text).not.toMatch(/buyer|idNumber|email|phone|contact/i)
		for (const m of masked) expect(text.includes(m)).toBe(false)
	})

	it('the page data, the CSV and the Excel file show buyers masked only', async () => {
		const page = await (await get(routes.page)).text()
		expectClean(page, '/ledger')
		expect(page).not.toMatch(/idNumber|email|phone/i)
		const csv = Buffer.from(await (await get(routes.csv)).arrayBuffer()).toString('utf8')
		expectClean(csv, '/ledger.csv')
		expect(csv).toContain(maskName(OUTSIDER.name))
		expect(csv).toContain(maskName(PHONE_BUYER.name))
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(await (await get(routes.xlsx)).arrayBuffer())
		const cells: string[] = []
		workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))))
		expectClean(cells.join('\n'), '/ledger.xlsx')
		expect(cells).toContain(maskName(OUTSIDER.name))
	})
})

describe('exports', () => {
	it('CSV: UTF-8 with a BOM, an attachment, parses back to the header and one record per deal', async () => {
		const res = await get(routes.csv, '?status=completed')
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ledger-\d{8}\.csv"; filename\*=UTF-8''/)
		const bytes = Buffer.from(await res.arrayBuffer())
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const rows = parseCsv(bytes.subarray(3).toString('utf8'))
		expect(rows[0]).toEqual(['标的名称', '类型', '苏木镇', '嘎查村', '流转方式', '交易方式', '成交价格', '价格单位', '面积', '面积单位', '期限（年）', '合同总额（元）', '受让方', '状态', '公示开始', '公示截止', '剩余天数', '鉴证日期', '鉴证书编号', '详情链接'])
		const records = rows.slice(1)
		expect(records).toHaveLength(14)
		expect(records.every((r) => r.length === rows[0].length && r[13] === '已成交')).toBe(true)
		const total = records.reduce((s, r) => s + Number(r[11]), 0)
		expect(Math.round(total * 100) / 100).toBe(5_372_403.6)
		expect(records.every((r) => /^DLT-\d{4}-\d{6}$/.test(r[18]) && /^\d{4}-\d{2}-\d{2}$/.test(r[17]))).toBe(true)
		expect(records[0][19]).toMatch(new RegExp(`^${ORIGIN}/deals/c[a-z0-9]+$`))
	})

	it('CSV: quotes survive and a formula-looking title is defused', async () => {
		const csv = Buffer.from(await (await get(routes.csv, '?status=notice')).arrayBuffer()).subarray(3).toString('utf8')
		const rows = parseCsv(csv)
		const titles = rows.slice(1).map((r) => r[0])
		expect(titles).toContain(`'${TRICKY_TITLE}`)
		expect(rows.slice(1).every((r) => r.length === rows[0].length)).toBe(true)
		// Every field quoted, empty ones too: under a `;` list separator Excel splits an unquoted
		// `x;=1+1` into a second cell and runs it as a formula.
		const field = '"(?:[^"]|"")*"'
		const line = new RegExp(`^${field}(?:,${field})*$`)
		const lines = csv.split('\r\n').filter(Boolean)
		expect(lines.length).toBe(rows.length)
		for (const l of lines) expect(l).toMatch(line)
	})

	it('CSV headers follow the language (?lng=en)', async () => {
		const csv = Buffer.from(await (await get(routes.csv, '?lng=en&type=LAND')).arrayBuffer()).subarray(3).toString('utf8')
		const rows = parseCsv(csv)
		expect(rows[0].slice(0, 3)).toEqual(['Property', 'Type', 'Town'])
		expect(rows.slice(1).every((r) => r[1] === 'Land')).toBe(true)
	})

	it('Excel: opens with exceljs — title block, bold frozen headers, formats, one row per deal and a total', async () => {
		const res = await get(routes.xlsx, '?town=shulinzhao')
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
		expect(res.headers.get('content-disposition')).toMatch(/filename="ledger-\d{8}\.xlsx"/)
		const bytes = await res.arrayBuffer()
		expect(Buffer.from(bytes).subarray(0, 2).toString()).toBe('PK')
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(bytes)
		const sheet = workbook.getWorksheet('成交公示')!
		expect(sheet).toBeTruthy()
		expect(sheet.getCell('A1').value).toBe('农村产权交易成交公示台账')
		expect(String(sheet.getCell('A2').value)).toContain('苏木镇：树林召镇')
		expect(sheet.getCell('A3').value).toBe('标的名称')
		expect(sheet.getCell('A3').font?.bold).toBe(true)
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
		expect(sheet.getColumn(1).width).toBeGreaterThan(20)

		const expected = (await api('?town=shulinzhao')).length
		expect(expected).toBeGreaterThan(3)
		const header = sheet.getRow(3).values as unknown[]
		const valueCol = header.indexOf('合同总额（元）')
		const certCol = header.indexOf('鉴证日期')
		const dataRows: ExcelJS.Row[] = []
		for (let r = 4; r < 4 + expected; r++) dataRows.push(sheet.getRow(r))
		expect(dataRows.every((row) => typeof row.getCell(valueCol).value === 'number')).toBe(true)
		expect(dataRows[0].getCell(valueCol).numFmt).toBe('#,##0.00')
		const certified = dataRows.map((row) => row.getCell(certCol).value).filter(Boolean)
		expect(certified.length).toBeGreaterThan(0)
		expect(certified.every((v) => v instanceof Date)).toBe(true)
		expect(dataRows[0].getCell(header.indexOf('面积')).numFmt).toBe('#,##0.00')
		// Prices: 22,700 (never "22,700." with a trailing dot), 22,700.50 with cents.
		const priceCol = header.indexOf('成交价格')
		for (const row of dataRows) {
			const price = row.getCell(priceCol)
			expect(price.numFmt, String(price.value)).toBe(Number.isInteger(price.value) ? '#,##0' : '#,##0.00')
		}
		expect(dataRows.some((row) => Number.isInteger(row.getCell(priceCol).value))).toBe(true)

		const totalRow = sheet.getRow(4 + expected)
		expect(String(totalRow.getCell(1).value)).toBe(`合计（${expected} 笔）`)
		const total = totalRow.getCell(valueCol).value as { formula: string; result: number }
		expect(total.formula).toMatch(/^SUM\([A-Z]+4:[A-Z]+\d+\)$/)
		const sum = dataRows.reduce((s, row) => s + (row.getCell(valueCol).value as number), 0)
		expect(total.result).toBeCloseTo(sum, 2)
	})
})
