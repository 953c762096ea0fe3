import { type LoaderFunctionArgs } from '@remix-run/node'
import { PARCELS_MAX_SPAN, PARCELS_MIN_ZOOM } from '~/domain/parcels-layer.ts'
import { parcelsInView } from '~/models/parcel.server.ts'

// GET /api/parcels?bbox=west,south,east,north&zoom=Z — the 确权 parcels layer of the map (issue 11):
// outlines (code and rings, coordinates to 6 decimals, ~0.1 m) of the parcels meeting the box, as
// GeoJSON, at most PARCELS_MAX_FEATURES (`truncated: true` when there were more). Only from zoom
// PARCELS_MIN_ZOOM on and for a box no larger than a screen at that zoom: the layer is read one
// viewport at a time, never the whole county. Public, like the map: outlines and codes only.
export async function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const zoom = Number(params.get('zoom'))
	if (!params.get('zoom') || !Number.isFinite(zoom)) return badRequest('zoom is required (a number)')
	if (zoom < PARCELS_MIN_ZOOM) return badRequest(`the parcels layer starts at zoom ${PARCELS_MIN_ZOOM}`)
	const parts = (params.get('bbox') ?? '').split(',').map(Number)
	if (parts.length !== 4 || !parts.every(Number.isFinite)) return badRequest('bbox=west,south,east,north is required')
	const [west, south, east, north] = parts
	if (west >= east || south >= north || west < -180 || east > 180 || south < -90 || north > 90) return badRequest('bbox is not a box in degrees')
	if (east - west > PARCELS_MAX_SPAN.lng || north - south > PARCELS_MAX_SPAN.lat) {
		return badRequest(`bbox too large: at most ${PARCELS_MAX_SPAN.lng}° × ${PARCELS_MAX_SPAN.lat}°`)
	}
	const body = await parcelsInView({ west, south, east, north })
	// Parcels change only by an administrator's import: a minute's staleness is fine.
	return new Response(JSON.stringify(body), {
		headers: { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'public, max-age=60' },
	})
}

function badRequest(message: string) {
	return new Response(JSON.stringify({ error: 'Bad request', message }), {
		status: 400,
		headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
	})
}
