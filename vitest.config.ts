import { availableParallelism } from 'node:os'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
	resolve: { alias: { '~': path.resolve('app') } },
	test: {
		include: ['app/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
		environment: 'node',
		// Migrates once per run into a template database; each integration test file copies it into
		// a SQLite file, or with TEST_POSTGRES_URL a PostgreSQL database, of its own
		// (tests/helpers/database.ts).
		globalSetup: ['tests/global-setup.ts'],
		setupFiles: ['tests/setup-env.ts'],
		pool: 'forks',
		// Vitest's default is one fork fewer than the cores: one on the 2-core machine, so the files ran
		// one after another while each waited on its database, child processes and timers. Every
		// integration file has a database of its own, so two at a time is safe (decision 024).
		maxWorkers: Math.max(2, availableParallelism() - 1),
		minWorkers: 1,
	},
})
