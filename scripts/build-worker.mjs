// Bundles the search engine's worker thread (app/models/catalog/worker.ts) beside the server
// bundle, as build/catalog-worker.js: the Remix compiler builds one server entry only.
import { build } from 'esbuild'

await build({
	entryPoints: ['app/models/catalog/worker.ts'],
	outfile: 'build/catalog-worker.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	// Native or driver packages, installed: loaded from node_modules at run time.
	external: ['better-sqlite3', 'pg'],
	tsconfig: 'tsconfig.json',
	logLevel: 'warning',
})
