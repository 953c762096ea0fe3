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
	const file = sessionSecretFile({ SECRET_FILE: env().SECRET_FILE })
	try {
		const existing = fs.readFileSync(file, 'utf8').trim()
		if (existing.length >= 32) return [existing]
	} catch {
		// not there yet
	}
	const secret = crypto.randomBytes(32).toString('base64url')
	fs.mkdirSync(path.dirname(file), { recursive: true })
	fs.writeFileSync(file, secret, { mode: 0o600 })
	return [secret]
})
