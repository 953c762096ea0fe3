// Keeps Leaflet in step with the page: views the URL gets from elsewhere, and a box that was hidden.
import { useEffect, type MutableRefObject } from 'react'
import { useMap } from 'react-leaflet'
import type { BBox } from '~/utils/listing-query.ts'
import { sameBBox } from '~/utils/map-view.ts'

/**
 * The page's view changed without the map moving (a town picked in the filters, the browser's
 * back button): go there. A view the map itself reported is not applied again.
 */
export function ViewSync({ bbox, zoom, reported }: { bbox: BBox; zoom: number; reported: MutableRefObject<BBox> }) {
	const map = useMap()
	const [west, south, east, north] = bbox
	useEffect(() => {
		const next: BBox = [west, south, east, north]
		if (sameBBox(next, reported.current)) return
		reported.current = next
		map.setView([(south + north) / 2, (west + east) / 2], zoom)
	}, [map, west, south, east, north, zoom, reported])
	return null
}

/** The map resizes when the phone's map/list switch shows it again: Leaflet must measure anew. */
export function SizeWatcher() {
	const map = useMap()
	useEffect(() => {
		const observer = new ResizeObserver(() => map.invalidateSize())
		observer.observe(map.getContainer())
		return () => observer.disconnect()
	}, [map])
	return null
}
