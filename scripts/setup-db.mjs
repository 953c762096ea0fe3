// Prepares the database of DATABASE_URL: applies the committed migrations, and seeds the demo
// data when the database has no listings. Idempotent: run on every start. A file: URL is SQLite
// (created if needed, WAL turned on), a postgresql:// URL is PostgreSQL (decision 021).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { checkAdmin } from './admin-check.mjs'
import { engineOf, openDatabase } from './db-query.mjs'
import { migratePostgres } from './pg/migrate.mjs'

const url = process.env.DATABASE_URL?.trim() || 'file:./prisma/data.db'
process.env.DATABASE_URL = url
const bin = (name) => path.resolve('node_modules', '.bin', name)
const engine = engineOf(url)

if (engine === 'postgresql') {
	await migratePostgres(url)
} else {
	fs.mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ''))), { recursive: true })
	execFileSync(bin('prisma'), ['migrate', 'deploy'], { stdio: 'inherit', env: process.env })
}

const db = await openDatabase(url)
// WAL lets readers go on while a writer commits; it is stored in the file, so set once here.
if (engine === 'sqlite') db.sqlite.pragma('journal_mode = WAL')
const n = Number((await db.one('SELECT count(*) AS n FROM "Listing"')).n)
await db.close()

if (n === 0 && process.env.SEED_DEMO !== 'false') {
	console.log('Empty database: seeding the Dalad Banner demo data…')
	execFileSync(bin('tsx'), ['prisma/seed.ts'], { stdio: 'inherit', env: process.env })
} else {
	console.log(`Database ready (${n} listings): ${engine === 'sqlite' ? path.resolve(url.replace(/^file:/, '')) : url.replace(/\/\/[^@/]*@/, '//')}`)
}

// Outside demo mode there is no default account: say how to create the first administrator.
await checkAdmin(process.env)
