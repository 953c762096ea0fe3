import { firstViewCover } from '~/domain/map-first-view.ts'
import { fitZoom, TYPICAL_MAP_SIZE, TYPICAL_PHONE_MAP_SIZE, type BBox } from '~/domain/map-view.ts'
import { listingFeatures } from '~/models/listing-catalog.server.ts'
import { env } from '~/utils/env.server.ts'
import type { ListingFeatureCollection } from '~/utils/listing-features.ts'
import type { ListingQuery } from '~/utils/listing-query.ts'
import { DEFAULT_BBOX } from '~/utils/map-style.ts'

export type MapFirstAnswer = { bbox: BBox; zoom: number; data: ListingFeatureCollection }

/** Above this zoom the answer holds single listings and land boundaries: too heavy for the page. */
const MAX_ZOOM = 12

/**
 * The map's first answer, for the home page's loader data: the clusters at the zoom the map opens
 * at on a wide screen (or a phone's, when the browser says it is one), over the view's box grown by
 * half on every side and at least half again what such a container shows (firstViewCover), so that
 * the map's actual view falls inside it. The page draws it before
 * Leaflet loads (MapFirstView), and the map uses it when its view matches; otherwise it asks
 * /api/listings as usual.
 */
export async function mapFirstAnswer(query: ListingQuery, device: 'phone' | 'wide' = 'wide'): Promise<MapFirstAnswer | null> {
	const view = (query.bbox ?? DEFAULT_BBOX) as BBox
	const size = device === 'phone' ? TYPICAL_PHONE_MAP_SIZE : TYPICAL_MAP_SIZE
	const zoom = fitZoom(view, size.width, size.height, 5, env().MAP_TILE_MAX_ZOOM)
	if (zoom > MAX_ZOOM) return null
	const bbox = firstViewCover(view, zoom, size)
	return { bbox, zoom, data: await listingFeatures({ ...query, bbox, zoom }) }
}
