// A fresh, migrated, empty database for a bench: SQLite in `dir`, or with BENCH_PG_ADMIN_URL (a
// PostgreSQL cluster's admin URL) a database of its own there; `drop` removes the latter after.
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../db-query.mjs'

export async function freshBenchDatabase(dir: string, prefix: string) {
	fs.rmSync(dir, { recursive: true, force: true })
	fs.mkdirSync(dir, { recursive: true })
	const pgAdmin = process.env.BENCH_PG_ADMIN_URL
	const pgName = `${prefix}_${crypto.randomBytes(4).toString('hex')}`
	let url = `file:${path.join(dir, 'bench.db')}`
	if (pgAdmin) {
		const admin = await openDatabase(pgAdmin)
		await admin.run(`CREATE DATABASE "${pgName}"`)
		await admin.close()
		const u = new URL(pgAdmin)
		u.pathname = `/${pgName}`
		url = u.toString()
	}
	process.env.DATABASE_URL = url
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	execFileSync(process.execPath, ['scripts/setup-db.mjs'], { stdio: 'inherit', env: { ...process.env, SEED_DEMO: 'false' } })
	return {
		engine: pgAdmin ? ('PostgreSQL' as const) : ('SQLite' as const),
		async drop() {
			if (!pgAdmin) return
			const admin = await openDatabase(pgAdmin)
			await admin.run(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`)
			await admin.close()
		},
	}
}
