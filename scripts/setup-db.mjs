// Creates the SQLite database if needed, applies the committed migrations, turns on WAL,
// and seeds the demo data when the database has no listings. Idempotent: run on every start.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { checkAdmin } from './admin-check.mjs'

const url = process.env.DATABASE_URL?.trim() || 'file:./prisma/data.db'
process.env.DATABASE_URL = url
const file = path.resolve(url.replace(/^file:/, ''))
fs.mkdirSync(path.dirname(file), { recursive: true })

const bin = (name) => path.resolve('node_modules', '.bin', name)
execFileSync(bin('prisma'), ['migrate', 'deploy'], { stdio: 'inherit', env: process.env })

const db = new Database(file)
// WAL lets readers go on while a writer commits; it is stored in the file, so set once here.
db.pragma('journal_mode = WAL')
const { n } = db.prepare('SELECT count(*) AS n FROM "Listing"').get()
db.close()

if (n === 0 && process.env.SEED_DEMO !== 'false') {
	console.log('Empty database: seeding the Dalad Banner demo data…')
	execFileSync(bin('tsx'), ['prisma/seed.ts'], { stdio: 'inherit', env: process.env })
} else {
	console.log(`Database ready (${n} listings): ${file}`)
}

// Outside demo mode there is no default account: say how to create the first administrator.
checkAdmin(process.env)
