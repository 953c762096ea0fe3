import path from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { defineConfig } from 'prisma/config'
import { databaseUrl } from './app/utils/database-url.js'

// Called eagerly so the schema's env("DATABASE_URL") resolves for every CLI command.
const url = databaseUrl()

export default defineConfig({
	experimental: { adapter: true },
	engine: 'js',
	schema: path.join('prisma', 'schema.prisma'),
	migrations: { path: path.join('prisma', 'migrations'), seed: 'tsx prisma/seed.ts' },
	adapter: async () => new PrismaBetterSQLite3({ url }),
})
