import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import { defineConfig } from 'prisma/config'

// The Prisma CLI for PostgreSQL (decision 021): `prisma generate` and `migrate diff` only. The
// schema is derived from prisma/schema.prisma (scripts/pg/schema.mjs); migrations are applied by
// scripts/pg/migrate.mjs, because `migrate deploy` fails through the adapter (prisma/orm#27403).
process.env.DATABASE_URL ??= 'postgresql://localhost/unused'

export default defineConfig({
	experimental: { adapter: true },
	engine: 'js',
	schema: path.join('prisma', 'postgresql', 'schema.prisma'),
	migrations: { path: path.join('prisma', 'migrations-pg') },
	adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
})
