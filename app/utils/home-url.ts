// The map page's URL is written by two hands: the filters and the map's view. Each builds on the
// URL as it will be, not as it is: otherwise a view reported while a picked village is still
// loading sends the old URL, and the pick is lost (a town then its village, picked quickly).
import { useNavigate, useNavigation } from '@remix-run/react'
import { useCallback, useEffect, useRef } from 'react'
import { parseListingQuery } from './listing-query.ts'

/** The last navigation asked for here, until it has landed. */
let pending: { search: string; movesMap: boolean } | null = null

/** The map page's query as the URL will be once the navigation under way lands. */
export function latestQuery() {
	return parseListingQuery(new URLSearchParams(pending?.search ?? window.location.search)).query
}

/**
 * A place picked is still loading: the map goes there when it lands, so a view the map reports
 * meanwhile (the last move's end, a nudge) is stale and must not replace the place's view.
 */
export function placePending() {
	return pending?.movesMap ?? false
}

type RouterNavigation = { state: string; formMethod?: string; location?: { pathname: string; search: string } }

/**
 * The router's navigation as it is now. React renders it as a transition, later (a navigation
 * asked for meanwhile is not in useNavigation yet), so the router is asked directly: RemixBrowser
 * keeps it on window.__remixRouter.
 */
function routerNavigation(): RouterNavigation | undefined {
	return (window as { __remixRouter?: { state: { navigation: RouterNavigation } } }).__remixRouter?.state.navigation
}

/**
 * A navigation this page's own hands (the filters, the map) did not ask for is under way: a list
 * card, a marker's link, a menu item, a page of the list, the 筛选 button. The map reports its
 * view when it has drawn (on a hover over the list, the moment before a click), and a report sent
 * now would replace that navigation: the click was lost (e2e, the detail and inquiry specs). A
 * form sent (saving the search) is not one: its views are held until its answer (useHomeNavigate).
 */
export function otherNavigationUnderWay() {
	const navigation = routerNavigation()
	if (navigation === undefined || navigation.state === 'idle' || navigation.location === undefined) return false
	if (navigation.formMethod !== undefined && navigation.formMethod.toUpperCase() !== 'GET') return false
	const { pathname, search } = navigation.location
	return pathname !== '/' || pending === null || new URLSearchParams(search).toString() !== new URLSearchParams(pending.search).toString()
}

/**
 * When a form on the map page was sent (its submit event), for a few seconds: React renders the
 * submission as a transition, which a busy phone or machine may commit only after the map has
 * reported a view. Until it does, this holds the views instead (a CI run lost a save so).
 */
let submittedAt = 0
export function holdMapViews() {
	submittedAt = Date.now()
}
const submitted = () => Date.now() - submittedAt < 5000

export function useHomeNavigate() {
	const navigate = useNavigate()
	const { state, formMethod } = useNavigation()
	// A form sent from the map page (saving the search) is under way: a view the map reports
	// meanwhile (it settles just after the page loads) would interrupt it, and the save was lost.
	// The view waits, and goes once the form's answer has landed on this page (a refusal); after a
	// success the page is left and it is dropped.
	const sending = useRef(false)
	const held = useRef<{ params: URLSearchParams; replace: boolean; movesMap: boolean } | null>(null)
	const go = useCallback(
		(params: URLSearchParams, { replace = true, movesMap = false } = {}) => {
			if (sending.current || submitted()) {
				held.current = { params, replace, movesMap }
				return
			}
			pending = { search: `?${params}`, movesMap }
			navigate(`/${pending.search}`, { replace, preventScrollReset: true })
		},
		[navigate],
	)
	useEffect(() => {
		sending.current = formMethod != null && formMethod.toUpperCase() !== 'GET'
		// React's navigation state now shows the submission: it holds the views from here.
		if (sending.current) submittedAt = 0
		if (state !== 'idle') return
		// React shows a navigation landed; one asked for since (a village picked the moment its town
		// landed) is still under way, and keeps its place pending.
		if ((routerNavigation()?.state ?? 'idle') === 'idle') pending = null
		const next = held.current
		held.current = null
		if (next) go(next.params, next)
	}, [state, formMethod, go])
	return go
}
