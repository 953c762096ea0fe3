// The 台账 template (.xlsx), written from the one column definition (app/domain/ledger-row.ts):
// sheet 1 is the ledger (the header row, with drop-downs on the choice columns), sheet 2 the notes
// (each column: required or not, its format, its allowed values). The fixture script writes its
// sample ledger with the same function, so the sample is always in the template's shape.
import ExcelJS from 'exceljs'
import { LEDGER_COLUMNS, type CellValue, type LedgerColumnKey } from '~/domain/ledger-row.ts'

export type TemplateText = {
	fileName: string
	sheetName: string
	notesSheetName: string
	notesHeaders: readonly string[]
	required: string
	optional: string
	/** The format of each column kind, and a note per column (may be ''). */
	kinds: Record<string, string>
	notes: Partial<Record<LedgerColumnKey, string>>
}

/** Rows are cells by column key; a cell `{ formula }` writes a formula (for the refusal tests). */
export type TemplateRow = Partial<Record<LedgerColumnKey, CellValue | { formula: string; result?: number }>>

export function ledgerWorkbook(text: TemplateText, rows: readonly TemplateRow[] = []) {
	const workbook = new ExcelJS.Workbook()
	const sheet = workbook.addWorksheet(text.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
	sheet.columns = LEDGER_COLUMNS.map((c) => ({ key: c.key, width: c.width, style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'code' ? { numFmt: '@' } : {} }))
	const header = sheet.getRow(1)
	LEDGER_COLUMNS.forEach((c, i) => {
		const cell = header.getCell(i + 1)
		cell.value = c.header
		cell.font = { bold: true, color: c.required ? { argb: 'FF9A3412' } : undefined }
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E5E4' } }
		cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
	})
	header.height = 30
	for (const row of rows) sheet.addRow(LEDGER_COLUMNS.map((c) => row[c.key] ?? null))
	// Drop-downs on the choice columns of the empty template, for the rows an official fills in by hand.
	const last = 500
	LEDGER_COLUMNS.forEach((c, i) => {
		if (!c.choices || rows.length > 0) return
		const letter = sheet.getColumn(i + 1).letter
		for (let r = 2; r <= last; r++) {
			sheet.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${c.choices.join(',')}"`] }
		}
	})

	const notes = workbook.addWorksheet(text.notesSheetName)
	notes.columns = [{ width: 16 }, { width: 8 }, { width: 40 }, { width: 60 }]
	notes.addRow([...text.notesHeaders]).font = { bold: true }
	for (const c of LEDGER_COLUMNS) {
		const format = c.choices ? c.choices.join(' / ') : (text.kinds[c.kind] ?? '')
		notes.addRow([c.header, c.required ? text.required : text.optional, format, text.notes[c.key] ?? ''])
	}
	notes.eachRow((row) => (row.alignment = { vertical: 'top', wrapText: true }))
	return workbook
}
