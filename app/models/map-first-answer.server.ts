import { fitZoom, padBBox, TYPICAL_MAP_SIZE, type BBox } from '~/domain/map-view.ts'
import { listingFeatures } from '~/models/listing-catalog.server.ts'
import { env } from '~/utils/env.server.ts'
import type { ListingFeatureCollection } from '~/utils/listing-features.ts'
import type { ListingQuery } from '~/utils/listing-query.ts'
import { DEFAULT_BBOX } from '~/utils/map-style.ts'

export type MapFirstAnswer = { bbox: BBox; zoom: number; data: ListingFeatureCollection }

/** Above this zoom the answer holds single listings and land boundaries: too heavy for the page. */
const MAX_ZOOM = 12

/**
 * The map's first answer, for the home page's loader data: the clusters at the zoom a wide
 * screen's map opens at, over the view's box grown by half on every side, so that the map's
 * actual view falls inside it. The map uses it when its view matches (firstAnswerFits), and
 * otherwise asks /api/listings as usual.
 */
export async function mapFirstAnswer(query: ListingQuery): Promise<MapFirstAnswer | null> {
	const view = (query.bbox ?? DEFAULT_BBOX) as BBox
	const zoom = fitZoom(view, TYPICAL_MAP_SIZE.width, TYPICAL_MAP_SIZE.height, 5, env().MAP_TILE_MAX_ZOOM)
	if (zoom > MAX_ZOOM) return null
	const bbox = padBBox(view, 0.5)
	return { bbox, zoom, data: await listingFeatures({ ...query, bbox, zoom }) }
}
