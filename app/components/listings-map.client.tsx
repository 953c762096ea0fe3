// The public map. Browser-only (Leaflet touches window): render it under <ClientOnly>.
import { useLocation } from '@remix-run/react'
import L from 'leaflet'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MapContainer, Marker, Polygon, Popup, TileLayer, useMap, useMapEvents } from 'react-leaflet'
import type { ListingType } from '~/domain/listing.ts'
import { formatArea, formatPrice, type Locale } from '~/utils/format.ts'
import { isCluster, type ListingFeature, type ListingFeatureCollection } from '~/utils/listing-features.ts'
import { listingHref, parseListingQuery, type BBox } from '~/utils/listing-query.ts'
import { LEAFLET_PREFIX, markerSvg, TYPE_COLORS } from '~/utils/map-style.ts'
import type { PublicEnv } from '~/utils/env.server.ts'
import { containsBBox } from '~/domain/map-view.ts'
import type { MapFirstAnswer } from '~/models/map-first-answer.server.ts'

export type TownLabel = { code: string; name: string; nameEn: string; lat: number; lng: number; villageCount: number }

type Props = {
	bbox: BBox
	/** Filter parameters (no bbox/zoom/page) as a query string; a change refetches. */
	filterQuery: string
	towns: TownLabel[]
	env: PublicEnv
	onViewChange: (bbox: BBox, zoom: number) => void
	/** The first answer from the page's loader data (app/models/map-first-answer.server.ts). */
	firstAnswer?: MapFirstAnswer | null
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

function clusterIcon(count: number, types: Record<ListingType, number>) {
	const size = count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 48 : 56
	const total = types.FARMHOUSE + types.LAND + types.COLLECTIVE_ASSET || 1
	const a = (types.FARMHOUSE / total) * 100
	const b = a + (types.LAND / total) * 100
	// A ring split by type shows what the cluster holds before one zooms in.
	const ring = `conic-gradient(${TYPE_COLORS.FARMHOUSE} 0 ${a}%, ${TYPE_COLORS.LAND} ${a}% ${b}%, ${TYPE_COLORS.COLLECTIVE_ASSET} ${b}% 100%)`
	const label = count >= 10000 ? `${Math.round(count / 1000)}k` : String(count)
	return L.divIcon({
		html: `<div style="width:${size}px;height:${size}px;border-radius:50%;background:${ring};display:flex;align-items:center;justify-content:center;box-shadow:0 1px 4px rgba(0,0,0,.35)"><span class="cluster-count" style="background:#fff;border-radius:50%;width:${size - 12}px;height:${size - 12}px;display:flex;align-items:center;justify-content:center;font:600 12px/1 sans-serif;color:#1c1917">${label}</span></div>`,
		className: 'cluster-marker',
		iconSize: [size, size],
		iconAnchor: [size / 2, size / 2],
	})
}

function townIcon(name: string) {
	return L.divIcon({ html: `<span>${escapeHtml(name)}</span>`, className: 'town-label', iconSize: [0, 0] })
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

function DataLayer({ filterQuery, onViewChange, firstAnswer }: Pick<Props, 'filterQuery' | 'onViewChange' | 'firstAnswer'>) {
	const map = useMap()
	const { t, i18n } = useTranslation()
	const locale: Locale = i18n.language === 'en' ? 'en' : 'zh'
	const [data, setData] = useState<ListingFeatureCollection | null>(null)
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
	// the clusters show. Only once: later views and filters always ask the server.
	const firstUsed = useRef(false)
	useEffect(() => {
		const first = firstUsed.current ? null : firstAnswer
		firstUsed.current = true
		if (first && first.zoom === Math.round(map.getZoom()) && containsBBox(first.bbox, toBBox(map))) setData(first.data)
		else load()
		return () => abort.current?.abort()
	}, [load, map, firstAnswer])

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
			{data?.features.map((f) => {
				const [lng, lat] = f.geometry.coordinates
				if (isCluster(f)) {
					const p = f.properties
					const zoomIn = () => map.flyTo([lat, lng], Math.max(p.expansionZoom, map.getZoom() + 1), { duration: 0.4 })
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
									map.getContainer().focus({ preventScroll: true })
								},
							}}
						/>
					)
				}
				const p = f.properties
				return (
					<ListingMarker key={f.id} f={f} locale={locale} lat={lat} lng={lng} title={p.title} />
				)
			})}
		</>
	)
}

function ListingMarker({ f, locale, lat, lng, title }: { f: ListingFeature; locale: Locale; lat: number; lng: number; title: string }) {
	const p = f.properties
	return (
		<>
			{p.boundary ? (
				<Polygon
					positions={p.boundary.map((ring) => ring.map(([x, y]) => [y, x] as [number, number]))}
					pathOptions={{ color: TYPE_COLORS[p.type], weight: 2, fillOpacity: 0.18 }}
				>
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
 * Town labels that would overlap at the current zoom are dropped (the first in the list wins,
 * so bigger places keep their names); they come back as one zooms in.
 */
function TownLabels({ towns, locale }: { towns: TownLabel[]; locale: Locale }) {
	const map = useMap()
	const [visible, setVisible] = useState<TownLabel[]>([])
	useEffect(() => {
		const place = () => {
			const kept: Array<{ x: number; y: number; w: number }> = []
			const shown: TownLabel[] = []
			for (const town of towns) {
				const p = map.latLngToContainerPoint([town.lat, town.lng])
				const w = (locale === 'en' ? town.nameEn.length * 7 : Array.from(town.name).length * 12) + 8
				if (kept.some((k) => Math.abs(k.x - p.x) < (k.w + w) / 2 && Math.abs(k.y - p.y) < 18)) continue
				kept.push({ x: p.x, y: p.y, w })
				shown.push(town)
			}
			setVisible(shown)
		}
		place()
		map.on('zoomend', place)
		return () => {
			map.off('zoomend', place)
		}
	}, [map, towns, locale])
	return (
		<>
			{visible.map((town) => (
				<Marker key={town.code} position={[town.lat, town.lng]} icon={townIcon(locale === 'en' ? town.nameEn : town.name)} interactive={false} keyboard={false} zIndexOffset={1000} />
			))}
		</>
	)
}

function AttributionPrefix() {
	const map = useMap()
	useEffect(() => {
		map.attributionControl?.setPrefix(LEAFLET_PREFIX)
	}, [map])
	return null
}

export default function ListingsMap({ bbox, filterQuery, towns, env, onViewChange, firstAnswer }: Props) {
	const { t, i18n } = useTranslation('map')
	const [tilesFailed, setTilesFailed] = useState(false)
	const failures = useRef(0)
	const bounds = useMemo(() => L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]), [bbox])
	// Towns with more villages first, so when labels crowd the bigger places keep their names.
	const orderedTowns = useMemo(() => [...towns].sort((a, b) => b.villageCount - a.villageCount || a.code.localeCompare(b.code)), [towns])
	return (
		<div className="relative h-full w-full">
			<MapContainer bounds={bounds} className="h-full w-full" scrollWheelZoom worldCopyJump={false} minZoom={5} maxZoom={env.MAP_TILE_MAX_ZOOM}>
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
				<TownLabels towns={orderedTowns} locale={i18n.language === 'en' ? 'en' : 'zh'} />
				<DataLayer filterQuery={filterQuery} onViewChange={onViewChange} firstAnswer={firstAnswer} />
			</MapContainer>
			{tilesFailed ? (
				<p role="status" className="absolute left-1/2 top-2 z-[1000] w-max max-w-[70%] -translate-x-1/2 rounded bg-amber-50/95 px-3 py-1 text-xs text-amber-900 shadow">
					{t('map.tilesFailed')}
				</p>
			) : null}
		</div>
	)
}
