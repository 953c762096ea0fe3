// The map page's "save this search" (issue 13): a link to log in for visitors; for a buyer, the form
// (save-search-form.tsx), whose code and words (the `searches` namespace) load only then.
import { Link, useLocation } from '@remix-run/react'
import i18next from 'i18next'
import { lazy, Suspense, useDeferredValue, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { hasPermission } from '~/domain/permissions.ts'
import { loadNamespace } from '~/locales/load.ts'
import type { Locale } from '~/utils/format.ts'
import type { ListingQuery } from '~/utils/listing-query.ts'
import { useOptionalUser } from '~/utils/root-data.ts'
import type { TownName } from './saved-search.tsx'

type FormModule = typeof import('./save-search-form.tsx')
let formModule: FormModule | null = null

/** Marks the form's markup, so the browser knows to load it before hydrating (app/entry.client.tsx). */
export const SAVE_SEARCH_PART = 'save-search-form'

/**
 * The form's code and, in the browser, its words. The browser's entry awaits this before hydrating
 * a page whose server HTML holds the form: the form then hydrates with the page. (Hydrating it
 * later, as a suspended part, failed whenever the page re-rendered first, as it does while the
 * map settles: React then drops the server's markup and draws the form anew.)
 */
export async function loadSaveSearchForm() {
	if (typeof document !== 'undefined') {
		const lng = i18next.language
		if (!i18next.hasResourceBundle(lng, 'searches')) i18next.addResourceBundle(lng, 'searches', await loadNamespace(lng, 'searches'), true, false)
	}
	formModule = await import('./save-search-form.tsx')
	return formModule
}
// The server has every module at hand: loaded at start, its pages are drawn in one pass.
if (typeof document === 'undefined') void loadSaveSearchForm()

const LazyForm = lazy(loadSaveSearchForm)

export function SaveSearch({ query, towns, locale }: { query: ListingQuery; towns: TownName[]; locale: Locale }) {
	const { t } = useTranslation('map')
	const user = useOptionalUser()
	const location = useLocation()
	// React hydrates a Suspense boundary after the rest of the page, and an urgent update reaching
	// it before then makes React drop the server's markup and draw it anew (error 421). The page
	// re-renders at once after hydrating (useHydrated) and as the map settles: so the boundary gets
	// the same element while its inputs are the same, and a new query (the map moved) reaches it as
	// a deferred update, which lets it hydrate first. The form is loaded already by then (on the
	// server, and before hydration in the browser), so it is drawn at once either way.
	const deferredQuery = useDeferredValue(query)
	const form = useMemo(() => {
		const Form = formModule?.default ?? LazyForm
		return (
			<Suspense fallback={null}>
				<Form query={deferredQuery} towns={towns} locale={locale} />
			</Suspense>
		)
	}, [deferredQuery, towns, locale])
	if (user && !hasPermission(user, 'search:save:own')) return null
	if (!user) {
		const redirectTo = location.pathname + location.search
		return (
			<p className="mt-2 text-sm">
				<Link to={`/login?${new URLSearchParams({ redirectTo })}`} className="font-medium text-brand-700 underline" data-testid="save-search-login">
					{t('filters.saveSearchLogin')}
				</Link>
			</p>
		)
	}
	return form
}
