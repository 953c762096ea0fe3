// Contracts from the model text (合同示范文本, issue 12, decision 030): which template a deal's
// contract comes from, the placeholders a template may use, the checks of a template's text, and
// the filling of a template into the blocks the PDF prints. A template is plain text:
//   # 标题          a centred heading (the document's title comes from the template's title)
//   ## 标题         a clause heading, numbered 第一条, 第二条, … in order
//   {{parcels}}     alone on its line: the table of the listing's 确权 parcels
//   anything else   a paragraph; a blank line separates paragraphs
// Placeholders are {{name}}; a value the platform does not know prints as a blank to write in by hand.
import nzh from 'nzh/cn'
import { filingNumber, filingNumberStem } from './filing.ts'
import type { ListingType, TransferMode } from './listing.ts'

export const TEMPLATE_KINDS = ['LAND_LEASE', 'LAND_SHARE', 'LAND_TRANSFER', 'HOUSE_LEASE', 'ASSET_LEASE', 'ASSET_TRANSFER'] as const
export type TemplateKind = (typeof TEMPLATE_KINDS)[number]

export function isTemplateKind(value: unknown): value is TemplateKind {
	return typeof value === 'string' && (TEMPLATE_KINDS as readonly string[]).includes(value)
}

/**
 * The template of a deal: land by its transfer mode (出租/转包, 入股/合作, 转让), a farmhouse's
 * lease (its cooperation included), a collective asset's lease or transfer.
 */
export function templateKindFor(type: ListingType, mode: TransferMode): TemplateKind {
	if (type === 'LAND') return mode === 'SHARE' || mode === 'COOPERATION' ? 'LAND_SHARE' : mode === 'TRANSFER' ? 'LAND_TRANSFER' : 'LAND_LEASE'
	if (type === 'FARMHOUSE') return 'HOUSE_LEASE'
	return mode === 'TRANSFER' ? 'ASSET_TRANSFER' : 'ASSET_LEASE'
}

/** Every placeholder a template may use; the admin's editor lists them with their meaning (i18n `contracts:placeholders.*`). */
export const PLACEHOLDERS = [
	'contractNo',
	'town',
	'village',
	'villageContact',
	'villagePhone',
	'transferee',
	'transfereeIdNumber',
	'transfereePhone',
	'title',
	'listingType',
	'mode',
	'tradingMode',
	'area',
	'parcelCount',
	'parcels',
	'useAfter',
	'termYears',
	'startsOn',
	'endsOn',
	'price',
	'totalValue',
	'totalValueUpper',
	'annualRent',
	'annualRentUpper',
	'dealDate',
	'centre',
] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

/** One 确权 parcel as the contract's table prints it. */
export type ContractParcel = { code: string; name: string | null; areaMu: number; east: string | null; south: string | null; west: string | null; north: string | null }
export type ContractValues = Record<Exclude<Placeholder, 'parcels'>, string | null> & { parcels: ContractParcel[] }

export type Block = { kind: 'title' | 'heading' | 'paragraph'; text: string } | { kind: 'parcels'; parcels: ContractParcel[] }

export const MAX_TEMPLATE_CHARS = 30_000
export const MAX_TITLE_CHARS = 60
/** A contract's PDF may have at most this many pages (a template that would produce more is refused). */
export const MAX_CONTRACT_PAGES = 50

export type TemplateProblem = { code: 'titleRequired' | 'titleTooLong' | 'bodyRequired' | 'bodyTooLong' | 'unclosed' | 'parcelsInline' } | { code: 'unknownPlaceholder'; names: string[] }

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g

/** What is wrong with a template's title and text; empty when it may be saved (the page count is checked on the PDF). */
export function templateProblems(title: string, body: string): TemplateProblem[] {
	const problems: TemplateProblem[] = []
	if (!title.trim()) problems.push({ code: 'titleRequired' })
	else if (Array.from(title.trim()).length > MAX_TITLE_CHARS) problems.push({ code: 'titleTooLong' })
	if (!body.trim()) problems.push({ code: 'bodyRequired' })
	else if (body.length > MAX_TEMPLATE_CHARS) problems.push({ code: 'bodyTooLong' })
	const unknown = new Set<string>()
	for (const m of body.matchAll(PLACEHOLDER)) if (!(PLACEHOLDERS as readonly string[]).includes(m[1])) unknown.add(m[1] || '{{}}')
	if (unknown.size) problems.push({ code: 'unknownPlaceholder', names: [...unknown] })
	// Braces left over once the placeholders are taken out: a {{ without its }} or the reverse.
	if (/\{\{|\}\}/.test(body.replace(PLACEHOLDER, ''))) problems.push({ code: 'unclosed' })
	for (const line of body.split('\n')) {
		if (/\{\{\s*parcels\s*\}\}/.test(line) && line.trim().replace(/\s+/g, '') !== '{{parcels}}') {
			problems.push({ code: 'parcelsInline' })
			break
		}
	}
	return problems
}

/** A blank for what the platform does not know, to be written in by hand on the printed contract. */
export const BLANK = '＿＿＿＿＿＿'

/** The template filled with a deal's values, as the PDF's blocks (the template's title first). */
export function fillTemplate(title: string, body: string, values: ContractValues): Block[] {
	const text = (s: string) => s.replace(PLACEHOLDER, (_, name: string) => (name === 'parcels' ? '' : values[name as Exclude<Placeholder, 'parcels'>] ?? BLANK))
	const blocks: Block[] = [{ kind: 'title', text: text(title.trim()) }]
	let paragraph: string[] = []
	let clause = 0
	const flush = () => {
		if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') })
		paragraph = []
	}
	for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
		const line = raw.trimEnd()
		if (!line.trim()) flush()
		else if (line.replace(/\s+/g, '') === '{{parcels}}') {
			flush()
			blocks.push({ kind: 'parcels', parcels: values.parcels })
		} else if (line.startsWith('## ')) {
			flush()
			// Clauses are numbered in order (第一条, 第二条, …) unless the text numbers them itself.
			const heading = text(line.slice(3).trim())
			blocks.push({ kind: 'heading', text: /^第[一二三四五六七八九十百零〇\d]+条/.test(heading) ? heading : `第${nzh.encodeS(++clause)}条\u3000${heading}` })
		} else if (line.startsWith('# ')) {
			flush()
			blocks.push({ kind: 'title', text: text(line.slice(2).trim()) })
		} else paragraph.push(text(line))
	}
	flush()
	return blocks
}

/** The blocks as plain text (the dossier's copy of the contract): a parcel row a line, its cells separated by ' | '. */
export function blocksAsText(blocks: Block[], columns: string[]) {
	return blocks
		.map((b) => {
			if (b.kind !== 'parcels') return b.text
			const rows = b.parcels.map((p) => [p.code, p.name ?? '—', p.areaMu.toFixed(2), p.east ?? '—', p.south ?? '—', p.west ?? '—', p.north ?? '—'].join(' | '))
			return [columns.join(' | '), ...rows].join('\n')
		})
		.join('\n\n')
}

/** An amount of yuan in the capital figures of Chinese contracts: 壹万贰仟元整 (nzh's money rules). */
export function yuanInCapitals(yuan: number) {
	return nzh.toMoney(Math.round(yuan * 100) / 100, { outSymbol: false })
}

/**
 * 流转合同编码 of a contract generated on the platform: the centre's prefix, HT (合同), the
 * 发包方's (the village's) code, the year in China and a serial that starts at 1 each year in each
 * village: DLT-HT-SAIWUSU-2026-00001. Contracts recorded from outside keep their own codes.
 */
export function contractNumberStem(prefix: string, villageCode: string, year: number) {
	return filingNumberStem(`${prefix}-HT`, villageCode, year)
}

/** The filing numbers' scheme (app/domain/filing.ts) under the prefix <prefix>-HT, with the village for the town. */
export function contractNumber(prefix: string, villageCode: string, year: number, serial: number) {
	return filingNumber(`${prefix}-HT`, villageCode, year, serial)
}
