import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { attachment, excelDate, NUMBER_FORMATS } from '~/models/ledger.server.ts'
import { LZHT_COLUMNS, lzhtRecords } from '~/models/lzht-export.server.ts'
import zhFiling from '~/locales/zh/filing.ts'
import { now } from '~/utils/clock.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

// GET /admin/ledger/lzht.xlsx — the LZHT contract records (lzht-export.server.ts) as one sheet:
// the national table's headers on row 1 (frozen, filtered), real dates, areas in mu. Administrators
// only: it holds the parties' codes.
export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'ledger:export:reporting')
	const records = await lzhtRecords()
	const at = now()
	const workbook = new ExcelJS.Workbook()
	workbook.created = at
	const sheet = workbook.addWorksheet(zhFiling.lzht.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
	sheet.columns = LZHT_COLUMNS.map((c) => ({ key: c.key, width: c.width, style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : { numFmt: '@' } }))
	const header = sheet.getRow(1)
	LZHT_COLUMNS.forEach((c, i) => {
		const cell = header.getCell(i + 1)
		cell.value = c.header
		cell.font = { bold: true }
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E5E4' } }
	})
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LZHT_COLUMNS.length } }
	for (const cells of records) {
		// Codes and notes are written as text cells, never as formulas (exceljs writes strings as strings).
		sheet.addRow(LZHT_COLUMNS.map((c, i) => (c.kind === 'date' ? (cells[i] ? excelDate(String(cells[i])) : null) : cells[i])))
	}
	const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
	return new Response(buffer, {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': attachment(zhFiling.lzht.fileName, 'lzht', 'xlsx', at),
			'Content-Length': String(buffer.length),
			'Cache-Control': 'no-store',
		},
	})
}
