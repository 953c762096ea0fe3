// The union of 确权 parcels into a listing's boundary (issue 11), apart from parcels.ts so that only
// the pages that build a listing (the village's form, the server) load turf's polygon clipping.
import { featureCollection, polygon as turfPolygon, multiPolygon as turfMultiPolygon } from '@turf/helpers'
import turfUnion from '@turf/union'
import type { Feature, MultiPolygon as GeoJsonMultiPolygon, Polygon as GeoJsonPolygon } from 'geojson'
import type { LandClass } from './listing.ts'
import { landClassOfSet, pinOf, surveyedArea, type ParcelArea, type ParcelShape } from './parcels.ts'
import { parseSurface, type Surface } from './surface.ts'

/** The union of the parcels' geometries: a Polygon when they touch, a MultiPolygon when not. */
export function unionOf(parcels: readonly ParcelShape[]): Surface | null {
	const features = parcels.flatMap((p): Array<Feature<GeoJsonPolygon | GeoJsonMultiPolygon>> => {
		const s = parseSurface(p.geometry)
		if (!s) return []
		return [s.type === 'Polygon' ? turfPolygon(s.coordinates) : turfMultiPolygon(s.coordinates)]
	})
	if (features.length === 0) return null
	if (features.length === 1) return features[0].geometry as Surface
	const merged = turfUnion(featureCollection(features))
	return merged ? (merged.geometry as Surface) : null
}

/** The listing columns a set of parcels decides. Null when no parcel has a usable geometry. */
export function listingFromParcels(
	parcels: ReadonlyArray<ParcelShape & ParcelArea & { landUse: string | null; parcelClass: string | null }>,
): { boundary: Surface; areaMu: number; areaM2: number; landClass: LandClass; lat: number; lng: number } | null {
	const boundary = unionOf(parcels)
	const landClass = landClassOfSet(parcels)
	if (!boundary || !landClass) return null
	const area = surveyedArea(parcels)
	const [lng, lat] = pinOf(boundary)
	return { boundary, areaMu: area.mu, areaM2: area.m2, landClass, lat, lng }
}
