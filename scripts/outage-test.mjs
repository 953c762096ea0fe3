// npm run test:outage (also run by npm run test:pg) — PostgreSQL going away mid-service must not
// crash the app (issue 10): the built server on a cluster of its own answers; the cluster is
// stopped as in a crash; every page then answers 503 with a retry message and Retry-After, and
// /healthz says the database is down; the cluster comes back, and the same server process answers
// 200 again within seconds, with no restart. Needs `npm run build` and PostgreSQL installed.
import { execFileSync, spawn } from 'node:child_process'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { resumeCluster, startCluster, stopCluster } from './pg/cluster.mjs'

const port = Number(process.env.OUTAGE_PORT ?? 4470)
const pgPort = Number(process.env.OUTAGE_PG_PORT ?? 55434)
const base = `http://127.0.0.1:${port}`
const dir = path.resolve(process.env.OUTAGE_DIR ?? 'tmp/outage')
const pgDir = path.join(dir, 'pg')
const started = Date.now()

fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })
const url = startCluster({ dir: pgDir, port: pgPort })
const env = {
	...process.env,
	DATABASE_URL: url,
	UPLOAD_DIR: path.join(dir, 'uploads'),
	SESSION_SECRET: crypto.randomBytes(32).toString('base64url'),
	PORT: String(port),
	HOST: '127.0.0.1',
	NODE_ENV: 'production',
	WEB_CONCURRENCY: '1',
	// An empty, migrated database: what is tested is the connection, not the data.
	SEED_DEMO: 'false',
}
let server
try {
	execFileSync(process.execPath, ['scripts/setup-db.mjs'], { env, stdio: 'ignore' })
	server = spawn(process.execPath, ['server.mjs'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
	let log = ''
	server.stderr.on('data', (d) => (log += d))
	const get = (p) => fetch(base + p, { headers: { 'Accept-Language': 'zh-CN' }, redirect: 'manual' }).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }))
	const until = async (what, ok, ms = 30_000) => {
		for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 250))) {
			const r = await get(what).catch(() => null)
			if (r && ok(r)) return r
		}
		throw new Error(`${what}: not as expected within ${ms} ms\n${log.slice(-2000)}`)
	}

	await until('/healthz', (r) => r.status === 200)
	for (const p of ['/', '/ledger', '/stats']) assert.equal((await get(p)).status, 200, p)

	stopCluster({ dir: pgDir, mode: 'immediate' })
	for (const p of ['/ledger', '/stats', '/listings/no-such-id']) {
		const r = await get(p)
		assert.equal(r.status, 503, `${p} while the database is down`)
		assert.equal(r.headers.get('retry-after'), '5', `${p}: Retry-After`)
		assert.match(r.text, /数据库暂时无法连接/, `${p}: the retry message`)
	}
	// Single fetch's data requests (client-side navigation) too.
	const data = await get('/ledger.data')
	assert.equal(data.status, 503, '/ledger.data while the database is down')
	assert.equal(data.headers.get('retry-after'), '5')
	const health = await get('/healthz')
	assert.equal(health.status, 503)
	assert.deepEqual(JSON.parse(health.text).database, { engine: 'postgresql', ok: false })
	assert.equal(server.exitCode, null, 'the server is still running')

	const t0 = Date.now()
	resumeCluster({ dir: pgDir, port: pgPort })
	await until('/ledger', (r) => r.status === 200, 15_000)
	const back = Date.now() - t0
	for (const p of ['/', '/stats', '/healthz']) assert.equal((await get(p)).status, 200, `${p} after the database came back`)
	assert.equal(server.exitCode, null, 'the same server process answers')
	console.log(`outage test passed in ${((Date.now() - started) / 1000).toFixed(1)} s: 503 while PostgreSQL was down, 200 again ${back} ms after it came back`)
} finally {
	server?.kill('SIGTERM')
	stopCluster({ dir: pgDir })
}
