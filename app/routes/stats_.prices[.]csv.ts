import type { LoaderFunctionArgs } from '@remix-run/node'
import i18next from '~/i18next.server.ts'
import { attachment, csvBody } from '~/models/ledger.server.ts'
import { priceExport } from '~/models/price-export.server.ts'
import { now } from '~/utils/clock.server.ts'

// GET /stats/prices.csv — /stats/prices' town table under its filters, as CSV (UTF-8 with a
// byte-order mark for Excel, numbers unformatted, every field quoted as the ledger's export).
export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18next.getFixedT(request, ['prices', 'ledger', 'common'])
	const data = await priceExport(new URL(request.url), t)
	if (data instanceof Response) return data
	return new Response(csvBody(data.headers, data.records), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': attachment(t('prices:stats.export.fileName'), 'land-prices', 'csv', now()),
			'Cache-Control': 'no-store',
		},
	})
}
