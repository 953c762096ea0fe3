// Starts the engine's worker from its TypeScript source, through tsx: for tests and scripts run
// from source. A built server starts build/catalog-worker.js instead (scripts/build-worker.mjs).
import { register } from 'tsx/esm/api'

register()
await import(new URL('./worker.ts', import.meta.url).href)
