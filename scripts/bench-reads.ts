// npx tsx scripts/bench-reads.ts --listings=100000 [--deals=N] [--port=4431] [--runs=20]
// The pages that read much besides the map (docs/decisions/018): /stats, /api/stats, /ledger and
// its exports, the admin lists, and /healthz while /stats is hammered. Seeds its own database
// under tmp/bench-reads (synthetic listings, then synthetic deals on a tenth of them), then:
// 1. in this process, side by side and alternating, the statistics as they were computed before
//    (tests/helpers/stats-reference.ts: GROUP BY over the whole tables) and as now (tallies), with
//    the longest event-loop stall of each (perf_hooks.monitorEventLoopDelay) and the latency of a
//    `SELECT 1` probe (what /healthz does) running beside them;
// 2. over HTTP against the built server (npm run build first): per-request times of the pages, and
//    /healthz latency while four clients request /stats without pause.
// Writes bench-results/bench-reads-N.json and prints a table.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]))
const COUNT = Number(args.get('listings') ?? 100_000)
const DEALS = Number(args.get('deals') ?? Math.round(COUNT / 10))
const PORT = Number(args.get('port') ?? 4431)
const RUNS = Number(args.get('runs') ?? 20)
const dir = path.resolve('tmp', 'bench-reads')
const dbFile = path.join(dir, `reads-${COUNT}.db`)
const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, UPLOAD_DIR: path.join(dir, 'uploads'), SECRET_FILE: path.join(dir, 'secret'), NODE_ENV: 'production' as const }
const bin = (name: string) => path.resolve('node_modules', '.bin', name)

let seed = 7
function random() {
	seed = (seed * 1664525 + 1013904223) % 4294967296
	return seed / 4294967296
}

function percentile(sorted: number[], p: number) {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
function summary(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b)
	return { n: s.length, p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2), max: +s[s.length - 1].toFixed(2) }
}

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

/** Deals on a tenth of the synthetic listings, as the workflow leaves them: mostly completed. */
function seedDeals(file: string, count: number) {
	const db = new Database(file)
	const listings = db.prepare(`SELECT id, type, area, areaUnit, price, priceUnit FROM "Listing" WHERE status = 'PUBLISHED' ORDER BY id LIMIT ?`).all(count) as Array<{
		id: string
		type: string
		area: number
		areaUnit: string
		price: number
		priceUnit: string
	}>
	const insert = db.prepare(`INSERT INTO "Deal" (id, listingId, price, priceUnit, totalValueYuan, area, areaUnit, transferMode, tradingMode, status,
		noticeStartsAt, noticeEndsAt, certifiedAt, certificateNo, isDemo, createdAt, updatedAt)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'LEASE', 'NEGOTIATED', ?, ?, ?, ?, ?, 1, ?, ?)`)
	const traded = db.prepare(`UPDATE "Listing" SET status = 'TRADED' WHERE id = ?`)
	const end = Date.parse('2026-11-25T00:00:00Z')
	db.transaction(() => {
		listings.forEach((l, i) => {
			const r = random()
			const status = r < 0.8 ? 'COMPLETED' : r < 0.88 ? 'IN_NOTICE' : r < 0.9 ? 'OBJECTED' : r < 0.93 ? 'AWAITING_CERTIFICATION' : r < 0.98 ? 'PENDING_REVIEW' : 'REJECTED'
			const notice = end - Math.floor(random() * 3 * 365) * 86_400_000 - Math.floor(random() * 86_400_000)
			const certified = status === 'COMPLETED' ? notice + 12 * 86_400_000 : null
			const total = Math.round(l.price * (l.priceUnit === 'YUAN_PER_MU_YEAR' ? l.area : 1) * 5 * 100) / 100
			insert.run(
				`cdeal${String(i).padStart(20, '0')}`,
				l.id,
				l.price,
				l.priceUnit,
				total,
				l.area,
				l.areaUnit,
				status,
				status === 'PENDING_REVIEW' ? null : iso(notice),
				status === 'PENDING_REVIEW' ? null : iso(notice + 10 * 86_400_000),
				certified === null ? null : iso(certified),
				certified === null ? null : `DLT-BENCH-${String(i).padStart(8, '0')}`,
				iso(notice),
				iso(notice),
			)
			if (status === 'COMPLETED') traded.run(l.id)
		})
	})()
	db.close()
	return listings.length
}

async function prepare() {
	fs.mkdirSync(dir, { recursive: true })
	if (fs.existsSync(dbFile) && !args.has('fresh')) return
	for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true })
	execFileSync(bin('prisma'), ['migrate', 'deploy'], { env, stdio: 'inherit' })
	execFileSync(bin('tsx'), ['scripts/seed-synthetic.ts', String(COUNT)], { env, stdio: 'inherit' })
	const started = performance.now()
	const n = seedDeals(dbFile, DEALS)
	console.log(`${n.toLocaleString('en')} synthetic deals in ${((performance.now() - started) / 1000).toFixed(1)} s`)
	const db = new Database(dbFile)
	db.pragma('journal_mode = WAL')
	db.close()
}

/**
 * Runs `work` `RUNS` times with a `SELECT 1` probe every 5 ms beside it: times, the longest
 * event-loop stall (perf_hooks.monitorEventLoopDelay) and the probe's latency, which is what
 * /healthz would wait.
 */
async function sideBySide(name: string, work: () => Promise<unknown>, probe: () => Promise<unknown>) {
	const times: number[] = []
	const probes: number[] = []
	const loop = monitorEventLoopDelay({ resolution: 1 })
	let running = true
	const prober = (async () => {
		while (running) {
			const t = performance.now()
			await probe()
			probes.push(performance.now() - t)
			await sleep(5)
		}
	})()
	loop.enable()
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now()
		await work()
		times.push(performance.now() - t)
		// Between two requests a server returns to the event loop; without this turn, a loop of
		// queries on a synchronous driver never would (its promises resolve as microtasks).
		await nextTurn()
	}
	loop.disable()
	running = false
	await prober
	return { name, ...summary(times), loopMaxMs: +(loop.max / 1e6).toFixed(1), probe: summary(probes) }
}

async function inProcess() {
	Object.assign(process.env, env)
	const { prisma } = await import('../app/utils/db.server.ts')
	const { getStats } = await import('../app/models/stats.server.ts')
	const { statsFromTables } = await import('../tests/helpers/stats-reference.ts')
	const { listLedger, parseLedgerQuery } = await import('../app/models/ledger.server.ts')
	const { getAdminOverview, listAllListings } = await import('../app/models/admin.server.ts')
	const { expireListings } = await import('../app/models/sweep.server.ts')
	const probe = () => prisma.$queryRawUnsafe('SELECT 1')
	const ledgerWhere = { status: { in: ['IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION', 'COMPLETED'] } }
	const rows = []
	// Before and after alternate row by row, so the machine's load weighs on both alike.
	rows.push(await sideBySide('stats: before (GROUP BY whole tables)', () => statsFromTables(prisma, new Date()), probe))
	rows.push(await sideBySide('stats: now (tallies)', () => getStats(), probe))
	rows.push(await sideBySide('ledger summary: before (count + sum over deals)', () => Promise.all([prisma.deal.count({ where: ledgerWhere }), prisma.deal.aggregate({ where: ledgerWhere, _sum: { totalValueYuan: true } })]), probe))
	rows.push(await sideBySide('ledger page 1: now', () => listLedger(parseLedgerQuery(new URLSearchParams('')).query, { paged: true, withBuyer: true }), probe))
	rows.push(await sideBySide('ledger page 1, town + type: now', () => listLedger(parseLedgerQuery(new URLSearchParams('town=shulinzhao&type=LAND')).query, { paged: true, withBuyer: true }), probe))
	rows.push(await sideBySide('ledger page 1, one year: now', () => listLedger(parseLedgerQuery(new URLSearchParams('from=2025-01-01&to=2025-12-31')).query, { paged: true, withBuyer: true }), probe))
	rows.push(await sideBySide('ledger page 200: now', () => listLedger(parseLedgerQuery(new URLSearchParams('page=200')).query, { paged: true, withBuyer: true }), probe))
	rows.push(await sideBySide('admin overview listings: before (GROUP BY status)', () => prisma.listing.groupBy({ by: ['status'], _count: { _all: true } }), probe))
	rows.push(await sideBySide('admin overview: now', () => getAdminOverview(), probe))
	rows.push(await sideBySide('admin listings: before (count(*) Listing)', () => prisma.listing.count(), probe))
	rows.push(await sideBySide('admin listings page 1: now', () => listAllListings({ page: 1 }), probe))
	rows.push(await sideBySide('admin listings status=PUBLISHED page 40: now', () => listAllListings({ status: 'PUBLISHED', page: 40 }), probe))
	rows.push(await sideBySide('admin listings q=耕地: now', () => listAllListings({ q: '耕地' }), probe))
	rows.push(await sideBySide('sweep expiry query, nothing due: now', () => expireListings(new Date('2026-11-26T00:00:00Z')), probe))
	await prisma.$disconnect()
	return rows
}

/**
 * What the tally triggers add to writes: 10,000 listing rows inserted in one transaction (as the
 * synthetic seed writes them), with the triggers and with them dropped, alternating, each rolled
 * back. Run on a copy of the database.
 */
function writeCost() {
	const copy = path.join(dir, 'write-cost.db')
	fs.rmSync(copy, { force: true })
	const source = new Database(dbFile, { readonly: true })
	source.exec(`VACUUM INTO '${copy}'`)
	source.close()
	const db = new Database(copy)
	const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Listing' AND (name LIKE '%Tally%' OR name LIKE 'Deal_place%' OR name LIKE 'AggregateVersion%')`).all() as Array<{ name: string; sql: string }>
	const template = db.prepare(`SELECT * FROM "Listing" LIMIT 1`).get() as Record<string, unknown>
	const columns = Object.keys(template).filter((c) => c !== 'id')
	const insert = db.prepare(`INSERT INTO "Listing" ("id", ${columns.map((c) => `"${c}"`).join(',')}) VALUES (?, ${columns.map(() => '?').join(',')})`)
	const run = (label: string) => {
		const t = performance.now()
		for (let i = 0; i < 10_000; i++) insert.run(`cbench${label}${i}`, ...columns.map((c) => template[c]))
		return performance.now() - t
	}
	const withTriggers: number[] = []
	const without: number[] = []
	for (let round = 0; round < 3; round++) {
		db.exec('BEGIN')
		withTriggers.push(run('a'))
		db.exec('ROLLBACK')
		db.exec('BEGIN')
		for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`)
		without.push(run('b'))
		db.exec('ROLLBACK')
	}
	db.close()
	fs.rmSync(copy, { force: true })
	return { name: `insert 10,000 listings (${triggers.length} triggers on Listing)`, withTriggers: summary(withTriggers), withoutTriggers: summary(without) }
}

async function overHttp() {
	if (!fs.existsSync('build/index.js') || !fs.existsSync('build/catalog-worker.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
	const server = spawn(process.execPath, ['server.mjs'], { env: { ...env, PORT: String(PORT), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] })
	const base = `http://127.0.0.1:${PORT}`
	const get = async (p: string) => {
		const t = performance.now()
		const res = await fetch(base + p)
		await res.arrayBuffer()
		if (!res.ok) throw new Error(`${p} → ${res.status}`)
		return performance.now() - t
	}
	try {
		for (let i = 0; i < 150; i++) {
			if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break
			await sleep(200)
		}
		const pages = ['/stats', '/api/stats', '/ledger', '/ledger?town=shulinzhao&type=LAND', '/ledger?page=200', '/api/ledger', '/ledger.csv']
		const rows = []
		for (const p of pages) {
			await get(p)
			const times = []
			for (let i = 0; i < RUNS; i++) times.push(await get(p))
			rows.push({ name: `GET ${p}`, ...summary(times) })
		}
		// /healthz while four clients ask for /stats without pause.
		let hammering = true
		const hammer = Array.from({ length: 4 }, async () => {
			let n = 0
			while (hammering) {
				await get('/stats')
				n++
			}
			return n
		})
		const health = []
		for (let i = 0; i < 100; i++) {
			health.push(await get('/healthz'))
			await sleep(20)
		}
		hammering = false
		const statsServed = (await Promise.all(hammer)).reduce((a, b) => a + b, 0)
		rows.push({ name: `GET /healthz while /stats is hammered (${statsServed} /stats served meanwhile)`, ...summary(health) })
		return rows
	} finally {
		server.kill()
	}
}

async function main() {
	await prepare()
	if (args.has('writes-only')) return console.log(JSON.stringify(writeCost(), null, 1))
	const local = await inProcess()
	const writes = writeCost()
	const http = args.has('no-http') ? [] : await overHttp()
	const report = { date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version, note: 'shared with other engineers' }, listings: COUNT, deals: DEALS, runs: RUNS, inProcess: local, writes, http }
	fs.mkdirSync('bench-results', { recursive: true })
	const out = path.join('bench-results', `bench-reads-${COUNT}.json`)
	fs.writeFileSync(out, JSON.stringify(report, null, 2))
	console.log(`\n${COUNT.toLocaleString('en')} listings, ${DEALS.toLocaleString('en')} deals, ${RUNS} runs per row\n`)
	console.log('| in process | p50 ms | p95 ms | max ms | longest loop stall ms | SELECT 1 probe p95 / max ms |')
	console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
	for (const r of local) console.log(`| ${r.name} | ${r.p50} | ${r.p95} | ${r.max} | ${r.loopMaxMs} | ${r.probe.p95} / ${r.probe.max} |`)
	console.log(`\n${writes.name}: with triggers p50 ${writes.withTriggers.p50} ms, without ${writes.withoutTriggers.p50} ms (3 rounds each, alternating)`)
	if (http.length) {
		console.log('\n| over HTTP | p50 ms | p95 ms | max ms |')
		console.log('| --- | ---: | ---: | ---: |')
		for (const r of http) console.log(`| ${r.name} | ${r.p50} | ${r.p95} | ${r.max} |`)
	}
	console.log(`\nJSON: ${out}`)
}

await main()
