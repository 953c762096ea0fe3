// The NY/T 2539-2016 DK (地块) table's fields and how a file's columns map onto a Parcel. Column
// names are matched case-insensitively, ignoring spaces, underscores and dots, against the standard
// name and the variants county data use (Chinese headers, long names). When a file's names
// differ, the administrator picks a column per field on the preview page; that mapping is stored on
// the import and wins over the automatic one.
import { m2ToMu } from './units.ts'

export const PARCEL_FIELDS = [
	'code',
	'name',
	'employerCode',
	'contractorCode',
	'parcelClass',
	'landUse',
	'grade',
	'basicFarmland',
	'surveyedAreaM2',
	'surveyedAreaMu',
	'east',
	'south',
	'west',
	'north',
	'surveyorName',
	'remark',
] as const
export type ParcelField = (typeof PARCEL_FIELDS)[number]
/** Field → the file's column name (null: not in the file). */
export type FieldMapping = Record<ParcelField, string | null>

/** The standard name first (shown on the page), then variants seen in county files. */
export const FIELD_NAMES: Record<ParcelField, readonly string[]> = {
	code: ['DKBM', '地块编码', 'DKBH', 'PARCELCODE'],
	name: ['DKMC', '地块名称'],
	employerCode: ['FBFBM', '发包方编码', 'FBFDM'],
	contractorCode: ['CBFBM', '承包方编码', 'CBFDM'],
	parcelClass: ['DKLB', '地块类别'],
	landUse: ['TDLYLX', '土地利用类型', 'DLBM', 'TDYT'],
	grade: ['DLDJ', '地力等级'],
	basicFarmland: ['SFJBNT', '是否基本农田', 'JBNT'],
	surveyedAreaM2: ['SCMJ', '实测面积', 'SCMJPFM', 'MJ'],
	surveyedAreaMu: ['SCMJM', '实测面积亩', 'SCMJMU', 'MJM'],
	east: ['DKDZ', '地块东至', '东至'],
	south: ['DKNZ', '地块南至', '南至'],
	west: ['DKXZ', '地块西至', '西至'],
	north: ['DKBZ', '地块北至', '北至'],
	surveyorName: ['ZJRXM', '指界人姓名', '指界人'],
	remark: ['DKBZXX', '地块备注信息', '备注', 'BZ'],
}

const normal = (name: string) => name.normalize('NFKC').replace(/[\s_.\-（）()]/g, '').toUpperCase()

/** The automatic mapping of a file's columns (first matching variant wins; a column maps once). */
export function autoMapping(columns: readonly string[]): FieldMapping {
	const byNormal = new Map(columns.map((c) => [normal(c), c]))
	const used = new Set<string>()
	const mapping = {} as FieldMapping
	for (const field of PARCEL_FIELDS) {
		const hit = FIELD_NAMES[field].map((n) => byNormal.get(normal(n))).find((c) => c !== undefined && !used.has(c))
		mapping[field] = hit ?? null
		if (hit) used.add(hit)
	}
	return mapping
}

/** The automatic mapping with the administrator's choices over it; names not in the file are dropped. */
export function resolveMapping(columns: readonly string[], chosen: Partial<Record<string, string | null>> | null): FieldMapping {
	const mapping = autoMapping(columns)
	if (!chosen) return mapping
	for (const field of PARCEL_FIELDS) {
		if (!(field in chosen)) continue
		const column = chosen[field]
		mapping[field] = column && columns.includes(column) ? column : null
	}
	return mapping
}

export type Cell = string | number | boolean | null | undefined
export type ParcelAttributes = {
	code: string | null
	name: string | null
	employerCode: string | null
	contractorCode: string | null
	parcelClass: string | null
	landUse: string | null
	grade: string | null
	basicFarmland: boolean | null
	surveyedAreaM2: number | null
	surveyedAreaMu: number | null
	east: string | null
	south: string | null
	west: string | null
	north: string | null
	surveyorName: string | null
	remark: string | null
}

function text(value: Cell, max = 200) {
	if (value === null || value === undefined) return null
	const s = String(value).trim()
	return s === '' ? null : s.slice(0, max)
}

function number(value: Cell) {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null
	const s = text(value)
	if (s === null) return null
	const n = Number(s.replace(/,/g, ''))
	return Number.isFinite(n) ? n : null
}

/** SFJBNT is coded 1 (是) / 2 (否) in the standard; files also say 是/否, Y/N, true/false. */
export function readYesNo(value: Cell): boolean | null {
	if (typeof value === 'boolean') return value
	const s = text(value)?.toUpperCase()
	if (!s) return null
	if (['1', '是', 'Y', 'YES', 'T', 'TRUE'].includes(s)) return true
	if (['2', '0', '否', 'N', 'NO', 'F', 'FALSE'].includes(s)) return false
	return null
}

/** Codes read from DBF numeric columns may arrive as numbers: written back without exponent. */
function code(value: Cell) {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null
	return text(value, 40)
}

/** One feature's attributes through the mapping. SCMJM is derived from SCMJ when the file lacks it. */
export function readAttributes(properties: Record<string, Cell>, mapping: FieldMapping): ParcelAttributes {
	const get = (field: ParcelField) => (mapping[field] ? properties[mapping[field]] : null)
	const areaM2 = number(get('surveyedAreaM2'))
	const areaMu = number(get('surveyedAreaMu'))
	return {
		code: code(get('code')),
		name: text(get('name')),
		employerCode: code(get('employerCode')),
		contractorCode: code(get('contractorCode')),
		parcelClass: text(get('parcelClass'), 10),
		landUse: text(get('landUse'), 10),
		grade: text(get('grade'), 10),
		basicFarmland: readYesNo(get('basicFarmland')),
		surveyedAreaM2: areaM2,
		surveyedAreaMu: areaMu ?? (areaM2 === null ? null : Math.round(m2ToMu(areaM2) * 100) / 100),
		east: text(get('east')),
		south: text(get('south')),
		west: text(get('west')),
		north: text(get('north')),
		surveyorName: text(get('surveyorName'), 50),
		remark: text(get('remark'), 500),
	}
}
