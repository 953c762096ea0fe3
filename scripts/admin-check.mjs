// Tells whoever starts a production database that it has no administrator yet, and how to make
// one (there is never a default account or password outside demo mode). Plain JS so
// scripts/setup-db.mjs can run it before anything is built; either engine (scripts/db-query.mjs).
// Usage: node scripts/admin-check.mjs   (or import { checkAdmin } and call it)
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { engineOf, openDatabase } from './db-query.mjs'

export const NO_ADMIN_MESSAGE =
	'No administrator account yet. Create one with: npm run admin:create -- --name <name> --email <email>'

/** Resolves true when an administrator exists (or demo mode is on); prints the hint otherwise. */
export async function checkAdmin(env = process.env) {
	const url = env.DATABASE_URL?.trim() || 'file:./prisma/data.db'
	if (engineOf(url) === 'sqlite' && !fs.existsSync(path.resolve(url.replace(/^file:/, '')))) {
		console.log(NO_ADMIN_MESSAGE)
		return false
	}
	const db = await openDatabase(url, { readonly: true })
	try {
		const { admins } = await db.one(`SELECT count(*) AS admins FROM "User" WHERE role = 'ADMIN' AND NOT "disabled"`)
		if (Number(admins) > 0) return true
		if (env.DEMO_MODE === 'true' || env.DEMO_MODE === '1') return true
		// Demo mode, as app/utils/demo.server.ts decides it: on unless DEMO_MODE=false, while demo accounts exist.
		if (env.DEMO_MODE !== 'false') {
			const { demo } = await db.one(`SELECT count(*) AS demo FROM "User" WHERE email LIKE '%@demo.local'`)
			if (Number(demo) > 0) return true
		}
		console.log(NO_ADMIN_MESSAGE)
		return false
	} finally {
		await db.close()
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await checkAdmin()
