import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import i18next from '~/i18next.server.ts'
import { xlsxResponse, chinaDay } from '~/models/ledger.server.ts'
import { priceExport } from '~/models/price-export.server.ts'
import { now } from '~/utils/clock.server.ts'

const HEADER_ROW = 3

// GET /stats/prices.xlsx — /stats/prices' town table under its filters as an Excel workbook: a
// title row, bold frozen headers with filters, whole-yuan number formats.
export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18next.getFixedT(request, ['prices', 'ledger', 'common'])
	const data = await priceExport(new URL(request.url), t)
	if (data instanceof Response) return data
	const at = now()
	const workbook = new ExcelJS.Workbook()
	workbook.creator = t('common:appName')
	workbook.created = at
	const sheet = workbook.addWorksheet(t('prices:stats.export.sheetName'), { views: [{ state: 'frozen', ySplit: HEADER_ROW }] })
	sheet.columns = data.headers.map((_, i) => ({ width: i < 2 ? 14 : i === 2 || i === 3 ? 8 : 14, style: i >= 4 ? { numFmt: '#,##0' } : {} }))
	sheet.getCell(1, 1).value = t('prices:stats.export.sheetTitle')
	sheet.getCell(1, 1).font = { bold: true, size: 14 }
	sheet.getCell(2, 1).value = t('prices:stats.export.generatedAt', { date: chinaDay(at) })
	const header = sheet.getRow(HEADER_ROW)
	header.values = data.headers
	header.font = { bold: true }
	sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: data.headers.length } }
	for (const cells of data.records) sheet.addRow(cells)
	const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
	return xlsxResponse(buffer, t('prices:stats.export.fileName'), 'land-prices', at)
}
