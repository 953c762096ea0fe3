// `npm run db:migration -- <name>`: after an edit of prisma/schema.prisma, writes the migration of
// both engines (decision 021): prisma/migrations/<stamp>_<name> (SQLite, applied by `prisma
// migrate deploy`) and prisma/migrations-pg/<stamp>_<name> (PostgreSQL, applied by
// scripts/pg/migrate.mjs). Both are diffs from prisma/migrated.prisma, the schema as the committed
// migrations leave it, which then becomes the new schema. Review both files, and add by hand what
// Prisma's schema cannot say (triggers, the full-text index), in each engine's terms.
// Prisma's PostgreSQL diff needs a server to connect to, though it reads nothing from it: a
// throwaway cluster is started for it (scripts/pg/cluster.mjs).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startCluster, stopCluster } from './pg/cluster.mjs'
import { postgresSchema, SOURCE_SCHEMA } from './pg/schema.mjs'

export const MIGRATED_SCHEMA = path.resolve('prisma/migrated.prisma')

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
	console.error('usage: npm run db:migration -- <name_in_snake_case>')
	process.exit(2)
}
const current = fs.readFileSync(SOURCE_SCHEMA, 'utf8')
const migrated = fs.readFileSync(MIGRATED_SCHEMA, 'utf8')
if (current === migrated) {
	console.log('prisma/schema.prisma has no change since the last migration.')
	process.exit(0)
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'db-migration-'))
const prisma = path.resolve('node_modules', '.bin', 'prisma')
const diff = (config, from, to, env = {}) =>
	execFileSync(prisma, ['migrate', 'diff', '--config', config, '--from-schema-datamodel', from, '--to-schema-datamodel', to, '--script'], {
		encoding: 'utf8',
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
// After every existing migration of either engine, whatever the clock says: both apply in name order.
const last = ['prisma/migrations', 'prisma/migrations-pg']
	.flatMap((dir) => fs.readdirSync(dir).filter((d) => /^\d{14}_/.test(d)))
	.map((d) => d.slice(0, 14))
	.sort()
	.at(-1)
const now = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const stamp = last && last >= now ? String(BigInt(last) + 1n) : now
const write = (dir, sql) => {
	fs.mkdirSync(path.join(dir, `${stamp}_${name}`), { recursive: true })
	fs.writeFileSync(path.join(dir, `${stamp}_${name}`, 'migration.sql'), sql)
	console.log(`wrote ${path.join(dir, `${stamp}_${name}`, 'migration.sql')}`)
}

try {
	const from = path.join(tmp, 'from.prisma')
	fs.writeFileSync(from, migrated)
	write('prisma/migrations', diff('prisma.config.ts', from, SOURCE_SCHEMA, { DATABASE_URL: `file:${path.join(tmp, 'unused.db')}` }))

	fs.writeFileSync(path.join(tmp, 'from-pg.prisma'), postgresSchema(migrated))
	fs.writeFileSync(path.join(tmp, 'to-pg.prisma'), postgresSchema(current))
	const pgDir = path.resolve('tmp/pg-migration') // readable by the postgres user, unlike a mkdtemp directory
	const url = startCluster({ dir: pgDir, port: 55399 })
	try {
		write('prisma/migrations-pg', diff('prisma.postgresql.config.ts', path.join(tmp, 'from-pg.prisma'), path.join(tmp, 'to-pg.prisma'), { DATABASE_URL: url }))
	} finally {
		stopCluster({ dir: pgDir })
		fs.rmSync(pgDir, { recursive: true, force: true })
	}
	fs.writeFileSync(MIGRATED_SCHEMA, current)
} finally {
	fs.rmSync(tmp, { recursive: true, force: true })
}
