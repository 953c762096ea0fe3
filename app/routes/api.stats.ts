import { json } from '@remix-run/node'
import { getStats } from '~/models/stats.server.ts'

// GET /api/stats — PRODUCT.md's stable interface: listings published and traded per type, land
// listed in mu, the value of completed deals, and the same per town (`listings`, `landAreaMu`,
// `tradedValueYuan`, `towns`); beside them `tradedByMonth`, `landPricePerMu`, `listingsByStatus`,
// `tradedShare` and `daysToDeal` (app/models/stats.ts documents each).
export async function loader() {
	const stats = await getStats()
	return json(stats, {
		headers: { 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' },
	})
}
