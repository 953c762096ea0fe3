// Plain SQL against either engine, for the scripts that run before anything is built (setup,
// admin check) and for tests: write PostgreSQL's `$1` placeholders and quoted identifiers, and
// the statement runs on SQLite too. Not for the app, which goes through Prisma.
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'

export const engineOf = (url) => (/^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite')

/** Opens the database of `url`: { engine, all(sql, params), one(sql, params), run(sql, params), close() }, all async. */
export async function openDatabase(url, { readonly = false } = {}) {
	if (engineOf(url) === 'postgresql') {
		const client = new pg.Client({ connectionString: url })
		await client.connect()
		const all = async (sql, params = []) => (await client.query(sql, params)).rows
		return {
			engine: 'postgresql',
			all,
			one: async (sql, params) => (await all(sql, params))[0],
			run: async (sql, params = []) => (await client.query(sql, params)).rowCount,
			close: () => client.end(),
		}
	}
	const db = new Database(path.resolve(url.replace(/^file:/, '')), { readonly, fileMustExist: readonly })
	db.pragma('busy_timeout = 5000')
	// $1, $2 … become SQLite's positional ?s, in the order they appear.
	const prepare = (sql, params = []) => {
		const order = []
		const text = sql.replace(/\$(\d+)/g, (_, n) => (order.push(Number(n) - 1), '?'))
		return [db.prepare(text), order.map((i) => params[i])]
	}
	return {
		engine: 'sqlite',
		sqlite: db,
		all: async (sql, params) => {
			const [st, args] = prepare(sql, params)
			return st.all(...args)
		},
		one: async (sql, params) => {
			const [st, args] = prepare(sql, params)
			return st.get(...args)
		},
		run: async (sql, params) => {
			const [st, args] = prepare(sql, params)
			return st.run(...args).changes
		},
		close: async () => db.close(),
	}
}
