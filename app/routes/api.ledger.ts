import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { ledgerApiItem, listLedger, parseLedgerQuery } from '~/models/ledger.server.ts'

// GET /api/ledger?town=&type=&status=notice|completed&dateBy=notice|certified&from=YYYY-MM-DD&to=YYYY-MM-DD
// PRODUCT.md's stable interface: a JSON list of the deals in public notice or completed, newest
// first — listing, town, village, modes, price, area, value, status, dates, certificate number.
// Nothing about the buyer. X-Total-Count carries the number of matching deals.
export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	if (url.search.length > 2_000) return badRequest({ query: 'query string too long' })
	const { query, errors } = parseLedgerQuery(url.searchParams)
	if (Object.keys(errors).length > 0) return badRequest(errors)
	const { rows, total } = await listLedger(query, { paged: false, withBuyer: false })
	return json(rows.map(ledgerApiItem), {
		headers: {
			'Cache-Control': 'public, max-age=10',
			'Access-Control-Allow-Origin': '*',
			'Access-Control-Expose-Headers': 'X-Total-Count',
			'X-Total-Count': String(total),
		},
	})
}

function badRequest(errors: Record<string, string>) {
	return json(
		{ error: 'Bad request', message: Object.values(errors).join('; '), errors },
		{ status: 400, headers: { 'Cache-Control': 'no-store' } },
	)
}
