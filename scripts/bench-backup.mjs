// node scripts/bench-backup.mjs <db> [writes per second] — how long each way of copying a live
// SQLite database takes while another process keeps writing (docs/decisions/011):
// VACUUM INTO (what npm run backup uses) and better-sqlite3's online backup API (sqlite3_backup,
// 100 pages a step; every commit by another connection restarts it). Writes to a scratch copy.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

const [source, rateArg = '5'] = process.argv.slice(2)
if (!source) {
	console.error('Usage: node scripts/bench-backup.mjs <db> [writes per second]')
	process.exit(2)
}
const rate = Number(rateArg)
const dir = fs.mkdtempSync(path.join(path.dirname(path.resolve(source)), 'bench-backup-'))
const live = path.join(dir, 'live.db')
{
	const db = new Database(source, { readonly: true })
	db.prepare('VACUUM INTO ?').run(live)
	db.close()
	const copy = new Database(live)
	copy.pragma('journal_mode = WAL')
	copy.close()
}

// The writer: another process touching one listing per write, `rate` times a second.
const writer = spawn(
	process.execPath,
	[
		'-e',
		`const D = require('better-sqlite3'); const db = new D(${JSON.stringify(live)}, { timeout: 5000 });
		const ids = db.prepare('SELECT id FROM "Listing" LIMIT 1000').all().map((r) => r.id);
		const up = db.prepare('UPDATE "Listing" SET "updatedAt" = ? WHERE id = ?'); let n = 0;
		setInterval(() => { up.run(Date.now(), ids[n++ % ids.length]) }, ${Math.max(1, Math.round(1000 / rate))})`,
	],
	{ stdio: 'inherit' },
)
await new Promise((resolve) => setTimeout(resolve, 500))

const db = new Database(live, { readonly: true, timeout: 5000 })
let t = performance.now()
db.prepare('VACUUM INTO ?').run(path.join(dir, 'vacuum.db'))
console.log(`VACUUM INTO: ${Math.round(performance.now() - t)} ms at ${rate} writes/s`)

t = performance.now()
const CAP_MS = 60_000
const result = await Promise.race([
	db.backup(path.join(dir, 'backup-api.db')).then((p) => `finished, ${p.totalPages} pages`),
	new Promise((resolve) => setTimeout(() => resolve(`not finished after ${CAP_MS / 1000} s`), CAP_MS)),
])
console.log(`online backup API: ${result} (${Math.round(performance.now() - t)} ms) at ${rate} writes/s`)
writer.kill()
db.close()
fs.rmSync(dir, { recursive: true, force: true })
process.exit(0)
