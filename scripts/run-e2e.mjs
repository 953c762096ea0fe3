// `npm run test:e2e`: builds the app, prepares a fresh migrated and seeded SQLite database for
// the tests (never the developer's own), then runs Playwright; each Playwright worker starts the
// built server on its own copy of that database (e2e/fixtures.ts).
// A full run first runs the kill -9 test on a copy of that database (scripts/crash-test.mjs).
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { findChromium, NO_BROWSER_MESSAGE } from './browser.mjs'

const chromium = await findChromium()
if (!chromium) {
	console.error(NO_BROWSER_MESSAGE)
	process.exit(1)
}

const bin = (name) => path.resolve('node_modules', '.bin', name)
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })

const dir = path.resolve(process.env.E2E_DIR ?? 'tmp/e2e')
fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })
const env = {
	DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
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
run(process.execPath, ['scripts/setup-db.mjs'], env)
try {
	// A full run also kills the built server mid-writes (scripts/crash-test.mjs); runs of chosen specs skip it.
	if (process.argv.length <= 2) run(process.execPath, ['scripts/crash-test.mjs'], { CRASH_SOURCE_DB: path.join(dir, 'e2e.db'), CRASH_DIR: path.join(dir, 'crash') })
	run(bin('playwright'), ['test', ...process.argv.slice(2)], playwrightEnv)
} catch (error) {
	process.exit(typeof error.status === 'number' ? error.status : 1)
}
