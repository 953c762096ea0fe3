// The public map. Browser-only (Leaflet touches window): render it under <ClientOnly>.
import { useLocation } from '@remix-run/react'
import i18next from 'i18next'
import L from 'leaflet'
import { lazy, memo, Suspense, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MapContainer, Marker, Pane, Polygon, Popup, TileLayer, useMap, useMapEvents } from 'react-leaflet'
import type { ListingType } from '~/domain/listing.ts'
import type { SearchPolygon } from '~/domain/search-area.ts'
import { formatArea, formatPrice, type Locale } from '~/utils/format.ts'
import { isCluster, type ListingFeature, type ListingFeatureCollection } from '~/utils/listing-features.ts'
import { listingHref, parseListingQuery, type BBox } from '~/utils/listing-query.ts'
import { clusterIconHtml, clusterIconSize, LEAFLET_PREFIX, markerSvg, TYPE_COLORS } from '~/utils/map-style.ts'
import { labelSize, placeLabels, type Placement, type Rect } from '~/utils/map-labels.ts'
import { rectanglePolygon, sameBBox } from '~/utils/map-view.ts'
import type { PublicEnv } from '~/utils/env.server.ts'
import { MapDraw } from './map-draw.client.tsx'
import { Highlight, MarkerFocus, type MapHighlight } from './map-highlight.client.tsx'
import { SizeWatcher, ViewSync } from './map-view-sync.client.tsx'
import { containsBBox } from '~/domain/map-view.ts'
import { PARCELS_MIN_ZOOM } from '~/domain/parcels-layer.ts'
import { loadNamespace } from '~/locales/load.ts'
import { useLocale } from '~/utils/root-data.ts'
import type { MapFirstAnswer } from '~/models/map-first-answer.server.ts'
import type { MapStart } from './map-first-view.tsx'
import { MapControls } from './map-controls.client.tsx'

export type TownLabel = { code: string; name: string; nameEn: string; lat: number; lng: number; villageCount: number }

export type ListingsMapProps = {
	bbox: BBox
	/** The view's zoom: when the page's bbox changes from outside the map (a place picked), the map goes there. */
	zoom: number
	/** Filter parameters (no bbox/zoom/page) as a query string; a change refetches. */
	filterQuery: string
	/** Bigger places first (they keep their names where names crowd). */
	towns: TownLabel[]
	env: PublicEnv
	onViewChange: (bbox: BBox, zoom: number) => void
	/** The drawn search area, and what to do when one is drawn or cleared. */
	area: SearchPolygon | null
	onArea: (area: SearchPolygon | null) => void
	highlight: MapHighlight | null
	onHighlight: (highlight: MapHighlight | null) => void
	/** The first answer from the page's loader data (app/models/map-first-answer.server.ts). */
	firstAnswer?: MapFirstAnswer | null
	/** What the visitor did to the server-drawn view before this map loaded (MapFirstView). */
	start?: MapStart | null
	/** Called once the map is drawn, so the page can take the server-drawn view away. */
	onReady?: () => void
}

const typeIcons = new Map<ListingType, L.DivIcon>()
function typeIcon(type: ListingType) {
	let icon = typeIcons.get(type)
	if (!icon) {
		icon = L.divIcon({ html: markerSvg(type, 28), className: `listing-marker listing-marker-${type}`, iconSize: [28, 35], iconAnchor: [14, 34], popupAnchor: [0, -30] })
		typeIcons.set(type, icon)
	}
	return icon
}

// One icon object per look: a new object on every render would make Leaflet redraw the marker
// (and drop keyboard focus from it).
const clusterIcons = new Map<string, L.DivIcon>()
function clusterIcon(count: number, types: Record<ListingType, number>) {
	const html = clusterIconHtml(count, types)
	let icon = clusterIcons.get(html)
	if (!icon) {
		if (clusterIcons.size > 2000) clusterIcons.clear()
		const size = clusterIconSize(count)
		icon = L.divIcon({ html, className: 'cluster-marker', iconSize: [size, size], iconAnchor: [size / 2, size / 2] })
		clusterIcons.set(html, icon)
	}
	return icon
}

/** Half the side of the square searched when a cluster cannot split any further (the server's grid cells are 80 px; a cluster's icon sits within its cell). */
const STACK_RADIUS_PX = 48

// Icons are kept per name and place, so a name that does not move is not redrawn.
const townIcons = new Map<string, L.DivIcon>()
function townIcon(name: string, dx: number, dy: number) {
	const key = `${name} ${dx} ${dy}`
	let icon = townIcons.get(key)
	if (!icon) {
		if (townIcons.size > 500) townIcons.clear()
		const style = `transform:translate(-50%,-50%) translate(${dx}px,${dy}px)`
		icon = L.divIcon({ html: `<span style="${style}">${escapeHtml(name)}</span>`, className: 'town-label', iconSize: [0, 0] })
		townIcons.set(key, icon)
	}
	return icon
}

function escapeHtml(s: string) {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Enter or Space on a focused marker: Leaflet gives markers role="button", so they must act like one. */
function isActivation(e: L.LeafletKeyboardEvent) {
	return e.originalEvent.key === 'Enter' || e.originalEvent.key === ' '
}

function toBBox(map: L.Map): BBox {
	const b = map.getBounds()
	const r = (n: number) => Math.round(n * 1e5) / 1e5
	return [r(Math.max(-180, b.getWest())), r(Math.max(-90, b.getSouth())), r(Math.min(180, b.getEast())), r(Math.min(90, b.getNorth()))]
}

function ListingPopup({ f, locale }: { f: ListingFeature; locale: Locale }) {
	const { t } = useTranslation()
	// The page's URL holds the filters and view, so the listing's back link returns to them.
	const { search } = useLocation()
	const p = f.properties
	return (
		<div className="min-w-44 space-y-1 text-sm">
			<p className="text-xs font-medium" style={{ color: TYPE_COLORS[p.type] }}>
				{t(`types.${p.type}`)} · {t(`transferModes.${p.transferMode}`)}
			</p>
			<p className="font-semibold text-stone-900">{p.title}</p>
			<p className="text-stone-600">
				{locale === 'en' ? `${p.villageEn}, ${p.townEn}` : `${p.town} ${p.village}`}
			</p>
			<p className="text-stone-800">
				{formatArea(p.area, p.areaUnit, locale)} · {formatPrice(p.price, p.priceUnit, locale)}
			</p>
			<a href={listingHref(p.id, parseListingQuery(new URLSearchParams(search)).query)} className="inline-block font-medium text-brand-700 underline">
				{t('map:map.details')}
			</a>
		</div>
	)
}

type DataLayerProps = Pick<ListingsMapProps, 'filterQuery' | 'onViewChange' | 'onArea' | 'onHighlight' | 'firstAnswer'>

// Memoised: a highlight changes often and must not redraw every marker.
const DataLayer = memo(function DataLayer({ filterQuery, onViewChange, onArea, onHighlight, firstAnswer }: DataLayerProps) {
	const map = useMap()
	const { t } = useTranslation()
	const locale = useLocale()
	const [data, setData] = useState<ListingFeatureCollection | null>(null)
	const [stacked, setStacked] = useState<{ lat: number; lng: number; count: number } | null>(null)
	const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle')
	const abort = useRef<AbortController | null>(null)
	const debounce = useRef<ReturnType<typeof setTimeout> | null>(null)

	const load = useMemo(
		() => () => {
			abort.current?.abort()
			const controller = new AbortController()
			abort.current = controller
			const params = new URLSearchParams(filterQuery)
			params.set('bbox', toBBox(map).join(','))
			params.set('zoom', String(Math.round(map.getZoom())))
			setStatus('loading')
			fetch(`/api/listings?${params}`, { signal: controller.signal })
				.then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
				.then((json: ListingFeatureCollection) => {
					setData(json)
					setStatus('idle')
				})
				.catch((error: unknown) => {
					if (error instanceof DOMException && error.name === 'AbortError') return
					setStatus('error')
				})
		},
		[map, filterQuery],
	)

	// The page brought the first answer when it was computed for this view: no fetch before
	// the clusters show. Only once: later views and filters always ask the server. The answer the
	// map mounted with is the one: the map's first report of its view is a navigation whose data
	// carries none, and that must not ask again for what the map already shows.
	const firstUsed = useRef(false)
	const mountedWith = useRef(firstAnswer)
	useEffect(() => {
		const first = firstUsed.current ? null : mountedWith.current
		firstUsed.current = true
		if (first && first.zoom === Math.round(map.getZoom()) && containsBBox(first.bbox, toBBox(map))) setData(first.data)
		else load()
		return () => abort.current?.abort()
	}, [load, map])

	// A view reported after the map is gone (the visitor left within the debounce) would read a
	// removed map: the pending report goes with it.
	useEffect(
		() => () => {
			if (debounce.current) clearTimeout(debounce.current)
		},
		[],
	)

	useMapEvents({
		moveend() {
			load()
			if (debounce.current) clearTimeout(debounce.current)
			debounce.current = setTimeout(() => onViewChange(toBBox(map), Math.round(map.getZoom())), 300)
		},
	})

	return (
		<>
			{status !== 'idle' ? (
				<div className="leaflet-top leaflet-right" style={{ pointerEvents: 'none' }}>
					<div role="status" className={`leaflet-control mt-2 mr-2 rounded bg-white/95 px-2 py-1 text-xs shadow ${status === 'error' ? 'text-red-700' : 'text-stone-600'}`}>
						{status === 'error' ? t('map:map.loadFailed') : t('map:map.updating')}
					</div>
				</div>
			) : null}
			{data ? <Boundaries data={data} /> : null}
			{stacked ? (
				<Popup position={[stacked.lat, stacked.lng]} eventHandlers={{ remove: () => setStacked(null) }}>
					<div className="min-w-44 space-y-2 text-sm" data-testid="stacked-cluster">
						<p className="text-stone-800">{t('map:map.stacked', { count: stacked.count })}</p>
						<button
							type="button"
							autoFocus
							className="rounded bg-brand-700 px-3 py-1 text-xs font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1"
							onClick={() => {
								// The listings too close to split: search the small square around them, so the list shows them.
								const c = map.latLngToContainerPoint([stacked.lat, stacked.lng])
								const a = map.containerPointToLatLng([c.x - STACK_RADIUS_PX, c.y + STACK_RADIUS_PX])
								const b = map.containerPointToLatLng([c.x + STACK_RADIUS_PX, c.y - STACK_RADIUS_PX])
								setStacked(null)
								onArea(rectanglePolygon([a.lng, a.lat], [b.lng, b.lat]))
							}}
						>
							{t('map:map.stackedList', { count: stacked.count })}
						</button>
					</div>
				</Popup>
			) : null}
			{data?.features.map((f) => {
				const [lng, lat] = f.geometry.coordinates
				if (isCluster(f)) {
					const p = f.properties
					// Clusters go to every zoom: at the map's last zoom, listings at one spot say so and offer the list instead.
					const atMax = map.getZoom() >= map.getMaxZoom()
					const zoomIn = () => {
						if (atMax) setStacked({ lat, lng, count: p.count })
						else map.flyTo([lat, lng], Math.min(map.getMaxZoom(), Math.max(p.expansionZoom, map.getZoom() + 1)), { duration: 0.4 })
					}
					return (
						<Marker
							key={f.id}
							position={[lat, lng]}
							icon={clusterIcon(p.count, p.types)}
							title={t('map:map.clusterTitle', { count: p.count })}
							alt={t('map:map.clusterTitle', { count: p.count })}
							eventHandlers={{
								click: zoomIn,
								keydown: (e) => {
									if (!isActivation(e)) return
									// No page scroll on Space.
									e.originalEvent.preventDefault()
									zoomIn()
									// The cluster goes away once the new view loads: keep focus on the map, not the page's start.
									if (!atMax) map.getContainer().focus({ preventScroll: true })
								},
							}}
						/>
					)
				}
				const p = f.properties
				return (
					<ListingMarker key={f.id} f={f} locale={locale} lat={lat} lng={lng} title={p.title} onHighlight={onHighlight} />
				)
			})}
		</>
	)
})

const ringsToLatLngs = (rings: number[][][]) => rings.map((ring) => ring.map(([x, y]) => [y, x] as [number, number]))

/**
 * The boundaries the server sends for every matching land listing in view from zoom 13 on,
 * clustered or not; those a single marker already draws (with its popup) are not drawn twice.
 */
function Boundaries({ data }: { data: ListingFeatureCollection }) {
	const drawn = new Set(data.features.flatMap((f) => (!isCluster(f) && f.properties.boundary ? [f.properties.id] : [])))
	return (
		<>
			{data.boundaries
				?.filter((b) => !drawn.has(b.id))
				.map((b) => (
					<Polygon
						key={`boundary-${b.id}`}
						positions={ringsToLatLngs(b.rings)}
						pathOptions={{ color: TYPE_COLORS[b.type], weight: 2, fillOpacity: 0.18 }}
						className="listing-boundary"
						interactive={false}
					/>
				))}
		</>
	)
}

type ListingMarkerProps = { f: ListingFeature; locale: Locale; lat: number; lng: number; title: string; onHighlight: ListingsMapProps['onHighlight'] }

function ListingMarker({ f, locale, lat, lng, title, onHighlight }: ListingMarkerProps) {
	const p = f.properties
	return (
		<>
			{p.boundary ? (
				<Polygon positions={ringsToLatLngs(p.boundary)} pathOptions={{ color: TYPE_COLORS[p.type], weight: 2, fillOpacity: 0.18 }} className="listing-boundary">
					<Popup>
						<ListingPopup f={f} locale={locale} />
					</Popup>
				</Polygon>
			) : null}
			<Marker
				position={[lat, lng]}
				icon={typeIcon(p.type)}
				title={title}
				alt={title}
				eventHandlers={{
					// The list marks the card of the marker under the pointer or the keyboard focus (see MarkerFocus).
					add: (e) => {
						const el = (e.target as L.Marker).getElement()
						el?.setAttribute('data-listing-id', p.id)
						el?.setAttribute('data-listing-type', p.type)
					},
					mouseover: () => onHighlight({ id: p.id, type: p.type, lat, lng, from: 'map' }),
					mouseout: () => onHighlight(null),
					// Leaflet opens the popup on Enter; Space does the same, as on any button.
					keydown: (e) => {
						if (e.originalEvent.key !== ' ') return
						e.originalEvent.preventDefault()
						;(e.target as L.Marker).openPopup()
					},
				}}
			>
				<Popup>
					<ListingPopup f={f} locale={locale} />
				</Popup>
			</Marker>
		</>
	)
}

/**
 * Town names, placed beside their point where they cover no cluster, marker, control or legend,
 * and no other name (the first in the list wins, so bigger places keep theirs); a name with no
 * room is left out until the view changes. The markers change after every fetch, so the names are
 * placed again whenever the marker pane's children change.
 */
function TownLabels({ towns, locale }: { towns: TownLabel[]; locale: Locale }) {
	const map = useMap()
	const [placed, setPlaced] = useState<Array<Placement & { town: TownLabel }>>([])
	useEffect(() => {
		const pane = map.getPane('markerPane')
		let frame = 0
		const place = () => {
			frame = 0
			const obstacles: Rect[] = []
			// The markers, and what is drawn over the map: its controls, the legend and notes (marked
			// `data-map-overlay`), which would hide a name.
			const container = map.getContainer()
			const drawn = [...(pane?.querySelectorAll('.cluster-marker, .listing-marker') ?? []), ...container.querySelectorAll('.leaflet-control'), ...document.querySelectorAll('[data-map-overlay]')]
			const origin = container.getBoundingClientRect()
			for (const el of drawn) {
				const r = el.getBoundingClientRect()
				if (r.width === 0 && r.height === 0) continue // not shown at this width
				obstacles.push({ left: r.left - origin.left, right: r.right - origin.left, top: r.top - origin.top, bottom: r.bottom - origin.top })
			}
			const byCode = new Map(towns.map((town) => [town.code, town]))
			const size = map.getSize()
			const boxes = towns
				.map((town) => {
					const p = map.latLngToContainerPoint([town.lat, town.lng])
					return { key: town.code, x: p.x, y: p.y, ...labelSize(locale === 'en' ? town.nameEn : town.name, locale) }
				})
				.filter((b) => b.x > -b.width && b.x < size.x + b.width && b.y > -b.height && b.y < size.y + b.height)
			setPlaced(placeLabels(boxes, obstacles).map((p) => ({ ...p, town: byCode.get(p.key)! })))
		}
		const schedule = () => {
			if (!frame) frame = requestAnimationFrame(place)
		}
		place()
		map.on('zoomend', schedule)
		const observer = new MutationObserver(schedule)
		if (pane) observer.observe(pane, { childList: true })
		// A folded legend opened or closed (toggle events do not bubble, so they are caught on the way down).
		document.addEventListener('toggle', schedule, true)
		return () => {
			document.removeEventListener('toggle', schedule, true)
			map.off('zoomend', schedule)
			observer.disconnect()
			cancelAnimationFrame(frame)
		}
	}, [map, towns, locale])
	return (
		<>
			{placed.map(({ town, dx, dy }) => (
				<Marker key={town.code} position={[town.lat, town.lng]} icon={townIcon(locale === 'en' ? town.nameEn : town.name, dx, dy)} interactive={false} keyboard={false} zIndexOffset={1000} />
			))}
		</>
	)
}

/** Carries out what the visitor did to the server-drawn view, then says the map is there. */
function FirstAction({ start, onReady }: Pick<ListingsMapProps, 'start' | 'onReady'>) {
	const map = useMap()
	const done = useRef<MapStart | null | undefined>(undefined)
	useEffect(() => {
		if (done.current === start) return
		done.current = start
		if (start?.flyTo) map.flyTo([start.flyTo.lat, start.flyTo.lng], Math.min(map.getMaxZoom(), start.flyTo.zoom), { duration: 0.4 })
		else if (start?.zoomBy === 1) map.zoomIn()
		else if (start?.zoomBy === -1) map.zoomOut()
		if (start?.focus) map.getContainer().focus({ preventScroll: true })
		onReady?.()
	}, [map, start, onReady])
	return null
}

function AttributionPrefix() {
	const map = useMap()
	useEffect(() => {
		map.attributionControl?.setPrefix(LEAFLET_PREFIX)
	}, [map])
	return null
}

/**
 * A view opened from a link is fitted to the map's shape, so the map shows other ground than the
 * link's box: the page is told once, so the list counts what the map shows. (Without a box in the
 * link the map opens on the whole banner, which the list already covers.)
 */
function ReportFittedView({ bbox, onView }: { bbox: BBox; onView: (next: BBox, zoom: number) => void }) {
	const map = useMap()
	const done = useRef(false)
	useEffect(() => {
		if (done.current) return
		done.current = true
		if (!new URLSearchParams(window.location.search).has('bbox')) return
		const now = toBBox(map)
		if (!sameBBox(now, bbox)) onView(now, Math.round(map.getZoom()))
	}, [map, bbox, onView])
	return null
}

// The parcels layer's code and words (the `parcels` namespace, which the map page does not name up
// front) load the first time the map comes near its zoom, not with the map.
const ParcelsLayer = lazy(async () => {
	const lng = i18next.language
	if (!i18next.hasResourceBundle(lng, 'parcels')) i18next.addResourceBundle(lng, 'parcels', await loadNamespace(lng, 'parcels'), true, false)
	return import('./parcels-layer.client.tsx')
})
function ParcelsLayerGate() {
	const map = useMap()
	const [near, setNear] = useState(() => map.getZoom() >= PARCELS_MIN_ZOOM - 1)
	useMapEvents({ zoomend: () => setNear((was) => was || map.getZoom() >= PARCELS_MIN_ZOOM - 1) })
	return near ? (
		<Suspense fallback={null}>
			<ParcelsLayer />
		</Suspense>
	) : null
}

export default function ListingsMap({ bbox, zoom, filterQuery, towns, env, onViewChange, area, onArea, highlight, onHighlight, firstAnswer, start, onReady }: ListingsMapProps) {
	const { t } = useTranslation('map')
	const locale = useLocale()
	const [tilesFailed, setTilesFailed] = useState(false)
	const failures = useRef(0)
	// Only the first view matters to MapContainer; later ones go through ViewSync.
	const [bounds] = useState(() => L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]))
	const reported = useRef<BBox>(bbox)
	const onMapView = useMemo(
		() => (next: BBox, z: number) => {
			reported.current = next
			onViewChange(next, z)
		},
		[onViewChange],
	)
	return (
		<div className="relative h-full w-full">
			<MapContainer bounds={bounds} className="h-full w-full" scrollWheelZoom worldCopyJump={false} minZoom={5} maxZoom={env.MAP_TILE_MAX_ZOOM} zoomControl={false}>
				<MapControls />
				<AttributionPrefix />
				<TileLayer
					url={env.MAP_TILE_URL}
					attribution={env.MAP_TILE_ATTRIBUTION}
					subdomains={env.MAP_TILE_SUBDOMAINS}
					maxZoom={env.MAP_TILE_MAX_ZOOM}
					eventHandlers={{
						tileerror: () => {
							failures.current++
							if (failures.current >= 4) setTilesFailed(true)
						},
						tileload: () => {
							failures.current = 0
							setTilesFailed(false)
						},
					}}
				/>
				{/* Town names above the clusters, beside them rather than on them (and clicks pass through). */}
				<Pane name="town-labels" style={{ zIndex: 620, pointerEvents: 'none' }}>
					<TownLabels towns={towns} locale={locale} />
				</Pane>
				<DataLayer filterQuery={filterQuery} onViewChange={onMapView} onArea={onArea} onHighlight={onHighlight} firstAnswer={firstAnswer} />
				<ParcelsLayerGate />
				<Highlight highlight={highlight} />
				<MarkerFocus onHighlight={onHighlight} />
				<MapDraw area={area} onArea={onArea} />
				<ViewSync bbox={bbox} zoom={zoom} reported={reported} />
				<ReportFittedView bbox={bbox} onView={onMapView} />
				<SizeWatcher />
				<FirstAction start={start} onReady={onReady} />
			</MapContainer>
			{tilesFailed ? (
				<p role="status" data-map-overlay className="absolute left-1/2 top-2 z-[1000] w-max max-w-[70%] -translate-x-1/2 rounded bg-amber-50/95 px-3 py-1 text-xs text-amber-900 shadow">
					{t('map.tilesFailed')}
				</p>
			) : null}
		</div>
	)
}
