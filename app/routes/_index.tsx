import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ListingFilters } from '~/components/listing-filters.tsx'
import { ListingList } from '~/components/listing-list.tsx'
import { HomeMap } from '~/components/home-map.tsx'
import type { MapHighlight } from '~/components/map-highlight.client.tsx'
import { MapListSwitch, type Pane } from '~/components/map-list-switch.tsx'
import { SaveSearch } from '~/components/save-search.tsx'
import { LISTING_TYPES } from '~/domain/listing.ts'
import type { SearchPolygon } from '~/domain/search-area.ts'
import { listListings } from '~/models/listing-list.server.ts'
import { mapFirstAnswer } from '~/models/map-first-answer.server.ts'
import { getTownsWithVillages } from '~/models/town.server.ts'
import { useRootData } from '~/utils/root-data.ts'
import { latestQuery, otherNavigationUnderWay, placePending, useHomeNavigate } from '~/utils/home-url.ts'
import { filtersToParams, parseListingQuery, type BBox, type ListingQuery } from '~/utils/listing-query.ts'
import { DEFAULT_BBOX, markerSvg } from '~/utils/map-style.ts'
import { useLocale } from '~/utils/root-data.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

// The translation namespaces the browser loads before hydrating this page (app/entry.client.tsx).
export const handle = { i18n: ['map'] }

export async function loader({ request, context }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const { query, errors } = parseListingQuery(url.searchParams)
	const [list, towns, mapFirst] = await Promise.all([
		listListings(query.bbox ? query : { ...query, bbox: DEFAULT_BBOX }),
		getTownsWithVillages(),
		// The map's first clusters ride in the page, drawn before Leaflet loads and sparing it a round
		// trip; a client-side navigation (single fetch's `/_root.data`, flagged by server.mjs; a
		// fetch, not a document: Sec-Fetch-Dest "empty") needs none, the map is there. A phone's
		// map opens at its own zoom ("Mobi" in the user agent, as MDN advises for this guess; a
		// wrong guess only scales the drawn view).
		context.dataRequest === true || request.headers.get('Sec-Fetch-Dest') === 'empty'
			? null
			: mapFirstAnswer(query, /Mobi/.test(request.headers.get('User-Agent') ?? '') ? 'phone' : 'wide'),
	])
	return {
		query,
		errors: Object.keys(errors),
		list,
		towns,
		mapFirst,
	}
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'map')
	return [{ title: pageTitle(locale, t('pageTitle')) }, { name: 'description', content: t('metaDescription') }]
}

// On a wide screen the map and the list fill the window below the header and filters. On a phone
// the map/list switch gives the map the screen below the header, filters and switch, from the first
// paint: a box that grew at hydration pushed the legend (Lighthouse's layout shift). Without
// JavaScript (`noscript:`, a media query) the map cannot draw, so its box stays short above the list.
const MAP_HEIGHT = 'h-[calc(100dvh-200px)] min-h-[320px] noscript:h-auto noscript:min-h-0 lg:h-full lg:min-h-[480px] lg:noscript:h-full lg:noscript:min-h-[480px]'

/** The page's URL as it is now (the map and filters may have moved it since the last render), with some parameters changed. */
function currentParams(change: Partial<ListingQuery>) {
	return filtersToParams({ ...latestQuery(), ...change, page: 1 })
}

/**
 * The map's legend, folded into a small 图例 chip until asked for (a <details>, so it opens without
 * JavaScript too): open, it took a corner of the map where clusters are, on a phone and on a wide
 * screen alike (a province's map has clusters everywhere).
 */
function Legend() {
	const { t } = useTranslation('map')
	return (
		<details data-map-overlay data-testid="legend-folded" className="absolute bottom-7 left-2 z-[1000] rounded-md bg-white/95 text-xs shadow noscript:hidden">
			<summary className="cursor-pointer px-3 py-1.5 font-semibold text-stone-700">{t('legend.title')}</summary>
			<ul className="space-y-1 px-3 pb-2">
				{LISTING_TYPES.map((type) => (
					<li key={type} className="flex items-center gap-1.5">
						<span aria-hidden="true" dangerouslySetInnerHTML={{ __html: markerSvg(type, 14) }} />
						{t(`common:types.${type}`)}
					</li>
				))}
				<li className="flex items-center gap-1.5">
					<span aria-hidden="true" className="inline-block h-3.5 w-3.5 rounded-full" style={{ background: 'conic-gradient(#c2410c 0 33%, #15803d 33% 66%, #1d4ed8 66% 100%)' }} />
					{t('legend.cluster')}
				</li>
			</ul>
		</details>
	)
}

export default function Index() {
	const { query, errors, list, towns, mapFirst } = useLoaderData<typeof loader>()
	const root = useRootData()
	const { t } = useTranslation('map')
	const go = useHomeNavigate()
	const locale = useLocale()
	const bbox = (query.bbox ?? DEFAULT_BBOX) as BBox
	const [highlight, setHighlight] = useState<MapHighlight | null>(null)
	// Phones show the map or the list (MapListSwitch); without JavaScript (the `scripting` media
	// query) both stay on the page. The server's HTML already shows only the map to a phone that
	// runs scripts: a list shown until hydration, then hidden, moved the footer into view
	// (Lighthouse's layout shift, 0.049).
	const [pane, setPane] = useState<Pane>('map')
	const paneClass = (shown: boolean) => (shown ? '' : 'hidden noscript:block')
	// Towns with more villages first, so when names crowd on the map the bigger places keep theirs.
	const townLabels = useMemo(
		() =>
			towns
				.map((t) => ({ code: t.code, name: t.name, nameEn: t.nameEn, lat: t.lat, lng: t.lng, villageCount: t.villages.length }))
				.sort((a, b) => b.villageCount - a.villageCount || a.code.localeCompare(b.code)),
		[towns],
	)
	// The map refetches when the filters change, not when only the viewport or page does.
	const filterQuery = useMemo(() => filtersToParams({ ...query, bbox: null, page: 1, sort: 'newest' }).toString(), [query])

	const activeFilters = [query.types.length > 0, query.town, query.village, query.minArea != null || query.maxArea != null, query.minPrice != null || query.maxPrice != null, query.mode, query.q, query.polygon].filter(Boolean).length

	// Both read the URL as it will be, not as it was when the map last rendered: a filter may have just changed.
	// A view the map reports never replaces a place still loading, or a link followed.
	const onViewChange = useCallback((next: BBox, zoom: number) => {
		if (!placePending() && !otherNavigationUnderWay()) go(currentParams({ bbox: next, zoom }))
	}, [go])
	const onArea = useCallback((polygon: SearchPolygon | null) => go(currentParams({ polygon }), { replace: false }), [go])

	return (
		<div className="mx-auto flex max-w-screen-2xl flex-col lg:h-[calc(100dvh-52px)]">
			<h1 className="sr-only">{t('heading')}</h1>
			{/* On a phone the filters fold away behind a CSS-only toggle (it works without JavaScript). */}
			<div className="border-b border-stone-200 bg-white">
				{/* Hidden outright on a wide screen, where the filters always show and the toggle has no label. */}
				<input type="checkbox" id="filters-toggle" className="peer sr-only lg:hidden" defaultChecked={errors.length > 0} />
				<label htmlFor="filters-toggle" className="flex cursor-pointer items-center justify-between px-4 py-2 text-sm font-medium text-stone-700 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 lg:hidden">
					<span>
						{t('filters.showFilters')}
						{activeFilters > 0 ? ` (${activeFilters})` : ''}
					</span>
					<span aria-hidden="true">▾</span>
				</label>
				<div className="hidden px-4 pb-3 pt-1 peer-checked:block lg:block lg:pt-3">
					<ListingFilters query={query} towns={towns} locale={locale} />
					<SaveSearch query={query} towns={towns} locale={locale} />
					{errors.length > 0 ? (
						<p role="alert" className="mt-2 rounded bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
							{t('filters.invalid', { fields: errors.join(', ') })}
						</p>
					) : null}
				</div>
			</div>
			<MapListSwitch pane={pane} onPane={setPane} total={list.total} />
			<div className="lg:grid lg:min-h-0 lg:flex-1 lg:grid-cols-[minmax(0,3fr)_minmax(360px,2fr)]">
				<div id="map" className={`relative lg:flex lg:min-h-0 lg:flex-col ${paneClass(pane === 'map')}`}>
					{/* Every marker is a tab stop: keyboard users can jump past them to the list. */}
					<a
						href="#listings"
						onClick={() => setPane('list')}
						className="sr-only focus:not-sr-only focus:absolute focus:left-14 focus:top-2.5 focus:z-[1100] focus:rounded focus:bg-white focus:px-3 focus:py-1.5 focus:text-sm focus:font-medium focus:text-brand-800 focus:shadow focus:outline-2 focus:outline-brand-600"
					>
						{t('map.skipToList')}
					</a>
					<HomeMap
						className={`${MAP_HEIGHT} lg:flex-1`}
						locale={locale}
						bbox={bbox}
						zoom={query.zoom}
						filterQuery={filterQuery}
						towns={townLabels}
						env={root!.ENV}
						onViewChange={onViewChange}
						area={query.polygon}
						onArea={onArea}
						highlight={highlight}
						onHighlight={setHighlight}
						firstAnswer={mapFirst}
					/>
					<Legend />
					{root?.ENV.MAP_APPROVAL_NUMBER ? (
						<p className="px-4 py-1 text-[11px] text-stone-500">{t('map.approval', { number: root.ENV.MAP_APPROVAL_NUMBER })}</p>
					) : null}
				</div>
				<div className={`bg-white lg:block lg:min-h-0 lg:overflow-y-auto lg:border-l lg:border-stone-200 ${paneClass(pane === 'list')}`}>
					<ListingList {...list} query={query} locale={locale} highlightId={highlight?.from === 'map' ? highlight.id : null} onHighlight={setHighlight} />
				</div>
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
