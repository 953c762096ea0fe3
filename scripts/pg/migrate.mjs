// Applies PostgreSQL's committed migrations (prisma/migrations-pg/*/migration.sql) in name order
// (decision 021). Prisma 6.19's `migrate deploy` cannot run on PostgreSQL through a driver adapter
// (prisma/orm#27403), so this small runner does what it would: each migration once, in its own
// transaction, recorded with a checksum that must not change afterwards. An advisory lock makes
// instances that start together take turns, so each migration runs exactly once.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const PG_MIGRATIONS = path.join(root, 'prisma/migrations-pg')
/** Any fixed number: the key of the advisory lock the runners of one database share. */
const LOCK_KEY = 2026_11_30

export function pgMigrations(dir = PG_MIGRATIONS) {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
		.map((d) => {
			const sql = fs.readFileSync(path.join(dir, d.name, 'migration.sql'), 'utf8')
			return { name: d.name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') }
		})
		.sort((a, b) => a.name.localeCompare(b.name))
}

/** Applies what is missing; returns the names applied. Throws when an applied file was edited. */
export async function migratePostgres(url, { log = console.log, dir = PG_MIGRATIONS } = {}) {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY])
		await client.query(`CREATE TABLE IF NOT EXISTS "_engine_migrations" (
			"name" text PRIMARY KEY, "checksum" text NOT NULL, "appliedAt" timestamptz NOT NULL DEFAULT now())`)
		const done = new Map((await client.query('SELECT "name", "checksum" FROM "_engine_migrations"')).rows.map((r) => [r.name, r.checksum]))
		const applied = []
		for (const m of pgMigrations(dir)) {
			if (done.has(m.name)) {
				if (done.get(m.name) !== m.checksum) throw new Error(`migration ${m.name} was edited after it was applied: add a new migration instead`)
				continue
			}
			await client.query('BEGIN')
			try {
				await client.query(m.sql)
				await client.query('INSERT INTO "_engine_migrations" ("name", "checksum") VALUES ($1, $2)', [m.name, m.checksum])
				await client.query('COMMIT')
			} catch (error) {
				await client.query('ROLLBACK')
				throw new Error(`migration ${m.name} failed: ${error instanceof Error ? error.message : error}`)
			}
			applied.push(m.name)
			log(`Applied migration ${m.name}`)
		}
		return applied
	} finally {
		await client.end()
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const url = process.env.DATABASE_URL
	if (!url?.startsWith('postgres')) throw new Error('DATABASE_URL must be a postgresql:// URL')
	const applied = await migratePostgres(url)
	console.log(applied.length ? `${applied.length} migration(s) applied` : 'No pending migrations')
}
