// The 确权 parcels layer of the public map (issue 11): from zoom PARCELS_MIN_ZOOM on, the outlines of
// the parcels in view, read one viewport at a time from /api/parcels and drawn on a canvas renderer
// (thousands of outlines stay fast; no SVG node per parcel). A checkbox in the map's controls turns
// it off. Tiles play no part: without them the outlines still draw on the plain background.
import L from 'leaflet'
import { useEffect, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { useMap, useMapEvents } from 'react-leaflet'
import { clipToMaxSpan, PARCELS_MIN_ZOOM } from '~/domain/parcels-layer.ts'

type State = 'off' | 'zoomIn' | 'shown' | 'truncated' | 'failed'

export default function ParcelsLayer() {
	const map = useMap()
	const { t } = useTranslation('parcels')
	const [on, setOn] = useState(true)
	const [state, setState] = useState<State>('zoomIn')
	const abort = useRef<AbortController | null>(null)
	// Below the listings' markers and boundaries (overlayPane 400), not clickable.
	const layer = useMemo(() => {
		if (!map.getPane('parcels')) {
			const pane = map.createPane('parcels')
			pane.style.zIndex = '350'
			pane.style.pointerEvents = 'none'
		}
		const renderer = L.canvas({ pane: 'parcels', padding: 0.2 })
		return L.geoJSON(undefined, { pane: 'parcels', interactive: false, style: { renderer, color: '#a16207', weight: 1, fillOpacity: 0.05 } as L.PathOptions })
	}, [map])
	const [container, setContainer] = useState<HTMLElement | null>(null)

	useEffect(() => {
		layer.addTo(map)
		const control = new L.Control({ position: 'topright' })
		const div = L.DomUtil.create('div', 'leaflet-control leaflet-bar bg-white px-2 py-1 text-xs')
		L.DomEvent.disableClickPropagation(div)
		control.onAdd = () => div
		control.addTo(map)
		setContainer(div)
		return () => {
			control.remove()
			layer.remove()
		}
	}, [map, layer])

	const load = () => {
		abort.current?.abort()
		if (!on) {
			layer.clearLayers()
			setState('off')
			return
		}
		const zoom = map.getZoom()
		if (zoom < PARCELS_MIN_ZOOM) {
			layer.clearLayers()
			setState('zoomIn')
			return
		}
		const b = map.getBounds()
		const box = clipToMaxSpan({ west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() })
		const controller = new AbortController()
		abort.current = controller
		const params = new URLSearchParams({ bbox: [box.west, box.south, box.east, box.north].join(','), zoom: String(Math.floor(zoom)) })
		fetch(`/api/parcels?${params}`, { signal: controller.signal })
			.then(async (res) => {
				if (!res.ok) throw new Error(`HTTP ${res.status}`)
				const data = (await res.json()) as GeoJSON.FeatureCollection & { truncated?: boolean }
				if (controller.signal.aborted) return
				layer.clearLayers()
				layer.addData(data)
				setState(data.truncated ? 'truncated' : 'shown')
			})
			.catch(() => {
				if (!controller.signal.aborted) setState('failed')
			})
	}
	const loadRef = useRef(load)
	loadRef.current = load
	useMapEvents({ moveend: () => loadRef.current() })
	useEffect(() => {
		loadRef.current()
		return () => abort.current?.abort()
	}, [on])

	const note = state === 'zoomIn' ? t('layer.zoomIn') : state === 'truncated' ? t('layer.truncated') : state === 'failed' ? t('layer.failed') : null
	return container
		? createPortal(
				<div data-testid="parcels-layer" data-state={state}>
					<label className="flex cursor-pointer items-center gap-1.5 font-medium text-stone-800">
						<input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} className="h-3.5 w-3.5" />
						{t('layer.toggle')}
					</label>
					{on && note ? (
						<p role="status" className="mt-0.5 max-w-[11rem] text-stone-600">
							{note}
						</p>
					) : null}
				</div>,
				container,
			)
		: null
}
