import type { LoaderFunctionArgs } from '@remix-run/node'
import i18next from '~/i18next.server.ts'
import { attachment, csvBody, ledgerExport } from '~/models/ledger.server.ts'
import { now } from '~/utils/clock.server.ts'

// GET /ledger.csv — the ledger's current filters as CSV: UTF-8 with a byte-order mark so Excel
// opens the Chinese correctly, numbers unformatted so a spreadsheet can sum them, buyers masked.
export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18next.getFixedT(request, ['ledger', 'common', 'filing'])
	const data = await ledgerExport(new URL(request.url), t)
	if (data instanceof Response) return data
	const body = csvBody(data.columns.map((c) => c.header), data.records)
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': attachment(t('ledger:export.fileName'), 'ledger', 'csv', now()),
			'Cache-Control': 'no-store',
		},
	})
}
