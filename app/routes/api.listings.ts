import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { listingFeaturesJson } from '~/models/listing-catalog.server.ts'
import { parseListingQuery } from '~/utils/listing-query.ts'

// GET /api/listings?bbox=west,south,east,north&zoom=Z&type=&town=&village=&minArea=&maxArea=&areaUnit=&minPrice=&maxPrice=&priceUnit=&mode=&q=
// Areas compare in areaUnit (mu|m2); a price range matches listings priced in priceUnit only; both
// default to the unit of the type filter (see app/utils/listing-query.ts, docs/decisions/007).
// GeoJSON of published listings in the box; clusters ({cluster: true, count}) at low zoom.
export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	if (url.search.length > 48_000) return badRequest({ query: 'query string too long' })
	const { query, errors } = parseListingQuery(url.searchParams)
	if (Object.keys(errors).length > 0) return badRequest(errors)
	// Serialised by the engine's worker: the server passes the text on.
	return new Response(await listingFeaturesJson(query), {
		headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=10', 'Access-Control-Allow-Origin': '*' },
	})
}

function badRequest(errors: Record<string, string>) {
	return json(
		{ error: 'Bad request', message: Object.values(errors).join('; '), errors },
		{ status: 400, headers: { 'Cache-Control': 'no-store' } },
	)
}
