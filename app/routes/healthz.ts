import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { pingDatabase } from '~/models/health.server.ts'
import { databaseEngine } from '~/utils/database-url.ts'
import { eventLoopDelay } from '~/utils/event-loop.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	try {
		await pingDatabase()
		// Only with EXPOSE_EVENT_LOOP_DELAY=1 (npm run bench): ?reset=1 starts a new measurement.
		const eventLoop = eventLoopDelay(new URL(request.url).searchParams.get('reset') === '1')
		const database = { engine: databaseEngine(), ok: true }
		return json(eventLoop ? { ok: true, database, eventLoop } : { ok: true, database }, { headers: { 'Cache-Control': 'no-store' } })
	} catch (error) {
		console.error('healthz: database did not answer', error)
		return json({ ok: false, database: { engine: databaseEngine(), ok: false } }, { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' } })
	}
}
