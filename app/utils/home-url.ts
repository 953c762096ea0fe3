// The map page's URL is written by two hands: the filters and the map's view. Each builds on the
// URL as it will be, not as it is: otherwise a view reported while a picked village is still
// loading sends the old URL, and the pick is lost (a town then its village, picked quickly).
import { useNavigate, useNavigation } from '@remix-run/react'
import { useCallback, useEffect } from 'react'
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

export function useHomeNavigate() {
	const navigate = useNavigate()
	const { state } = useNavigation()
	useEffect(() => {
		if (state === 'idle') pending = null
	}, [state])
	return useCallback(
		(params: URLSearchParams, { replace = true, movesMap = false } = {}) => {
			pending = { search: `?${params}`, movesMap }
			navigate(`/${pending.search}`, { replace, preventScrollReset: true })
		},
		[navigate],
	)
}
