// The village's map picker: click to place the listing's point; for land, click the corners of
// the plot one after another to draw its boundary, and see its area in mu (computed with
// @turf/area through areaMu) and any problem (a self-intersecting outline…) before saving.
// It writes the hidden inputs `lat`, `lng` and, for land, `boundary` (GeoJSON text).
// Keyboard: the map pans with the arrow keys; "add the map centre" places a point or a corner
// under the crosshair. Browser-only (Leaflet): render under <ClientOnly> with a skeleton of the
// same height; the skeleton holds plain inputs so the form works without JavaScript.
import L from 'leaflet'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AttributionControl, CircleMarker, MapContainer, Marker, Polygon, Polyline, TileLayer, Tooltip, useMap, useMapEvents } from 'react-leaflet'
import { areaMu, centroid, parseBoundary, type Polygon as GeoPolygon } from '~/domain/geometry.ts'
import { parseSurface, surfaceRings } from '~/domain/surface.ts'
import type { ListingType } from '~/domain/listing.ts'
import type { PublicEnv } from '~/utils/env.server.ts'
import { formatNumber } from '~/utils/format.ts'
import { LEAFLET_PREFIX, markerSvg, TYPE_COLORS } from '~/utils/map-style.ts'
import { useLocale } from '~/utils/root-data.ts'
import { MapControls } from './map-controls.client.tsx'

type LatLng = [number, number]

export type MapPickerProps = {
	type: ListingType
	env: PublicEnv
	/** Where to look when nothing is placed yet (the village). */
	center: LatLng
	initialLat?: number | null
	initialLng?: number | null
	initialBoundary?: string | null
	/** CSS pixels; the skeleton must have the same. */
	height: number
	/** The live area in mu of a valid drawn boundary, null otherwise. */
	onAreaChange?: (mu: number | null) => void
	/** ids of the error messages about the location, for aria-describedby. */
	describedBy?: string
	/**
	 * Land made of 确权 parcels: the village's parcels drawn as outlines to click. The picker then
	 * neither draws nor writes the location inputs: the form does, from the chosen parcels.
	 */
	parcels?: ParcelsOnMap
}

export type ParcelsOnMap = {
	items: ReadonlyArray<{ id: string; code: string; geometry: string; heldBy: { title: string } | null }>
	selected: ReadonlySet<string>
	onToggle: (id: string) => void
	/** The pin of the chosen parcels' union, [lat, lng]. */
	pin: LatLng | null
}

const round = (n: number) => Math.round(n * 1e7) / 1e7

/** The outer ring of a GeoJSON Polygon as [lat, lng] corners, without the closing point. */
function cornersOf(boundary: string | null | undefined): LatLng[] {
	if (!boundary) return []
	try {
		const g = JSON.parse(boundary) as { type?: string; coordinates?: unknown }
		if (g.type !== 'Polygon' || !Array.isArray(g.coordinates) || !Array.isArray(g.coordinates[0])) return []
		const ring = (g.coordinates[0] as unknown[]).filter(
			(p): p is [number, number] => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]),
		)
		const corners = ring.map(([lng, lat]): LatLng => [lat, lng])
		const first = corners[0]
		const last = corners[corners.length - 1]
		if (corners.length > 1 && first[0] === last[0] && first[1] === last[1]) corners.pop()
		return corners
	} catch {
		return []
	}
}

function polygonOf(corners: LatLng[]): GeoPolygon | null {
	if (corners.length < 3) return null
	const ring = corners.map(([lat, lng]) => [round(lng), round(lat)])
	return { type: 'Polygon', coordinates: [[...ring, ring[0]]] }
}

function Clicks({ onClick }: { onClick: (p: LatLng) => void }) {
	useMapEvents({ click: (e) => onClick([e.latlng.lat, e.latlng.lng]) })
	return null
}

/** While drawing, a quick second click adds a corner instead of zooming in. */
function DrawingMode({ drawing }: { drawing: boolean }) {
	const map = useMap()
	useEffect(() => {
		if (drawing) map.doubleClickZoom.disable()
		else map.doubleClickZoom.enable()
		map.getContainer().style.cursor = drawing ? 'crosshair' : ''
	}, [map, drawing])
	return null
}

function AttributionPrefix() {
	const map = useMap()
	useEffect(() => {
		map.attributionControl?.setPrefix(LEAFLET_PREFIX)
	}, [map])
	return null
}

const buttonClass =
	'rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 hover:bg-stone-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:cursor-not-allowed disabled:opacity-50'

/** The village's parcels: chosen ones in the listing's colour, taken ones grey and not clickable. */
function ParcelOutlines({ parcels, color }: { parcels: ParcelsOnMap; color: string }) {
	const shapes = useMemo(
		() =>
			parcels.items.flatMap((p) => {
				const surface = parseSurface(p.geometry)
				if (!surface) return []
				return [{ ...p, rings: surfaceRings(surface).map((ring) => ring.map(([lng, lat]): LatLng => [lat, lng])) }]
			}),
		[parcels.items],
	)
	return (
		<>
			{shapes.map((p) => {
				const chosen = parcels.selected.has(p.id)
				const held = !!p.heldBy
				return (
					<Polygon
						key={p.id}
						positions={p.rings}
						// Fixed at creation (react-leaflet updates the style, not the class): the code names the outline.
						className={`parcel-outline parcel-${p.code}${held ? ' parcel-held' : ''}`}
						pathOptions={{
							color: held ? '#78716c' : chosen ? color : '#1d4ed8',
							weight: chosen ? 3 : 1.5,
							fillColor: held ? '#a8a29e' : chosen ? color : '#93c5fd',
							fillOpacity: chosen ? 0.45 : 0.15,
						}}
						eventHandlers={held ? undefined : { click: () => parcels.onToggle(p.id) }}
					>
						<Tooltip sticky>{held ? `${p.code} · ${p.heldBy!.title}` : p.code}</Tooltip>
					</Polygon>
				)
			})}
		</>
	)
}

export default function MapPicker({ type, env, center, initialLat, initialLng, initialBoundary, height, onAreaChange, describedBy, parcels }: MapPickerProps) {
	const { t } = useTranslation('village')
	const { t: tp } = useTranslation('parcels')
	const locale = useLocale()
	const isLand = type === 'LAND'
	const [map, setMap] = useState<L.Map | null>(null)
	const [point, setPoint] = useState<LatLng | null>(
		initialLat != null && initialLng != null && Number.isFinite(initialLat) && Number.isFinite(initialLng) ? [initialLat, initialLng] : null,
	)
	const [corners, setCorners] = useState<LatLng[]>(() => (isLand ? cornersOf(initialBoundary) : []))
	const [drawing, setDrawing] = useState(isLand && corners.length === 0)

	const polygon = useMemo(() => polygonOf(corners), [corners])
	const check = useMemo(() => (polygon ? parseBoundary(polygon) : null), [polygon])
	const area = check?.polygon ? Math.round(areaMu(check.polygon) * 100) / 100 : null
	const pin: LatLng | null = useMemo(() => {
		if (check?.polygon) {
			const [lng, lat] = centroid(check.polygon)
			return [lat, lng]
		}
		return point
	}, [check, point])

	useEffect(() => {
		onAreaChange?.(area)
	}, [area, onAreaChange])

	const place = (p: LatLng) => {
		if (isLand && drawing) setCorners((c) => [...c, p])
		else if (!isLand || corners.length === 0) setPoint(p)
	}
	const addCentre = () => {
		if (!map) return
		const c = map.getCenter()
		place([c.lat, c.lng])
		map.getContainer().focus()
	}

	const view = useMemo(() => {
		if (parcels?.items.length) {
			// The chosen parcels, or all of the village's when none is chosen yet.
			const shown = parcels.items.filter((p) => parcels.selected.has(p.id))
			const rings = (shown.length ? shown : parcels.items).flatMap((p) => {
				const surface = parseSurface(p.geometry)
				return surface ? surfaceRings(surface).flatMap((ring) => ring.map(([lng, lat]): LatLng => [lat, lng])) : []
			})
			if (rings.length) return { bounds: L.latLngBounds(rings).pad(0.1) }
		}
		const first = cornersOf(isLand ? initialBoundary : null)
		if (first.length >= 3) return { bounds: L.latLngBounds(first).pad(0.2) }
		if (point) return { center: point, zoom: 15 }
		return { center, zoom: 14 }
		// The first view only: MapContainer ignores later changes anyway.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [])
	const icon = useMemo(() => L.divIcon({ html: markerSvg(type), className: 'listing-marker', iconSize: [30, 38], iconAnchor: [15, 36] }), [type])
	const color = TYPE_COLORS[type]
	const bad = !!check?.problem
	const maxZoom = env.MAP_TILE_MAX_ZOOM

	let status: string
	if (parcels) {
		status = ''
	} else if (isLand) {
		if (corners.length === 0) status = pin ? t('picker.landNoBoundary') : t('picker.landStart')
		else if (corners.length < 3) status = t('picker.corners', { count: corners.length })
		else if (check?.problem) status = t(`boundary.${check.problem}`)
		else status = t('picker.area', { area: formatNumber(area ?? 0, locale, 2), count: corners.length })
	} else {
		status = pin
			? t('picker.pointAt', { lat: formatNumber(pin[0], locale, 5), lon: formatNumber(pin[1], locale, 5) })
			: t('picker.pointStart')
	}

	return (
		<div>
			<p className="mb-2 text-sm text-stone-600" id="map-picker-help">
				{parcels ? tp('picker.mapHint') : isLand ? (drawing ? t('picker.drawHelp') : t('picker.doneHelp')) : t('picker.pointHelp')}
				{locale === 'en' ? ' ' : ''}
				{t('picker.keyboardHelp')}
			</p>
			<div
				data-testid="map-picker"
				className="relative overflow-hidden rounded-lg border border-stone-300"
				style={{ height }}
				role="group"
				aria-label={t('picker.label')}
				aria-describedby={['map-picker-help', 'map-picker-status', describedBy].filter(Boolean).join(' ')}
			>
				<MapContainer
					ref={setMap}
					{...view}
					maxZoom={maxZoom}
					scrollWheelZoom
					attributionControl={false}
					zoomControl={false}
					style={{ height: '100%', width: '100%', fontSize: '0.75rem' }}
				>
					<MapControls />
					<AttributionControl position="bottomright" prefix={LEAFLET_PREFIX} />
					<AttributionPrefix />
					<TileLayer url={env.MAP_TILE_URL} attribution={env.MAP_TILE_ATTRIBUTION} subdomains={env.MAP_TILE_SUBDOMAINS} maxZoom={maxZoom} />
					{parcels ? (
						<>
							<ParcelOutlines parcels={parcels} color={color} />
							{parcels.pin ? <Marker position={parcels.pin} icon={icon} keyboard={false} interactive={false} /> : null}
						</>
					) : (
						<>
							<Clicks onClick={place} />
							<DrawingMode drawing={isLand && drawing} />
						</>
					)}
					{corners.length >= 3 ? (
						<Polygon
							positions={corners}
							pathOptions={{ color: bad ? '#b91c1c' : color, weight: 2, dashArray: bad ? '6 4' : undefined, fillColor: bad ? '#fca5a5' : color, fillOpacity: 0.25 }}
							interactive={false}
						/>
					) : corners.length === 2 ? (
						<Polyline positions={corners} pathOptions={{ color, weight: 2, dashArray: '4 4' }} interactive={false} />
					) : null}
					{corners.map((c, i) => (
						<CircleMarker
							key={`${i}-${c[0]}-${c[1]}`}
							center={c}
							radius={i === corners.length - 1 && drawing ? 6 : 4}
							pathOptions={{ color: '#fff', weight: 2, fillColor: color, fillOpacity: 1 }}
							interactive={false}
						/>
					))}
					{pin && !parcels ? <Marker position={pin} icon={icon} keyboard={false} interactive={false} /> : null}
				</MapContainer>
				{/* The crosshair marks the map centre that "add the map centre" uses. */}
				<div hidden={!!parcels} aria-hidden="true" className="pointer-events-none absolute left-1/2 top-1/2 z-[500] -translate-x-1/2 -translate-y-1/2 text-stone-700/70">
					<svg width="22" height="22" viewBox="0 0 22 22">
						<path d="M11 0v8M11 14v8M0 11h8M14 11h8" stroke="currentColor" strokeWidth="2" />
					</svg>
				</div>
			</div>
			<p id="map-picker-status" role="status" aria-live="polite" data-testid="map-picker-status" className={`mt-2 text-sm font-medium ${bad ? 'text-red-700' : 'text-stone-800'}`}>
				{status}
			</p>
			{parcels ? null : drawControls()}
		</div>
	)

	// A plain function, not a component: the buttons keep their focus across renders.
	function drawControls() {
		return (
			<>
				<div className="mt-2 flex flex-wrap gap-2">
					{isLand ? (
						<>
							{drawing ? (
								<button type="button" className={buttonClass} onClick={addCentre} disabled={!map}>
									{t('picker.addCorner')}
								</button>
							) : (
								<button type="button" className={buttonClass} onClick={() => setDrawing(true)}>
									{t('picker.continue')}
								</button>
							)}
							<button type="button" className={buttonClass} onClick={() => setCorners((c) => c.slice(0, -1))} disabled={corners.length === 0}>
								{t('picker.undo')}
							</button>
							<button
								type="button"
								className={buttonClass}
								onClick={() => {
									setCorners([])
									setDrawing(true)
								}}
								disabled={corners.length === 0}
							>
								{t('picker.clear')}
							</button>
							{drawing ? (
								<button
									type="button"
									className={buttonClass}
									onClick={() => {
										setDrawing(false)
										if (map && corners.length >= 3) map.fitBounds(L.latLngBounds(corners).pad(0.2), { maxZoom })
									}}
									disabled={corners.length < 3}
								>
									{t('picker.finish')}
								</button>
							) : null}
						</>
					) : (
						<button type="button" className={buttonClass} onClick={addCentre} disabled={!map}>
							{t('picker.placeCentre')}
						</button>
					)}
				</div>
				<input type="hidden" name="lat" value={pin ? pin[0].toFixed(6) : ''} />
				<input type="hidden" name="lng" value={pin ? pin[1].toFixed(6) : ''} />
				{isLand ? <input type="hidden" name="boundary" value={polygon ? JSON.stringify(polygon) : ''} /> : null}
			</>
		)
	}
}
