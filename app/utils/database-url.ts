// One place decides which database we use, for the app, the Prisma CLI and scripts alike: a
// `file:` URL is SQLite (the embedded default), a `postgresql://` URL is PostgreSQL (decision 021).
export const DEFAULT_DATABASE_URL = 'file:./prisma/data.db'

export type DatabaseEngine = 'sqlite' | 'postgresql'

export function databaseUrl(env: NodeJS.ProcessEnv = process.env) {
	const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL
	process.env.DATABASE_URL ??= url
	return url
}

export function databaseEngine(url = databaseUrl()): DatabaseEngine {
	if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql'
	if (url.startsWith('file:')) return 'sqlite'
	throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), not ${url.split(':')[0]}:`)
}
