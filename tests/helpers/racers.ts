// Real concurrency for race tests: each racer is its own Node process with its own Prisma client
// on the same database (two server processes, as docs/decisions/002 allows on SQLite, or two
// instances on PostgreSQL). One process cannot show a race on SQLite: its single connection runs
// transactions one after another.
import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { openDatabase } from '../../scripts/db-query.mjs'

export type Outcome = { result: unknown } | { error: string }

export type Racer = {
	/** Calls `fn` of app/<module> in the racer process (arguments and result structured-cloned). */
	call(module: string, fn: string, args: unknown[], startAt?: number): Promise<Outcome>
	/** Ends the process: SIGTERM by default; SIGKILL for a crash. */
	stop(signal?: NodeJS.Signals): void
}

let nextId = 0

function startRacer(databaseUrl: string, env: Record<string, string>): Promise<Racer> {
	const child: ChildProcess = fork(path.resolve('tests/helpers/racer-process.ts'), [], {
		execArgv: ['--import', 'tsx'],
		env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
		serialization: 'advanced',
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	})
	const pending = new Map<number, (outcome: Outcome) => void>()
	return new Promise((resolve, reject) => {
		child.once('error', reject)
		child.once('exit', (code) => reject(new Error(`racer exited with ${code}`)))
		child.on('message', (message: { ready?: true; id?: number; result?: unknown; error?: string }) => {
			if (message.ready) {
				resolve({
					call(module, fn, args, startAt = Date.now()) {
						const id = nextId++
						return new Promise((done) => {
							pending.set(id, done)
							child.send({ id, module, fn, args, startAt })
						})
					},
					stop: (signal?: NodeJS.Signals) => child.kill(signal),
				})
				return
			}
			const done = pending.get(message.id!)
			pending.delete(message.id!)
			done?.('error' in message ? { error: message.error! } : { result: message.result })
		})
	})
}

/** `count` processes on the database at `databaseUrl`, each warmed up by importing `modules`. */
export async function startRacers(count: number, databaseUrl: string, modules: string[], env: Record<string, string> = {}) {
	// SQLite: WAL, as scripts/setup-db.mjs sets it on every real database.
	const db = await openDatabase(databaseUrl)
	if (db.engine === 'sqlite') await db.all('PRAGMA journal_mode = WAL')
	await db.close()
	const racers = await Promise.all(Array.from({ length: count }, () => startRacer(databaseUrl, env)))
	// Load the modules and open each connection before the first race, so the races start together.
	for (const racer of racers) for (const module of modules) await racer.call(module, '', [])
	return racers
}

/** Runs one call per racer, all starting at the same moment (a few ms from now). */
export function race(racers: Racer[], calls: { module: string; fn: string; args: unknown[] }[]) {
	const startAt = Date.now() + 30
	return Promise.all(calls.map((c, i) => racers[i % racers.length].call(c.module, c.fn, c.args, startAt)))
}

/** A race's errors (what a server would answer with a 500) and its answers. */
export function settle<T>(outcomes: Outcome[]) {
	return {
		errors: outcomes.flatMap((o) => ('error' in o ? [o.error] : [])),
		results: outcomes.flatMap((o) => ('result' in o ? [o.result as T] : [])),
	}
}
