// npm run backup and npm run restore on PostgreSQL (decision 021), round trip through the scripts:
// the backup is pg_dump's custom format with its manifest and the uploads; restore refuses while a
// connection to the database is open, then keeps the current database renamed aside and brings
// the backup back, audit chain intact. SQLite's round trip is tests/backup.test.ts.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../scripts/db-query.mjs'
import { createTestDatabase, testEngine } from './helpers/database.ts'

const run = promisify(execFile)
const tsx = (script: string, args: string[], env: NodeJS.ProcessEnv) => run(process.execPath, ['--import', 'tsx', script, ...args], { env })

type Db = { all<T>(sql: string, params?: unknown[]): Promise<T[]>; one<T>(sql: string, params?: unknown[]): Promise<T>; run(sql: string, params?: unknown[]): Promise<number>; close(): Promise<void> }

describe.skipIf(testEngine !== 'postgresql')('backup and restore on PostgreSQL', () => {
	let dir: string
	let env: NodeJS.ProcessEnv
	let url: string

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-pg-'))
		url = await createTestDatabase(dir)
		env = { ...process.env, DATABASE_URL: url, UPLOAD_DIR: path.join(dir, 'uploads'), SECRET_FILE: path.join(dir, 'session-secret'), SESSION_SECRET: '' }
		fs.mkdirSync(path.join(dir, 'uploads', 'private'), { recursive: true })
		fs.writeFileSync(path.join(dir, 'uploads', 'p-photo.jpg'), 'jpeg')
		fs.writeFileSync(path.join(dir, 'uploads', 'private', 'c-contract.pdf'), '%PDF-1.4')
		fs.writeFileSync(env.SECRET_FILE!, 'a-session-secret-of-more-than-32-characters', { mode: 0o600 })
		// Some rows, and audit entries written by the app's own code (the chain must survive).
		await tsx('tests/helpers/write-audit.ts', ['5'], env)
	}, 120_000)

	afterAll(() => {
		if (dir) fs.rmSync(dir, { recursive: true, force: true })
	})

	it('backs up, refuses to restore while connected, restores with the old database kept aside', async () => {
		const backup = path.join(dir, 'backup')
		const made = await tsx('scripts/backup.ts', [backup], env)
		expect(made.stdout).toContain('integrity ok')
		const manifest = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8'))
		expect(manifest.database).toMatchObject({ engine: 'postgresql', file: 'data.dump', integrity: 'ok', auditEntries: 5 })
		expect(manifest.uploads.files).toBe(2)

		const db = (await openDatabase(url)) as Db
		try {
			// After the backup: a change that the restore must undo.
			await db.run(`DELETE FROM "AuditLog" WHERE seq = 5`)
			await expect(tsx('scripts/restore.ts', [backup], env)).rejects.toMatchObject({ stderr: expect.stringContaining('connection(s) to the database') })
		} finally {
			await db.close()
		}
		fs.rmSync(path.join(dir, 'uploads', 'p-photo.jpg'))

		const restored = await tsx('scripts/restore.ts', [backup], env)
		expect(restored.stdout).toMatch(/kept the previous database, as \S+_before_restore_\d{14}/)
		const verify = await tsx('scripts/audit-verify.ts', [], env)
		expect(verify.stdout).toContain('OK: 5 entries')
		expect(fs.readFileSync(path.join(dir, 'uploads', 'p-photo.jpg'), 'utf8')).toBe('jpeg')
		const aside = /as (\S+_before_restore_\d{14})/.exec(restored.stdout)![1]
		const admin = new URL(url)
		admin.pathname = '/postgres'
		const cluster = (await openDatabase(admin.href)) as Db
		try {
			expect(await cluster.all('SELECT datname FROM pg_database WHERE datname = $1', [aside])).toHaveLength(1)
			await cluster.run(`DROP DATABASE "${aside}"`)
		} finally {
			await cluster.close()
		}
	}, 120_000)

	it('refuses a backup of the other engine', async () => {
		const other = path.join(dir, 'sqlite-backup')
		fs.mkdirSync(other)
		fs.writeFileSync(path.join(other, 'data.db'), 'x')
		const sha = (await import('node:crypto')).createHash('sha256').update('x').digest('hex')
		fs.writeFileSync(path.join(other, 'manifest.json'), JSON.stringify({ format: 1, database: { file: 'data.db', sha256: sha }, uploads: { dir: 'uploads' }, sessionSecret: 'none' }))
		await expect(tsx('scripts/restore.ts', [other], env)).rejects.toMatchObject({ stderr: expect.stringContaining('backup of a sqlite database') })
	})
})
