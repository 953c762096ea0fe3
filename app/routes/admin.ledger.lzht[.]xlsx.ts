import type { LoaderFunctionArgs } from '@remix-run/node'
import { plainWorkbook, xlsxResponse } from '~/models/ledger.server.ts'
import { LZHT_COLUMNS, lzhtRecords } from '~/models/lzht-export.server.ts'
import zhFiling from '~/locales/zh/filing.ts'
import { now } from '~/utils/clock.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

// GET /admin/ledger/lzht.xlsx — the LZHT contract records (lzht-export.server.ts) as one sheet:
// the national table's headers on row 1 (frozen, filtered), real dates, areas in mu. Administrators
// only: it holds the parties' codes.
export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'ledger:export:reporting')
	const at = now()
	return xlsxResponse(await plainWorkbook(zhFiling.lzht.sheetName, LZHT_COLUMNS, await lzhtRecords(), at), zhFiling.lzht.fileName, 'lzht', at)
}
