// `npm run bench`: seeds 100,000 synthetic listings into a separate database, starts the built
// server on it, and measures /api/listings and the server-rendered list page per zoom level.
// Reports p50/p95 latency and response sizes as JSON (bench-results/) and a table.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]))
const COUNT = Number(args.get('listings') ?? 100_000)
const REQUESTS = Number(args.get('requests') ?? 200)
const PORT = Number(args.get('port') ?? 4320)
const dir = path.resolve('tmp', 'bench')
const dbFile = path.join(dir, `bench-${COUNT}.db`)
const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, UPLOAD_DIR: path.join(dir, 'uploads'), NODE_ENV: 'production' as const }
const bin = (name: string) => path.resolve('node_modules', '.bin', name)

// Viewport of a 1280×800 px map, as Leaflet would ask for it.
const VIEW = { width: 1280, height: 800 }
const BANNER = { west: 108.95, south: 39.85, east: 110.8, north: 40.55 }
const ZOOMS = [6, 10, 14, 17]

let seed = 42
function random() {
	seed = (seed * 1664525 + 1013904223) % 4294967296
	return seed / 4294967296
}

function viewport(zoom: number) {
	const lng = BANNER.west + random() * (BANNER.east - BANNER.west)
	const lat = BANNER.south + random() * (BANNER.north - BANNER.south)
	const degPerPx = 360 / (256 * 2 ** zoom)
	const halfW = (VIEW.width / 2) * degPerPx
	const halfH = (VIEW.height / 2) * degPerPx * Math.cos((lat * Math.PI) / 180)
	const f = (n: number) => n.toFixed(5)
	return `${f(lng - halfW)},${f(lat - halfH)},${f(lng + halfW)},${f(lat + halfH)}`
}

function percentile(sorted: number[], p: number) {
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	return sorted[i]
}

async function measure(url: string) {
	const start = performance.now()
	const res = await fetch(url)
	const body = await res.arrayBuffer()
	const ms = performance.now() - start
	if (!res.ok) throw new Error(`${url} → ${res.status}`)
	return { ms, bytes: body.byteLength }
}

async function series(name: string, zoom: number, make: (bbox: string) => string) {
	seed = 1000 + zoom
	const urls = Array.from({ length: REQUESTS }, () => make(viewport(zoom)))
	const samples = []
	for (const url of urls) samples.push(await measure(url))
	const ms = samples.map((s) => s.ms).sort((a, b) => a - b)
	const bytes = samples.map((s) => s.bytes).sort((a, b) => a - b)
	return {
		name,
		zoom,
		requests: samples.length,
		p50ms: +percentile(ms, 50).toFixed(2),
		p95ms: +percentile(ms, 95).toFixed(2),
		maxMs: +ms[ms.length - 1].toFixed(2),
		medianBytes: percentile(bytes, 50),
		maxBytes: bytes[bytes.length - 1],
	}
}

async function main() {
	fs.mkdirSync(dir, { recursive: true })
	if (!fs.existsSync(dbFile) || args.has('fresh')) {
		fs.rmSync(dbFile, { force: true })
		execFileSync(bin('prisma'), ['migrate', 'deploy'], { env, stdio: 'inherit' })
		execFileSync(bin('tsx'), ['scripts/seed-synthetic.ts', String(COUNT)], { env, stdio: 'inherit' })
	}
	if (!fs.existsSync('build/index.js')) execFileSync(bin('remix'), ['build'], { stdio: 'inherit' })

	const server = spawn(process.execPath, ['server.mjs'], {
		env: { ...env, PORT: String(PORT), HOST: '127.0.0.1' },
		stdio: ['ignore', 'ignore', 'inherit'],
	})
	const base = `http://127.0.0.1:${PORT}`
	try {
		for (let i = 0; i < 100; i++) {
			if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break
			await sleep(200)
		}
		// The first request loads the catalogue into memory: report it apart.
		const cold = await measure(`${base}/api/listings?bbox=${viewport(6)}&zoom=6`)
		for (const z of ZOOMS) await measure(`${base}/api/listings?bbox=${viewport(z)}&zoom=${z}`)

		const results = []
		for (const z of ZOOMS) results.push(await series('/api/listings', z, (b) => `${base}/api/listings?bbox=${b}&zoom=${z}`))
		for (const z of ZOOMS) results.push(await series('/ (list page)', z, (b) => `${base}/?bbox=${b}&zoom=${z}`))
		// A filtered view (type + text search) at the banner's zoom.
		results.push(await series('/api/listings type=LAND&q=耕地', 10, (b) => `${base}/api/listings?bbox=${b}&zoom=10&type=LAND&q=${encodeURIComponent('耕地')}`))
		// Sorting and the price and area filters, which run over every listing in view.
		results.push(await series('/ (list page) sort=priceAsc', 10, (b) => `${base}/?bbox=${b}&zoom=10&sort=priceAsc`))
		results.push(await series('/ (list page) sort=areaDesc', 10, (b) => `${base}/?bbox=${b}&zoom=10&sort=areaDesc`))
		results.push(await series('/api/listings type=LAND&minPrice=300&maxPrice=500', 10, (b) => `${base}/api/listings?bbox=${b}&zoom=10&type=LAND&minPrice=300&maxPrice=500`))
		results.push(await series('/api/listings minArea=500&maxArea=5000', 10, (b) => `${base}/api/listings?bbox=${b}&zoom=10&minArea=500&maxArea=5000`))

		const report = {
			date: new Date().toISOString(),
			machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
			listings: COUNT,
			requestsPerSeries: REQUESTS,
			coldFirstRequestMs: +cold.ms.toFixed(1),
			targets: { p95ms: 30, maxBytes: 300 * 1024 },
			results,
			pass: results.every((r) => r.p95ms <= 30 && r.maxBytes <= 300 * 1024),
		}
		fs.mkdirSync('bench-results', { recursive: true })
		const out = path.join('bench-results', `bench-${COUNT}.json`)
		fs.writeFileSync(out, JSON.stringify(report, null, 2))
		console.log(`\n${COUNT.toLocaleString('en-US')} listings, ${REQUESTS} requests per row, cold first request ${report.coldFirstRequestMs} ms\n`)
		console.log('| endpoint | zoom | p50 ms | p95 ms | max ms | median KB | max KB |')
		console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
		for (const r of results) {
			console.log(`| ${r.name} | ${r.zoom} | ${r.p50ms} | ${r.p95ms} | ${r.maxMs} | ${(r.medianBytes / 1024).toFixed(1)} | ${(r.maxBytes / 1024).toFixed(1)} |`)
		}
		console.log(`\n${report.pass ? 'PASS' : 'MISS'}: target p95 ≤ 30 ms and ≤ 300 KB per response. JSON: ${out}`)
	} finally {
		server.kill()
	}
}

await main()
