// Online backup and restore of everything a deployment holds: the SQLite database, the session
// secret and the uploads (docs/decisions/011). Used by scripts/backup.ts and scripts/restore.ts.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { databaseUrl } from '../app/utils/database-url.ts'
import { sessionSecretFile } from '../app/utils/secret-file.server.ts'

export const MANIFEST = 'manifest.json'
const DB_FILE = 'data.db'
const SECRET_FILE = 'session-secret'
const UPLOADS = 'uploads'

export type Manifest = {
	format: 1
	createdAt: string
	database: { file: string; bytes: number; sha256: string; integrity: string; listings: number; users: number; auditEntries: number; migration: string | null; copyMs: number }
	sessionSecret: 'file' | 'environment' | 'none'
	uploads: { dir: string; files: number; bytes: number }
	totalMs: number
}

export type Paths = { database: string; uploads: string; secret: string }

/** The files this deployment uses, from the same variables the server reads. */
export function deploymentPaths(env: NodeJS.ProcessEnv = process.env): Paths {
	return {
		database: path.resolve(databaseUrl(env).replace(/^file:/, '')),
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

/**
 * Backs up while the server runs. The database first, with VACUUM INTO: one read transaction, so
 * a consistent snapshot including what is still in the WAL, and writers are never blocked. Then the
 * session secret and the uploads: copied after the database, every file its rows name is there.
 */
export function createBackup(dir: string, env: NodeJS.ProcessEnv = process.env): Manifest {
	const started = performance.now()
	const paths = deploymentPaths(env)
	if (!fs.existsSync(paths.database)) throw new Error(`No database at ${paths.database}`)
	if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: choose a new directory for the backup`)
	fs.mkdirSync(dir, { recursive: true })

	const target = path.join(dir, DB_FILE)
	const source = new Database(paths.database, { readonly: true, fileMustExist: true, timeout: 5000 })
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
			file: DB_FILE,
			bytes: fs.statSync(target).size,
			sha256: '',
			integrity,
			listings: count(copy, 'Listing'),
			users: count(copy, 'User'),
			auditEntries: count(copy, 'AuditLog'),
			migration: migration?.m ?? null,
			copyMs,
		}
	} finally {
		copy.close()
	}
	database.sha256 = sha256(target)
	if (database.integrity !== 'ok') throw new Error(`The copy failed its integrity check: ${database.integrity}`)

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
	if (databaseInUse(paths.database)) {
		throw new RestoreRefused(`${paths.database} is open in another process — is the server running? Stop it (and any script using the database), then run npm run restore again.`)
	}
	const stamp = new Date().toISOString().replace(/[:.]/g, '-')
	const aside: string[] = []
	const keep = (p: string | null) => p && aside.push(p)

	fs.mkdirSync(path.dirname(paths.database), { recursive: true })
	const incoming = `${paths.database}.restoring`
	fs.copyFileSync(path.join(dir, manifest.database.file), incoming)
	const db = new Database(incoming)
	try {
		db.pragma('journal_mode = WAL')
	} finally {
		db.close()
	}
	keep(moveAside(paths.database, stamp))
	// The search engine's snapshot belongs to the replaced database (decision 015).
	for (const suffix of ['-wal', '-shm', '.catalog']) fs.rmSync(paths.database + suffix, { force: true })
	fs.renameSync(incoming, paths.database)

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
