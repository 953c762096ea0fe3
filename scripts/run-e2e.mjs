// `npm run test:e2e`: builds the app, prepares a fresh migrated and seeded database for the tests
// (never the developer's own), then runs Playwright; each Playwright worker starts the built
// server on its own copy of that database (e2e/fixtures.ts, e2e/server.ts).
// The database is a SQLite file, or with TEST_POSTGRES_URL (an admin URL of a PostgreSQL cluster,
// scripts/test-pg.mjs) a database e2e_seed_<random> in that cluster, which the workers copy with
// CREATE DATABASE … TEMPLATE; every database of the run is dropped at the end.
// A full run first runs the kill -9 test on a copy of that database (scripts/crash-test.mjs).
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { findChromium, NO_BROWSER_MESSAGE } from './browser.mjs'
import { openDatabase } from './db-query.mjs'

const chromium = await findChromium({ headlessShell: true })
if (!chromium) {
	console.error(NO_BROWSER_MESSAGE)
	process.exit(1)
}

const bin = (name) => path.resolve('node_modules', '.bin', name)
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })

const dir = path.resolve(process.env.E2E_DIR ?? 'tmp/e2e')
fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })
const admin = process.env.TEST_POSTGRES_URL
// The run's databases on PostgreSQL: e2e_seed_<run>, and e2e_<run>_<copy> made from it.
const runId = crypto.randomBytes(5).toString('hex')
const seedName = `e2e_seed_${runId}`
const dbUrl = (name) => {
	const url = new URL(admin)
	url.pathname = `/${name}`
	return url.toString()
}
/** Runs statements on the cluster's maintenance database (CREATE/DROP DATABASE). */
async function onAdmin(statements) {
	const db = await openDatabase(admin)
	try {
		for (const sql of statements) await db.run(sql)
	} finally {
		await db.close()
	}
}
async function dropRunDatabases() {
	const db = await openDatabase(admin)
	try {
		const names = (await db.all(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [seedName, `e2e\\_${runId}\\_%`])).map((r) => r.datname)
		for (const name of names) await db.run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
	} finally {
		await db.close()
	}
}

const env = {
	DATABASE_URL: admin ? dbUrl(seedName) : `file:${path.join(dir, 'e2e.db')}`,
	UPLOAD_DIR: path.join(dir, 'uploads'),
	PW_CHROMIUM_PATH: chromium,
}
const playwrightEnv = {
	...env,
	// What every worker copies (e2e/server.ts); DATABASE_URL becomes the worker's own copy there.
	E2E_SEED_DATABASE_URL: env.DATABASE_URL,
	E2E_SEED_UPLOAD_DIR: env.UPLOAD_DIR,
	// One secret for every e2e server, so a test can sign a session cookie itself (e2e/session.ts).
	SESSION_SECRET: crypto.randomBytes(32).toString('base64url'),
}

if (process.env.SKIP_BUILD !== '1') {
	run(bin('remix'), ['build'])
	run(process.execPath, ['scripts/build-worker.mjs'])
}
let status = 0
try {
	if (admin) await onAdmin([`CREATE DATABASE "${seedName}"`])
	run(process.execPath, ['scripts/setup-db.mjs'], env)
	// A full run also kills the built server mid-writes (scripts/crash-test.mjs); runs of chosen specs skip it.
	if (process.argv.length <= 2) {
		const crash = admin ? dbUrl(`e2e_${runId}_crash`) : null
		if (crash) await onAdmin([`CREATE DATABASE "e2e_${runId}_crash" TEMPLATE "${seedName}"`])
		run(process.execPath, ['scripts/crash-test.mjs'], { CRASH_SOURCE_DB: crash ?? path.join(dir, 'e2e.db'), CRASH_DIR: path.join(dir, 'crash') })
	}
	run(bin('playwright'), ['test', ...process.argv.slice(2)], playwrightEnv)
} catch (error) {
	status = typeof error.status === 'number' ? error.status : 1
	if (typeof error.status !== 'number') console.error(error)
} finally {
	if (admin) await dropRunDatabases()
}
process.exit(status)
