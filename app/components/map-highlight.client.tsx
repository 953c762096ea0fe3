// Cards and markers point at each other: a card under the pointer or keyboard focus marks its
// marker (or a temporary pin when the listing is inside a cluster), and a marker marks its card.
import L from 'leaflet'
import { useEffect, useState } from 'react'
import { Marker, useMap } from 'react-leaflet'
import { isListingType, type ListingType } from '~/domain/listing.ts'
import { markerSvg } from '~/utils/map-style.ts'

/** A listing pointed at in the list (the map marks it) or on the map (the list marks it). */
export type MapHighlight = { id: string; type: ListingType; lat: number; lng: number; from: 'list' | 'map' }

const highlightIcons = new Map<ListingType, L.DivIcon>()
function highlightIcon(type: ListingType) {
	let icon = highlightIcons.get(type)
	if (!icon) {
		icon = L.divIcon({ html: markerSvg(type, 34), className: 'highlight-pin', iconSize: [34, 43], iconAnchor: [17, 42] })
		highlightIcons.set(type, icon)
	}
	return icon
}

/**
 * Keyboard focus on a listing marker marks its card in the list, as the pointer does. Leaflet
 * has no focus events on markers, so the marker pane listens for them.
 */
export function MarkerFocus({ onHighlight }: { onHighlight: (highlight: MapHighlight | null) => void }) {
	const map = useMap()
	useEffect(() => {
		const pane = map.getPane('markerPane')
		if (!pane) return
		const onFocus = (e: FocusEvent) => {
			const el = e.target instanceof Element ? e.target.closest('[data-listing-id]') : null
			const marker = el ? findMarker(map, el) : null
			if (!el || !marker) return
			const { lat, lng } = marker.getLatLng()
			const type = el.getAttribute('data-listing-type')
			if (!isListingType(type)) return
			onHighlight({ id: el.getAttribute('data-listing-id')!, type, lat, lng, from: 'map' })
		}
		const onBlur = () => onHighlight(null)
		pane.addEventListener('focusin', onFocus)
		pane.addEventListener('focusout', onBlur)
		return () => {
			pane.removeEventListener('focusin', onFocus)
			pane.removeEventListener('focusout', onBlur)
		}
	}, [map, onHighlight])
	return null
}

function findMarker(map: L.Map, el: Element) {
	let found: L.Marker | null = null
	map.eachLayer((layer) => {
		if (layer instanceof L.Marker && layer.getElement() === el) found = layer
	})
	return found as L.Marker | null
}

/**
 * A card pointed at in the list: its marker grows and comes to the front; a listing inside a
 * cluster gets a temporary pin instead (the cluster's members are not known on the client).
 */
export function Highlight({ highlight }: { highlight: MapHighlight | null }) {
	const map = useMap()
	const [pin, setPin] = useState(false)
	useEffect(() => {
		if (!highlight || highlight.from !== 'list') return setPin(false)
		const el = map.getPane('markerPane')?.querySelector<HTMLElement>(`[data-listing-id="${CSS.escape(highlight.id)}"]`)
		if (!el) return setPin(true)
		setPin(false)
		const z = el.style.zIndex
		el.classList.add('is-highlighted')
		el.style.zIndex = '100000'
		return () => {
			el.classList.remove('is-highlighted')
			el.style.zIndex = z
		}
	}, [map, highlight])
	if (!highlight || !pin) return null
	return <Marker position={[highlight.lat, highlight.lng]} icon={highlightIcon(highlight.type)} interactive={false} keyboard={false} zIndexOffset={100000} />
}
