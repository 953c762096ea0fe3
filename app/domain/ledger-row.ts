// The Excel 台账 (ledger) import, issue 11: the template's one column definition (it drives the
// downloadable template, the reader and the template's notes), the check of one row, and matching
// a row's 苏木镇/嘎查村 names to the places in the database. Pure: no I/O.
import zhCommon from '~/locales/zh/common.ts'
import zhLedger from '~/locales/zh/ledger.ts'
import { allowedTransferModes, LAND_CLASSES, PRICE_UNITS, TRANSFER_MODES, type AreaUnit, type LandClass, type ListingType, type PriceUnit, type TransferMode } from './listing.ts'

export type LedgerColumnKind = 'int' | 'text' | 'code' | 'number' | 'date' | 'choice'

export type LedgerColumn = {
	key: LedgerColumnKey
	/** The header cell, exactly as the template writes it and the reader expects it. */
	header: string
	required: boolean
	kind: LedgerColumnKind
	/** Excel column width, in characters. */
	width: number
	/** The allowed texts of a `choice` column (shown in the template's notes and as a drop-down). */
	choices?: readonly string[]
}

export const LEDGER_COLUMN_KEYS = [
	'seq',
	'town',
	'village',
	'subject',
	'title',
	'area',
	'areaUnit',
	'transferMode',
	'transferee',
	'transfereeCode',
	'price',
	'priceUnit',
	'totalYuan',
	'termYears',
	'startsOn',
	'endsOn',
	'contractDate',
	'contractCode',
	'contractingContractCode',
	'contractorCode',
	'useBefore',
	'useAfter',
	'feeNote',
	'parcelCodes',
] as const
export type LedgerColumnKey = (typeof LEDGER_COLUMN_KEYS)[number]

/** 标的类型: a land class's name (耕地, 林地 …) makes a land deal of that class; the others their type. */
export const SUBJECT_TYPES: Readonly<Record<string, { type: ListingType; landClass: LandClass | null }>> = {
	...Object.fromEntries(LAND_CLASSES.map((c) => [c === 'OTHER' ? '其他土地' : zhCommon.landClasses[c], { type: 'LAND' as const, landClass: c }])),
	宅基地及农房: { type: 'FARMHOUSE', landClass: null },
	[zhCommon.types.FARMHOUSE]: { type: 'FARMHOUSE', landClass: null },
	[zhCommon.types.COLLECTIVE_ASSET]: { type: 'COLLECTIVE_ASSET', landClass: null },
}
export const AREA_UNITS: Readonly<Record<string, AreaUnit>> = { [zhCommon.units.mu]: 'mu', [zhCommon.units.m2]: 'm2', '㎡': 'm2', 平米: 'm2' }
export const MODES: Readonly<Record<string, TransferMode>> = Object.fromEntries(TRANSFER_MODES.map((m) => [zhCommon.transferModes[m], m]))
/** 元/亩·年 is also written 元/亩/年 in ledgers. */
export const PRICE_UNIT_NAMES: Readonly<Record<string, PriceUnit>> = {
	...Object.fromEntries(PRICE_UNITS.map((u) => [zhLedger.priceUnits[u], u])),
	'元/亩/年': 'YUAN_PER_MU_YEAR',
}

const col = (key: LedgerColumnKey, header: string, required: boolean, kind: LedgerColumnKind, width: number, choices?: readonly string[]): LedgerColumn => ({ key, header, required, kind, width, choices })

/**
 * The template, in order. The reader finds each column by its header (so the order of an
 * official's own copy does not matter) and refuses a sheet that lacks a required one.
 */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
	col('seq', '序号', false, 'int', 6),
	col('town', '苏木镇', true, 'text', 12),
	col('village', '嘎查村', true, 'text', 12),
	col('subject', '标的类型', true, 'choice', 12, Object.keys(SUBJECT_TYPES)),
	col('title', '标的名称', true, 'text', 28),
	col('area', '面积', true, 'number', 10),
	col('areaUnit', '面积单位', true, 'choice', 9, Object.keys(AREA_UNITS).slice(0, 2)),
	col('transferMode', '流转方式', true, 'choice', 9, Object.keys(MODES)),
	col('transferee', '受让方', true, 'text', 20),
	col('transfereeCode', '受让方编码', false, 'code', 20),
	col('price', '成交价格', true, 'number', 10),
	col('priceUnit', '价格单位', true, 'choice', 10, PRICE_UNITS.map((u) => zhLedger.priceUnits[u])),
	col('totalYuan', '合同金额(元)', false, 'number', 14),
	col('termYears', '流转期限(年)', true, 'int', 10),
	col('startsOn', '起始日期', true, 'date', 12),
	col('endsOn', '终止日期', true, 'date', 12),
	col('contractDate', '合同签订日期', true, 'date', 12),
	col('contractCode', '流转合同编码', false, 'code', 22),
	col('contractingContractCode', '原承包合同编码', false, 'code', 22),
	col('contractorCode', '承包方编码', false, 'code', 22),
	col('useBefore', '流转前用途', false, 'text', 12),
	col('useAfter', '流转后用途', false, 'text', 12),
	col('feeNote', '流转费用说明', false, 'text', 24),
	col('parcelCodes', '地块编码', false, 'text', 24),
]

/** The upload's size cap (the request's cap for its path is in server/request-guards.js). */
export const LEDGER_MAX_BYTES = 10 * 1024 * 1024
/** Rows a ledger may hold: a county's 台账 is a few thousand; a bigger sheet is refused while read. */
export const LEDGER_ROW_CAP = 5000

/** What a cell holds once read: text, a number, a date, or nothing. */
export type CellValue = string | number | Date | null

export type RowProblem =
	| 'required'
	| 'notNumber'
	| 'notPositive'
	| 'tooLarge'
	| 'notInteger'
	| 'notDate'
	| 'badChoice'
	| 'tooLong'
	| 'badCode'
	| 'endBeforeStart'
	| 'signedInFuture'
	| 'modeNotAllowed'
	| 'priceUnitNotAllowed'
	| 'badParcelCode'
	/** A formula cell (read.server.ts refuses them, cached value or not). */
	| 'formula'
	/** The same 流转合同编码 (or the same content) twice in one file. */
	| 'duplicate'
export type RowError = { row: number; column: LedgerColumnKey | null; problem: RowProblem }

/**
 * A row naming parcel codes (地块编码, an optional column) the platform does not hold: the row is
 * imported all the same and its deal is linked to the codes that are known; the preview warns.
 */
export type ParcelCodeWarning = { row: number; codes: string[] }

/** The warnings for the rows naming codes not in `known`, in row order. */
export function unknownParcelCodes(rows: { row: number; parcelCodes: string[] }[], known: ReadonlySet<string>): ParcelCodeWarning[] {
	return rows
		.map((r) => ({ row: r.row, codes: [...new Set(r.parcelCodes)].filter((c) => !known.has(c)) }))
		.filter((w) => w.codes.length > 0)
		.sort((a, b) => a.row - b.row)
}

export type LedgerRowValue = {
	row: number
	town: string
	village: string
	type: ListingType
	landClass: LandClass | null
	title: string
	area: number
	areaUnit: AreaUnit
	transferMode: TransferMode
	transferee: string
	transfereeCode: string | null
	price: number
	priceUnit: PriceUnit
	/** The ledger's 合同金额 when given, else null (the import computes it as the platform does). */
	totalYuan: number | null
	termYears: number
	/** Calendar days, YYYY-MM-DD. */
	startsOn: string
	endsOn: string
	contractDate: string
	contractCode: string | null
	contractingContractCode: string | null
	contractorCode: string | null
	useBefore: string | null
	useAfter: string | null
	feeNote: string | null
	parcelCodes: string[]
}

const LIMITS = { area: 1_000_000, price: 1_000_000_000, totalYuan: 10_000_000_000, termYears: 70, text: 200, code: 64 } as const
const CODE = /^[0-9A-Za-z-]{1,64}$/
/** DKBM: 发包方编码 (14 digits) + a 5-digit serial. */
const DKBM = /^\d{19}$/
const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/

/** A cell as trimmed text ('' for nothing); numbers as they read. */
function text(v: CellValue) {
	if (v === null) return ''
	if (v instanceof Date) return isoDay(v)
	return String(v).normalize('NFKC').trim()
}

function isoDay(d: Date) {
	return d.toISOString().slice(0, 10)
}

/** An Excel date (read as a Date at UTC midnight) or yyyy-mm-dd (also yyyy/mm/dd, yyyy.mm.dd) text. */
export function readDay(v: CellValue): string | null {
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoDay(v)
	const m = DAY.exec(text(v).replace(/[/.年月]/g, '-').replace(/日$/, ''))
	if (!m) return null
	const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
	const d = new Date(`${day}T00:00:00Z`)
	return !Number.isNaN(d.getTime()) && isoDay(d) === day ? day : null
}

function readNumber(v: CellValue): number | null {
	if (typeof v === 'number') return Number.isFinite(v) ? v : null
	const s = text(v).replace(/[,，\s]/g, '')
	if (s === '' || !/^-?\d+(\.\d+)?$/.test(s)) return null
	return Number(s)
}

/**
 * Checks one data row (`cells` by column key) and brings it to the app's codes. `today` is the
 * China calendar day: a contract signed after it is refused. `row` is the sheet's row number,
 * which every error carries.
 */
export function checkLedgerRow(row: number, cells: Partial<Record<LedgerColumnKey, CellValue>>, today: string): { ok: true; value: LedgerRowValue } | { ok: false; errors: RowError[] } {
	const errors: RowError[] = []
	const fail = (column: LedgerColumnKey | null, problem: RowProblem) => errors.push({ row, column, problem })
	const str = (key: LedgerColumnKey) => {
		const s = text(cells[key] ?? null)
		const column = LEDGER_COLUMNS.find((c) => c.key === key)!
		if (!s) {
			if (column.required) fail(key, 'required')
			return null
		}
		if (s.length > (column.kind === 'code' ? LIMITS.code : LIMITS.text)) return fail(key, 'tooLong'), null
		if (column.kind === 'code' && !CODE.test(s)) return fail(key, 'badCode'), null
		return s
	}
	const num = (key: 'area' | 'price' | 'totalYuan' | 'termYears', required: boolean) => {
		const raw = cells[key] ?? null
		if (text(raw) === '') {
			if (required) fail(key, 'required')
			return null
		}
		const n = readNumber(raw)
		if (n === null) return fail(key, 'notNumber'), null
		if (n <= 0) return fail(key, 'notPositive'), null
		if (n > LIMITS[key]) return fail(key, 'tooLarge'), null
		if (key === 'termYears' && !Number.isInteger(n)) return fail(key, 'notInteger'), null
		return n
	}
	const day = (key: 'startsOn' | 'endsOn' | 'contractDate') => {
		const raw = cells[key] ?? null
		if (text(raw) === '') return fail(key, 'required'), null
		const d = readDay(raw)
		if (!d) fail(key, 'notDate')
		return d
	}
	const choice = <T>(key: LedgerColumnKey, names: Readonly<Record<string, T>>) => {
		const s = str(key)
		if (s === null) return null
		const found = names[s.replace(/\s/g, '')]
		if (found === undefined) fail(key, 'badChoice')
		return found ?? null
	}

	const town = str('town')
	const village = str('village')
	const subject = choice('subject', SUBJECT_TYPES)
	const title = str('title')
	const area = num('area', true)
	const areaUnit = choice('areaUnit', AREA_UNITS)
	const transferMode = choice('transferMode', MODES)
	const transferee = str('transferee')
	const transfereeCode = str('transfereeCode')
	const price = num('price', true)
	const priceUnit = choice('priceUnit', PRICE_UNIT_NAMES)
	const totalYuan = num('totalYuan', false)
	const termYears = num('termYears', true)
	const startsOn = day('startsOn')
	const endsOn = day('endsOn')
	const contractDate = day('contractDate')
	const contractCode = str('contractCode')
	const contractingContractCode = str('contractingContractCode')
	const contractorCode = str('contractorCode')
	const useBefore = str('useBefore')
	const useAfter = str('useAfter')
	const feeNote = str('feeNote')
	const parcelText = str('parcelCodes')
	const parcelCodes = parcelText ? parcelText.split(/[;；,，\s]+/).filter(Boolean) : []
	if (parcelCodes.some((c) => !DKBM.test(c))) fail('parcelCodes', 'badParcelCode')

	if (startsOn && endsOn && endsOn <= startsOn) fail('endsOn', 'endBeforeStart')
	if (contractDate && contractDate > today) fail('contractDate', 'signedInFuture')
	if (subject && transferMode && !allowedTransferModes(subject.type).includes(transferMode)) fail('transferMode', 'modeNotAllowed')
	if (subject && priceUnit === 'YUAN_PER_MU_YEAR' && subject.type !== 'LAND') fail('priceUnit', 'priceUnitNotAllowed')

	if (errors.length > 0) return { ok: false, errors }
	return {
		ok: true,
		value: {
			row,
			town: town!,
			village: village!,
			type: subject!.type,
			landClass: subject!.landClass,
			title: title!,
			area: area!,
			areaUnit: areaUnit!,
			transferMode: transferMode!,
			transferee: transferee!,
			transfereeCode,
			price: price!,
			priceUnit: priceUnit!,
			totalYuan,
			termYears: termYears!,
			startsOn: startsOn!,
			endsOn: endsOn!,
			contractDate: contractDate!,
			contractCode,
			contractingContractCode,
			contractorCode,
			useBefore,
			useAfter,
			feeNote,
			parcelCodes,
		},
	}
}

/**
 * The text hashed into a row's idempotency key when it has no 流转合同编码: every field of the
 * checked row but its row number (a re-sorted sheet is the same ledger), in the column order,
 * joined by U+001F. Checked values, so 1,000 and 1000 or 2024/3/1 and 2024-03-01 are one row.
 */
export function rowContent(v: LedgerRowValue) {
	const { row: _row, ...rest } = v
	void _row
	return LEDGER_COLUMN_KEYS.filter((k) => k !== 'seq')
		.map((k) => {
			if (k === 'subject') return `${rest.type}/${rest.landClass ?? ''}`
			const value = rest[k as keyof typeof rest]
			return Array.isArray(value) ? value.join(';') : String(value ?? '')
		})
		.join('\u001f')
}

// ---------------------------------------------------------------- place names

/** Endings a town or village name may be written with or without, longest first. */
const PLACE_ENDINGS = ['嘎查村', '苏木', '嘎查', '社区', '镇', '乡', '村']

/** A place name compared loosely: full-width to half-width (NFKC), no spaces, no 镇/苏木/嘎查/村 ending. */
export function normalisePlaceName(name: string) {
	let s = name.normalize('NFKC').replace(/\s+/g, '')
	for (const end of PLACE_ENDINGS) {
		if (s.length > end.length && s.endsWith(end)) {
			s = s.slice(0, -end.length)
			break
		}
	}
	return s
}

export type Place = { id: string; name: string; townId: string; townName: string }
export type PlaceMatch =
	| { kind: 'exact' | 'normalised'; villageId: string }
	| { kind: 'ambiguous'; candidates: string[] }
	| { kind: 'none'; candidates: string[] }

/**
 * Finds the village a row's (town, village) names mean: the town first (exact name, else the one
 * whose normalised name is the same), then the village within it the same way. Exact on both is
 * `exact`; any loose step makes it `normalised` (the preview asks to confirm it); two candidates
 * at a step are `ambiguous`; none is `none`. Candidates are what the administrator picks from:
 * the town's villages when the town matched, else every village.
 */
export function matchPlace(town: string, village: string, villages: readonly Place[]): PlaceMatch {
	const towns = new Map(villages.map((v) => [v.townId, v.townName]))
	const pick = <T>(items: readonly T[], name: (t: T) => string, wanted: string) => {
		const exact = items.filter((i) => name(i) === wanted)
		if (exact.length > 0) return { found: exact, loose: false }
		const n = normalisePlaceName(wanted)
		return { found: items.filter((i) => normalisePlaceName(name(i)) === n), loose: true }
	}
	const townHit = pick([...towns.entries()], ([, name]) => name, town)
	if (townHit.found.length !== 1) {
		return { kind: townHit.found.length > 1 ? 'ambiguous' : 'none', candidates: villages.map((v) => v.id) }
	}
	const townId = townHit.found[0][0]
	const inTown = villages.filter((v) => v.townId === townId)
	const villageHit = pick(inTown, (v) => v.name, village)
	if (villageHit.found.length === 1) return { kind: townHit.loose || villageHit.loose ? 'normalised' : 'exact', villageId: villageHit.found[0].id }
	return { kind: villageHit.found.length > 1 ? 'ambiguous' : 'none', candidates: inTown.map((v) => v.id) }
}

/** One key per distinct (town, village) pair of names, as written in the sheet. */
export function placeKey(town: string, village: string) {
	return `${town}\u001f${village}`
}

// ---------------------------------------------------------------- the LZHT export

/**
 * The upward-reporting export (/admin/ledger/lzht.xlsx and .csv), in the order of NY/T 2539's
 * 流转合同 (LZHT) record: 原承包合同编码, 流转合同编码, 承包方编码, 受让方编码, 流转方式, 流转期限
 * (years), 流转开始日期, 流转结束日期 (起止日期 as two columns), 流转面积 (亩), 流转地块数,
 * 流转前用途, 流转后用途, 流转费用说明, 合同签订日期. One row per completed deal, platform deals
 * too: the codes, dates and uses a platform deal never recorded stay empty. 流转地块数 is the
 * number of 确权 parcels linked to the listing (ListingParcel); a land deal without linked parcels
 * counts as 1 (one plot as listed), a farmhouse or collective asset as 0 (no contracted parcel).
 */
export const LZHT_COLUMN_KEYS = [
	'contractingContractCode',
	'contractCode',
	'contractorCode',
	'transfereeCode',
	'transferMode',
	'termYears',
	'startsOn',
	'endsOn',
	'areaMu',
	'parcelCount',
	'useBefore',
	'useAfter',
	'feeNote',
	'contractDate',
] as const
export type LzhtColumnKey = (typeof LZHT_COLUMN_KEYS)[number]

export function lzhtParcelCount(type: string, linkedParcels: number) {
	if (linkedParcels > 0) return linkedParcels
	return type === 'LAND' ? 1 : 0
}
