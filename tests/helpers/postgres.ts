// The test cluster's administration, shared by tests/global-setup.ts and tests/helpers/database.ts.
import pg from 'pg'

/** The URL of database `name` in the cluster whose admin URL is `adminUrl`. */
export function postgresDatabaseUrl(adminUrl: string, name: string) {
	const url = new URL(adminUrl)
	url.pathname = `/${name}`
	return url.toString()
}

/** Runs `fn` with a connection to the cluster's admin database, closed afterwards. */
export async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: adminUrl })
	await client.connect()
	try {
		return await fn(client)
	} finally {
		await client.end()
	}
}
