// npm run bench:paint -- --listings 100000 [--rounds 3] [--port 4413]
// First map paint: from navigation start to the first clusters painted, in Chromium at 1280×800
// with map tiles blocked, for the home page of the built app against the usual peer approach, a
// static page that loads Leaflet + Leaflet.markercluster and feeds it every published point
// (fetched once as JSON). Both run in one process, alternating, each round in a fresh browser
// context (cold cache). The app's first clusters are the server-drawn view's (decision 045); its
// live map (Leaflet) loads when the pointer moves over the map, which the bench does from the
// first paint on, and reports when the live map's clusters are drawn. Seeds (or reuses) a database of its own under tmp/bench-paint/; run
// `npm run build` first. Prints a table and writes tmp/bench-paint/result-<N>.json.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from '@playwright/test'
import Database from 'better-sqlite3'
import { DEFAULT_BBOX } from '../app/utils/map-style.ts'
import { findChromium } from './browser.mjs'

const { values } = parseArgs({
	options: { listings: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '3' }, port: { type: 'string', default: '4413' } },
})
const N = Number(values.listings)
const ROUNDS = Number(values.rounds)
const PORT = Number(values.port)
const STATIC_PORT = PORT + 1
const SETTLE_MS = 1500
const dir = path.resolve('tmp/bench-paint')
const dbFile = path.join(dir, `listings-${N}.db`)
const pointsFile = path.join(dir, `points-${N}.json`)
fs.mkdirSync(dir, { recursive: true })

const env: NodeJS.ProcessEnv = {
	...process.env,
	NODE_ENV: 'production',
	DATABASE_URL: `file:${dbFile}`,
	UPLOAD_DIR: path.join(dir, 'uploads'),
	SECRET_FILE: path.join(dir, 'secret'),
	SEED_DEMO: 'false',
	PORT: String(PORT),
	HOST: '127.0.0.1',
}

function published(): number {
	if (!fs.existsSync(dbFile)) return 0
	const db = new Database(dbFile, { readonly: true })
	try {
		return (db.prepare(`SELECT count(*) AS n FROM "Listing" WHERE status = 'PUBLISHED'`).get() as { n: number }).n
	} catch {
		return 0
	} finally {
		db.close()
	}
}

if (published() < N) {
	fs.rmSync(dbFile, { force: true })
	console.log(`Seeding ${N} synthetic listings into ${dbFile}…`)
	execFileSync(process.execPath, ['scripts/setup-db.mjs'], { env, stdio: 'inherit' })
	execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/seed-synthetic.ts', String(N)], { env, stdio: 'inherit' })
}
if (!fs.existsSync('build/index.js') || !fs.existsSync('build/catalog-worker.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })

// Every published point, as [lat, lng, lat, lng, …]: what the peer page feeds markercluster.
if (!fs.existsSync(pointsFile) || fs.statSync(pointsFile).mtimeMs < fs.statSync(dbFile).mtimeMs) {
	const db = new Database(dbFile, { readonly: true })
	const rows = db.prepare(`SELECT lat, lng FROM "Listing" WHERE status = 'PUBLISHED'`).raw().all() as Array<[number, number]>
	db.close()
	fs.writeFileSync(pointsFile, JSON.stringify(rows.flat()))
}
const points = fs.readFileSync(pointsFile)

const [west, south, east, north] = DEFAULT_BBOX
const peerPage = `<!doctype html><html><head><meta charset="utf-8"><title>markercluster</title>
<link rel="stylesheet" href="/leaflet/leaflet.css"><link rel="stylesheet" href="/mc/MarkerCluster.css"><link rel="stylesheet" href="/mc/MarkerCluster.Default.css">
<style>html,body,#map{height:100%;margin:0}</style></head><body><div id="map"></div>
<script src="/leaflet/leaflet.js"></script><script src="/mc/leaflet.markercluster.js"></script>
<script>
const map = L.map('map').fitBounds([[${south}, ${west}], [${north}, ${east}]])
L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png').addTo(map)
fetch('/points.json').then((r) => r.json()).then((p) => {
	const markers = []
	for (let i = 0; i < p.length; i += 2) markers.push(L.marker([p[i], p[i + 1]]))
	const group = L.markerClusterGroup()
	group.addLayers(markers)
	map.addLayer(group)
})
</script></body></html>`

const files: Record<string, string> = {
	'/leaflet/leaflet.js': 'node_modules/leaflet/dist/leaflet.js',
	'/leaflet/leaflet.css': 'node_modules/leaflet/dist/leaflet.css',
	'/mc/leaflet.markercluster.js': 'node_modules/leaflet.markercluster/dist/leaflet.markercluster.js',
	'/mc/MarkerCluster.css': 'node_modules/leaflet.markercluster/dist/MarkerCluster.css',
	'/mc/MarkerCluster.Default.css': 'node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css',
}
const staticServer = http.createServer((req, res) => {
	const url = req.url ?? '/'
	if (url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(peerPage)
	if (url === '/points.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(points)
	const file = files[url]
	if (!file) return res.writeHead(404).end()
	res.writeHead(200, { 'content-type': url.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(fs.readFileSync(file))
})
await new Promise<void>((resolve) => staticServer.listen(STATIC_PORT, '127.0.0.1', resolve))

const server = spawn(process.execPath, ['server.mjs'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
async function waitFor(url: string, ms: number) {
	const until = Date.now() + ms
	while (Date.now() < until) {
		try {
			if ((await fetch(url)).ok) return
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200))
	}
	throw new Error(`${url} did not answer within ${ms} ms`)
}

type Sample = { kind: 'app' | 'markercluster'; round: number; paintMs: number; mapMs: number | null; liveMs: number | null }
const samples: Sample[] = []
const browser = await chromium.launch({
	executablePath: (await findChromium()) ?? undefined,
	args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})
try {
	await waitFor(`http://127.0.0.1:${PORT}/healthz`, 60_000)
	// Warm the server as a visitor after the first would find it (the index is built in the background).
	for (let i = 0; i < 3; i++) {
		await fetch(`http://127.0.0.1:${PORT}/`)
		await fetch(`http://127.0.0.1:${PORT}/api/listings?bbox=${DEFAULT_BBOX.join(',')}&zoom=9`)
	}
	const targets = [
		{ kind: 'app' as const, url: `http://127.0.0.1:${PORT}/`, selector: '.first-view-cluster, .cluster-marker' },
		{ kind: 'markercluster' as const, url: `http://127.0.0.1:${STATIC_PORT}/`, selector: '.marker-cluster' },
	]
	for (let round = 1; round <= ROUNDS; round++) {
		for (const target of targets) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
			// Tiles (and anything else not on this machine) are refused.
			await context.route((u) => !u.toString().startsWith('http://127.0.0.1:'), (r) => r.abort())
			// The time the first cluster is in the page and a frame has been painted, the time Leaflet's
			// map appeared, and the time its clusters were painted.
			await context.addInitScript((selector: string) => {
				const w = window as unknown as { __paint?: number; __map?: number; __live?: number }
				// No named inner functions: tsx would wrap them in a helper the page does not have.
				let paintSeen = false
				new MutationObserver((_, observer) => {
					if (w.__map === undefined && document.querySelector('.leaflet-container')) w.__map = performance.now()
					if (!paintSeen && document.querySelector(selector)) {
						paintSeen = true
						requestAnimationFrame(() => setTimeout(() => (w.__paint = performance.now())))
					}
					if (document.querySelector('.leaflet-marker-pane .cluster-marker, .leaflet-marker-pane .marker-cluster')) {
						observer.disconnect()
						requestAnimationFrame(() => setTimeout(() => (w.__live = performance.now())))
					}
				}).observe(document, { childList: true, subtree: true })
			}, target.selector)
			const page = await context.newPage()
			// A new window of Chromium's headless mode loads its own omnibox popup (a page of about 30
			// scripts) as it opens, which took the CPU during the first second of the navigation. A
			// visitor's browser has its window open already: the navigation starts once it has settled.
			await page.waitForTimeout(SETTLE_MS)
			await page.goto(target.url, { waitUntil: 'commit' })
			await page.waitForFunction(() => (window as unknown as { __paint?: number }).__paint !== undefined, null, { timeout: 120_000 })
			// A visitor's pointer over the map from the first paint on, until the live map has drawn.
			for (let i = 0; !(await page.evaluate(() => (window as unknown as { __live?: number }).__live !== undefined)); i++) {
				if (i > 2400) throw new Error('the live map did not draw within 120 s')
				await page.mouse.move(380 + (i % 2) * 6, 500)
				await page.waitForTimeout(50)
			}
			const [paintMs, mapMs, liveMs] = await page.evaluate(() => {
				const w = window as unknown as { __paint: number; __map?: number; __live?: number }
				return [w.__paint, w.__map ?? null, w.__live ?? null] as const
			})
			const round1 = (n: number | null) => (n === null ? null : Math.round(n))
			samples.push({ kind: target.kind, round, paintMs: Math.round(paintMs), mapMs: round1(mapMs), liveMs: round1(liveMs) })
			await context.close()
		}
	}
} finally {
	await browser.close()
	server.kill()
	staticServer.close()
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b)
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const of = (kind: Sample['kind']) => samples.filter((s) => s.kind === kind)
const app = median(of('app').map((s) => s.paintMs))
const peer = median(of('markercluster').map((s) => s.paintMs))
const appMap = median(of('app').map((s) => s.mapMs ?? 0))
const appLive = median(of('app').map((s) => s.liveMs ?? 0))
const result = {
	listings: N,
	rounds: ROUNDS,
	viewport: '1280x800',
	appPaintP50Ms: app,
	appMapP50Ms: appMap,
	appLiveMapP50Ms: appLive,
	markerclusterPaintP50Ms: peer,
	ratio: Number((peer / app).toFixed(2)),
	samples,
	date: new Date().toISOString(),
}
fs.writeFileSync(path.join(dir, `result-${N}.json`), JSON.stringify(result, null, 2))
console.log(`First map paint, ${N} listings, 1280×800, tiles blocked, ${ROUNDS} rounds alternating (ms from navigation start)`)
console.log('approach          p50    rounds')
console.log(`app              ${String(app).padStart(5)}   ${of('app').map((s) => s.paintMs).join(', ')}   (live map: element at p50 ${appMap} ms, its clusters at ${appLive} ms)`)
console.log(`markercluster    ${String(peer).padStart(5)}   ${of('markercluster').map((s) => s.paintMs).join(', ')}`)
console.log(`ratio            ${result.ratio}×`)
