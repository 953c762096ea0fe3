// The township's register of filed contracts (流转合同台账, issue 12): every deal filed (备案),
// on the platform at certification or by the town from outside (filing, Excel ledgers), with its
// filing number and date. A reviewer reads their own town's; an administrator every town's. It
// names the parties: officials only, never the public ledger.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Prisma } from '@prisma/client'
import { filingNumber, filingNumberStem, nextFilingSerial } from '~/domain/filing.ts'
import { isListingType, type ListingType } from '~/domain/listing.ts'
import { chinaDay } from '~/utils/calendar-date.ts'
import { containsText, prisma } from '~/utils/db.server.ts'
import { env } from '~/utils/env.server.ts'
import { EXPORT_CHUNK, LEDGER_EXPORT_LIMIT, plainWorkbook, xlsxResponse, type ExportColumn } from './ledger.server.ts'

type Tx = Prisma.TransactionClient

/**
 * The next filing number of the deal's town and year, inside the filing's transaction. Two
 * filings at once may draw the same number: the unique index refuses the second, whose caller
 * draws again (as certificate numbers are drawn).
 */
export async function nextFilingNo(tx: Tx, townId: string, at: Date) {
	const town = await tx.town.findUniqueOrThrow({ where: { id: townId }, select: { code: true } })
	const year = Number(chinaDay(at).slice(0, 4))
	const prefix = env().CERTIFICATE_PREFIX
	const last = await tx.deal.findFirst({
		where: { filingNo: { startsWith: filingNumberStem(prefix, town.code, year) } },
		orderBy: { filingNo: 'desc' },
		select: { filingNo: true },
	})
	return filingNumber(prefix, town.code, year, nextFilingSerial(last?.filingNo ?? null))
}

export const REGISTER_PAGE_SIZE = 25
export const REGISTER_ORIGINS = ['PLATFORM', 'OUTSIDE'] as const
const MIN_YEAR = 2000
const MAX_YEAR = 2100

export type RegisterQuery = {
	/** A town's code: an administrator's filter (a reviewer's register is their town's). */
	town: string | null
	year: number | null
	type: ListingType | null
	origin: (typeof REGISTER_ORIGINS)[number] | null
	/** Part of a filing number, a contract code, a listing's title or a party's name. */
	q: string | null
	page: number
}

/** The register's filters from a URL; what cannot be read is left out (the page shows all). */
export function parseRegisterQuery(params: URLSearchParams): RegisterQuery {
	const get = (name: string) => params.get(name)?.trim() || null
	const year = Number(get('year'))
	const page = Number(get('page'))
	const type = get('type')
	const origin = get('origin')
	const town = get('town')
	return {
		town: town && /^[a-z0-9-]{1,64}$/.test(town) ? town : null,
		year: Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR ? year : null,
		type: type && isListingType(type) ? type : null,
		origin: (REGISTER_ORIGINS as readonly string[]).includes(origin ?? '') ? (origin as RegisterQuery['origin']) : null,
		q: get('q')?.slice(0, 100) ?? null,
		page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
	}
}

/** Midnight of 1 January in China, as an instant. */
const chinaNewYear = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000)

function registerWhere(townId: string | null, q: RegisterQuery): Prisma.DealWhereInput {
	return {
		status: 'COMPLETED',
		filedAt: q.year ? { gte: chinaNewYear(q.year), lt: chinaNewYear(q.year + 1) } : { not: null },
		...(townId ? { townId } : q.town ? { listing: { town: { code: q.town } } } : {}),
		...(q.type ? { listingType: q.type } : {}),
		...(q.origin === 'PLATFORM' ? { origin: 'PLATFORM' } : q.origin === 'OUTSIDE' ? { origin: { not: 'PLATFORM' } } : {}),
		...(q.q
			? {
					OR: [
						{ filingNo: containsText(q.q) },
						{ contractCode: containsText(q.q) },
						{ listing: { title: containsText(q.q) } },
						{ outsideBuyerName: containsText(q.q) },
						{ buyer: { name: containsText(q.q) } },
					],
				}
			: {}),
	}
}

const registerSelect = {
	id: true,
	filingNo: true,
	filedAt: true,
	origin: true,
	contractCode: true,
	certificateNo: true,
	transferMode: true,
	area: true,
	areaUnit: true,
	price: true,
	priceUnit: true,
	termYears: true,
	totalValueYuan: true,
	startsOn: true,
	endsOn: true,
	contractDate: true,
	outsideBuyerName: true,
	buyer: { select: { name: true } },
	listing: { select: { title: true, type: true, town: { select: { name: true, nameEn: true } }, village: { select: { name: true, nameEn: true } } } },
} satisfies Prisma.DealSelect

export type RegisterRow = Prisma.DealGetPayload<{ select: typeof registerSelect }>

const order: Prisma.DealOrderByWithRelationInput[] = [{ filedAt: 'desc' }, { id: 'desc' }]

/** One page of the register, with the number of rows and the contract value of all of them. */
export async function registerPage(townId: string | null, q: RegisterQuery) {
	const where = registerWhere(townId, q)
	const [rows, total, sum] = await Promise.all([
		prisma.deal.findMany({ where, orderBy: order, skip: (q.page - 1) * REGISTER_PAGE_SIZE, take: REGISTER_PAGE_SIZE, select: registerSelect }),
		prisma.deal.count({ where }),
		prisma.deal.aggregate({ where, _sum: { totalValueYuan: true } }),
	])
	return { rows, total, sumYuan: sum._sum.totalValueYuan ?? 0, pages: Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE)) }
}

/** Every row of the filters, for the export: in chunks, up to the ledger's export limit. */
export async function registerRows(townId: string | null, q: RegisterQuery) {
	const where = registerWhere(townId, q)
	const rows: RegisterRow[] = []
	while (rows.length < LEDGER_EXPORT_LIMIT) {
		const chunk = await prisma.deal.findMany({ where, orderBy: order, skip: rows.length, take: EXPORT_CHUNK, select: registerSelect })
		rows.push(...chunk)
		if (chunk.length < EXPORT_CHUNK) break
		await nextTurn()
	}
	return rows
}

/** The years that have filings, newest first, for the year filter. */
export async function registerYears(townId: string | null) {
	const [first, last] = await Promise.all(
		(['asc', 'desc'] as const).map((dir) =>
			prisma.deal.findFirst({ where: { status: 'COMPLETED', filedAt: { not: null }, ...(townId ? { townId } : {}) }, orderBy: { filedAt: dir }, select: { filedAt: true } }),
		),
	)
	if (!first?.filedAt || !last?.filedAt) return []
	const from = Number(chinaDay(first.filedAt).slice(0, 4))
	const to = Number(chinaDay(last.filedAt).slice(0, 4))
	return Array.from({ length: to - from + 1 }, (_, i) => to - i)
}

// ---------------------------------------------------------------- the Excel export

type T = (key: string, options?: Record<string, unknown>) => string

function registerColumns(t: T): ExportColumn<RegisterRow>[] {
	const place = (p: { name: string; nameEn: string }) => t('ledger:placeName', { zh: p.name, en: p.nameEn })
	const day = (d: Date | null) => (d ? chinaDay(d) : '')
	return [
		{ key: 'filingNo', header: t('filing:register.columns.filingNo'), width: 26, kind: 'text', value: (r) => r.filingNo ?? '' },
		{ key: 'filedAt', header: t('filing:register.columns.filedAt'), width: 12, kind: 'date', value: (r) => day(r.filedAt) },
		{ key: 'origin', header: t('filing:register.filters.origin'), width: 12, kind: 'text', value: (r) => t(`filing:register.origins.${r.origin === 'PLATFORM' ? 'PLATFORM' : 'OUTSIDE'}`) },
		{ key: 'subject', header: t('filing:register.columns.subject'), width: 30, kind: 'text', value: (r) => r.listing.title },
		{ key: 'type', header: t('ledger:columns.type'), width: 10, kind: 'text', value: (r) => t(`common:types.${r.listing.type}`) },
		{ key: 'town', header: t('ledger:columns.town'), width: 12, kind: 'text', value: (r) => place(r.listing.town) },
		{ key: 'transferor', header: t('filing:register.columns.transferor'), width: 22, kind: 'text', value: (r) => t('filing:register.transferor', { village: place(r.listing.village) }) },
		{ key: 'transferee', header: t('filing:register.columns.transferee'), width: 16, kind: 'text', value: (r) => r.buyer?.name ?? r.outsideBuyerName ?? '' },
		{ key: 'transferMode', header: t('filing:register.columns.transferMode'), width: 10, kind: 'text', value: (r) => t(`common:transferModes.${r.transferMode}`) },
		{ key: 'area', header: t('ledger:columns.area'), width: 12, kind: 'area', value: (r) => r.area },
		{ key: 'areaUnit', header: t('ledger:columns.areaUnit'), width: 9, kind: 'text', value: (r) => t(`ledger:areaUnits.${r.areaUnit}`) },
		{ key: 'price', header: t('ledger:columns.price'), width: 12, kind: 'number', value: (r) => r.price },
		{ key: 'priceUnit', header: t('ledger:columns.priceUnit'), width: 12, kind: 'text', value: (r) => t(`ledger:priceUnits.${r.priceUnit}`) },
		{ key: 'termYears', header: t('ledger:columns.termYears'), width: 9, kind: 'int', value: (r) => r.termYears },
		{ key: 'startsOn', header: t('filing:lzht.columns.startsOn'), width: 12, kind: 'date', value: (r) => day(r.startsOn) },
		{ key: 'endsOn', header: t('filing:lzht.columns.endsOn'), width: 12, kind: 'date', value: (r) => day(r.endsOn) },
		{ key: 'value', header: t('filing:register.columns.value'), width: 16, kind: 'yuan', value: (r) => r.totalValueYuan },
		{ key: 'contractCode', header: t('filing:lzht.columns.contractCode'), width: 22, kind: 'text', value: (r) => r.contractCode ?? '' },
		{ key: 'certificateNo', header: t('ledger:columns.certificateNo'), width: 18, kind: 'text', value: (r) => r.certificateNo ?? '' },
	]
}

/** GET …/register.xlsx: the register's rows of the URL's filters as one sheet, headed in the reader's language. */
export async function registerWorkbook(url: URL, townId: string | null, t: T, at: Date) {
	const rows = await registerRows(townId, parseRegisterQuery(url.searchParams))
	const columns = registerColumns(t)
	const records = rows.map((row) => columns.map((c) => c.value(row, url.origin)))
	return xlsxResponse(await plainWorkbook(t('filing:register.sheetName'), columns, records, at), t('filing:register.fileName'), 'filed-contracts', at)
}
