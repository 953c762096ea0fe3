// A freshly migrated database for one integration test file, on the engine of the run: a copy of
// the template that tests/global-setup.ts migrated once for the whole run.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { inject } from 'vitest'
import { postgresDatabaseUrl, withAdmin } from './postgres.ts'

/** The engine this run's test databases are on (TEST_POSTGRES_URL set: PostgreSQL). */
export const testEngine: 'sqlite' | 'postgresql' = inject('postgresAdminUrl') ? 'postgresql' : 'sqlite'

/**
 * Creates an empty, migrated database and returns its DATABASE_URL. SQLite: the file `file` in
 * `dir`. PostgreSQL: a database of its own in the test cluster (`dir` and `file` unused), dropped
 * at the end of the run by tests/global-setup.ts.
 */
export async function createTestDatabase(dir: string, file = 'test.db') {
	const adminUrl = inject('postgresAdminUrl')
	if (adminUrl) {
		const name = `${inject('postgresRunPrefix')}${crypto.randomBytes(6).toString('hex')}`
		// Copying a template needs nobody connected to it; nobody is, after global setup.
		await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDatabase')}"`))
		return postgresDatabaseUrl(adminUrl, name)
	}
	const target = path.join(dir, file)
	fs.mkdirSync(path.dirname(target), { recursive: true })
	fs.copyFileSync(inject('templateDatabase'), target)
	return `file:${target}`
}
