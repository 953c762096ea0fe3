import path from 'node:path'

/**
 * Where a generated session secret is kept (SECRET_FILE, default data/session-secret). Its own
 * module: backups read the path without generating a secret as secrets.server.ts would.
 */
export function sessionSecretFile(env: Record<string, string | undefined> = process.env) {
	return path.resolve(env.SECRET_FILE ?? 'data/session-secret')
}
