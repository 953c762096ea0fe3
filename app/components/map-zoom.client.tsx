// Leaflet's zoom buttons, named in the page's language (Leaflet's own titles are English).
import { useTranslation } from 'react-i18next'
import { ZoomControl } from 'react-leaflet'

/** Put it first among a MapContainer's children (with `zoomControl={false}`), so it stays the top-left control. */
export function MapZoom() {
	const { t } = useTranslation()
	return <ZoomControl position="topleft" zoomInTitle={t('mapControls.zoomIn')} zoomOutTitle={t('mapControls.zoomOut')} />
}
