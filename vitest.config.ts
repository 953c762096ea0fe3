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
	},
})
