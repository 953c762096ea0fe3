// The home page's map as the server draws it: the first answer's clusters over their tiles, placed
// where Leaflet will place them, in the page's HTML. Leaflet (about 45 KB gzip, and its start-up
// work) loads when the visitor turns to the map: the pointer over it, a touch, a wheel, the
// keyboard's focus, a click on a cluster or a zoom button, a listing card pointed at, or a filter
// changed (decision 045). What the visitor clicked is done once it has loaded.
import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TownLabel } from '~/components/listings-map.client.tsx'
import type { ListingType } from '~/domain/listing.ts'
import { firstViewLayout } from '~/domain/map-first-view.ts'
import type { BBox } from '~/domain/map-view.ts'
import type { SearchPolygon } from '~/domain/search-area.ts'
import type { MapFirstAnswer } from '~/models/map-first-answer.server.ts'
import type { PublicEnv } from '~/utils/env.server.ts'
import { isCluster } from '~/utils/listing-features.ts'
import { labelSize, placeLabels, type Rect } from '~/utils/map-labels.ts'
import { AREA_COLOR, clusterIconHtml, clusterIconSize, markerSvg } from '~/utils/map-style.ts'

/** What the visitor did to the drawn view, for the live map to carry out once it is there. */
export type MapStart = { zoomBy?: 1 | -1; flyTo?: { lat: number; lng: number; zoom: number }; focus?: boolean }

type Props = {
	first: MapFirstAnswer
	/** The view the map opens on (the page's box), which Leaflet fits to the container. */
	view: BBox
	env: Pick<PublicEnv, 'MAP_TILE_URL' | 'MAP_TILE_SUBDOMAINS' | 'MAP_TILE_ATTRIBUTION' | 'MAP_TILE_MAX_ZOOM'>
	/** Town names, bigger places first, placed beside the markers as the live map places them. */
	towns: TownLabel[]
	/** The drawn search area (the first answer holds only what is inside it), outlined as the live map does. */
	area: SearchPolygon | null
	locale: string
	/** Set once the live map is asked for: the view says it is loading. */
	starting: boolean
	/** Asks for the live map; what a later call asks for is added to what an earlier one did. */
	onStart: (start: MapStart) => void
}

const MIN_ZOOM = 5

export function MapFirstView({ first, view, env, towns, area, locale, starting, onStart }: Props) {
	const { t } = useTranslation('map')
	const id = useId().replace(/[^a-zA-Z0-9_-]/g, '')
	const features = first.data.features
	// Only the names inside the ground the view covers (a province has thousands of towns).
	const [b0, b1, b2, b3] = first.bbox
	const near = useMemo(() => towns.filter((t) => t.lng >= b0 && t.lng <= b2 && t.lat >= b1 && t.lat <= b3), [towns, b0, b1, b2, b3])
	const { layout, names, outline } = useMemo(() => {
		const layout = firstViewLayout({
			view,
			cover: first.bbox,
			zoom: first.zoom,
			points: [...first.data.features.map((f) => f.geometry.coordinates), ...near.map((t): [number, number] => [t.lng, t.lat]), ...(area ?? [])],
			tileUrl: env.MAP_TILE_URL,
			subdomains: env.MAP_TILE_SUBDOMAINS,
			minZoom: MIN_ZOOM,
			maxZoom: env.MAP_TILE_MAX_ZOOM,
		})
		const outline = layout.points
			.slice(first.data.features.length + near.length)
			.map((p) => `${p.left},${p.top}`)
			.join(' ')
		return { layout, names: townNames(first.data.features, layout.points, near, locale), outline }
	}, [first, view, env.MAP_TILE_URL, env.MAP_TILE_SUBDOMAINS, env.MAP_TILE_MAX_ZOOM, near, area, locale])
	// Container queries: where Leaflet would open at another zoom (a phone's map, a big screen),
	// the drawn view is scaled to show the same ground; the markers move with it but keep their size.
	const css = layout.scales.map((s) => `@container ${s.query}{[data-first-view="${id}"]{--s:${s.scale}}}`).join('')
	const start = (how: MapStart = {}) => onStart(how)

	return (
		<div
			data-testid="map-first-view"
			aria-busy={starting}
			tabIndex={0}
			className="leaflet-touch absolute inset-0 z-[500] touch-none overflow-hidden bg-[#eef2e6] outline-offset-[-2px] noscript:hidden"
			style={{ containerType: 'size' }}
			// A mouse moving over the map is intent enough (the map is usually ready before the click);
			// a touch is the first gesture. (Moving, not entering: a pointer resting on the map while
			// the page hydrated has entered it already.)
			onPointerMove={(e) => {
				if (e.pointerType === 'mouse') start()
			}}
			onPointerDown={() => start()}
			onWheel={() => start()}
			onFocus={(e) => {
				if (e.target === e.currentTarget) start({ focus: true })
			}}
		>
			{/* As HTML: React would escape the selectors' quotes in text, and the browser reads <style> raw. */}
			{css ? <style dangerouslySetInnerHTML={{ __html: css }} /> : null}
			<div data-first-view={id} className="pointer-events-none absolute left-1/2 top-1/2 h-0 w-0" style={{ transform: 'scale(var(--s,1))', transformOrigin: '0 0' }}>
				{layout.tiles.map((tile) => (
					// Lazy: the tiles the map's box clips off are not fetched. A tile that fails (tiles can; the
					// map stays usable) would show the broken-image sign: a broken image draws its ::after,
					// a loaded one does not, so the ::after covers it with the map's ground.
					<img key={tile.key} src={tile.url} alt="" width={256} height={256} draggable={false} loading="lazy" decoding="async" className="absolute max-w-none select-none after:absolute after:inset-0 after:bg-[#eef2e6] after:content-['']" style={{ left: tile.left, top: tile.top }} />
				))}
				{/* The search area over the tiles, scaled with them; its line keeps its width (MapDraw's style). */}
				{outline ? (
					<svg className="first-view-area absolute left-0 top-0 overflow-visible" width={1} height={1} aria-hidden="true">
						<polygon points={outline} fill={AREA_COLOR} fillOpacity={0.04} stroke={AREA_COLOR} strokeWidth={2} strokeDasharray="6 4" vectorEffect="non-scaling-stroke" />
					</svg>
				) : null}
			</div>
			{/* The markers are not scaled with the tiles: they move with --s, and keep their size. */}
			<div data-first-view={id} className="absolute left-1/2 top-1/2 h-0 w-0">
				{features.map((f, i) => {
					const { left, top } = layout.points[i]!
					const place = { left: `calc(${left}px * var(--s,1))`, top: `calc(${top}px * var(--s,1))` }
					if (isCluster(f)) {
						const p = f.properties
						const [lng, lat] = f.geometry.coordinates
						return (
							<div
								key={f.id}
								className="first-view-cluster absolute cursor-pointer"
								title={t('map.clusterTitle', { count: p.count })}
								style={{ ...place, transform: 'translate(-50%,-50%)' }}
								onClick={() => start({ flyTo: { lat, lng, zoom: Math.max(p.expansionZoom, first.zoom + 1) } })}
								dangerouslySetInnerHTML={{ __html: clusterIconHtml(p.count, p.types) }}
							/>
						)
					}
					return (
						<div
							key={f.id}
							className="first-view-listing absolute cursor-pointer"
							title={f.properties.title}
							style={{ ...place, transform: 'translate(-14px,-34px)' }}
							dangerouslySetInnerHTML={{ __html: markerSvg(f.properties.type as ListingType, 28) }}
						/>
					)
				})}
			</div>
			{/* Town names, as the live map draws them (styles/app.css .town-label), moving with --s. */}
			<div data-first-view={id} className="pointer-events-none absolute left-1/2 top-1/2 z-[1] h-0 w-0">
				{names.map(({ code, name, left, top, dx, dy }) => (
					<div key={code} className="town-label absolute" style={{ left: `calc(${left}px * var(--s,1))`, top: `calc(${top}px * var(--s,1))` }}>
						<span style={{ transform: `translate(-50%,-50%) translate(${dx}px,${dy}px)` }}>{name}</span>
					</div>
				))}
			</div>
			{/* Leaflet's zoom buttons, drawn alike (leaflet.css is on every page). */}
			<div className="leaflet-top leaflet-left">
				<div className="leaflet-control-zoom leaflet-bar leaflet-control">
					<button type="button" className="first-view-zoom block h-[30px] w-[30px] border-b font-mono font-bold border-[#ccc] bg-white text-[22px] leading-[30px] text-black hover:bg-[#f4f4f4]" title={t('common:mapControls.zoomIn')} aria-label={t('common:mapControls.zoomIn')} onClick={() => start({ zoomBy: 1 })}>
						<span aria-hidden="true">+</span>
					</button>
					<button type="button" className="first-view-zoom block h-[30px] w-[30px] font-mono font-bold bg-white text-[22px] leading-[30px] text-black hover:bg-[#f4f4f4]" title={t('common:mapControls.zoomOut')} aria-label={t('common:mapControls.zoomOut')} onClick={() => start({ zoomBy: -1 })}>
						<span aria-hidden="true">−</span>
					</button>
				</div>
			</div>
			{starting ? (
				<p role="status" className="absolute left-1/2 top-2 z-[1000] -translate-x-1/2 rounded bg-white/95 px-2 py-1 text-xs text-stone-600 shadow">
					{t('map.loading')}
				</p>
			) : null}
			{/* The tiles' attribution, where Leaflet puts it. */}
			<div className="absolute bottom-0 right-0 z-[1000] bg-white/80 px-[5px] text-[12px] leading-[1.4] text-[#333] [&_a]:text-[#0078a8]" dangerouslySetInnerHTML={{ __html: env.MAP_TILE_ATTRIBUTION }} />
		</div>
	)
}

/**
 * Where the names go (app/utils/map-labels.ts, as the live map): beside their point, clear of the
 * markers. Points are pixels from the container's centre; the live map also keeps names off its
 * controls and the legend, which the server cannot place.
 */
function townNames(features: MapFirstAnswer['data']['features'], points: Array<{ left: number; top: number }>, towns: TownLabel[], locale: string) {
	const obstacles: Rect[] = features.map((f, i) => {
		const { left: x, top: y } = points[i]!
		if (isCluster(f)) {
			const r = clusterIconSize(f.properties.count) / 2
			return { left: x - r, right: x + r, top: y - r, bottom: y + r }
		}
		return { left: x - 14, right: x + 14, top: y - 34, bottom: y + 1 }
	})
	const name = (t: TownLabel) => (locale === 'en' ? t.nameEn : t.name)
	const boxes = towns.map((t, i) => {
		const { left, top } = points[features.length + i]!
		return { key: String(i), x: left, y: top, ...labelSize(name(t), locale) }
	})
	return placeLabels(boxes, obstacles).map((p) => {
		const box = boxes[Number(p.key)]!
		const town = towns[Number(p.key)]!
		return { code: town.code, name: name(town), left: box.x, top: box.y, dx: p.dx, dy: p.dy }
	})
}
