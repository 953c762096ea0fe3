import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '@prisma/client'
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import { databaseUrl } from './database-url.ts'
import { singleton } from './singleton.server.ts'

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

function withImmediateTransactions(inner: SqlDriverAdapter): SqlDriverAdapter {
	// One connection: this process's transactions take turns (as the adapter's own mutex would).
	let queue: Promise<void> = Promise.resolve()
	const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] })
	return {
		provider: inner.provider,
		adapterName: inner.adapterName,
		queryRaw: (query) => inner.queryRaw(query),
		executeRaw: (query) => inner.executeRaw(query),
		executeScript: (script) => inner.executeScript(script),
		getConnectionInfo: inner.getConnectionInfo?.bind(inner),
		dispose: () => inner.dispose(),
		async startTransaction(isolationLevel) {
			if (isolationLevel && isolationLevel !== 'SERIALIZABLE') return inner.startTransaction(isolationLevel) // the adapter's own error
			let release!: () => void
			const turn = queue
			queue = new Promise((resolve) => (release = resolve))
			await turn
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
		},
	}
}

// One client per process (and one across dev rebuilds); better-sqlite3 keeps one connection.
export const prisma = singleton('prisma', () => {
	const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: BUSY_TIMEOUT_MS })
	return new PrismaClient({ adapter: immediateTransactions(adapter) })
})
