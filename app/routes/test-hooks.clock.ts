import { json, type ActionFunctionArgs } from '@remix-run/node'
import { clockOffset, now, setClockOffset, testHooksEnabled } from '~/utils/clock.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'

// Test-only: moves the application clock. 404 unless the server runs with E2E_TEST_HOOKS=1.
export async function loader() {
	invariantResponse(testHooksEnabled())
	return json({ now: now().toISOString(), offsetMs: clockOffset() })
}

export async function action({ request }: ActionFunctionArgs) {
	invariantResponse(testHooksEnabled())
	const body = (await request.json().catch(() => null)) as { offsetMs?: unknown } | null
	const offset = Number(body?.offsetMs)
	if (!Number.isFinite(offset) || Math.abs(offset) > 10 * 365 * 24 * 3600 * 1000) return json({ error: 'offsetMs must be a number of milliseconds' }, { status: 400 })
	setClockOffset(offset)
	return json({ now: now().toISOString(), offsetMs: clockOffset() })
}
