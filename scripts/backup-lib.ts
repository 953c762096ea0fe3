// Online backup and restore of everything a deployment holds: the database, the session secret and
// the uploads (docs/decisions/011). SQLite is copied with VACUUM INTO; PostgreSQL with pg_dump and
// put back with pg_restore, from Debian's PostgreSQL client (decision 021). Used by
// scripts/backup.ts and scripts/restore.ts.
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { databaseEngine, databaseUrl, type DatabaseEngine } from '../app/utils/database-url.ts'
import { sessionSecretFile } from '../app/utils/secret-file.server.ts'
import { postgresTool } from './pg/cluster.mjs'

export const MANIFEST = 'manifest.json'
const DB_FILE = 'data.db'
const PG_DUMP_FILE = 'data.dump'
const SECRET_FILE = 'session-secret'
const UPLOADS = 'uploads'

export type Manifest = {
	format: 1
	createdAt: string
	/** engine: absent in backups made before PostgreSQL, which are SQLite's. */
	database: { engine?: DatabaseEngine; file: string; bytes: number; sha256: string; integrity: string; listings: number; users: number; auditEntries: number; migration: string | null; copyMs: number }
	sessionSecret: 'file' | 'environment' | 'none'
	uploads: { dir: string; files: number; bytes: number }
	totalMs: number
}

/** `database` is SQLite's file, or PostgreSQL's URL. */
export type Paths = { engine: DatabaseEngine; database: string; uploads: string; secret: string }

/** The files this deployment uses, from the same variables the server reads. */
export function deploymentPaths(env: NodeJS.ProcessEnv = process.env): Paths {
	const url = databaseUrl(env)
	const engine = databaseEngine(url)
	return {
		engine,
		database: engine === 'postgresql' ? url : path.resolve(url.replace(/^file:/, '')),
		uploads: path.resolve(env.UPLOAD_DIR ?? 'data/uploads'),
		secret: sessionSecretFile(env),
	}
}

function sha256(file: string) {
	return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

function count(db: Database.Database, table: string) {
	return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
}

/** Copies a directory tree file by file (pending uploads too: their rows may be in the copy). */
function copyTree(from: string, to: string) {
	let files = 0
	let bytes = 0
	if (!fs.existsSync(from)) return { files, bytes }
	fs.mkdirSync(to, { recursive: true })
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		const src = path.join(from, entry.name)
		const dest = path.join(to, entry.name)
		if (entry.isDirectory()) {
			const sub = copyTree(src, dest)
			files += sub.files
			bytes += sub.bytes
		} else if (entry.isFile()) {
			// A file removed since the listing (a photo deleted meanwhile) is simply not copied.
			try {
				fs.copyFileSync(src, dest)
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
				throw error
			}
			files++
			bytes += fs.statSync(dest).size
		}
	}
	return { files, bytes }
}

const psql = (url: string, sql: string) => execFileSync(postgresTool('psql'), ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8' }).trim()
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`

/** PostgreSQL's backup: pg_dump's custom format (one consistent snapshot; writers are not blocked). */
function backupPostgres(url: string, dir: string): Manifest['database'] {
	const target = path.join(dir, PG_DUMP_FILE)
	const copyStart = performance.now()
	execFileSync(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--file', target, '--dbname', url], { stdio: ['ignore', 'ignore', 'pipe'] })
	const copyMs = Math.round(performance.now() - copyStart)
	// pg_restore reads the whole table of contents: a truncated or damaged dump fails here.
	execFileSync(postgresTool('pg_restore'), ['--list', target], { stdio: ['ignore', 'ignore', 'pipe'] })
	const n = (table: string) => Number(psql(url, `SELECT count(*) FROM ${quoteIdent(table)}`))
	return {
		engine: 'postgresql',
		file: PG_DUMP_FILE,
		bytes: fs.statSync(target).size,
		sha256: sha256(target),
		integrity: 'ok',
		listings: n('Listing'),
		users: n('User'),
		// Chained and waiting to be chained (decision 038): each is a committed change's entry.
		auditEntries: n('AuditLog') + n('AuditPending'),
		migration: psql(url, 'SELECT max("name") FROM "_engine_migrations"') || null,
		copyMs,
	}
}

/** Puts a pg_dump back: the current database renamed aside, a new one of its name restored into. */
function restorePostgres(url: string, dump: string, stamp: string) {
	const target = new URL(url)
	const name = decodeURIComponent(target.pathname.slice(1))
	const admin = new URL(url)
	admin.pathname = '/postgres'
	const others = Number(psql(admin.href, `SELECT count(*) FROM pg_stat_activity WHERE datname = ${quoteLiteral(name)}`))
	if (others > 0) throw new RestoreRefused(`${others} connection(s) to the database ${name} are open — is a server running? Stop every instance (and any script using the database), then run npm run restore again.`)
	let aside: string | null = null
	if (psql(admin.href, `SELECT 1 FROM pg_database WHERE datname = ${quoteLiteral(name)}`) === '1') {
		aside = `${name}_before_restore_${stamp.replace(/\D/g, '').slice(0, 14)}`.slice(-63)
		psql(admin.href, `ALTER DATABASE ${quoteIdent(name)} RENAME TO ${quoteIdent(aside)}`)
	}
	psql(admin.href, `CREATE DATABASE ${quoteIdent(name)}`)
	execFileSync(postgresTool('pg_restore'), ['--no-owner', '--exit-on-error', '--dbname', url, dump], { stdio: ['ignore', 'ignore', 'pipe'] })
	return aside && `database, as ${aside}`
}

/**
 * Backs up while the server runs. The database first, with VACUUM INTO: one read transaction, so
 * a consistent snapshot including what is still in the WAL, and writers are never blocked. Then the
 * session secret and the uploads: copied after the database, every file its rows name is there.
 */
export function createBackup(dir: string, env: NodeJS.ProcessEnv = process.env): Manifest {
	const started = performance.now()
	const paths = deploymentPaths(env)
	if (paths.engine === 'sqlite' && !fs.existsSync(paths.database)) throw new Error(`No database at ${paths.database}`)
	if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: choose a new directory for the backup`)
	fs.mkdirSync(dir, { recursive: true })
	const database = paths.engine === 'postgresql' ? backupPostgres(paths.database, dir) : backupSqlite(paths.database, dir)
	return finishBackup(dir, paths, database, env, started)
}

function backupSqlite(file: string, dir: string): Manifest['database'] {
	const target = path.join(dir, DB_FILE)
	const source = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 })
	const copyStart = performance.now()
	try {
		source.prepare('VACUUM INTO ?').run(target)
	} finally {
		source.close()
	}
	const copyMs = Math.round(performance.now() - copyStart)

	const copy = new Database(target)
	let database: Manifest['database']
	try {
		const integrity = (copy.pragma('integrity_check', { simple: true }) as string) ?? 'unknown'
		const migration = copy.prepare('SELECT migration_name AS m FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name DESC LIMIT 1').get() as { m: string } | undefined
		database = {
			engine: 'sqlite',
			file: DB_FILE,
			bytes: fs.statSync(target).size,
			sha256: '',
			integrity,
			listings: count(copy, 'Listing'),
			users: count(copy, 'User'),
			auditEntries: count(copy, 'AuditLog') + count(copy, 'AuditPending'),
			migration: migration?.m ?? null,
			copyMs,
		}
	} finally {
		copy.close()
	}
	database.sha256 = sha256(target)
	if (database.integrity !== 'ok') throw new Error(`The copy failed its integrity check: ${database.integrity}`)
	return database
}

/** The session secret and the uploads, after the database: every file its rows name is there. */
function finishBackup(dir: string, paths: Paths, database: Manifest['database'], env: NodeJS.ProcessEnv, started: number): Manifest {
	let sessionSecret: Manifest['sessionSecret'] = 'none'
	if (fs.existsSync(paths.secret)) {
		fs.copyFileSync(paths.secret, path.join(dir, SECRET_FILE))
		fs.chmodSync(path.join(dir, SECRET_FILE), 0o600)
		sessionSecret = 'file'
	} else if (env.SESSION_SECRET) {
		sessionSecret = 'environment'
	}

	const uploads = copyTree(paths.uploads, path.join(dir, UPLOADS))
	const manifest: Manifest = {
		format: 1,
		createdAt: new Date().toISOString(),
		database,
		sessionSecret,
		uploads: { dir: UPLOADS, ...uploads },
		totalMs: Math.round(performance.now() - started),
	}
	fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n')
	return manifest
}

export class RestoreRefused extends Error {}

/** Is any other process (a running server, a script) holding the database open? */
export function databaseInUse(file: string) {
	if (!fs.existsSync(file)) return false
	const db = new Database(file, { timeout: 200 })
	try {
		// In WAL mode every open connection holds a shared lock; an exclusive lock proves none is there.
		db.pragma('locking_mode = EXCLUSIVE')
		db.exec('BEGIN EXCLUSIVE')
		db.exec('COMMIT')
		// Fold the WAL into the file so moving it aside keeps everything.
		db.pragma('wal_checkpoint(TRUNCATE)')
		return false
	} catch (error) {
		if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true
		throw error
	} finally {
		db.close()
	}
}

/** Reads and checks a backup: the manifest, the database's checksum and integrity. */
export function checkBackup(dir: string): Manifest {
	const file = path.join(dir, MANIFEST)
	if (!fs.existsSync(file)) throw new RestoreRefused(`${dir} has no ${MANIFEST}: not a backup made by npm run backup`)
	const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest
	if (manifest.format !== 1) throw new RestoreRefused(`Unknown backup format ${String(manifest.format)}`)
	const db = path.join(dir, manifest.database.file)
	if (!fs.existsSync(db) || sha256(db) !== manifest.database.sha256) throw new RestoreRefused(`${db} does not match its checksum in the manifest`)
	return manifest
}

function moveAside(file: string, stamp: string) {
	if (!fs.existsSync(file)) return null
	const aside = `${file}.before-restore-${stamp}`
	fs.renameSync(file, aside)
	return aside
}

/**
 * Puts a backup in place of the deployment's database, uploads and secret. Refuses while another
 * process has the database open. What was there is moved aside (…before-restore-<time>), never deleted.
 */
export function restoreBackup(dir: string, env: NodeJS.ProcessEnv = process.env) {
	const manifest = checkBackup(dir)
	const paths = deploymentPaths(env)
	const backedUp = manifest.database.engine ?? 'sqlite'
	if (backedUp !== paths.engine) {
		throw new RestoreRefused(`This is a backup of a ${backedUp} database and DATABASE_URL is ${paths.engine}: restore it into a ${backedUp} deployment${backedUp === 'sqlite' ? ', then move it with npm run db:copy' : ''}.`)
	}
	const stamp = new Date().toISOString().replace(/[:.]/g, '-')
	const aside: string[] = []
	const keep = (p: string | null) => p && aside.push(p)
	if (paths.engine === 'postgresql') keep(restorePostgres(paths.database, path.join(dir, manifest.database.file), stamp))
	else restoreSqlite(path.join(dir, manifest.database.file), paths.database, stamp, keep)

	keep(moveAside(paths.uploads, stamp))
	copyTree(path.join(dir, manifest.uploads.dir), paths.uploads)

	if (manifest.sessionSecret === 'file') {
		keep(moveAside(paths.secret, stamp))
		fs.mkdirSync(path.dirname(paths.secret), { recursive: true })
		fs.copyFileSync(path.join(dir, SECRET_FILE), paths.secret)
		fs.chmodSync(paths.secret, 0o600)
	}
	return { manifest, paths, aside }
}

function restoreSqlite(backup: string, file: string, stamp: string, keep: (aside: string | null) => void) {
	if (databaseInUse(file)) {
		throw new RestoreRefused(`${file} is open in another process — is the server running? Stop it (and any script using the database), then run npm run restore again.`)
	}
	fs.mkdirSync(path.dirname(file), { recursive: true })
	const incoming = `${file}.restoring`
	fs.copyFileSync(backup, incoming)
	const db = new Database(incoming)
	try {
		db.pragma('journal_mode = WAL')
	} finally {
		db.close()
	}
	keep(moveAside(file, stamp))
	// The search engine's snapshot belongs to the replaced database (decision 015).
	for (const suffix of ['-wal', '-shm', '.catalog']) fs.rmSync(file + suffix, { force: true })
	fs.renameSync(incoming, file)
}
