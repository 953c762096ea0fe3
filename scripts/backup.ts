// npm run backup [dir] — an online backup while the server runs: the database (SQLite: VACUUM INTO;
// PostgreSQL: pg_dump), then
// the session secret and the uploads, with manifest.json. Default dir: backups/<time>.
import path from 'node:path'
import { createBackup } from './backup-lib.ts'

const dir = path.resolve(process.argv[2] ?? path.join('backups', new Date().toISOString().replace(/[:.]/g, '-')))
try {
	const m = createBackup(dir)
	console.log(`Backup written to ${dir}`)
	console.log(
		`  database: ${(m.database.bytes / 1e6).toFixed(1)} MB in ${m.database.copyMs} ms, integrity ${m.database.integrity}, ` +
			`${m.database.listings} listings, ${m.database.users} users, ${m.database.auditEntries} audit entries`,
	)
	console.log(`  session secret: ${m.sessionSecret === 'environment' ? 'from SESSION_SECRET (keep it yourself)' : m.sessionSecret}`)
	console.log(`  uploads: ${m.uploads.files} files, ${(m.uploads.bytes / 1e6).toFixed(1)} MB`)
	console.log(`  total: ${m.totalMs} ms`)
} catch (error) {
	console.error(`Backup failed: ${(error as Error).message}`)
	process.exitCode = 1
}
