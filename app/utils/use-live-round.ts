// The live state of a bidding page: the page's own data until a newer poll of
// /listings/:id/bid.json arrives. Polls every 3 s while the round is open and the tab is visible;
// without JavaScript a reload shows the same.
import type { SerializeFrom } from '@remix-run/node'
import { useFetcher } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import type { loader as bidJsonLoader } from '~/routes/listings.$id_.bid[.]json.ts'

export const POLL_MS = 3000

type Stamped = { serverNow: string; listing: { id: string } }

/** The newer of the page's data and a poll's answer: a poll of another listing, or an older one, is ignored. */
export function freshest<S extends Stamped>(initial: S, polled: S | null | undefined): S {
	return polled && polled.listing.id === initial.listing.id && polled.serverNow > initial.serverNow ? polled : initial
}

/** What the page's loader and the JSON route both answer (the JSON route says { error } when the listing is gone). */
export type LiveRoundState = Extract<SerializeFrom<typeof bidJsonLoader>, { round: unknown }>

export function useLiveRound(initial: LiveRoundState) {
	const fetcher = useFetcher<typeof bidJsonLoader>({ key: `bid-${initial.listing.id}` })
	const polled = fetcher.data && 'round' in fetcher.data ? fetcher.data : null
	const state = freshest(initial, polled)
	const ref = useRef(fetcher)
	ref.current = fetcher
	const open = state.round?.status === 'OPEN'
	const url = `/listings/${initial.listing.id}/bid.json`
	useEffect(() => {
		if (!open) return
		const timer = window.setInterval(() => {
			if (document.visibilityState === 'visible' && ref.current.state === 'idle') ref.current.load(url)
		}, POLL_MS)
		return () => window.clearInterval(timer)
	}, [open, url])
	return { state, refresh: () => ref.current.load(url) }
}
