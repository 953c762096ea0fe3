import { Transform } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { getLocale, instanceFor } from './i18next.server.ts'
import { warmCatalog } from './models/listing-catalog.server.ts'
import { publishedListingCount } from './models/listing.server.ts'
import { startSweeper } from './models/sweep.server.ts'
import { isDatabaseUnavailable } from './utils/database-errors.ts'
import { NonceProvider } from './utils/nonce-provider.ts'
import { pageStyles } from './utils/page-styles.server.ts'
import { PageStylesProvider } from './utils/page-styles.tsx'
import { env, needsListingCount, webConcurrency } from './utils/env.server.ts'

/** server.mjs calls this before listening: a bad variable stops the start, named (EnvError). */
export function checkEnv() {
	return env()
}

// server.mjs starts the sweep in one process only, the search engine in every serving process,
// and forks as many processes as webConcurrency says (which may depend on the listing count).
export { needsListingCount, publishedListingCount, startSweeper, warmCatalog, webConcurrency }

const ABORT_DELAY = 5_000
/** Seconds a client is asked to wait when the database is unavailable. */
const RETRY_AFTER_S = 5

/** Requests that failed because the database was unreachable: answered 503, not 500. */
const databaseDown = new WeakSet<Request>()
/**
 * The same for single fetch's `.data` requests, by method and page URL: Remix runs their loaders
 * and actions on a copy of the request (without `.data`), which is what handleError sees.
 */
const dataDown = new Map<string, number>()
/** A key is read back within the same request; resource routes never read theirs, so keys expire. */
const DATA_DOWN_TTL_MS = 60_000
function markDataDown(key: string, now = Date.now()) {
	for (const [k, at] of dataDown) if (now - at > DATA_DOWN_TTL_MS) dataDown.delete(k)
	dataDown.set(key, now)
}
const pageKey = (request: Request) => {
	const url = new URL(request.url)
	url.pathname = url.pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/')
	url.searchParams.delete('_routes')
	return `${request.method} ${url.pathname}${url.search}`
}

export const handleError: HandleErrorFunction = (error, { request }) => {
	if (request.signal.aborted) return
	if (isDatabaseUnavailable(error)) {
		databaseDown.add(request)
		markDataDown(pageKey(request))
		console.error(`database unavailable: ${request.method} ${new URL(request.url).pathname}: ${error instanceof Error ? error.message.split('\n').at(-1) : String(error)}`)
		return
	}
	console.error(error)
}

/** A data request (`.data`) that failed on an unreachable database answers 503 too. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
	const key = pageKey(request)
	const down = databaseDown.has(request) || dataDown.has(key)
	dataDown.delete(key)
	if (!down) return response
	const headers = new Headers(response.headers)
	headers.set('Retry-After', String(RETRY_AFTER_S))
	return new Response(response.body, { status: 503, headers })
}

export default async function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	if (databaseDown.has(request)) {
		dataDown.delete(pageKey(request))
		// The database is unreachable: the error page says so and asks to try again, as a 503.
		responseStatusCode = 503
		responseHeaders.set('Retry-After', String(RETRY_AFTER_S))
		const errors = remixContext.staticHandlerContext.errors ?? {}
		for (const id of Object.keys(errors)) errors[id] = { status: 503, statusText: 'Service Unavailable', internal: false, data: null }
	}
	// server.mjs makes one nonce per response and puts it in the CSP header.
	const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : undefined
	const [instance, styles] = await Promise.all([getLocale(request).then(instanceFor), pageStyles()])

	const callbackName = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'

	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<PageStylesProvider value={styles}>
					<I18nextProvider i18n={instance}>
						<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
					</I18nextProvider>
				</PageStylesProvider>
			</NonceProvider>,
			{
				nonce,
				[callbackName]: () => {
					shellRendered = true
					const body = stripNulBytes()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					// Errors after the shell are already streaming; log them once here.
					if (shellRendered) console.error(error)
				},
			},
		)
		setTimeout(abort, ABORT_DELAY)
	})
}

/**
 * React 18's streaming renderer can emit NUL bytes in place of a multi-byte character that
 * straddles its 2 KB chunk boundary (facebook/react#24985, fixed only in React 19), which breaks
 * hydration on Chinese pages. A NUL byte never occurs inside valid UTF-8 text or HTML, so dropping
 * every one is safe.
 */
function stripNulBytes() {
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			if (chunk.indexOf(0) === -1) return callback(null, chunk)
			const out = Buffer.allocUnsafe(chunk.length)
			let n = 0
			for (const byte of chunk) if (byte !== 0) out[n++] = byte
			callback(null, out.subarray(0, n))
		},
	})
}
