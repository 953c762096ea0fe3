// The small map on a listing's page: its pin, and its plot boundary when it has one.
// Client-only (Leaflet needs the DOM): render it through <ClientOnly> with a skeleton of the same height.
// Without tiles (offline, or a blocked tile host) the pin and boundary still show on a plain background.
import L from 'leaflet'
import { useMemo } from 'react'
import { AttributionControl, MapContainer, Marker, Polygon, TileLayer } from 'react-leaflet'
import type { ListingType } from '~/domain/listing.ts'
import type { PublicEnv } from '~/utils/env.server.ts'
import { LEAFLET_PREFIX, markerSvg, TYPE_COLORS } from '~/utils/map-style.ts'
import { MapControls } from './map-controls.client.tsx'

type LatLng = [number, number]

/** A GeoJSON Polygon (or its geometry inside a Feature) as Leaflet rings: [lng, lat] → [lat, lng]. */
function boundaryRings(boundary: string | null): LatLng[][] | null {
	if (!boundary) return null
	try {
		const parsed: unknown = JSON.parse(boundary)
		const geometry = (parsed as { type?: string; geometry?: unknown }).type === 'Feature' ? (parsed as { geometry: unknown }).geometry : parsed
		const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown }
		if ((type !== 'Polygon' && type !== 'MultiPolygon') || !Array.isArray(coordinates)) return null
		// A MultiPolygon (land made of parcels apart) as one list of rings, drawn even-odd (surfaceRings).
		const all: unknown[] = type === 'MultiPolygon' ? coordinates.flatMap((part: unknown) => (Array.isArray(part) ? part : [])) : coordinates
		const rings = all.map((ring: unknown) =>
			Array.isArray(ring)
				? ring.filter(
						(p): p is [number, number] => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]),
					).map(([lng, lat]): LatLng => [lat, lng])
				: [],
		)
		return rings.length > 0 && rings[0].length >= 3 ? rings : null
	} catch {
		return null
	}
}

export function ListingMap({
	type,
	lat,
	lng,
	boundary,
	env,
	height,
	label,
}: {
	type: ListingType
	lat: number
	lng: number
	boundary: string | null
	env: PublicEnv
	/** In CSS pixels; give the skeleton the same. */
	height: number
	/** Accessible name of the map region. */
	label: string
}) {
	const rings = useMemo(() => boundaryRings(boundary), [boundary])
	const icon = useMemo(
		() =>
			L.divIcon({
				html: markerSvg(type),
				className: 'listing-marker',
				iconSize: [30, 38],
				// The pin's tip: x = 12/24, y = 29/30 of the 30 × 37.5 px SVG.
				iconAnchor: [15, 36],
			}),
		[type],
	)
	// Fit the plot when there is one (plus the pin, which may sit outside it); otherwise a village-scale view.
	const bounds = useMemo(() => (rings ? L.latLngBounds([...rings.flat(), [lat, lng]]).pad(0.15) : undefined), [rings, lat, lng])
	const color = TYPE_COLORS[type]
	const maxZoom = env.MAP_TILE_MAX_ZOOM

	return (
		<div role="region" aria-label={label} className="overflow-hidden rounded-lg border border-stone-200" style={{ height }}>
			<MapContainer
				{...(bounds ? { bounds, boundsOptions: { maxZoom: Math.min(16, maxZoom) } } : { center: [lat, lng] as LatLng, zoom: Math.min(14, maxZoom) })}
				maxZoom={maxZoom}
				scrollWheelZoom={false}
				attributionControl={false}
				zoomControl={false}
				// Leaflet's own 12 px for the controls' text (app.css makes the container inherit the page font).
				style={{ height: '100%', width: '100%', fontSize: '0.75rem' }}
			>
				<MapControls />
				<AttributionControl position="bottomright" prefix={LEAFLET_PREFIX} />
				<TileLayer url={env.MAP_TILE_URL} attribution={env.MAP_TILE_ATTRIBUTION} subdomains={env.MAP_TILE_SUBDOMAINS} maxZoom={maxZoom} />
				{rings ? <Polygon positions={rings} pathOptions={{ color, weight: 2, fillColor: color, fillOpacity: 0.2 }} /> : null}
				<Marker position={[lat, lng]} icon={icon} keyboard={false} interactive={false} />
			</MapContainer>
		</div>
	)
}
