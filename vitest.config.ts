import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
	resolve: { alias: { '~': path.resolve('app') } },
	test: {
		include: ['app/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
		environment: 'node',
		// Integration tests share one migrated SQLite file per worker (tests/setup.ts).
		setupFiles: ['tests/setup-env.ts'],
		pool: 'forks',
	},
})
