// One place decides which SQLite file we use, for the app, the Prisma CLI and scripts alike.
export const DEFAULT_DATABASE_URL = 'file:./prisma/data.db'

export function databaseUrl(env: NodeJS.ProcessEnv = process.env) {
	const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL
	process.env.DATABASE_URL ??= url
	return url
}
