// The home page's map: drawn by the server from the page's first answer (MapFirstView) until the
// visitor turns to it, then Leaflet's live map (listings-map.client.tsx, a chunk of its own with
// Leaflet), which takes over once it has drawn (decision 045). Without a first answer (a close
// zoom, a client-side navigation) the live map loads at once.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useHydrated } from 'remix-utils/use-hydrated'
import { MapFirstView, type MapStart } from '~/components/map-first-view.tsx'
import type { MapFirstAnswer } from '~/models/map-first-answer.server.ts'
import type { ListingsMapProps } from '~/components/listings-map.client.tsx'

const ListingsMap = lazy(() => import('~/components/listings-map.client.tsx'))

type Props = Omit<ListingsMapProps, 'firstAnswer' | 'start' | 'onReady'> & {
	firstAnswer: MapFirstAnswer | null
	locale: string
	/** The box's classes (its height differs by screen and without JavaScript). */
	className: string
}

function MapSkeleton() {
	const { t } = useTranslation('map')
	return (
		<div className="flex h-full w-full items-center justify-center bg-[#eef2e6] p-4 text-sm text-stone-600" aria-busy="true">
			<span className="noscript:hidden">{t('map.loading')}</span>
			<span className="hidden noscript:inline">{t('map.needsScript')}</span>
		</div>
	)
}

export function HomeMap({ firstAnswer, area, highlight, className, locale, ...live }: Props) {
	const { t } = useTranslation('map')
	const hydrated = useHydrated()
	const [start, setStart] = useState<MapStart | null>(null)
	const [ready, setReady] = useState(false)
	// The same object while nothing new is asked: each new one is an action for the live map.
	const onStart = useCallback((how: MapStart) => setStart((was) => (was && Object.keys(how).length === 0 ? was : { ...was, ...how })), [])
	const onReady = useCallback(() => setReady(true), [])
	// A listing card pointed at in the list: the live map marks its place.
	useEffect(() => {
		if (highlight?.from === 'list') setStart((was) => was ?? {})
	}, [highlight])
	const loadLive = hydrated && (firstAnswer === null || start !== null)

	return (
		<div className={`relative ${className}`} role="region" aria-label={t('map.label')}>
			{firstAnswer && !ready ? <MapFirstView first={firstAnswer} view={live.bbox} env={live.env} towns={live.towns} area={area} locale={locale} starting={start !== null} onStart={onStart} /> : null}
			{/* Without JavaScript (the `scripting` media query) the drawn view hides and the box is a short note. */}
			{firstAnswer && !loadLive ? <p className="hidden p-4 text-sm text-stone-600 noscript:block">{t('map.needsScript')}</p> : null}
			{!firstAnswer && !loadLive ? <MapSkeleton /> : null}
			{loadLive ? (
				<Suspense fallback={firstAnswer ? null : <MapSkeleton />}>
					<ListingsMap key={locale} {...live} area={area} highlight={highlight} firstAnswer={firstAnswer} start={start} onReady={onReady} />
				</Suspense>
			) : null}
		</div>
	)
}
