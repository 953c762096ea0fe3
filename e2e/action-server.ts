// A second server for the specs that throw thousands of bad requests at every action: its own
// copy of the e2e database (so the row checks see only their own writes, and other specs never
// see the damage), started from the same build.
import fs from 'node:fs'
import path from 'node:path'
import { copySeed, startServer, type AppServer } from './server.ts'

export type ActionServer = AppServer

/** Copies the seeded e2e database, lets `prepare` change the copy (its URL), starts a server on it; `stop` also drops the copy. */
export async function startActionServer(name: string, port: number, prepare: (databaseUrl: string) => void): Promise<ActionServer> {
	const copy = copySeed(name)
	try {
		prepare(copy.databaseUrl)
		// No sweep: its housekeeping (rent reminders for a deal another target certified, lease
		// renewals) would be writes the write watch pins on whatever action is being refused.
		const server = await startServer({ ...copy, port, env: { E2E_TEST_HOOKS: 'false', RUN_SWEEPER: 'false' } })
		return { ...server, stop: () => server.stop().finally(copy.drop) }
	} catch (error) {
		copy.drop()
		throw error
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
