// On a phone the map and the list take turns on the screen. Before JavaScript runs (or without
// it) the two are links to the map and the list, both on the page; once it runs they switch.
import { useTranslation } from 'react-i18next'
import { useHydrated } from 'remix-utils/use-hydrated'

export type Pane = 'map' | 'list'

const item = 'flex-1 rounded-md px-3 py-1.5 text-center text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600'
const on = 'bg-white text-stone-900 shadow'
const off = 'text-stone-600 hover:text-stone-900'

export function MapListSwitch({ pane, onPane, total }: { pane: Pane; onPane: (pane: Pane) => void; total: number }) {
	const { t } = useTranslation('map')
	const hydrated = useHydrated()
	const label = (p: Pane) => (p === 'map' ? t('view.map') : t('view.list', { count: total }))
	return (
		<div className="sticky top-0 z-[1100] flex gap-1 border-b border-stone-200 bg-stone-100 p-1 lg:hidden" role="group" aria-label={t('view.label')} data-testid="map-list-switch">
			{(['map', 'list'] as const).map((p) =>
				hydrated ? (
					<button key={p} type="button" aria-pressed={pane === p} onClick={() => onPane(p)} className={`${item} ${pane === p ? on : off}`}>
						{label(p)}
					</button>
				) : (
					<a key={p} href={p === 'map' ? '#map' : '#listings'} className={`${item} ${off}`}>
						{label(p)}
					</a>
				),
			)}
		</div>
	)
}
