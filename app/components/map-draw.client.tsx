// "Search this area": draw a rectangle (drag) or a polygon (click the corners) on the map; the
// shape goes to the URL as `polygon=` and the server filters by it. Built on Leaflet's own events
// (docs/decisions/017). Keyboard and touch users can take the current view as the rectangle.
import L from 'leaflet'
import { useCallback, useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { CircleMarker, Polygon, Polyline, Rectangle, useMap, useMapEvents } from 'react-leaflet'
import type { SearchPolygon } from '~/domain/search-area.ts'
import { addVertex, insetPolygon, MIN_DRAG_PX, rectanglePolygon } from '~/utils/map-view.ts'
import { AREA_COLOR } from '~/utils/map-style.ts'

type Mode = 'idle' | 'rectangle' | 'polygon'

const button = 'block w-full px-2.5 py-1.5 text-left text-xs font-medium text-stone-800 hover:bg-stone-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-600 disabled:text-stone-400'

const toPolygon = (points: L.LatLng[]): SearchPolygon => points.map((p) => [p.lng, p.lat])

/** The control's box in Leaflet's top-left corner, under the zoom buttons; React renders into it. */
function useControlContainer() {
	const map = useMap()
	const [container, setContainer] = useState<HTMLElement | null>(null)
	useEffect(() => {
		const control = new L.Control({ position: 'topleft' })
		control.onAdd = () => {
			const div = L.DomUtil.create('div', 'leaflet-bar map-draw bg-white')
			// Clicks and wheel turns on the buttons must not reach the map below.
			L.DomEvent.disableClickPropagation(div)
			L.DomEvent.disableScrollPropagation(div)
			return div
		}
		control.addTo(map)
		setContainer(control.getContainer() ?? null)
		return () => {
			control.remove()
		}
	}, [map])
	return container
}

export function MapDraw({ area, onArea }: { area: SearchPolygon | null; onArea: (area: SearchPolygon | null) => void }) {
	const map = useMap()
	const { t } = useTranslation('map')
	const container = useControlContainer()
	const [mode, setMode] = useState<Mode>('idle')
	const [vertices, setVertices] = useState<L.LatLng[]>([])
	const [cursor, setCursor] = useState<L.LatLng | null>(null)
	const [drag, setDrag] = useState<{ start: L.LatLng; end: L.LatLng } | null>(null)

	const stop = useCallback(() => {
		setMode('idle')
		setVertices([])
		setCursor(null)
		setDrag(null)
	}, [])

	// While drawing, the map neither pans on drag nor zooms on double click: those gestures draw.
	useEffect(() => {
		if (mode === 'idle') return
		map.dragging.disable()
		map.doubleClickZoom.disable()
		map.getContainer().classList.add('map-drawing')
		const onKey = (e: KeyboardEvent) => {
			if (e.key === 'Escape') stop()
		}
		document.addEventListener('keydown', onKey)
		return () => {
			map.dragging.enable()
			map.doubleClickZoom.enable()
			map.getContainer().classList.remove('map-drawing')
			document.removeEventListener('keydown', onKey)
		}
	}, [map, mode, stop])

	function finish(polygon: SearchPolygon) {
		stop()
		onArea(polygon)
	}

	// The rectangle follows pointer events, so a finger draws it as well as a mouse (Leaflet's
	// mouse events do not follow a touch while it moves).
	useEffect(() => {
		if (mode !== 'rectangle') return
		const el = map.getContainer()
		let start: L.LatLng | null = null
		let startPx: L.Point | null = null
		const down = (e: PointerEvent) => {
			if (!e.isPrimary || e.button !== 0 || !(e.target instanceof Node) || container?.contains(e.target)) return
			start = map.mouseEventToLatLng(e)
			startPx = map.mouseEventToContainerPoint(e)
			el.setPointerCapture(e.pointerId)
			setDrag({ start, end: start })
		}
		const move = (e: PointerEvent) => {
			if (start) setDrag({ start, end: map.mouseEventToLatLng(e) })
		}
		const up = (e: PointerEvent) => {
			if (!start || !startPx) return
			const end = map.mouseEventToLatLng(e)
			const endPx = map.mouseEventToContainerPoint(e)
			const from = start
			start = null
			if (Math.abs(startPx.x - endPx.x) < MIN_DRAG_PX || Math.abs(startPx.y - endPx.y) < MIN_DRAG_PX) return setDrag(null)
			stop()
			onArea(rectanglePolygon([from.lng, from.lat], [end.lng, end.lat]))
		}
		el.addEventListener('pointerdown', down)
		el.addEventListener('pointermove', move)
		el.addEventListener('pointerup', up)
		return () => {
			el.removeEventListener('pointerdown', down)
			el.removeEventListener('pointermove', move)
			el.removeEventListener('pointerup', up)
		}
	}, [map, mode, container, onArea, stop])

	// A click on this control's buttons is not a corner, nor is the one that started drawing (its
	// button has left the page by the time the map hears of it).
	const onMap = (e: L.LeafletMouseEvent) => {
		const target = e.originalEvent.target
		return target instanceof Node && map.getContainer().contains(target) && !container?.contains(target)
	}

	useMapEvents({
		mousemove(e) {
			if (mode === 'polygon') setCursor(e.latlng)
		},
		click(e) {
			if (mode !== 'polygon' || !onMap(e)) return
			const px = vertices.map((v) => {
				const p = map.latLngToContainerPoint(v)
				return [p.x, p.y] as [number, number]
			})
			const next = addVertex(px, [e.containerPoint.x, e.containerPoint.y])
			if (next.closed) return finish(toPolygon(vertices))
			if (next.points.length > px.length) setVertices([...vertices, e.latlng])
		},
		dblclick() {
			if (mode === 'polygon' && vertices.length >= 3) finish(toPolygon(vertices))
		},
	})

	const takeView = () => {
		const b = map.getBounds()
		finish(insetPolygon([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], 0.1))
	}

	const panel =
		mode === 'idle' ? (
			<>
				<button type="button" className={button} onClick={() => setMode('rectangle')}>
					{t('draw.rectangle')}
				</button>
				<button type="button" className={`${button} border-t border-stone-200`} onClick={() => setMode('polygon')}>
					{t('draw.polygon')}
				</button>
				{area ? (
					<button type="button" className={`${button} border-t border-stone-200 text-brand-800`} onClick={() => onArea(null)}>
						{t('draw.clear')}
					</button>
				) : null}
			</>
		) : (
			<div className="w-44">
				<p role="status" className="px-2.5 py-1.5 text-xs text-stone-700">
					{mode === 'rectangle' ? t('draw.hintRectangle') : t('draw.hintPolygon', { count: vertices.length })}
				</p>
				{mode === 'polygon' ? (
					<button type="button" className={`${button} border-t border-stone-200`} disabled={vertices.length < 3} onClick={() => finish(toPolygon(vertices))}>
						{t('draw.finish')}
					</button>
				) : null}
				<button type="button" className={`${button} border-t border-stone-200`} onClick={takeView} autoFocus>
					{t('draw.useView')}
				</button>
				<button type="button" className={`${button} border-t border-stone-200`} onClick={stop}>
					{t('draw.cancel')}
				</button>
			</div>
		)

	return (
		<>
			{container ? createPortal(panel, container) : null}
			{area && mode === 'idle' ? (
				<Polygon
					positions={area.map(([lng, lat]) => [lat, lng] as [number, number])}
					pathOptions={{ color: AREA_COLOR, weight: 2, dashArray: '6 4', fillOpacity: 0.04 }} className="search-area" interactive={false}
				/>
			) : null}
			{drag ? <Rectangle bounds={L.latLngBounds(drag.start, drag.end)} pathOptions={{ color: AREA_COLOR, weight: 2, dashArray: '6 4', fillOpacity: 0.06 }} interactive={false} /> : null}
			{mode === 'polygon' && vertices.length > 0 ? (
				<>
					<Polyline positions={cursor ? [...vertices, cursor] : vertices} pathOptions={{ color: AREA_COLOR, weight: 2, dashArray: '6 4' }} interactive={false} />
					{vertices.map((v, i) => (
						<CircleMarker key={i} center={v} radius={i === 0 ? 7 : 4} pathOptions={{ color: AREA_COLOR, weight: 2, fillColor: '#fff', fillOpacity: 1 }} className="draw-vertex" interactive={false} />
					))}
				</>
			) : null}
		</>
	)
}
