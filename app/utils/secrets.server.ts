import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { env } from './env.server.ts'
import { sessionSecretFile } from './secret-file.server.ts'
import { singleton } from './singleton.server.ts'

/**
 * SESSION_SECRET signs the session and CSRF cookies. When it is not set, a random secret is
 * generated once and kept in data/session-secret (mode 600), so a plain `npm start` keeps
 * people logged in across restarts without shipping a known secret.
 */
export const sessionSecrets = singleton('session-secrets', () => {
	const fromEnv = env().SESSION_SECRET?.split(',').map((s) => s.trim()).filter(Boolean)
	if (fromEnv?.length) return fromEnv
	return [readOrCreateSecret(sessionSecretFile({ SECRET_FILE: env().SECRET_FILE }))]
})

/**
 * The secret in `file`, made first if missing. Several server processes start together (cluster):
 * the secret is written whole to a temporary file and linked into place, which fails if another
 * process got there first, so every process ends up with the one secret on disk.
 */
export function readOrCreateSecret(file: string) {
	const read = () => {
		try {
			const existing = fs.readFileSync(file, 'utf8').trim()
			return existing.length >= 32 ? existing : null
		} catch {
			return null // not there yet
		}
	}
	const existing = read()
	if (existing) return existing
	fs.mkdirSync(path.dirname(file), { recursive: true })
	const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`
	fs.writeFileSync(temporary, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 })
	try {
		fs.linkSync(temporary, file)
	} catch (error) {
		// EEXIST: another process linked its secret first; a short or unreadable file is replaced.
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
		if (!read()) fs.renameSync(temporary, file)
	} finally {
		fs.rmSync(temporary, { force: true })
	}
	const secret = read()
	if (!secret) throw new Error(`Could not keep a session secret in ${file}`)
	return secret
}
