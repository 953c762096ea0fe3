// The map's and the list's search engine, seen from the server: a client of the engine's worker
// thread (app/models/catalog/, docs/decisions/015). The worker loads the published listings,
// follows the database's change log and answers each question in a few milliseconds; the
// server's event loop only passes messages, so /healthz and every page answer meanwhile.
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { databaseUrl } from '~/utils/database-url.ts'
import type { ListingFeatureCollection } from '~/utils/listing-features.ts'
import type { ListingQuery } from '~/utils/listing-query.ts'
import type { ListPage } from './catalog/host.ts'
import type { Reply, Request } from './catalog/worker.ts'

export { BOUNDARY_MIN_ZOOM } from './catalog/engine.ts'

/** A question unanswered this long fails (the worker is restarted on the next one). */
const ANSWER_TIMEOUT_MS = 60_000

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
const state = {
	worker: null as Worker | null,
	next: 1,
	pending: new Map<number, Pending>(),
	generation: 0,
}

/**
 * Built, the server bundle (build/index.js) has the worker's bundle beside it
 * (scripts/build-worker.mjs). From source (tests, scripts run by tsx), the worker runs its
 * TypeScript through tsx.
 */
function workerScript() {
	const here = import.meta.url
	return new URL(here.endsWith('.ts') ? './catalog/worker-from-source.mjs' : './catalog-worker.js', here)
}

function worker() {
	if (state.worker) return state.worker
	const w = new Worker(fileURLToPath(workerScript()), {
		workerData: { databaseUrl: databaseUrl(), verbose: process.env.NODE_ENV === 'production' },
	})
	// The worker must not keep a script (seed, test) alive once its work is done.
	w.unref()
	w.on('message', (reply: Reply) => {
		const p = state.pending.get(reply.id)
		if (!p) return
		state.pending.delete(reply.id)
		clearTimeout(p.timer)
		if (reply.ok) p.resolve(reply.value)
		else p.reject(new Error(`catalog worker: ${reply.error}`))
	})
	const fail = (error: Error) => {
		if (state.worker === w) state.worker = null
		for (const [id, p] of state.pending) {
			clearTimeout(p.timer)
			p.reject(error)
			state.pending.delete(id)
		}
	}
	w.on('error', fail)
	w.on('exit', (code) => fail(new Error(`catalog worker exited with code ${code}`)))
	state.worker = w
	return w
}

function ask<T>(message: Omit<Request, 'id'>): Promise<T> {
	const w = worker()
	const id = state.next++
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => {
			state.pending.delete(id)
			reject(new Error(`catalog worker: no answer in ${ANSWER_TIMEOUT_MS} ms`))
			void w.terminate()
		}, ANSWER_TIMEOUT_MS)
		timer.unref()
		state.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer })
		w.postMessage({ ...message, id })
	})
}

/**
 * Call after changing places (towns, villages) here; database triggers tell the catalogue of every
 * process too. Listing changes need no call: the change log carries them, and each answer reads
 * the log first.
 */
export function placesChanged() {
	state.generation++
}

/** Changes when places are edited here: caches of place data key on it. */
export function catalogGeneration() {
	return state.generation
}

/** The GeoJSON of `/api/listings`, already serialised: clusters at low zoom, listings once they separate. */
export function listingFeaturesJson(query: ListingQuery): Promise<string> {
	return ask<string>({ op: 'features', query })
}

export async function listingFeatures(query: ListingQuery): Promise<ListingFeatureCollection> {
	return JSON.parse(await listingFeaturesJson(query)) as ListingFeatureCollection
}

/** A page of the list beside the map, with the counts in view and in all. */
export function catalogPage(query: ListingQuery, pageSize: number): Promise<ListPage> {
	return ask<ListPage>({ op: 'list', query, pageSize })
}

/** Listings in the catalogue, rows, overlay and change cursor: for the bench and tests. */
export function catalogStatus() {
	return ask<{ listings: number; rows: number; overlay: number; cursor: number; generation: number }>({ op: 'status' })
}

/** Starts loading now (server start-up), so the first visitor does not wait for it. */
export function warmCatalog() {
	worker()
}
