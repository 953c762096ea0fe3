// One listing's place on a small map, with a skeleton of the same height rendered on the server:
// nothing moves when Leaflet arrives. Leaflet and the map are a chunk of their own, loaded when the
// map comes near the screen (on a phone it is below the photos and facts): the page's first load
// carries no Leaflet.
import { lazy, Suspense, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ClientOnly } from 'remix-utils/client-only'
import { WhenNear } from '~/components/when-near.tsx'
import type { ListingType } from '~/domain/listing.ts'
import { formatNumber } from '~/utils/format.ts'
import { useLocale, useRootData } from '~/utils/root-data.ts'

const ListingMap = lazy(() => import('~/components/listing-map.client.tsx').then((m) => ({ default: m.ListingMap })))

type Props = {
	listing: { type: string; lat: number; lng: number; boundary: string | null }
	heading: string
	height: number
	/** A line under the map (the map approval number, or whether a boundary was drawn). */
	note?: ReactNode
}

export function ListingMapSection({ listing, heading, height, note }: Props) {
	const { t } = useTranslation('listing')
	const locale = useLocale()
	const env = useRootData()?.ENV
	const skeleton = (
		<div className="flex flex-col items-center justify-center gap-1 rounded-lg border border-stone-200 bg-[#eef2e6] text-sm text-stone-600" style={{ height }}>
			<span>{t('map.coordinates', { lat: formatNumber(listing.lat, locale, 4), lon: formatNumber(listing.lng, locale, 4) })}</span>
			<noscript>
				<span className="text-xs text-stone-500">{t('map.noscript')}</span>
			</noscript>
		</div>
	)
	return (
		<section aria-labelledby="map-heading">
			<h2 id="map-heading" className="mb-2 text-lg font-semibold">
				{heading}
			</h2>
			<ClientOnly fallback={skeleton}>
				{() =>
					env ? (
						<WhenNear fallback={skeleton}>
							{() => (
								<Suspense fallback={skeleton}>
									<ListingMap
										type={listing.type as ListingType}
										lat={listing.lat}
										lng={listing.lng}
										boundary={listing.boundary}
										env={env}
										height={height}
										label={t('map.label')}
									/>
								</Suspense>
							)}
						</WhenNear>
					) : null
				}
			</ClientOnly>
			{note ? <p className="mt-1.5 text-xs text-stone-500">{note}</p> : null}
		</section>
	)
}
