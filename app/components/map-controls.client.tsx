// Leaflet's own controls, named in the page's language: Leaflet's zoom buttons and a popup's close
// button carry English names ("Zoom in", "Close popup").
import type L from 'leaflet'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useMap, ZoomControl } from 'react-leaflet'

/** Put it first among a MapContainer's children (with `zoomControl={false}`), so the zoom buttons stay the top-left control. */
export function MapControls() {
	const { t } = useTranslation()
	const map = useMap()
	useEffect(() => {
		const label = t('mapControls.closePopup')
		const name = (e: L.PopupEvent) => e.popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', label)
		map.on('popupopen', name)
		return () => {
			map.off('popupopen', name)
		}
	}, [map, t])
	return <ZoomControl position="topleft" zoomInTitle={t('mapControls.zoomIn')} zoomOutTitle={t('mapControls.zoomOut')} />
}
