// Polygon and MultiPolygon geometries as stored (GeoJSON text in lng/lat): no dependencies, so the
// catalog's worker and the map read them without pulling in turf.
export type Polygon = { type: 'Polygon'; coordinates: number[][][] }
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: number[][][][] }
export type Surface = Polygon | MultiPolygon

/** A parcel's geometry text as a Polygon or MultiPolygon; null for anything else. */
export function parseSurface(raw: string | Surface | null | undefined): Surface | null {
	if (!raw) return null
	let value: unknown = raw
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw)
		} catch {
			return null
		}
	}
	const g = value as { type?: unknown; coordinates?: unknown }
	if ((g?.type === 'Polygon' || g?.type === 'MultiPolygon') && Array.isArray(g.coordinates) && g.coordinates.length > 0) return g as Surface
	return null
}

/**
 * Every ring of a Polygon or MultiPolygon, in one list. Drawn as one path with the even-odd rule
 * (Leaflet's default, SVG and canvas), disjoint parts fill and holes stay empty, so the map readers
 * of `Listing.boundary` draw a MultiPolygon without a second code path.
 */
export function surfaceRings(surface: Surface): number[][][] {
	return surface.type === 'Polygon' ? surface.coordinates : surface.coordinates.flat()
}

