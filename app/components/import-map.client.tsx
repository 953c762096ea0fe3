// The preview map of a parcel import: the outlines of the first few hundred valid parcels and a
// dashed box around all of them, so a 50,000-parcel file draws as fast as a small one.
// Client-only (Leaflet): render it through <ClientOnly> with a skeleton of the same height.
// Without tiles the outlines still show on a plain background.
import L from 'leaflet'
import { useMemo } from 'react'
import { AttributionControl, MapContainer, Polygon, Rectangle, TileLayer } from 'react-leaflet'
import type { PublicEnv } from '~/utils/env.server.ts'
import { LEAFLET_PREFIX } from '~/utils/map-style.ts'
import { MapControls } from './map-controls.client.tsx'

type LatLng = [number, number]

export function ImportMap({ outlines, bbox, env, height, label }: { outlines: number[][][][]; bbox: [number, number, number, number]; env: PublicEnv; height: number; label: string }) {
	const bounds = useMemo(() => L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]), [bbox])
	const shapes = useMemo(() => outlines.map((parcel) => parcel.map((ring) => ring.map(([lng, lat]): LatLng => [lat, lng]))), [outlines])
	return (
		<div role="region" aria-label={label} className="overflow-hidden rounded-lg border border-stone-200" style={{ height }}>
			<MapContainer bounds={bounds.pad(0.1)} maxZoom={env.MAP_TILE_MAX_ZOOM} scrollWheelZoom={false} attributionControl={false} zoomControl={false} style={{ height: '100%', width: '100%', fontSize: '0.75rem' }}>
				<MapControls />
				<AttributionControl position="bottomright" prefix={LEAFLET_PREFIX} />
				<TileLayer url={env.MAP_TILE_URL} attribution={env.MAP_TILE_ATTRIBUTION} subdomains={env.MAP_TILE_SUBDOMAINS} maxZoom={env.MAP_TILE_MAX_ZOOM} />
				<Rectangle bounds={bounds} pathOptions={{ color: '#57534e', weight: 1.5, dashArray: '6 4', fill: false }} />
				{shapes.map((rings, i) => (
					<Polygon key={i} positions={rings} className="import-parcel" interactive={false} pathOptions={{ color: '#b45309', weight: 1.5, fillColor: '#f59e0b', fillOpacity: 0.25 }} />
				))}
			</MapContainer>
		</div>
	)
}
