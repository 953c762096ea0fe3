// A second server for the specs that throw thousands of bad requests at every action: its own
// copy of the e2e database (so the row checks see only their own writes, and other specs never
// see the damage), started from the same build.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { copySeed, seed, startServer, type AppServer } from './server.ts'

export type ActionServer = AppServer

/** Copies the seeded e2e database, lets `prepare` change the copy, starts a server on it. */
export async function startActionServer(name: string, port: number, prepare: (db: Database.Database) => void): Promise<ActionServer> {
	const { dbFile, uploadDir } = copySeed(path.join(path.dirname(seed().dbFile), name))
	const db = new Database(dbFile)
	db.pragma('journal_mode = WAL')
	prepare(db)
	db.close()
	return startServer({ dbFile, uploadDir, port, env: { E2E_TEST_HOOKS: 'false' } })
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
