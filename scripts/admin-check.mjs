// Tells whoever starts a production database that it has no administrator yet, and how to make
// one (there is never a default account or password outside demo mode). Plain JS and
// better-sqlite3 so scripts/setup-db.mjs can run it before anything is built.
// Usage: node scripts/admin-check.mjs   (or import { checkAdmin } and call it)
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

export const NO_ADMIN_MESSAGE =
	'No administrator account yet. Create one with: npm run admin:create -- --name <name> --email <email>'

/** Returns true when an administrator exists (or demo mode is on); prints the hint otherwise. */
export function checkAdmin(env = process.env) {
	const url = env.DATABASE_URL?.trim() || 'file:./prisma/data.db'
	const file = path.resolve(url.replace(/^file:/, ''))
	if (!fs.existsSync(file)) {
		console.log(NO_ADMIN_MESSAGE)
		return false
	}
	const db = new Database(file, { readonly: true, fileMustExist: true })
	try {
		const { admins } = db.prepare(`SELECT count(*) AS admins FROM "User" WHERE role = 'ADMIN' AND disabled = 0`).get()
		if (admins > 0) return true
		if (env.DEMO_MODE === 'true' || env.DEMO_MODE === '1') return true
		// Demo mode, as app/utils/demo.server.ts decides it: on unless DEMO_MODE=false, while demo accounts exist.
		if (env.DEMO_MODE !== 'false') {
			const { demo } = db.prepare(`SELECT count(*) AS demo FROM "User" WHERE email LIKE '%@demo.local'`).get()
			if (demo > 0) return true
		}
		console.log(NO_ADMIN_MESSAGE)
		return false
	} finally {
		db.close()
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) checkAdmin()
