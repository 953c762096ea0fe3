// The production (and development) HTTP server: Express in front of the Remix build.
// Why not plain remix-serve: every response — pages, data, API and static files — needs the
// security headers, and login rate limiting needs the client's address (load context).
import cluster from 'node:cluster'
import crypto from 'node:crypto'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import url from 'node:url'
// The adapter's own request/response conversion (exported by its server module, not its index).
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js'
import { broadcastDevReady, createRequestHandler } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { bodyLimit, checkRequest, multipartParses, readBody, tooLarge } from './server/request-guards.js'
import { isDataPath } from './server/page-path.js'
import { noStore, securityHeaders, tileHosts } from './server/security-headers.js'

const BUILD_PATH = path.resolve('build/index.js')

// Every environment variable is validated before listening (some modules read them as they
// load): a bad one stops the start with a message naming it, not a stack trace.
let build, config
try {
	build = await import(url.pathToFileURL(BUILD_PATH).href)
	config = build.entry.module.checkEnv()
} catch (error) {
	if (error?.name !== 'EnvError') throw error
	console.error(error.message)
	process.exit(1)
}

// Several processes share the port (Node's cluster module), each with its own listing catalogue:
// one process uses one core, and SQLite serves many readers. The primary only forks and restarts;
// exactly one worker runs the once-a-minute sweep (docs/decisions/019).
// At a million listings one process (each holds its own catalogue): the primary counts them first.
const cores = os.availableParallelism()
const listings = cluster.isPrimary && build.entry.module.needsListingCount(config, cores) ? await countListings() : 0
const processes = build.entry.module.webConcurrency(config, cores, listings)
if (cluster.isPrimary && processes > 1) {
	runPrimary(processes)
} else {
	serve()
}

async function countListings() {
	try {
		return await build.entry.module.publishedListingCount()
	} catch (error) {
		// A database not migrated yet: the default count of processes.
		console.error(`listings not counted: ${error?.message ?? error}`)
		return 0
	}
}

function runPrimary(count) {
	let stopping = false
	const startedAt = new Map()
	const fork = (sweeper) => {
		// RUN_SWEEPER=false where an operator turned the sweep off everywhere stays off.
		// The count decided here, so a worker does not count again (and finds itself one of `count`).
		const worker = cluster.fork({ RUN_SWEEPER: sweeper && config.RUN_SWEEPER ? 'true' : 'false', WEB_CONCURRENCY: String(count) })
		worker.on('exit', (code, signal) => {
			if (stopping) return
			console.error(`server process ${worker.process.pid} ended (${signal ?? code}); starting another`)
			// A process that dies at once (a bad build, a full disk) is not restarted in a tight loop.
			setTimeout(() => fork(sweeper), Date.now() - startedAt.get(worker) < 5000 ? 5000 : 0)
		})
		startedAt.set(worker, Date.now())
	}
	for (let i = 0; i < count; i++) fork(i === 0)
	for (const signal of ['SIGTERM', 'SIGINT']) {
		process.on(signal, () => {
			stopping = true
			for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
			// Each worker finishes its open requests (server.close) and exits; then the primary.
			cluster.on('exit', () => {
				if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
			})
		})
	}
}

function serve() {
	const app = express()
	const production = config.NODE_ENV === 'production'
	const imgHosts = tileHosts(config.MAP_TILE_URL, config.MAP_TILE_SUBDOMAINS)

	app.disable('x-powered-by')
	// Behind a reverse proxy (nginx, a cloud load balancer) set TRUST_PROXY=1 so req.ip, req.secure
	// and the request's URL are the client's. Without it, X-Forwarded-* headers are ignored.
	if (config.TRUST_PROXY) {
		const v = config.TRUST_PROXY
		app.set('trust proxy', v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim()))
	}
	app.use(compression())
	app.use((req, res, next) => {
		res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
		// req.secure honours X-Forwarded-Proto only from a trusted proxy: HSTS is never spoofed in.
		const headers = securityHeaders({ secure: req.secure, nonce: res.locals.cspNonce, imgHosts, development: !production })
		for (const [k, v] of Object.entries(headers)) res.setHeader(k, v)
		if (noStore(req.path)) res.setHeader('Cache-Control', 'no-store')
		next()
	})
	// Fingerprinted assets are cached forever; other public files for an hour.
	app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
	// Other public files (the favicon) have a dot in their names: pages skip the file lookup.
	// So do pages' single-fetch data URLs (`/me.data`), which are no files.
	const publicFiles = express.static('public', { maxAge: '1h' })
	app.use((req, res, next) => (req.path.includes('.') && !isDataPath(req.path) ? publicFiles(req, res, next) : next()))
	if (config.LOG_REQUESTS) {
		app.use((req, res, next) => {
			const start = process.hrtime.bigint()
			res.on('finish', () => console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)} ms`))
			next()
		})
	}

	// Bodies are checked and read (capped) before Remix parses them: see server/request-guards.js.
	app.use(async (req, res, next) => {
		const refusal = checkRequest({ method: req.method, path: req.path, headers: req.headers, host: req.get('host') })
		if (refusal) return refuse(res, refusal)
		if (req.method !== 'POST') return next()
		try {
			const limit = bodyLimit(req.path)
			const body = await readBody(req, limit)
			if (!body) return refuse(res, tooLarge(limit))
			const type = req.get('content-type') ?? ''
			if (/^multipart\/form-data/i.test(type) && !(await multipartParses(type, body))) {
				return refuse(res, { status: 400, message: 'The multipart form body is malformed or truncated.' })
			}
			res.locals.body = body
			next()
		} catch (error) {
			// The client went away mid-upload, or sent something Node's parser refused.
			if (!res.headersSent) refuse(res, { status: 400, message: 'The request body could not be read.' })
			else next(error)
		}
	})

	const handleRequest = createRequestHandler(build, build.mode)
	app.all('*', async (req, res, next) => {
		try {
			let request = createRemixRequest(req, res)
			if (res.locals.body) {
				// The body was read above; hand Remix the buffer instead of the consumed stream.
				request = new Request(request.url, { method: request.method, headers: request.headers, body: res.locals.body, signal: request.signal })
			}
			// dataRequest: a client-side navigation's single fetch (`/path.data`), not a document;
			// the loader sees the page's URL either way.
			const context = { clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown', cspNonce: res.locals.cspNonce, dataRequest: isDataPath(req.path) }
			await sendRemixResponse(res, await handleRequest(request, context))
		} catch (error) {
			next(error)
		}
	})

	function refuse(res, { status, message, headers = {} }) {
		res.status(status)
		for (const [k, v] of Object.entries(headers)) res.setHeader(k, v)
		res.type('text/plain; charset=utf-8').send(message)
	}

	const port = config.PORT
	const host = config.HOST
	// 64 KB of headers: a 10 KB search in Chinese is ~30 KB once percent-encoded in the URL.
	const server = http.createServer({ maxHeaderSize: 64 * 1024 }, app)
	server.listen(port, host, () => {
		if (!cluster.isWorker || config.RUN_SWEEPER) {
			const many = cluster.isWorker ? ` (${processes} processes)` : ''
			console.log(`农村产权交易平台 listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}${many}`)
		}
		if (config.NODE_ENV === 'development') broadcastDevReady(build)
	})
	// Expiries, ended notices and closed bidding rounds happen on time even on a quiet day.
	if (config.RUN_SWEEPER) build.entry.module.startSweeper()
	// The search engine starts loading in its worker thread now, not when the first visitor asks.
	build.entry.module.warmCatalog()

	for (const signal of ['SIGTERM', 'SIGINT']) {
		process.on(signal, () => server.close(() => process.exit(0)))
	}
}
