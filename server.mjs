// The production (and development) HTTP server: Express in front of the Remix build.
// Why not plain remix-serve: every response — pages, data, API and static files — needs the
// security headers, and login rate limiting needs the client's address (load context).
import http from 'node:http'
import path from 'node:path'
import url from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { broadcastDevReady } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { securityHeaders } from './server/security-headers.js'

const BUILD_PATH = path.resolve('build/index.js')
const build = await import(url.pathToFileURL(BUILD_PATH).href)
const app = express()

app.disable('x-powered-by')
// Behind a reverse proxy (nginx, a cloud load balancer) set TRUST_PROXY=1 so req.ip is the client's.
if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY === 'true' ? true : Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY)
app.use(compression())
app.use((req, res, next) => {
	const secure = req.secure || req.get('x-forwarded-proto') === 'https'
	for (const [k, v] of Object.entries(securityHeaders({ secure }))) res.setHeader(k, v)
	next()
})
// Fingerprinted assets are cached forever; other public files for an hour.
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
app.use(express.static('public', { maxAge: '1h' }))
if (process.env.LOG_REQUESTS === '1') {
	app.use((req, res, next) => {
		const start = process.hrtime.bigint()
		res.on('finish', () => console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)} ms`))
		next()
	})
}
app.all(
	'*',
	createRequestHandler({
		build,
		mode: build.mode,
		getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown' }),
	}),
)

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
// 64 KB of headers: a 10 KB search in Chinese is ~30 KB once percent-encoded in the URL.
const server = http.createServer({ maxHeaderSize: 64 * 1024 }, app)
server.listen(port, host, () => {
	console.log(`农村产权交易平台 listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`)
	if (process.env.NODE_ENV === 'development') broadcastDevReady(build)
})

for (const signal of ['SIGTERM', 'SIGINT']) {
	process.on(signal, () => server.close(() => process.exit(0)))
}
