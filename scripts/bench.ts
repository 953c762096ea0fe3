// `npm run bench [-- --listings=1000000] [--only=filters,changes] [--fresh] [--engine=pg]`: seeds N
// synthetic listings into a database of their own (tmp/bench/, reused unless --fresh; with
// --engine=pg, copied from that SQLite database into a PostgreSQL cluster of the bench's own in
// tmp/bench/pg, kept between runs, by npm run db:copy's code), starts the built
// server on it (as `npm start` would: one process per core), and measures the rows of issue 8's
// "Measure it" against its targets. Writes JSON to bench-results/ and prints a table.
// Rows: startup, viewports, filters, changes, visibility, rss, stats, load, seed.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadRow } from './bench/load.ts'
import { changesRow, filterRows, memoryRow, startupRow, statsRow, viewportRows, visibilityRow, waitForCatalog, type Ctx, type Row } from './bench/rows.ts'
import { startServer, waitHealthy } from './bench/server.ts'
import { copyDatabase } from './db-copy.ts'
import { resumeCluster, startCluster, stopCluster } from './pg/cluster.mjs'
import { migratePostgres } from './pg/migrate.mjs'

const ROWS = ['startup', 'viewports', 'filters', 'changes', 'visibility', 'rss', 'stats', 'load', 'instances', 'seed'] as const
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]))
const COUNT = Number(args.get('listings') ?? 100_000)
const REQUESTS = Number(args.get('requests') ?? 200)
const PORT = Number(args.get('port') ?? 4320)
const SECONDS = Number(args.get('seconds') ?? 30)
const LOAD_SECONDS = Number(args.get('load-seconds') ?? 60)
const only = new Set(args.get('only')?.split(',') ?? ROWS)
const ENGINE = args.get('engine') ?? 'sqlite'
if (ENGINE !== 'sqlite' && ENGINE !== 'pg') throw new Error('--engine: sqlite or pg')
for (const name of only) if (!(ROWS as readonly string[]).includes(name)) throw new Error(`--only: unknown row ${name} (rows: ${ROWS.join(', ')})`)

const dir = path.resolve('tmp', 'bench')
const dbFile = path.join(dir, `bench-${COUNT}.db`)
const seedFile = path.join(dir, `bench-${COUNT}.seed.json`)
const pgDir = path.join(dir, 'pg')
const PG_PORT = Number(args.get('pg-port') ?? 55435)
const pgUrl = `postgresql://app@127.0.0.1:${PG_PORT}/bench_${COUNT}`
const env = {
	...process.env,
	DATABASE_URL: ENGINE === 'pg' ? pgUrl : `file:${dbFile}`,
	UPLOAD_DIR: path.join(dir, 'uploads'),
	SECRET_FILE: path.join(dir, 'session-secret'),
	NODE_ENV: 'production' as const,
}
const bin = (name: string) => path.resolve('node_modules', '.bin', name)

/** Seeds the bench database when missing (or --fresh), and records how long the seed took. */
function prepareDatabase() {
	fs.mkdirSync(dir, { recursive: true })
	const sqlite = { ...env, DATABASE_URL: `file:${dbFile}` }
	if (fs.existsSync(dbFile) && !args.has('fresh')) {
		// A database kept from an earlier run gets the migrations committed since.
		execFileSync(bin('prisma'), ['migrate', 'deploy'], { env: sqlite, stdio: 'ignore' })
		return
	}
	for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, seedFile]) fs.rmSync(f, { force: true })
	execFileSync(bin('prisma'), ['migrate', 'deploy'], { env: sqlite, stdio: 'inherit' })
	const started = performance.now()
	execFileSync(bin('tsx'), ['scripts/seed-synthetic.ts', String(COUNT)], { env: sqlite, stdio: 'inherit' })
	const seconds = (performance.now() - started) / 1000
	fs.writeFileSync(seedFile, JSON.stringify({ listings: COUNT, seconds: Math.round(seconds * 10) / 10, date: new Date().toISOString() }))
}

async function listingsIn(url: string) {
	const { default: pg } = await import('pg')
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		return Number((await client.query('SELECT count(*) AS n FROM "Listing"').catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n)
	} finally {
		await client.end()
	}
}

/** PostgreSQL's bench database: the bench's cluster (started, or resumed with its data), and a copy of SQLite's. */
async function preparePostgres() {
	const admin = fs.existsSync(path.join(pgDir, 'data', 'PG_VERSION')) ? resumeCluster({ dir: pgDir, port: PG_PORT }) : startCluster({ dir: pgDir, port: PG_PORT })
	const { default: pg } = await import('pg')
	const client = new pg.Client({ connectionString: admin })
	await client.connect()
	try {
		const exists = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [`bench_${COUNT}`])).rowCount === 1
		// The copy is one transaction: a database with listings holds all of them; one without was interrupted.
		if (exists && !args.has('fresh') && (await listingsIn(pgUrl)) > 0) {
			// A database kept from an earlier run gets the migrations committed since (as SQLite's does).
			await migratePostgres(pgUrl, { log: () => {} })
			return
		}
		if (exists) await client.query(`DROP DATABASE "bench_${COUNT}" WITH (FORCE)`)
		await client.query(`CREATE DATABASE "bench_${COUNT}"`)
	} finally {
		await client.end()
	}
	const started = performance.now()
	await copyDatabase(`file:${dbFile}`, pgUrl, () => {})
	console.log(`copied ${COUNT.toLocaleString('en')} listings into PostgreSQL in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

function seedRow(): Row {
	const seed = fs.existsSync(seedFile) ? (JSON.parse(fs.readFileSync(seedFile, 'utf8')) as { seconds: number; date: string }) : null
	const limit = COUNT >= 1_000_000 ? 180 : null
	return {
		key: 'seed',
		name: `seed:synthetic ${COUNT.toLocaleString('en')}`,
		measured: seed ? `${seed.seconds} s (${seed.date.slice(0, 16)})` : 'not measured (database made elsewhere; --fresh)',
		target: limit ? `≤ ${limit} s` : '—',
		pass: seed && limit ? seed.seconds <= limit : null,
		details: seed ?? {},
	}
}

/**
 * Throughput as instances are added (issue 10): the load row against one instance of one process,
 * then against two such instances on the same database, side by side in one run. The main server
 * stays up but idle meanwhile.
 */
async function instancesRows(ctx: Ctx): Promise<Row[]> {
	const single = { ...env, WEB_CONCURRENCY: '1' }
	const first = startServer({ port: PORT + 1, env: single })
	const second = startServer({ port: PORT + 2, env: single })
	try {
		await Promise.all([waitHealthy(first), waitHealthy(second)])
		const one = await loadRow({ ...ctx, server: first }, LOAD_SECONDS, [first.base])
		const two = await loadRow({ ...ctx, server: first }, LOAD_SECONDS, [first.base, second.base])
		const rate = (r: Row) => Number((r.details as { throughput: number }).throughput)
		return [
			{ ...one, key: 'instances-1', name: `instances: 1 × 1 process · ${one.name}` },
			{ ...two, key: 'instances-2', name: `instances: 2 × 1 process · ${two.name}`, measured: `${two.measured} · ×${(rate(two) / Math.max(1, rate(one))).toFixed(2)} the throughput of one` },
		]
	} finally {
		await Promise.all([first.stop(), second.stop()])
	}
}

async function main() {
	prepareDatabase()
	if (ENGINE === 'pg') await preparePostgres()
	if (!fs.existsSync('build/index.js') || !fs.existsSync('build/catalog-worker.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
	// The bench's own Prisma client on the bench database: it changes listings as a second process would.
	process.env.DATABASE_URL = env.DATABASE_URL
	const { prisma } = await import('../app/utils/db.server.ts')

	const server = startServer({ port: PORT, env })
	const ctx: Ctx = { server, prisma, listings: COUNT, requests: REQUESTS, seconds: SECONDS }
	const rows: Row[] = []
	const run = async (name: (typeof ROWS)[number], make: () => Promise<Row | Row[]> | Row) => {
		if (!only.has(name)) return
		try {
			const made = await make()
			rows.push(...(Array.isArray(made) ? made : [made]))
		} catch (error) {
			// A stalled or failing server is a result too: report it, and go on with the next row.
			rows.push({ key: name, name, measured: `failed: ${(error as Error).message}`, target: '', pass: false, details: { error: String(error) } })
		}
		console.log(`${name}: ${rows[rows.length - 1].measured}`)
	}
	try {
		if (only.has('startup')) await run('startup', () => startupRow(ctx))
		else await waitForCatalog(server)
		await run('viewports', () => viewportRows(ctx))
		await run('filters', () => filterRows(ctx))
		await run('rss', () => memoryRow(ctx))
		await run('changes', () => changesRow(ctx))
		await run('visibility', () => visibilityRow(ctx))
		await run('stats', () => statsRow(ctx))
		await run('load', () => loadRow(ctx, LOAD_SECONDS))
		await run('instances', () => instancesRows(ctx))
		await run('seed', seedRow)
	} finally {
		await server.stop()
		await prisma.$disconnect()
		// The cluster's data stays in tmp/bench/pg for the next run.
		if (ENGINE === 'pg') stopCluster({ dir: pgDir })
	}

	const report = {
		date: new Date().toISOString(),
		machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((l) => +l.toFixed(2)) },
		engine: ENGINE,
		listings: COUNT,
		requestsPerSeries: REQUESTS,
		rows,
		pass: rows.every((r) => r.pass !== false),
	}
	fs.mkdirSync('bench-results', { recursive: true })
	const out = path.join('bench-results', `bench-${ENGINE === 'pg' ? 'pg-' : ''}${COUNT}${args.has('only') ? `-${[...only].join('-')}` : ''}.json`)
	fs.writeFileSync(out, JSON.stringify(report, null, 2))
	console.log(`\n${ENGINE === 'pg' ? 'PostgreSQL' : 'SQLite'} · ${COUNT.toLocaleString('en')} listings · ${REQUESTS} requests per series · load average ${report.machine.loadAverage.join(' ')}\n`)
	console.log('| row | measured | target | |')
	console.log('| --- | --- | --- | --- |')
	for (const r of rows) console.log(`| ${r.name} | ${r.measured} | ${r.target} | ${r.pass === null ? '' : r.pass ? 'ok' : 'MISS'} |`)
	console.log(`\n${report.pass ? 'PASS' : 'MISS'} · JSON: ${out}`)
}

await main()
