// `npm run test:pg`: the same unit, integration and e2e suites as `npm test`, on PostgreSQL
// (decision 021). Starts a throwaway cluster (scripts/pg/cluster.mjs) unless TEST_POSTGRES_URL
// names a running one, runs the suites with TEST_POSTGRES_URL set (tests/global-setup.ts and
// scripts/run-e2e.mjs then make their databases there), then the outage test
// (scripts/outage-test.mjs), and stops the cluster.
// Usage: npm run test:pg [-- --unit | --e2e] [-- extra args for the chosen suite]
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { startCluster, stopCluster } from './pg/cluster.mjs'

const args = process.argv.slice(2)
const only = args[0] === '--unit' || args[0] === '--e2e' ? args.shift() : null
const dir = path.resolve('tmp/pg-test')
const own = !process.env.TEST_POSTGRES_URL
const url = process.env.TEST_POSTGRES_URL || startCluster({ dir, port: Number(process.env.PG_TEST_PORT) || 55433 })
const env = { ...process.env, TEST_POSTGRES_URL: url }
const bin = (name) => path.resolve('node_modules', '.bin', name)

let status = 0
try {
	if (only !== '--e2e') status ||= spawnSync(bin('vitest'), ['run', ...(only ? args : [])], { stdio: 'inherit', env }).status ?? 1
	if (only !== '--unit' && status === 0) status ||= spawnSync(process.execPath, ['scripts/run-e2e.mjs', ...(only ? args : [])], { stdio: 'inherit', env }).status ?? 1
	// A full run also takes PostgreSQL away under the built server and brings it back (its own cluster).
	if (!only && status === 0) status ||= spawnSync(process.execPath, ['scripts/outage-test.mjs'], { stdio: 'inherit', env }).status ?? 1
} finally {
	if (own) stopCluster({ dir })
}
process.exit(status)
