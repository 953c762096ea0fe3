import { createRequire } from 'node:module'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { Prisma, PrismaClient } from '@prisma/client'
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import { isSerializationFailure } from './database-errors.ts'
import { databaseEngine, databaseUrl } from './database-url.ts'
import { singleton } from './singleton.server.ts'

/** The engine this process runs on: the one switch for the few places whose SQL differs. */
export const engine = databaseEngine(databaseUrl())

/**
 * A case-insensitive substring filter for people's search boxes. SQLite's LIKE already ignores
 * ASCII case; PostgreSQL's needs Prisma's `mode`, which the SQLite client's types do not know.
 */
export function containsText(q: string): Prisma.StringFilter {
	return engine === 'postgresql' ? ({ contains: q, mode: 'insensitive' } as Prisma.StringFilter) : { contains: q }
}

/** `count` SQL placeholders in this engine's syntax (`$1` or `?`), from the `from`th: for $queryRawUnsafe. */
export const sqlPlaceholders = (count: number, from = 1) => Array.from({ length: count }, (_, i) => (engine === 'postgresql' ? `$${from + i}` : '?')).join(',')

/** SQLite's busy timeout (ms): a writer waits this long for another process's write to finish. */
export const BUSY_TIMEOUT_MS = 5000

/**
 * Every transaction starts with BEGIN IMMEDIATE (docs/decisions/011). The adapter's own BEGIN is
 * deferred: a transaction that reads first and writes later fails with SQLITE_BUSY_SNAPSHOT when
 * another process (a second server, a script) committed in between, and the busy timeout cannot
 * help. IMMEDIATE takes the write lock up front, waiting up to the busy timeout, so the loser of a
 * race reads the winner's commit and answers with the usual conflict.
 */
export function immediateTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		async connect() {
			return withImmediateTransactions(await factory.connect())
		},
	}
}

/**
 * This process's transactions take turns: at most `at` at once; the next waits until one of them
 * commits or rolls back.
 */
function turns(at = 1) {
	let running = 0
	const waiting: Array<() => void> = []
	return async () => {
		if (running < at) running++
		else await new Promise<void>((resolve) => waiting.push(resolve))
		let released = false
		return () => {
			if (released) return
			released = true
			// The turn passes straight to the next in line, or frees up.
			const next = waiting.shift()
			if (next) next()
			else running--
		}
	}
}

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] })

/** The adapter with `startTransaction` replaced; everything else goes to `inner`. */
function withTransactions(inner: SqlDriverAdapter, startTransaction: SqlDriverAdapter['startTransaction']): SqlDriverAdapter {
	return {
		provider: inner.provider,
		adapterName: inner.adapterName,
		queryRaw: (query) => inner.queryRaw(query),
		executeRaw: (query) => inner.executeRaw(query),
		executeScript: (script) => inner.executeScript(script),
		getConnectionInfo: inner.getConnectionInfo?.bind(inner),
		dispose: () => inner.dispose(),
		startTransaction,
	}
}

function withImmediateTransactions(inner: SqlDriverAdapter): SqlDriverAdapter {
	// One connection: this process's transactions take turns (as the adapter's own mutex would).
	const next = turns()
	return withTransactions(inner, async (isolationLevel) => {
		if (isolationLevel && isolationLevel !== 'SERIALIZABLE') return inner.startTransaction(isolationLevel) // the adapter's own error
		const release = await next()
		try {
			await inner.executeRaw(statement('BEGIN IMMEDIATE'))
		} catch (error) {
			release()
			throw error
		}
		// Prisma sends COMMIT or ROLLBACK itself (usePhantomQuery: false), then calls these.
		const tx: Transaction = {
			provider: inner.provider,
			adapterName: inner.adapterName,
			options: { usePhantomQuery: false },
			queryRaw: (query) => inner.queryRaw(query),
			executeRaw: (query) => inner.executeRaw(query),
			commit: async () => release(),
			rollback: async () => release(),
		}
		return tx
	})
}

/**
 * PostgreSQL's transactions, bounded per process. Writers no longer take turns (decision 038
 * replaced 035): they append their audit entries to AuditPending without reading the chain's head,
 * so two writers conflict only where their changes do. At most half the pool runs transactions at
 * once; the rest queue before they take a connection, so a burst of writes leaves connections to
 * the readers.
 */
export function boundedTransactions(factory: SqlDriverAdapterFactory, at: number): SqlDriverAdapterFactory {
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		async connect() {
			const inner = await factory.connect()
			const next = turns(at)
			// Transactions begun and not yet ended, and whether the client is shutting down: see dispose.
			const open = new Set<() => Promise<void>>()
			let disposed = false
			const adapter = withTransactions(inner, async (isolationLevel) => {
				const release = await next()
				let tx: Transaction
				try {
					tx = await inner.startTransaction(isolationLevel)
				} catch (error) {
					release()
					throw error
				}
				// Prisma never sees a transaction this function throws for: end it here, and give the
				// connection back.
				const abandon = async () => {
					open.delete(abandon)
					await tx.executeRaw(statement('ROLLBACK')).catch(() => {})
					await tx.rollback().catch(() => {})
					release()
				}
				open.add(abandon)
				if (disposed) {
					await abandon()
					throw new Error('The database client was disconnected while this transaction was starting.')
				}
				const end = (finish: () => Promise<void>) => () => {
					open.delete(abandon)
					return finish().finally(release)
				}
				return {
					provider: tx.provider,
					adapterName: tx.adapterName,
					options: tx.options,
					queryRaw: (query) => tx.queryRaw(query),
					executeRaw: (query) => tx.executeRaw(query),
					commit: end(() => tx.commit()),
					rollback: end(() => tx.rollback()),
				}
			})
			return {
				...adapter,
				// Prisma's $disconnect forgets a transaction still starting (waiting for its turn), and
				// once that start completes nobody ends it: its connection stayed checked out, and the
				// pool's end waited for it for ever (a background job caught by a shutdown). Whatever is
				// still open is rolled back before the pool closes.
				async dispose() {
					disposed = true
					await Promise.all([...open].map((abandon) => abandon()))
					return inner.dispose()
				},
			}
		},
	}
}

/** Connections per process to PostgreSQL (DATABASE_POOL_SIZE): instances × this must fit max_connections. */
const PG_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE) || 10
/** Transactions one process runs at once; the next waits for one of them to end. SQLite: one (011). */
export const TRANSACTIONS_AT_ONCE = engine === 'postgresql' ? Math.max(1, Math.floor(PG_POOL_SIZE / 2)) : 1
/** Attempts of a transaction that PostgreSQL aborted as a serialization failure. */
export const SERIALIZATION_ATTEMPTS = 8

/**
 * On PostgreSQL every interactive transaction is SERIALIZABLE and runs again when PostgreSQL
 * aborts it as a serialization failure (decision 021). The models were written against SQLite,
 * whose transactions take turns (BEGIN IMMEDIATE); serializable isolation gives the same
 * outcome (one bid at a level, one certificate). A retried attempt reads the winner's commit and
 * answers with the usual conflict.
 */
function serializableTransactions(client: PrismaClient): PrismaClient {
	const run = client.$transaction.bind(client) as (arg: unknown, options?: object) => Promise<unknown>
	async function transaction(arg: unknown, options?: { isolationLevel?: Prisma.TransactionIsolationLevel }) {
		// The array form's queries are prepared once and cannot run again: one attempt.
		if (typeof arg !== 'function') return run(arg, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable, ...options })
		for (let attempt = 1; ; attempt++) {
			try {
				return await run(arg, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable, maxWait: 10_000, timeout: 15_000, ...options })
			} catch (error) {
				if (attempt >= SERIALIZATION_ATTEMPTS || !isSerializationFailure(error)) throw error
				await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt))
			}
		}
	}
	return withTransaction(client, transaction)
}

/** The client with its `$transaction` replaced by `transaction`; everything else is the client's. */
function withTransaction(client: PrismaClient, transaction: (arg: unknown, options?: never) => Promise<unknown>): PrismaClient {
	return new Proxy(client, { get: (target, key, receiver) => (key === '$transaction' ? transaction : Reflect.get(target, key, receiver)) })
}

/** Jobs to run once a transaction has committed, by its transaction client. */
const commitJobs = new WeakMap<object, Array<() => Promise<unknown>>>()

/**
 * Runs `job` once the transaction of `tx` has committed, before `$transaction` returns to its
 * caller; never if it rolls back (or for an attempt that runs again). Outside a transaction of this
 * client, the job runs on the next turn of the event loop, without being waited for.
 */
export function afterCommit(tx: object, job: () => Promise<unknown>) {
	const jobs = commitJobs.get(tx)
	if (!jobs) setImmediate(() => void job())
	else if (!jobs.includes(job)) jobs.push(job)
}

/** The client, with afterCommit's jobs run after each interactive transaction commits. */
function withCommitJobs(client: PrismaClient): PrismaClient {
	const run = client.$transaction.bind(client) as (arg: unknown, options?: object) => Promise<unknown>
	async function transaction(arg: unknown, options?: object) {
		if (typeof arg !== 'function') return run(arg, options)
		let jobs: Array<() => Promise<unknown>> = []
		const result = await run((tx: object) => {
			jobs = []
			commitJobs.set(tx, jobs)
			return (arg as (tx: object) => unknown)(tx)
		}, options)
		for (const job of jobs) await job()
		return result
	}
	return withTransaction(client, transaction)
}

function postgresClient(url: string) {
	// PostgreSQL's client, generated from the same schema into node_modules/.prisma/client-pg
	// (scripts/pg/schema.mjs, decision 021); loaded only here, and by require: ESM cannot name a
	// package that starts with a dot. Its models and types are SQLite's client's: the two differ
	// only in the provider they were generated for, so the app sees one PrismaClient type.
	const { PrismaClient: PgPrismaClient } = createRequire(import.meta.url)('.prisma/client-pg') as { PrismaClient: typeof PrismaClient }
	const adapter = boundedTransactions(new PrismaPg({ connectionString: url, max: PG_POOL_SIZE }), TRANSACTIONS_AT_ONCE)
	return withCommitJobs(serializableTransactions(new PgPrismaClient({ adapter })))
}

// One client per process (and one across dev rebuilds); better-sqlite3 keeps one connection,
// PostgreSQL a small pool.
export const prisma = singleton('prisma', () => {
	const url = databaseUrl()
	if (engine === 'postgresql') return postgresClient(url)
	const adapter = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS })
	return withCommitJobs(new PrismaClient({ adapter: immediateTransactions(adapter) }))
})
