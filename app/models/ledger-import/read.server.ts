// Reads an uploaded 台账 .xlsx with bounded memory. Before parsing, the zip's central directory is
// checked with yauzl (each part's inflated size; a zip bomb is refused unread). The first sheet is
// then streamed row by row (exceljs's WorkbookReader): the header row is found by the template's
// headers, and reading stops at the row cap, so a 1,000,000-row sheet is refused after
// LEDGER_ROW_CAP + 1 rows without loading the rest.
// Formula cells are refused, with their row and column, whether or not the file carries a cached
// value: a cached value may be stale, and the ledger is a record, not a calculation.
import path from 'node:path'
import { PassThrough, type Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import yauzl from 'yauzl'
import yazl from 'yazl'
import { LEDGER_COLUMNS, LEDGER_MAX_BYTES, LEDGER_ROW_CAP, type CellValue, type LedgerColumnKey, type RowError } from '~/domain/ledger-row.ts'

/** Inflated, all parts together; and the shared-strings part, which the reader keeps in memory. */
const MAX_INFLATED_BYTES = 200 * 1024 * 1024
const MAX_SHARED_STRINGS_BYTES = 50 * 1024 * 1024
/** Rows above the header that may hold a title block. */
const HEADER_SEARCH_ROWS = 10

export type ReadProblem = 'notXlsx' | 'tooLarge' | 'zipTooLarge' | 'noHeader' | 'tooManyRows' | 'empty'
export type SheetRow = { row: number; cells: Partial<Record<LedgerColumnKey, CellValue>> }
export type ReadResult = { ok: true; rows: SheetRow[]; errors: RowError[] } | { ok: false; problem: ReadProblem; missing?: string[] }

/**
 * The zip's parts by their declared sizes, from the central directory only (nothing inflated).
 * Returns the entries the reader needs, or the problem.
 */
async function checkZip(file: string): Promise<{ problem: ReadProblem } | { zip: yauzl.ZipFile; parts: yauzl.Entry[] }> {
	return new Promise((resolve) => {
		yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
			if (error || !zip) {
				if (error) console.error(`ledger import: ${path.basename(file)} is not a readable zip`, error.message)
				return resolve({ problem: 'notXlsx' })
			}
			let total = 0
			const parts: yauzl.Entry[] = []
			const refuse = (problem: ReadProblem) => {
				zip.close()
				resolve({ problem })
			}
			zip.on('entry', (entry: yauzl.Entry) => {
				total += entry.uncompressedSize
				if (total > MAX_INFLATED_BYTES || (entry.fileName === 'xl/sharedStrings.xml' && entry.uncompressedSize > MAX_SHARED_STRINGS_BYTES)) return refuse('zipTooLarge')
				if (partRank(entry.fileName) !== null) parts.push(entry)
				zip.readEntry()
			})
			zip.on('end', () => (parts.some((e) => e.fileName === 'xl/workbook.xml') ? resolve({ zip, parts }) : refuse('notXlsx')))
			zip.on('error', () => refuse('notXlsx'))
			zip.readEntry()
		})
	})
}

const FIRST_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']
const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/

/** Where a part goes in the reader's order, or null for a part the reader does not use. */
function partRank(name: string): number | null {
	const first = FIRST_PARTS.indexOf(name)
	if (first >= 0) return first
	const sheet = SHEET.exec(name)
	return sheet ? FIRST_PARTS.length + Number(sheet[1]) : null
}

/**
 * The parts the reader needs, re-zipped in the order it can read without a detour: relations,
 * workbook, shared strings and styles before the sheets. exceljs's streaming reader parks a sheet
 * that comes before the shared strings (Excel's own order) in a temp file, and that path loses
 * parts at random: 3 reads in 400 of one file saw indices instead of text, or no workbook at all.
 */
function orderedZip(zip: yauzl.ZipFile, parts: yauzl.Entry[]) {
	const out = new yazl.ZipFile()
	const opened: Readable[] = []
	for (const entry of [...parts].sort((a, b) => partRank(a.fileName)! - partRank(b.fileName)!)) {
		out.addReadStreamLazy(entry.fileName, { compressionLevel: 1 }, (cb) =>
			zip.openReadStream(entry, (error, stream) => {
				if (stream) opened.push(stream)
				cb(error, stream)
			}),
		)
	}
	out.end()
	const stream = out.outputStream.pipe(new PassThrough())
	return {
		stream,
		/** Reading may stop early (the row cap, no header): the rest of the zip is not wanted. */
		close() {
			stream.destroy()
			for (const part of opened) part.destroy()
			zip.close()
		},
	}
}

type ExcelValue = ExcelJS.CellValue | undefined

/** A cell as the checks read it, or 'formula'. Rich text and links become their text. */
function cellValue(v: ExcelValue): CellValue | 'formula' {
	if (v === null || v === undefined) return null
	if (typeof v === 'string' || typeof v === 'number') return v
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
	if (v instanceof Date) return v
	if ('formula' in v || 'sharedFormula' in v) return 'formula'
	if ('richText' in v) return v.richText.map((r) => r.text).join('')
	if ('text' in v) return typeof v.text === 'string' ? v.text : null
	if ('error' in v) return null
	return null
}

const normaliseHeader = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

/** The template's column key of each sheet column, if this row is the header (every required header present). */
function headerMap(values: ExcelValue[]): Map<number, LedgerColumnKey> | null {
	const byHeader = new Map(LEDGER_COLUMNS.map((c) => [normaliseHeader(c.header), c.key]))
	const map = new Map<number, LedgerColumnKey>()
	values.forEach((v, i) => {
		const c = cellValue(v)
		if (typeof c !== 'string') return
		const key = byHeader.get(normaliseHeader(c))
		if (key) map.set(i, key)
	})
	const found = new Set(map.values())
	return LEDGER_COLUMNS.every((c) => !c.required || found.has(c.key)) ? map : null
}

export async function readLedgerFile(file: string, size: number): Promise<ReadResult> {
	if (size > LEDGER_MAX_BYTES) return { ok: false, problem: 'tooLarge' }
	const checked = await checkZip(file)
	if ('problem' in checked) return { ok: false, problem: checked.problem }
	const input = orderedZip(checked.zip, checked.parts)
	try {
		return await readSheet(input.stream)
	} finally {
		input.close()
	}
}

async function readSheet(input: Readable): Promise<ReadResult> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' })
	const rows: SheetRow[] = []
	const errors: RowError[] = []
	let header: Map<number, LedgerColumnKey> | null = null
	let bestHeader: ExcelValue[] = []
	try {
		for await (const sheet of reader) {
			for await (const row of sheet) {
				const values = (Array.isArray(row.values) ? row.values : []) as ExcelValue[]
				if (!header) {
					header = headerMap(values)
					if (!header && values.filter((v) => v != null).length > bestHeader.filter((v) => v != null).length) bestHeader = values
					if (!header && row.number >= HEADER_SEARCH_ROWS) break
					continue
				}
				const cells: SheetRow['cells'] = {}
				let any = false
				for (const [index, key] of header) {
					const c = cellValue(values[index])
					if (c === 'formula') {
						errors.push({ row: row.number, column: key, problem: 'formula' })
						any = true
						continue
					}
					if (c !== null && String(c).trim() !== '') any = true
					cells[key] = c
				}
				if (!any) continue
				// Over the cap: refused at once; the rest of the sheet is never read.
				if (rows.length >= LEDGER_ROW_CAP) return { ok: false, problem: 'tooManyRows' }
				rows.push({ row: row.number, cells })
			}
			// Only the first sheet is the ledger (a second one may hold the template's notes).
			break
		}
	} catch (error) {
		console.error('ledger import: the file could not be read as a workbook', error instanceof Error ? error.message : error)
		return { ok: false, problem: 'notXlsx' }
	}
	if (!header) {
		const present = new Set(bestHeader.map((v) => cellValue(v)).filter((v): v is string => typeof v === 'string').map(normaliseHeader))
		return { ok: false, problem: 'noHeader', missing: LEDGER_COLUMNS.filter((c) => c.required && !present.has(normaliseHeader(c.header))).map((c) => c.header) }
	}
	if (rows.length === 0 && errors.length === 0) return { ok: false, problem: 'empty' }
	return { ok: true, rows, errors }
}
