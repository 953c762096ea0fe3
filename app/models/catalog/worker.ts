// The engine's worker thread: owns the catalogue and answers the server's questions by message,
// so loads, scans and text searches never hold the server's event loop (docs/decisions/015).
import { parentPort, workerData } from 'node:worker_threads'
import { databaseEngine } from '~/utils/database-url.ts'
import { CatalogHost } from './host.ts'
import { openPgSource } from './source.pg.ts'
import { openSqliteSource } from './source.sqlite.ts'

export type Request = { id: number; op: 'features' | 'list' | 'status'; query?: unknown; pageSize?: number }
export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string }

const port = parentPort
if (!port) throw new Error('catalog worker: run me with new Worker()')
const { databaseUrl, verbose } = workerData as { databaseUrl: string; verbose: boolean }
// The load time goes to the server's log, as the server's own start-up lines do.
const source = databaseEngine(databaseUrl) === 'postgresql' ? openPgSource(databaseUrl) : openSqliteSource(databaseUrl)
const host = new CatalogHost(source, verbose ? (m) => console.warn(m) : undefined)

// One question at a time: the host's state is not shared between overlapping answers.
let queue: Promise<unknown> = Promise.resolve()
port.on('message', (req: Request) => {
	queue = queue.then(async () => {
		try {
			let value: unknown
			if (req.op === 'features') value = JSON.stringify(await host.features(req.query as never))
			else if (req.op === 'list') value = await host.list(req.query as never, req.pageSize ?? 20)
			else value = await host.status()
			port.postMessage({ id: req.id, ok: true, value } satisfies Reply)
		} catch (error) {
			port.postMessage({ id: req.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply)
		}
	})
})
