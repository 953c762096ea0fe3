// `npm run test:lighthouse`: Lighthouse's mobile performance score (simulated slow 4G and a 4×
// slower CPU, its default) of the home page, a listing's page and /stats on the demo database,
// each at least MIN_SCORE. Serves the built app (run `npm run build` first; `npm test` has, in its
// e2e step) from a fresh demo database, with Debian's Chromium; map tiles are blocked, so nothing
// leaves 127.0.0.1. Each page runs RUNS times and its median counts, as Lighthouse CI does, since
// scores move with the machine's load. Writes tmp/lighthouse/summary.json.
import { spawn, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { findChromium, NO_BROWSER_MESSAGE } from './browser.mjs'

const MIN_SCORE = Number(process.env.LIGHTHOUSE_MIN_SCORE ?? 95)
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3)
const PORT = Number(process.env.LIGHTHOUSE_PORT ?? 4330)
const BASE = `http://127.0.0.1:${PORT}`
const dir = path.resolve(process.env.LIGHTHOUSE_DIR ?? 'tmp/lighthouse')
const started = Date.now()

const chromePath = process.env.CHROME_PATH || (await findChromium())
if (!chromePath) {
	console.error(NO_BROWSER_MESSAGE)
	process.exit(1)
}
if (!fs.existsSync('build/index.js')) {
	console.error('No build: run `npm run build` first.')
	process.exit(1)
}

fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })
const env = {
	...process.env,
	NODE_ENV: 'production',
	PORT: String(PORT),
	HOST: '127.0.0.1',
	DATABASE_URL: `file:${path.join(dir, 'demo.db')}`,
	UPLOAD_DIR: path.join(dir, 'uploads'),
	SECRET_FILE: path.join(dir, 'secret'),
}
execFileSync(process.execPath, ['scripts/setup-db.mjs'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
const db = new Database(path.join(dir, 'demo.db'), { readonly: true })
// The listing with the most photos: its page has the heaviest first paint.
const { id } = db.prepare(`SELECT l.id FROM "Listing" l LEFT JOIN "ListingPhoto" p ON p."listingId" = l.id WHERE l.status = 'PUBLISHED' GROUP BY l.id ORDER BY count(p.id) DESC, l.id LIMIT 1`).get()
db.close()
// LIGHTHOUSE_PAGES=home,stats checks only those (while working on one page).
const only = process.env.LIGHTHOUSE_PAGES?.split(',')
const pages = [
	['home', '/'],
	['listing', `/listings/${id}`],
	['stats', '/stats'],
].filter(([name]) => !only || only.includes(name))

const server = spawn(process.execPath, ['server.mjs'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
let chrome
try {
	await waitFor(`${BASE}/healthz`, 30_000)
	chrome = await chromeLauncher.launch({
		chromePath,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
	})
	const summary = []
	for (const [name, pagePath] of pages) {
		// One load first, so the server's caches are as a visitor after the first would find them.
		await fetch(BASE + pagePath)
		const runs = []
		for (let i = 0; i < RUNS; i++) {
			const result = await lighthouse(BASE + pagePath, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: ['performance'],
				// Tiles come from a public server: refused, as in the tests, so nothing leaves the machine.
				blockedUrlPatterns: ['*openstreetmap.org*', '*tile*.png'],
			})
			const lhr = result.lhr
			const metric = (id, digits = 0) => {
				const value = lhr.audits[id]?.numericValue
				return typeof value === 'number' ? Number(value.toFixed(digits)) : null
			}
			// A run Lighthouse could not finish (lhr.runtimeError) scores 0: it counts as a failure.
			runs.push({
				score: Math.round((lhr.categories.performance.score ?? 0) * 100),
				lcpMs: metric('largest-contentful-paint'),
				fcpMs: metric('first-contentful-paint'),
				tbtMs: metric('total-blocking-time'),
				cls: metric('cumulative-layout-shift', 3),
				error: lhr.runtimeError?.code,
			})
			if (i === RUNS - 1) fs.writeFileSync(path.join(dir, `${name}.json`), result.report)
		}
		const median = [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)]
		summary.push({ page: name, path: pagePath, ...median, scores: runs.map((r) => r.score) })
	}
	fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary, null, 2))
	console.log('page      score  (runs)        LCP ms   FCP ms   TBT ms   CLS')
	for (const s of summary) {
		console.log(`${s.page.padEnd(9)} ${String(s.score).padStart(5)}  ${`(${s.scores.join(', ')})`.padEnd(13)} ${String(s.lcpMs).padStart(6)} ${String(s.fcpMs).padStart(8)} ${String(s.tbtMs).padStart(8)}   ${s.cls}`)
	}
	console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`)
	const failed = summary.filter((s) => s.score < MIN_SCORE)
	if (failed.length) {
		console.error(`Lighthouse performance below ${MIN_SCORE}: ${failed.map((s) => `${s.page} ${s.score}`).join(', ')}`)
		process.exitCode = 1
	} else {
		console.log(`Lighthouse: ${summary.length} passed, 0 failed`)
	}
} finally {
	await chrome?.kill()
	server.kill()
}

async function waitFor(url, ms) {
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
