// The public ledger (成交公示, PRODUCT.md): deals from their public notice on — in notice, under
// objection, awaiting certification, completed — newest first, filtered the same way for the page,
// the CSV and Excel exports and GET /api/ledger. Buyers leave this module masked (maskName) or not
// at all; ID numbers and contacts are never selected.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Prisma } from '@prisma/client'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { DEAL_STATUSES, isOutsideOrigin, LEDGER_STATUSES, maskName, NOTICE_GROUP_STATUSES, noticeDaysLeft, type DealOrigin, type DealStatus } from '~/domain/deal.ts'
import { isListingType, type AreaUnit, type ListingType, type PriceUnit } from '~/domain/listing.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { isSortKey, type SortDir, type SortKey } from '~/utils/ledger-sort.ts'
import { dealTermsSelect } from './listing-select.server.ts'
import { getTownsWithVillages } from './town.server.ts'

export const LEDGER_PAGE_SIZE = 20
/** Exports and the API stop here (a county's ledger is a few thousand rows over years). */
export const LEDGER_EXPORT_LIMIT = 10_000
/** Rows per query of an export: each chunk is followed by a turn of the event loop (018). */
export const EXPORT_CHUNK = 500
const MAX_PAGE = 10_000

/** The filter's two groups: still in the notice procedure, or completed. */
export const STATUS_GROUPS = {
	notice: NOTICE_GROUP_STATUSES,
	completed: ['COMPLETED'],
} as const satisfies Record<string, readonly DealStatus[]>
export type StatusGroup = keyof typeof STATUS_GROUPS
/** Which date the date range applies to. */
export const DATE_FIELDS = ['notice', 'certified'] as const
export type DateField = (typeof DATE_FIELDS)[number]
export type { SortDir, SortKey } from '~/utils/ledger-sort.ts'

export type LedgerQuery = {
	town: string | null
	type: ListingType | null
	status: StatusGroup | null
	dateBy: DateField
	/** YYYY-MM-DD, a day in China time, inclusive. */
	from: string | null
	to: string | null
	page: number
	sort: SortKey
	dir: SortDir
}

const CODE = /^[a-z0-9-]{1,64}$/
const DAY = /^\d{4}-\d{2}-\d{2}$/
const CHINA_OFFSET = '+08:00'

function validDay(raw: string) {
	if (!DAY.test(raw)) return false
	const d = new Date(`${raw}T00:00:00Z`)
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === raw
}

/** The first instant of a China-time day, and of the day after. */
function dayStart(day: string) {
	return new Date(`${day}T00:00:00${CHINA_OFFSET}`)
}
function dayAfter(day: string) {
	return new Date(dayStart(day).getTime() + 86_400_000)
}

/**
 * Reads the filters from a URL. Unknown or malformed values are reported in `errors` (the API
 * answers 400; the page shows the message and ignores that filter); blank ones mean "any".
 */
export function parseLedgerQuery(params: URLSearchParams): { query: LedgerQuery; errors: Record<string, string> } {
	const errors: Record<string, string> = {}
	const get = (name: string) => {
		const v = params.get(name)?.trim() ?? ''
		return v === '' ? null : v
	}
	const query: LedgerQuery = { town: null, type: null, status: null, dateBy: 'notice', from: null, to: null, page: 1, sort: 'notice', dir: 'desc' }

	const town = get('town')
	if (town !== null) {
		if (CODE.test(town)) query.town = town
		else errors.town = 'town must be a town code'
	}
	const type = get('type')
	if (type !== null) {
		if (isListingType(type)) query.type = type
		else errors.type = 'type must be FARMHOUSE, LAND or COLLECTIVE_ASSET'
	}
	const status = get('status')
	if (status !== null) {
		if (status === 'notice' || status === 'completed') query.status = status
		else errors.status = 'status must be notice or completed'
	}
	const dateBy = get('dateBy')
	if (dateBy !== null) {
		if ((DATE_FIELDS as readonly string[]).includes(dateBy)) query.dateBy = dateBy as DateField
		else errors.dateBy = 'dateBy must be notice or certified'
	}
	for (const name of ['from', 'to'] as const) {
		const value = get(name)
		if (value === null) continue
		if (validDay(value)) query[name] = value
		else errors[name] = `${name} must be a date YYYY-MM-DD`
	}
	if (query.from && query.to && query.from > query.to) {
		errors.to = 'to must not be before from'
		query.to = null
	}
	const sort = get('sort')
	if (sort !== null) {
		if (isSortKey(sort)) query.sort = sort
		else errors.sort = 'sort must be notice, certified, price, area, value or town'
	}
	const dir = get('dir')
	if (dir !== null) {
		if (dir === 'asc' || dir === 'desc') query.dir = dir
		else errors.dir = 'dir must be asc or desc'
	}
	const page = get('page')
	if (page !== null) {
		const n = Number(page)
		if (Number.isInteger(n) && n >= 1) query.page = Math.min(n, MAX_PAGE)
		else errors.page = 'page must be a whole number from 1'
	}
	return { query, errors }
}

/** The filters as URL parameters (page left out unless asked for), for links and exports. */
export function ledgerSearch(query: LedgerQuery, page?: number) {
	const params = new URLSearchParams()
	if (query.town) params.set('town', query.town)
	if (query.type) params.set('type', query.type)
	if (query.status) params.set('status', query.status)
	if ((query.from || query.to) && query.dateBy !== 'notice') params.set('dateBy', query.dateBy)
	if (query.from) params.set('from', query.from)
	if (query.to) params.set('to', query.to)
	if (query.sort !== 'notice' || query.dir !== 'desc') {
		params.set('sort', query.sort)
		params.set('dir', query.dir)
	}
	if (page && page > 1) params.set('page', String(page))
	const s = params.toString()
	return s ? `?${s}` : ''
}

/**
 * The filters as a where clause over Deal alone: its `townId` and `listingType` are its listing's,
 * copied by triggers (018), so every filter has an index that also gives the ledger's order. All
 * ledger statuses are written as "not the others": an IN list would make SQLite pick the status
 * index and sort every deal for one page.
 */
function ledgerWhere(query: LedgerQuery, townId: string | null): Prisma.DealWhereInput {
	const where: Prisma.DealWhereInput = query.status
		? { status: { in: [...STATUS_GROUPS[query.status]] } }
		: { status: { notIn: DEAL_STATUSES.filter((s) => !LEDGER_STATUSES.includes(s)) } }
	if (query.type) where.listingType = query.type
	if (townId) where.townId = townId
	if (query.from || query.to) {
		const range = { ...(query.from ? { gte: dayStart(query.from) } : {}), ...(query.to ? { lt: dayAfter(query.to) } : {}) }
		if (query.dateBy === 'certified') where.certifiedAt = range
		else where.noticeStartsAt = range
	}
	return where
}

/**
 * Newest notice first; a deal without a notice date (none should be in the ledger) last. Said
 * explicitly: SQLite sorts NULL lowest (last when descending), PostgreSQL highest (first).
 */
const LEDGER_ORDER: Prisma.DealOrderByWithRelationInput[] = [{ noticeStartsAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }]

/** Whether the query asks for the default order (the one the keyset reads of exports follow). */
function defaultOrder(query: LedgerQuery) {
	return query.sort === 'notice' && query.dir === 'desc'
}

/** The order of a sort: the column, then the id, so pages never overlap; missing dates last on both engines. */
export function ledgerOrder(query: Pick<LedgerQuery, 'sort' | 'dir'>): Prisma.DealOrderByWithRelationInput[] {
	const dir = query.dir
	const tie: Prisma.DealOrderByWithRelationInput = { id: dir }
	switch (query.sort) {
		case 'notice':
			return [{ noticeStartsAt: { sort: dir, nulls: 'last' } }, tie]
		case 'certified':
			return [{ certifiedAt: { sort: dir, nulls: 'last' } }, tie]
		case 'price':
			return [{ priceUnit: 'asc' }, { price: dir }, tie]
		case 'area':
			return [{ areaUnit: 'asc' }, { area: dir }, tie]
		case 'value':
			return [{ totalValueYuan: dir }, tie]
		case 'town':
			return [{ listing: { town: { code: dir } } }, ...LEDGER_ORDER]
	}
}

/** The rows after `last` in LEDGER_ORDER. */
function after(last: LedgerRow): Prisma.DealWhereInput {
	if (last.noticeStartsAt === null) return { noticeStartsAt: null, id: { lt: last.id } }
	return { OR: [{ noticeStartsAt: { lt: last.noticeStartsAt } }, { noticeStartsAt: last.noticeStartsAt, id: { lt: last.id } }, { noticeStartsAt: null }] }
}

const baseSelect = {
	id: true,
	status: true,
	...dealTermsSelect,
	approvedAt: true,
	noticeStartsAt: true,
	noticeEndsAt: true,
	certifiedAt: true,
	certificateNo: true,
	origin: true,
	listing: {
		select: {
			id: true,
			title: true,
			type: true,
			town: { select: { code: true, name: true, nameEn: true } },
			village: { select: { code: true, name: true, nameEn: true } },
		},
	},
} satisfies Prisma.DealSelect

/** Only the names, only to mask them here: ID numbers, e-mail and phone are never read. */
const buyerSelect = { outsideBuyerName: true, buyer: { select: { name: true } } } satisfies Prisma.DealSelect

type BaseRow = Prisma.DealGetPayload<{ select: typeof baseSelect }>

export type LedgerRow = {
	id: string
	status: DealStatus
	listing: { id: string; title: string; type: ListingType }
	town: { code: string; name: string; nameEn: string }
	village: { code: string; name: string; nameEn: string }
	transferMode: string
	tradingMode: string
	price: number
	priceUnit: PriceUnit
	area: number
	areaUnit: AreaUnit
	totalValueYuan: number
	termYears: number | null
	approvedAt: Date | null
	noticeStartsAt: Date | null
	noticeEndsAt: Date | null
	/** Whole days left in an open notice; 0 once ended; null when not in notice. */
	noticeDaysLeft: number | null
	certifiedAt: Date | null
	certificateNo: string | null
	/** PLATFORM, or LEDGER_IMPORT / FILED: a deal done outside the platform, shown as 线下备案 (023). */
	origin: DealOrigin
	/** 王*明 — or '' when the deal has no buyer recorded. Absent when not asked for. */
	buyerMasked?: string
}

function toRow(d: BaseRow, at: Date): LedgerRow {
	const status = d.status as DealStatus
	return {
		id: d.id,
		status,
		listing: { id: d.listing.id, title: d.listing.title, type: d.listing.type as ListingType },
		town: d.listing.town,
		village: d.listing.village,
		transferMode: d.transferMode,
		tradingMode: d.tradingMode,
		price: d.price,
		priceUnit: d.priceUnit as PriceUnit,
		area: d.area,
		areaUnit: d.areaUnit === 'm2' ? 'm2' : 'mu',
		totalValueYuan: d.totalValueYuan,
		termYears: d.termYears,
		approvedAt: d.approvedAt,
		noticeStartsAt: d.noticeStartsAt,
		noticeEndsAt: d.noticeEndsAt,
		noticeDaysLeft: status === 'IN_NOTICE' && d.noticeEndsAt ? noticeDaysLeft(d.noticeEndsAt, at) : null,
		certifiedAt: d.certifiedAt,
		certificateNo: d.certificateNo,
		origin: isOutsideOrigin(d.origin) ? d.origin : 'PLATFORM',
	}
}

/**
 * How many deals match and their value. Without a date range that is a few rows of DealTally,
 * which triggers keep per town, type and status (docs/decisions/018); a date range is counted
 * over its index, so it costs what the range holds.
 */
async function ledgerSummary(query: LedgerQuery, where: Prisma.DealWhereInput, townId: string | null) {
	if (query.from || query.to) {
		const sum = await prisma.deal.aggregate({ where, _sum: { totalValueYuan: true }, _count: { _all: true } })
		return { total: sum._count._all, totalValueYuan: sum._sum.totalValueYuan ?? 0 }
	}
	const statuses: readonly string[] = query.status ? STATUS_GROUPS[query.status] : LEDGER_STATUSES
	const groups = await prisma.dealTally.findMany({
		where: { status: { in: [...statuses] }, ...(townId ? { townId } : {}), ...(query.type ? { type: query.type } : {}) },
		select: { count: true, valueFen: true },
	})
	return { total: groups.reduce((n, g) => n + g.count, 0), totalValueYuan: Number(groups.reduce((s, g) => s + g.valueFen, 0n)) / 100 }
}

/**
 * One page of the ledger (`paged`), or every row up to LEDGER_EXPORT_LIMIT for exports and the API.
 * `withBuyer` adds the masked buyer name (the page and the exports); the API leaves it out.
 */
export async function listLedger(query: LedgerQuery, options: { paged: boolean; withBuyer: boolean }) {
	const town = query.town ? await prisma.town.findUnique({ where: { code: query.town }, select: { id: true } }) : null
	if (query.town && !town) return { total: 0, totalValueYuan: 0, page: 1, pageCount: 1, rows: [] as LedgerRow[], truncated: false }
	const where = ledgerWhere(query, town?.id ?? null)
	const { total, totalValueYuan } = await ledgerSummary(query, where, town?.id ?? null)
	const pageCount = Math.max(1, Math.ceil(total / LEDGER_PAGE_SIZE))
	const page = options.paged ? Math.min(query.page, pageCount) : 1
	const at = now()
	const orderBy = ledgerOrder(query)
	const read = async (chunkWhere: Prisma.DealWhereInput, window: { skip: number; take: number }) => {
		if (options.withBuyer) {
			const found = await prisma.deal.findMany({ where: chunkWhere, orderBy, ...window, select: { ...baseSelect, ...buyerSelect } })
			return found.map((d) => ({ ...toRow(d, at), buyerMasked: maskName(d.buyer?.name ?? d.outsideBuyerName) }))
		}
		const found = await prisma.deal.findMany({ where: chunkWhere, orderBy, ...window, select: baseSelect })
		return found.map((d) => toRow(d, at))
	}
	let rows: LedgerRow[]
	if (options.paged) rows = await read(where, { skip: (page - 1) * LEDGER_PAGE_SIZE, take: LEDGER_PAGE_SIZE })
	else {
		// Exports and the API: in chunks that continue after the last row (keyset; by offset in
		// another sort than the default), yielding between them.
		rows = []
		const keyset = defaultOrder(query)
		while (rows.length < LEDGER_EXPORT_LIMIT) {
			const last = rows[rows.length - 1]
			const take = Math.min(EXPORT_CHUNK, LEDGER_EXPORT_LIMIT - rows.length)
			const chunk = keyset ? await read(last ? { AND: [where, after(last)] } : where, { skip: 0, take }) : await read(where, { skip: rows.length, take })
			rows.push(...chunk)
			if (chunk.length < EXPORT_CHUNK) break
			await nextTurn()
		}
	}
	return { total, totalValueYuan, page, pageCount, rows, truncated: !options.paged && total > rows.length }
}

/** Towns for the filter (a few dozen rows, cached). */
export async function ledgerTowns() {
	return (await getTownsWithVillages()).map(({ code, name, nameEn }) => ({ code, name, nameEn }))
}

/** GET /api/ledger's item: PRODUCT.md's stable interface — and nothing about the buyer. */
export function ledgerApiItem(row: LedgerRow) {
	const iso = (d: Date | null) => (d ? d.toISOString() : null)
	return {
		id: row.id,
		listing: row.listing,
		town: row.town.name,
		townCode: row.town.code,
		village: row.village.name,
		villageCode: row.village.code,
		mode: { transfer: row.transferMode, trading: row.tradingMode },
		price: row.price,
		priceUnit: row.priceUnit,
		area: row.area,
		areaUnit: row.areaUnit,
		totalValueYuan: row.totalValueYuan,
		termYears: row.termYears,
		status: row.status,
		noticeDaysLeft: row.noticeDaysLeft,
		dates: {
			approvedAt: iso(row.approvedAt),
			noticeStartsAt: iso(row.noticeStartsAt),
			noticeEndsAt: iso(row.noticeEndsAt),
			certifiedAt: iso(row.certifiedAt),
		},
		certificateNo: row.certificateNo,
		origin: row.origin,
	}
}

// ---------------------------------------------------------------- exports (CSV and Excel)

type T = (key: string, options?: Record<string, unknown>) => string

/** The China-time calendar day of an instant, YYYY-MM-DD. */
export function chinaDay(d: Date | null) {
	return d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : ''
}

export type ExportColumn<Row = LedgerRow> = {
	key: string
	header: string
	/** Excel column width, in characters. */
	width: number
	kind: 'text' | 'yuan' | 'number' | 'area' | 'date' | 'int'
	value: (row: Row, origin: string) => string | number | null
}

/** Excel number formats per column kind, for every export. */
export const NUMBER_FORMATS: Record<ExportColumn['kind'], string | undefined> = {
	text: undefined,
	yuan: '#,##0.00',
	// Prices: whole numbers without decimals (see the rows below), others with two; never
	// '#,##0.##', which shows 22700 as "22,700." with a trailing dot.
	number: '#,##0.00',
	area: '#,##0.00',
	int: '0',
	date: 'yyyy-mm-dd',
}

/**
 * An export's rows as CSV: UTF-8 with a byte-order mark so Excel opens the Chinese correctly,
 * numbers unformatted so a spreadsheet can sum them, text that a spreadsheet would run quoted.
 */
export function csvBody(headers: string[], records: ExportCell[][]) {
	const safe = records.map((cells) => cells.map((value) => (typeof value === 'string' ? spreadsheetSafe(value) : value)))
	// Every field quoted: with a `;` list separator Excel would split an unquoted `x;=1+1` and run
	// the second half as a formula.
	return stringify([headers, ...safe], { bom: true, record_delimiter: 'windows', quoted: true, quoted_empty: true })
}

/** A China calendar day as the date Excel shows (Excel dates have no time zone). */
export function excelDate(day: string) {
	const [y, m, d] = day.split('-').map(Number)
	return new Date(Date.UTC(y, m - 1, d))
}

/** The columns both exports share, headed in the reader's language. */
export function exportColumns(t: T): ExportColumn[] {
	return [
		{ key: 'title', header: t('ledger:columns.title'), width: 34, kind: 'text', value: (r) => r.listing.title },
		{ key: 'type', header: t('ledger:columns.type'), width: 10, kind: 'text', value: (r) => t(`common:types.${r.listing.type}`) },
		{ key: 'town', header: t('ledger:columns.town'), width: 12, kind: 'text', value: (r) => t('ledger:placeName', { zh: r.town.name, en: r.town.nameEn }) },
		{ key: 'village', header: t('ledger:columns.village'), width: 14, kind: 'text', value: (r) => t('ledger:placeName', { zh: r.village.name, en: r.village.nameEn }) },
		{ key: 'transferMode', header: t('ledger:columns.transferMode'), width: 10, kind: 'text', value: (r) => t(`common:transferModes.${r.transferMode}`) },
		{ key: 'tradingMode', header: t('ledger:columns.tradingMode'), width: 10, kind: 'text', value: (r) => t(`common:tradingModes.${r.tradingMode}`) },
		{ key: 'price', header: t('ledger:columns.price'), width: 12, kind: 'number', value: (r) => r.price },
		{ key: 'priceUnit', header: t('ledger:columns.priceUnit'), width: 12, kind: 'text', value: (r) => t(`ledger:priceUnits.${r.priceUnit}`) },
		{ key: 'area', header: t('ledger:columns.area'), width: 12, kind: 'area', value: (r) => r.area },
		{ key: 'areaUnit', header: t('ledger:columns.areaUnit'), width: 9, kind: 'text', value: (r) => t(`ledger:areaUnits.${r.areaUnit}`) },
		{ key: 'termYears', header: t('ledger:columns.termYears'), width: 9, kind: 'int', value: (r) => r.termYears },
		{ key: 'totalValueYuan', header: t('ledger:columns.totalValueYuan'), width: 16, kind: 'yuan', value: (r) => r.totalValueYuan },
		{ key: 'buyer', header: t('ledger:columns.buyer'), width: 16, kind: 'text', value: (r) => r.buyerMasked ?? '' },
		{ key: 'status', header: t('ledger:columns.status'), width: 12, kind: 'text', value: (r) => t(`ledger:status.${r.status}`) },
		{ key: 'noticeStartsAt', header: t('ledger:columns.noticeStartsAt'), width: 12, kind: 'date', value: (r) => chinaDay(r.noticeStartsAt) },
		{ key: 'noticeEndsAt', header: t('ledger:columns.noticeEndsAt'), width: 12, kind: 'date', value: (r) => chinaDay(r.noticeEndsAt) },
		{ key: 'daysLeft', header: t('ledger:columns.daysLeft'), width: 10, kind: 'int', value: (r) => r.noticeDaysLeft },
		{ key: 'certifiedAt', header: t('ledger:columns.certifiedAt'), width: 12, kind: 'date', value: (r) => chinaDay(r.certifiedAt) },
		{ key: 'certificateNo', header: t('ledger:columns.certificateNo'), width: 18, kind: 'text', value: (r) => r.certificateNo ?? (r.origin === 'PLATFORM' ? '' : t('filing:offlineMark')) },
		{ key: 'link', header: t('ledger:columns.link'), width: 40, kind: 'text', value: (r, origin) => `${origin}/deals/${r.id}` },
	]
}

export type ExportCell = string | number | null

/**
 * What both exports write (GET /ledger.csv and /ledger.xlsx): the rows of the page's filters as
 * cells under the shared columns, in the reader's language; each export only writes its format.
 * Bad filters answer a plain-text 400 naming them.
 */
export async function ledgerExport(url: URL, t: T) {
	const { query, errors } = parseLedgerQuery(url.searchParams)
	if (Object.keys(errors).length > 0) {
		return new Response(t('ledger:export.badRequest', { message: Object.values(errors).join('; ') }), {
			status: 400,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
		})
	}
	const { rows, total, truncated } = await listLedger(query, { paged: false, withBuyer: true })
	const columns = exportColumns(t)
	return {
		query,
		columns,
		records: rows.map((row): ExportCell[] => columns.map((c) => c.value(row, url.origin))),
		total,
		truncated,
		sumYuan: Math.round(rows.reduce((s, r) => s + r.totalValueYuan, 0) * 100) / 100,
	}
}

/**
 * A plain export sheet: the headers on row 1 (bold, shaded, frozen, with filters), column widths
 * and number formats by kind, dates as Excel dates; strings stay text cells (never formulas).
 */
export async function plainWorkbook<Row>(sheetName: string, columns: ExportColumn<Row>[], records: ExportCell[][], at: Date) {
	const workbook = new ExcelJS.Workbook()
	workbook.created = at
	const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
	sheet.columns = columns.map((c) => ({ key: c.key, width: c.width, style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : { numFmt: '@' } }))
	const header = sheet.getRow(1)
	columns.forEach((c, i) => {
		const cell = header.getCell(i + 1)
		cell.value = c.header
		cell.font = { bold: true }
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E5E4' } }
	})
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
	for (const cells of records) sheet.addRow(columns.map((c, i) => (c.kind === 'date' ? (cells[i] ? excelDate(String(cells[i])) : null) : cells[i])))
	return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** An Excel download: the workbook's bytes, named for Content-Disposition, never cached. */
export function xlsxResponse(buffer: Buffer<ArrayBuffer>, baseName: string, asciiBase: string, at: Date) {
	return new Response(buffer, {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': attachment(baseName, asciiBase, 'xlsx', at),
			'Content-Length': String(buffer.length),
			'Cache-Control': 'no-store',
		},
	})
}

/** "成交公示-20261126.csv" with an ASCII fallback, for Content-Disposition. */
export function attachment(baseName: string, asciiBase: string, ext: string, at: Date) {
	const stamp = chinaDay(at).replaceAll('-', '')
	const utf8 = encodeURIComponent(`${baseName}-${stamp}.${ext}`)
	return `attachment; filename="${asciiBase}-${stamp}.${ext}"; filename*=UTF-8''${utf8}`
}

/** A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is quoted with '. */
export function spreadsheetSafe(value: string) {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** One line describing the filters, for the Excel title block. */
export function describeFilters(query: LedgerQuery, towns: ReadonlyArray<{ code: string; name: string; nameEn: string }>, t: T) {
	const parts: string[] = []
	const item = (label: string, value: string) => parts.push(t('ledger:export.filterItem', { label, value }))
	const town = towns.find((x) => x.code === query.town)
	if (query.town) item(t('ledger:filters.town'), town ? t('ledger:placeName', { zh: town.name, en: town.nameEn }) : query.town)
	if (query.type) item(t('ledger:filters.type'), t(`common:types.${query.type}`))
	if (query.status) item(t('ledger:filters.status'), t(`ledger:filters.statuses.${query.status}`))
	if (query.from || query.to) item(t(`ledger:filters.dateBy.${query.dateBy}`), `${query.from ?? '…'} – ${query.to ?? '…'}`)
	return parts.length ? parts.join(t('ledger:export.separator')) : t('ledger:export.allDeals')
}
