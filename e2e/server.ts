// The built server, started by the tests themselves: one per Playwright worker (e2e/fixtures.ts),
// each on its own copy of the seeded database and uploads, so specs running in parallel never see
// each other's writes or moved clock; and the action server of e2e/actions.spec.ts.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { engineOf, pgScript } from './db.ts'

export type AppServer = { baseURL: string; databaseUrl: string; uploadDir: string; stop: () => Promise<void> }

/** A copy of the seed: its database, its uploads and the directory holding its files. */
export type SeedCopy = { databaseUrl: string; uploadDir: string; dir: string; drop: () => void }

/** The seeded database and uploads scripts/run-e2e.mjs prepared (never written by a test). */
export function seed() {
	const url = process.env.E2E_SEED_DATABASE_URL
	const uploads = process.env.E2E_SEED_UPLOAD_DIR
	if (!url || !uploads) throw new Error('No seeded e2e database: run the e2e tests with `npm run test:e2e`.')
	return { databaseUrl: url, uploadDir: uploads, dir: path.dirname(uploads) }
}

/**
 * Copies the seeded database and uploads into `name`, emptied first: on SQLite a file in
 * `<e2e dir>/<name>`, on PostgreSQL a database made from the seed as its template (the seed
 * has no connection during a run, as CREATE DATABASE … TEMPLATE requires). Nothing writes the
 * seed during a run, so either copy is consistent. `drop()` removes the PostgreSQL copy.
 */
export function copySeed(name: string): SeedCopy {
	const from = seed()
	const dir = path.join(from.dir, name)
	fs.rmSync(dir, { recursive: true, force: true })
	fs.mkdirSync(dir, { recursive: true })
	const uploadDir = path.join(dir, 'uploads')
	fs.cpSync(from.uploadDir, uploadDir, { recursive: true })
	if (engineOf(from.databaseUrl) === 'postgresql') {
		const seedUrl = new URL(from.databaseUrl)
		const seedName = seedUrl.pathname.slice(1)
		// e2e_seed_<run> → e2e_<run>_<name>: run-e2e.mjs drops whatever a crashed worker left by that prefix.
		const copyName = `${seedName.replace(/^e2e_seed_/, 'e2e_')}_${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`.slice(0, 63)
		const admin = postgresAdminUrl(from.databaseUrl)
		pgScript(admin, `DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE); CREATE DATABASE "${copyName}" TEMPLATE "${seedName}"`)
		const copyUrl = new URL(from.databaseUrl)
		copyUrl.pathname = `/${copyName}`
		return { databaseUrl: copyUrl.toString(), uploadDir, dir, drop: () => pgScript(admin, `DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`) }
	}
	const dbFile = path.join(dir, 'app.db')
	fs.copyFileSync(from.databaseUrl.replace(/^file:/, ''), dbFile)
	return { databaseUrl: `file:${dbFile}`, uploadDir, dir, drop: () => {} }
}

/** The cluster's maintenance database, where databases are created and dropped. */
function postgresAdminUrl(url: string) {
	if (process.env.TEST_POSTGRES_URL) return process.env.TEST_POSTGRES_URL
	const admin = new URL(url)
	admin.pathname = '/postgres'
	return admin.toString()
}

/** Where a server started in `dir` writes the e-mail and SMS it sends. */
export const notifyLogFile = (dir: string) => path.join(dir, 'notifications.log')

/** Starts `node server.mjs` on `port` with this database and uploads; resolves once /healthz answers. */
export async function startServer(options: { databaseUrl: string; uploadDir: string; dir: string; port: number; env?: Record<string, string> }): Promise<AppServer> {
	const { databaseUrl, uploadDir, dir, port } = options
	const baseURL = `http://127.0.0.1:${port}`
	// A server left over from an earlier run would answer in its place, with other data.
	if (await fetch(`${baseURL}/healthz`).then(() => true, () => false)) throw new Error(`port ${port} is already in use`)
	const child: ChildProcess = spawn(process.execPath, ['server.mjs'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			DATABASE_URL: databaseUrl,
			UPLOAD_DIR: uploadDir,
			SECRET_FILE: path.join(dir, 'session-secret'),
			// E-mail and SMS go to this log file (decision 032): e2e/notification-settings.spec.ts reads it.
			NOTIFY_LOG_FILE: notifyLogFile(dir),
			...options.env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let log = ''
	child.stdout?.on('data', (d) => (log += d))
	child.stderr?.on('data', (d) => (log += d))
	const started = Date.now()
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server on port ${port} exited: ${log}`)
		try {
			if ((await fetch(`${baseURL}/healthz`)).ok) break
		} catch {
			// not listening yet
		}
		if (Date.now() - started > 60_000) {
			child.kill('SIGKILL')
			throw new Error(`the server on port ${port} did not start: ${log}`)
		}
		await new Promise((r) => setTimeout(r, 200))
	}
	return {
		baseURL,
		databaseUrl,
		uploadDir,
		stop: () =>
			new Promise((resolve) => {
				// What the server printed (errors it logged while a test failed) stays beside the results.
				const keep = () => fs.writeFileSync(path.join(dir, `server-${port}.log`), log)
				if (child.exitCode !== null) return resolve(keep())
				child.once('exit', () => resolve(keep()))
				child.kill('SIGTERM')
			}),
	}
}
