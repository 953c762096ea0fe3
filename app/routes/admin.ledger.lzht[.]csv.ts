import type { LoaderFunctionArgs } from '@remix-run/node'
import { attachment, csvBody } from '~/models/ledger.server.ts'
import { LZHT_COLUMNS, lzhtRecords } from '~/models/lzht-export.server.ts'
import zhFiling from '~/locales/zh/filing.ts'
import { now } from '~/utils/clock.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

// GET /admin/ledger/lzht.csv — the LZHT contract records (lzht-export.server.ts) as CSV, for
// administrators only: it holds the parties' codes.
export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'ledger:export:reporting')
	const body = csvBody(LZHT_COLUMNS.map((c) => c.header), await lzhtRecords())
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': attachment(zhFiling.lzht.fileName, 'lzht', 'csv', now()),
			'Cache-Control': 'no-store',
		},
	})
}
