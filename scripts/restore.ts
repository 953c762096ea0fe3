// npm run restore <backup dir> — puts a backup made by npm run backup in place of the database,
// uploads and session secret that DATABASE_URL, UPLOAD_DIR and SECRET_FILE name. Stop the server
// first: restore refuses while any process has the database open. What was there is moved aside.
import path from 'node:path'
import { RestoreRefused, restoreBackup } from './backup-lib.ts'

const from = process.argv[2]
if (!from) {
	console.error('Usage: npm run restore <backup dir>')
	process.exit(2)
}
try {
	const { manifest, paths, aside } = restoreBackup(path.resolve(from))
	console.log(`Restored the backup of ${manifest.createdAt}:`)
	console.log(`  database → ${paths.database} (${manifest.database.listings} listings, ${manifest.database.users} users)`)
	console.log(`  uploads → ${paths.uploads} (${manifest.uploads.files} files)`)
	if (manifest.sessionSecret === 'file') console.log(`  session secret → ${paths.secret}`)
	if (manifest.sessionSecret === 'environment') console.log('  session secret: the backed-up server used SESSION_SECRET; set the same value')
	for (const p of aside) console.log(`  kept the previous ${p}`)
	console.log('Start the server again (npm start).')
} catch (error) {
	console.error(`Restore refused: ${(error as Error).message}`)
	process.exitCode = error instanceof RestoreRefused ? 1 : 2
}
