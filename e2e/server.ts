// The built server, started by the tests themselves: one per Playwright worker (e2e/fixtures.ts),
// each on its own copy of the seeded database and uploads, so specs running in parallel never see
// each other's writes or moved clock; and the action server of e2e/actions.spec.ts.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export type AppServer = { baseURL: string; dbFile: string; uploadDir: string; stop: () => Promise<void> }

/** The seeded database and uploads scripts/run-e2e.mjs prepared (never written by a test). */
export function seed() {
	const url = process.env.E2E_SEED_DATABASE_URL
	const uploads = process.env.E2E_SEED_UPLOAD_DIR
	if (!url || !uploads) throw new Error('No seeded e2e database: run the e2e tests with `npm run test:e2e`.')
	return { dbFile: url.replace(/^file:/, ''), uploadDir: uploads }
}

/** Copies the seeded database and uploads into `dir` (emptied first). Nothing writes the seed during a run, so a file copy is consistent. */
export function copySeed(dir: string) {
	const from = seed()
	fs.rmSync(dir, { recursive: true, force: true })
	fs.mkdirSync(dir, { recursive: true })
	const dbFile = path.join(dir, 'app.db')
	fs.copyFileSync(from.dbFile, dbFile)
	const uploadDir = path.join(dir, 'uploads')
	fs.cpSync(from.uploadDir, uploadDir, { recursive: true })
	return { dbFile, uploadDir }
}

/** Starts `node server.mjs` on `port` with this database and uploads; resolves once /healthz answers. */
export async function startServer(options: { dbFile: string; uploadDir: string; port: number; env?: Record<string, string> }): Promise<AppServer> {
	const { dbFile, uploadDir, port } = options
	const baseURL = `http://127.0.0.1:${port}`
	// A server left over from an earlier run would answer in its place, with other data.
	if (await fetch(`${baseURL}/healthz`).then(() => true, () => false)) throw new Error(`port ${port} is already in use`)
	const child: ChildProcess = spawn(process.execPath, ['server.mjs'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			DATABASE_URL: `file:${dbFile}`,
			UPLOAD_DIR: uploadDir,
			SECRET_FILE: path.join(path.dirname(dbFile), 'session-secret'),
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
		dbFile,
		uploadDir,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve()
				child.once('exit', () => resolve())
				child.kill('SIGTERM')
			}),
	}
}
