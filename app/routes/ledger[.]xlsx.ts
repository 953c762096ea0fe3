import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import i18next from '~/i18next.server.ts'
import { xlsxResponse, chinaDay, describeFilters, excelDate, LEDGER_EXPORT_LIMIT, ledgerExport, ledgerTowns, NUMBER_FORMATS } from '~/models/ledger.server.ts'
import { now } from '~/utils/clock.server.ts'

const HEADER_ROW = 3

// GET /ledger.xlsx — the ledger's current filters as an Excel workbook for officials: a title
// block, bold frozen headers with filters, column widths, yuan/mu number formats, real dates and
// a total row. Buyers are masked as on the page.
export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18next.getFixedT(request, ['ledger', 'common', 'filing'])
	const [data, towns] = await Promise.all([ledgerExport(new URL(request.url), t), ledgerTowns()])
	if (data instanceof Response) return data
	const { query, columns, records, total, truncated } = data
	const at = now()

	const workbook = new ExcelJS.Workbook()
	workbook.creator = t('common:appName')
	workbook.created = at
	const sheet = workbook.addWorksheet(t('ledger:export.sheetName'), {
		views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }],
		pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
	})
	sheet.columns = columns.map((c) => ({ key: c.key, width: c.width, style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {} }))

	const lastColumn = columns.length
	const title = sheet.getRow(1)
	title.getCell(1).value = t('ledger:export.sheetTitle')
	title.getCell(1).font = { bold: true, size: 14 }
	title.height = 24
	sheet.mergeCells(1, 1, 1, lastColumn)
	const subtitle = sheet.getRow(2)
	subtitle.getCell(1).value = `${describeFilters(query, towns, t)}${t('ledger:export.separator')}${t('ledger:export.generatedAt', { date: `${chinaDay(at)} ${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}` })}`
	subtitle.getCell(1).font = { italic: true, color: { argb: 'FF57534E' } }
	sheet.mergeCells(2, 1, 2, lastColumn)

	const header = sheet.getRow(HEADER_ROW)
	columns.forEach((c, i) => {
		const cell = header.getCell(i + 1)
		cell.value = c.header
		cell.font = { bold: true }
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E5E4' } }
		cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
		cell.border = { bottom: { style: 'thin', color: { argb: 'FF78716C' } } }
	})
	header.height = 30
	sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: lastColumn } }

	for (const cells of records) {
		const values = columns.map((c, i) => {
			const value = cells[i]
			if (c.kind === 'date') return typeof value === 'string' && value ? excelDate(value) : null
			if (c.key === 'link' && typeof value === 'string') return { text: value, hyperlink: value }
			return value
		})
		const added = sheet.addRow(values)
		columns.forEach((c, i) => {
			const value = values[i]
			if (c.kind === 'number' && typeof value === 'number' && Number.isInteger(value)) added.getCell(i + 1).numFmt = '#,##0'
		})
	}

	// The total contract value: a live SUM over the data rows, with its value cached for viewers.
	const first = HEADER_ROW + 1
	const last = HEADER_ROW + records.length
	const totalRow = sheet.addRow([])
	totalRow.getCell(1).value = t('ledger:export.total', { count: records.length })
	const valueColumn = columns.findIndex((c) => c.key === 'totalValueYuan') + 1
	const letter = sheet.getColumn(valueColumn).letter
	totalRow.getCell(valueColumn).value = records.length ? { formula: `SUM(${letter}${first}:${letter}${last})`, result: data.sumYuan } : 0
	totalRow.font = { bold: true }
	totalRow.eachCell((cell) => (cell.border = { top: { style: 'thin', color: { argb: 'FF78716C' } } }))
	if (truncated) sheet.addRow([t('ledger:export.truncated', { count: Math.min(total, LEDGER_EXPORT_LIMIT) })]).font = { italic: true, color: { argb: 'FFB42318' } }

	const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
	return xlsxResponse(buffer, t('ledger:export.fileName'), 'ledger', at)
}
