// GET /listings/:id/bid.json — the live state of the listing's current (or last) bidding round,
// polled every few seconds by /listings/:id/bid: prices, the deadline, the anonymised history
// (竞买人N, never names) and the viewer's own registration. Closes due rounds first.
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { closeDueRounds, publicRoundState } from '~/models/bidding.server.ts'
import { getUser } from '~/utils/auth.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await closeDueRounds()
	const user = await getUser(request)
	const state = await publicRoundState(params.id, user)
	if (!state) return json({ error: 'Not found' }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
	return json(state, { headers: { 'Cache-Control': 'no-store' } })
}
