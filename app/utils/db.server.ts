import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '@prisma/client'
import { databaseUrl } from './database-url.ts'
import { singleton } from './singleton.server.ts'

// One client per process (and one across dev rebuilds); better-sqlite3 keeps one connection.
export const prisma = singleton('prisma', () => {
	// `timeout` is SQLite's busy timeout: writers wait for each other instead of failing.
	const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 5000 })
	return new PrismaClient({ adapter })
})
