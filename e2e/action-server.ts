// A second server for the specs that throw thousands of bad requests at every action: its own
// copy of the e2e database (so the row checks see only their own writes, and other specs never
// see the damage), started from the same build.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export type ActionServer = { baseURL: string; dbFile: string; stop: () => Promise<void> }

/** Copies the e2e database consistently (VACUUM INTO), lets `prepare` change the copy, starts it. */
export async function startActionServer(name: string, port: number, prepare: (db: Database.Database) => void): Promise<ActionServer> {
	const source = (process.env.DATABASE_URL ?? '').replace(/^file:/, '')
	const dir = path.join(path.dirname(source), name)
	fs.rmSync(dir, { recursive: true, force: true })
	fs.mkdirSync(dir, { recursive: true })
	const dbFile = path.join(dir, 'app.db')
	const from = new Database(source, { readonly: true, fileMustExist: true })
	from.prepare('VACUUM INTO ?').run(dbFile)
	from.close()
	const db = new Database(dbFile)
	db.pragma('journal_mode = WAL')
	prepare(db)
	db.close()

	const child: ChildProcess = spawn(process.execPath, ['server.mjs'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			DATABASE_URL: `file:${dbFile}`,
			UPLOAD_DIR: path.join(dir, 'uploads'),
			SECRET_FILE: path.join(dir, 'session-secret'),
			E2E_TEST_HOOKS: 'false',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let log = ''
	child.stdout?.on('data', (d) => (log += d))
	child.stderr?.on('data', (d) => (log += d))
	const baseURL = `http://127.0.0.1:${port}`
	const started = Date.now()
	for (;;) {
		if (child.exitCode !== null) throw new Error(`action server exited: ${log}`)
		try {
			if ((await fetch(`${baseURL}/healthz`)).ok) break
		} catch {
			// not listening yet
		}
		if (Date.now() - started > 30_000) throw new Error(`action server did not start: ${log}`)
		await new Promise((r) => setTimeout(r, 200))
	}
	return {
		baseURL,
		dbFile,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve()
				child.once('exit', () => resolve())
				child.kill('SIGTERM')
			}),
	}
}

/** Every route module that exports an action, by file name (app/routes, Remix flat routes). */
export function actionRoutes() {
	const dir = path.resolve('app/routes')
	return fs
		.readdirSync(dir)
		.filter((f) => /\.(tsx?|jsx?)$/.test(f))
		.filter((f) => /export\s+(async\s+function|const)\s+action\b/.test(fs.readFileSync(path.join(dir, f), 'utf8')))
		.map((f) => f.replace(/\.(tsx?|jsx?)$/, ''))
		.sort()
}
