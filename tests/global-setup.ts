// Vitest globalSetup: applies the committed migrations once per run into a template database, on
// the engine the run is for. Each integration test file copies it (tests/helpers/database.ts)
// instead of migrating itself, which cost a few seconds of CPU per file.
// - SQLite (the default): `prisma migrate deploy` into a template file.
// - PostgreSQL (TEST_POSTGRES_URL set, the admin URL of a running cluster, as `npm run test:pg`
//   passes it): scripts/pg/migrate.mjs into a template database; each file's database is
//   `CREATE DATABASE … TEMPLATE` of it, and every database of the run is dropped at its end.
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { migratePostgres } from '../scripts/pg/migrate.mjs'
import { postgresDatabaseUrl, withAdmin } from './helpers/postgres.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		/** SQLite: the migrated, empty template file. PostgreSQL: the template database's name. */
		templateDatabase: string
		/** PostgreSQL only: the cluster's admin URL (TEST_POSTGRES_URL); '' on SQLite. */
		postgresAdminUrl: string
		/** PostgreSQL only: the prefix of every database this run creates. */
		postgresRunPrefix: string
	}
}

async function setupPostgres(project: TestProject, adminUrl: string) {
	// One prefix per run: several runs (engineers, CI) may share a cluster.
	const prefix = `t_${crypto.randomBytes(4).toString('hex')}_`
	const template = `${prefix}template`
	const dropAll = () =>
		withAdmin(adminUrl, async (client) => {
			const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix])
			// WITH (FORCE): a racer process a failed test left behind must not keep its database.
			for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
		})
	await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${template}"`))
	try {
		await migratePostgres(postgresDatabaseUrl(adminUrl, template), { log: () => {} })
	} catch (error) {
		await dropAll()
		throw error
	}
	project.provide('templateDatabase', template)
	project.provide('postgresAdminUrl', adminUrl)
	project.provide('postgresRunPrefix', prefix)
	return dropAll
}

export default async function setup(project: TestProject) {
	const adminUrl = process.env.TEST_POSTGRES_URL?.trim()
	if (adminUrl) return setupPostgres(project, adminUrl)
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitest-template-'))
	const file = path.join(dir, 'template.db')
	execFileSync(path.resolve('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
		env: { ...process.env, DATABASE_URL: `file:${file}` },
		stdio: 'pipe',
	})
	project.provide('templateDatabase', file)
	project.provide('postgresAdminUrl', '')
	project.provide('postgresRunPrefix', '')
	return () => fs.rmSync(dir, { recursive: true, force: true })
}
