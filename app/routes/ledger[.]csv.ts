import type { LoaderFunctionArgs } from '@remix-run/node'
import { stringify } from 'csv-stringify/sync'
import i18next from '~/i18next.server.ts'
import { attachment, ledgerExport, spreadsheetSafe } from '~/models/ledger.server.ts'
import { now } from '~/utils/clock.server.ts'

// GET /ledger.csv — the ledger's current filters as CSV: UTF-8 with a byte-order mark so Excel
// opens the Chinese correctly, numbers unformatted so a spreadsheet can sum them, buyers masked.
export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18next.getFixedT(request, ['ledger', 'common', 'filing'])
	const data = await ledgerExport(new URL(request.url), t)
	if (data instanceof Response) return data
	const records = data.records.map((cells) => cells.map((value) => (typeof value === 'string' ? spreadsheetSafe(value) : value)))
	// Every field quoted: with a `;` list separator Excel would split an unquoted `x;=1+1` and run
	// the second half as a formula.
	const body = stringify([data.columns.map((c) => c.header), ...records], { bom: true, record_delimiter: 'windows', quoted: true, quoted_empty: true })
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': attachment(t('ledger:export.fileName'), 'ledger', 'csv', now()),
			'Cache-Control': 'no-store',
		},
	})
}
