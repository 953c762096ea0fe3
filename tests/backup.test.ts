// npm run backup and npm run restore, round trip, while another process keeps writing (as a busy
// server would): the backup is a consistent snapshot that holds every write acknowledged before it
// started, with no gaps, a clean integrity check and audit chain, the secret and every upload its
// rows name; restore refuses while the database is open, then brings the backup back.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testEngine } from './helpers/database.ts'

const run = promisify(execFile)
const tsx = (script: string, args: string[], env: NodeJS.ProcessEnv) => run(process.execPath, ['--import', 'tsx', script, ...args], { env })

let dir: string
let env: NodeJS.ProcessEnv
let backup: string
let writer: ChildProcess | undefined
let acked = 0
let snapshotWrites = 0
const SECRET = 'a-session-secret-of-more-than-32-characters'

/**
 * The entries `npm run audit:verify` found on an intact chain: chained, plus those a write had
 * committed and not yet chained when the backup was taken (decision 038).
 */
function auditEntries(stdout: string) {
	const m = /^OK: (\d+) entries(?: \(and (\d+) committed, waiting to join the chain\))?$/m.exec(stdout)
	if (!m) throw new Error(`audit:verify said: ${stdout}`)
	return Number(m[1]) + Number(m[2] ?? 0)
}

function writerNumbers(file: string) {
	const db = new Database(file, { readonly: true })
	try {
		const rows = db.prepare(`SELECT name FROM "User" WHERE name LIKE 'writer-%'`).all() as { name: string }[]
		return rows.map((r) => Number(r.name.slice('writer-'.length))).sort((a, b) => a - b)
	} finally {
		db.close()
	}
}

async function until(check: () => boolean, what: string) {
	for (const start = Date.now(); !check(); ) {
		if (Date.now() - start > 30_000) throw new Error(`timed out waiting for ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 20))
	}
}

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'))
	env = {
		...process.env,
		DATABASE_URL: `file:${path.join(dir, 'live', 'data.db')}`,
		UPLOAD_DIR: path.join(dir, 'live', 'uploads'),
		SECRET_FILE: path.join(dir, 'live', 'session-secret'),
	}
	fs.mkdirSync(path.join(dir, 'live'))
	await createTestDatabase(dir, 'live/data.db')
	const db = new Database(path.join(dir, 'live', 'data.db'))
	db.pragma('journal_mode = WAL')
	db.close()
	fs.writeFileSync(env.SECRET_FILE!, SECRET, { mode: 0o600 })
	fs.mkdirSync(path.join(env.UPLOAD_DIR!, 'private'), { recursive: true })
	fs.writeFileSync(path.join(env.UPLOAD_DIR!, 'private', 'c-contract.pdf'), '%PDF-1.4')
	backup = path.join(dir, 'backup')
}, 120_000)

afterAll(() => {
	writer?.kill('SIGKILL')
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

// SQLite's backup (a file snapshot, WAL, integrity_check). PostgreSQL's backups (pg_dump and
// pg_restore with the uploads) are a separate item of issue 10; until they exist there is nothing
// to test on PostgreSQL, and the hooks above do not run when every test is skipped.
describe.skipIf(testEngine === 'postgresql')('backup and restore under writes', () => {
	it('backs up a consistent snapshot holding every write acknowledged before it, the secret and the uploads', async () => {
		writer = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/write-loop.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] })
		writer.stdout!.on('data', (chunk: Buffer) => (acked += chunk.toString().split('\n').filter((l) => l.startsWith('ack ')).length))
		await until(() => acked >= 30, '30 writes')
		const ackedBefore = acked
		const { stdout } = await tsx('scripts/backup.ts', [backup], env)
		expect(stdout).toContain('integrity ok')
		const ackedAfter = acked
		// The writes go on during and after the backup.
		await until(() => acked >= ackedAfter + 20, 'writes after the backup')
		expect(ackedAfter).toBeGreaterThan(ackedBefore)

		const numbers = writerNumbers(path.join(backup, 'data.db'))
		snapshotWrites = numbers.length
		// A snapshot: writes 1…k with nothing missing in between, and every write acknowledged before it began.
		expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1))
		expect(numbers.length).toBeGreaterThanOrEqual(ackedBefore)
		const manifest = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8'))
		expect(manifest).toMatchObject({ format: 1, sessionSecret: 'file', database: { integrity: 'ok', users: numbers.length, auditEntries: numbers.length } })
		const verified = await tsx('scripts/audit-verify.ts', [], { ...env, DATABASE_URL: `file:${path.join(backup, 'data.db')}` })
		expect(auditEntries(verified.stdout)).toBe(numbers.length)
		// Uploads are copied after the database: every file a backed-up row names is there.
		for (const n of numbers) expect(fs.existsSync(path.join(backup, 'uploads', `w-${n}.jpg`)), `w-${n}.jpg`).toBe(true)
		expect(fs.readFileSync(path.join(backup, 'uploads', 'private', 'c-contract.pdf'), 'utf8')).toBe('%PDF-1.4')
		expect(fs.readFileSync(path.join(backup, 'session-secret'), 'utf8')).toBe(SECRET)
	}, 90_000)

	it('refuses to restore while a process has the database open', async () => {
		const refused = await tsx('scripts/restore.ts', [backup], env).then(
			() => null,
			(error: { code: number; stderr: string }) => error,
		)
		expect(refused?.code).toBe(1)
		expect(refused?.stderr).toMatch(/is open in another process — is the server running\?/)
		expect(writerNumbers(path.join(dir, 'live', 'data.db')).length).toBeGreaterThan(snapshotWrites)
	}, 60_000)

	it('restores the backup in place once the writer stopped, keeping what was there aside', async () => {
		writer!.kill('SIGTERM')
		await new Promise((resolve) => writer!.once('exit', resolve))
		fs.writeFileSync(env.SECRET_FILE!, 'another-secret-written-after-the-backup-was-made')
		const { stdout } = await tsx('scripts/restore.ts', [backup], env)
		expect(stdout).toContain('Restored the backup')
		const live = path.join(dir, 'live', 'data.db')
		expect(writerNumbers(live)).toHaveLength(snapshotWrites)
		const db = new Database(live, { readonly: true })
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
		db.close()
		const verified = await tsx('scripts/audit-verify.ts', [], env)
		expect(auditEntries(verified.stdout)).toBe(snapshotWrites)
		expect(fs.readFileSync(env.SECRET_FILE!, 'utf8')).toBe(SECRET)
		// Every row's file (and possibly a few files of writes that came after the snapshot).
		for (let n = 1; n <= snapshotWrites; n++) expect(fs.existsSync(path.join(env.UPLOAD_DIR!, `w-${n}.jpg`)), `w-${n}.jpg`).toBe(true)
		// The previous database (with the writes after the backup) is kept, not deleted.
		const aside = fs.readdirSync(path.join(dir, 'live')).filter((f) => f.startsWith('data.db.before-restore-'))
		expect(aside).toHaveLength(1)
		expect(writerNumbers(path.join(dir, 'live', aside[0])).length).toBeGreaterThan(snapshotWrites)
	}, 60_000)
})
