// The e2e tests' own reads and writes of a database, on either engine: SQL written with
// PostgreSQL's `$1` placeholders and double-quoted identifiers (as scripts/db-query.mjs takes).
//
// Synchronous on purpose: the tests call these helpers where a value is needed right away (the
// a11y page table's url builders, the action server's prepare callback, one-line lookups in a
// test), and awaiting each would make every call site longer for no gain. SQLite is better-sqlite3;
// PostgreSQL is `psql` run through spawnSync (installed with the server), values passed as psql
// variables and quoted by psql itself (`:'p1'`), never pasted into the SQL, rows returned as one
// JSON array built by json_agg (so counts come back as numbers, not pg's bigint strings).
import { spawnSync } from 'node:child_process'
import Database from 'better-sqlite3'
import { engineOf as engineOfUrl, openDatabase } from '../scripts/db-query.mjs'
import { postgresTool } from '../scripts/pg/cluster.mjs'

export type Param = string | number | boolean | Date | null
export type Engine = 'sqlite' | 'postgresql'

export const engineOf = (url: string) => engineOfUrl(url) as Engine

/** This worker's e2e database (e2e/fixtures.ts sets it), or an explicit URL. */
const currentUrl = () => {
	const url = process.env.DATABASE_URL
	if (!url) throw new Error('DATABASE_URL is not set: run the e2e tests with `npm run test:e2e`.')
	return url
}

/** A date as Prisma writes it on SQLite (ISO text); PostgreSQL's timestamp(3) ignores the zone of a UTC string. */
const iso = (d: Date) => d.toISOString().replace('Z', '+00:00')

function sqliteValue(p: Param) {
	if (p instanceof Date) return iso(p)
	if (typeof p === 'boolean') return p ? 1 : 0
	return p
}

function onSqlite<T>(url: string, sql: string, params: Param[], mode: 'all' | 'run'): T[] {
	const readonly = mode === 'all'
	const db = new Database(url.replace(/^file:/, ''), { readonly, fileMustExist: true, timeout: 10_000 })
	try {
		// $1, $2 … become SQLite's positional ?s, in the order they appear.
		const args: unknown[] = []
		const text = sql.replace(/\$(\d+)/g, (_, n: string) => (args.push(sqliteValue(params[Number(n) - 1] ?? null)), '?'))
		const statement = db.prepare(text)
		if (mode === 'run') {
			statement.run(...args)
			return []
		}
		return statement.all(...args) as T[]
	} finally {
		db.close()
	}
}

function onPostgres<T>(url: string, sql: string, params: Param[], mode: 'all' | 'run' | 'script'): T[] {
	const vars: string[] = []
	const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
		const p = params[Number(n) - 1] ?? null
		if (p === null) return 'NULL'
		vars.push('-v', `p${n}=${p instanceof Date ? iso(p) : String(p)}`)
		return `:'p${n}'`
	})
	const input = mode === 'all' ? `SELECT coalesce(json_agg(e2e_row), '[]'::json) FROM (${text}) e2e_row;\n` : `${text};\n`
	const result = spawnSync(postgresTool('psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', ...vars, '-d', url], { input, encoding: 'utf8', timeout: 30_000 })
	if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error('psql is not installed: the e2e tests on PostgreSQL need the PostgreSQL client (apt-get install postgresql-client).')
	if (result.error) throw result.error
	if (result.status !== 0) throw new Error(`psql failed (${result.status}): ${result.stderr.trim()}\n${text}`)
	return mode === 'all' ? (JSON.parse(result.stdout) as T[]) : []
}

/** Every row of a SELECT. */
export function all<T>(sql: string, params: Param[] = [], url = currentUrl()): T[] {
	return engineOf(url) === 'postgresql' ? onPostgres<T>(url, sql, params, 'all') : onSqlite<T>(url, sql, params, 'all')
}

/** The first row of a SELECT; throws when there is none. */
export function one<T>(sql: string, params: Param[] = [], url = currentUrl()): T {
	const row = all<T>(sql, params, url)[0]
	if (!row) throw new Error(`no row for ${sql}`)
	return row
}

/** An INSERT, UPDATE or DELETE. */
export function run(sql: string, params: Param[] = [], url = currentUrl()) {
	if (engineOf(url) === 'postgresql') onPostgres(url, sql, params, 'run')
	else onSqlite(url, sql, params, 'run')
}

/** Statements that cannot run inside a transaction or a subquery (CREATE/DROP DATABASE), on PostgreSQL. */
export function pgScript(url: string, sql: string) {
	onPostgres(url, sql, [], 'script')
}

/**
 * A date read back from either engine: SQLite holds Prisma's ISO text (or epoch milliseconds),
 * PostgreSQL's json_agg prints timestamp(3) in UTC without a zone.
 */
export function toDate(v: string | number | Date) {
	if (typeof v === 'number' || v instanceof Date) return new Date(v)
	const text = v.replace(' ', 'T')
	return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`)
}

/**
 * Watches a database for writes, to name the tables a request changed: a digest of every table
 * (but the migrations' and the full-text index's, which follow the others), compared with the
 * last. One open connection, as the action specs check after every one of thousands of requests.
 */
// Not watched: the migration tables, the text index (rewritten by approved edits only) and the
// sweep's Lease row, which the server's once-a-minute timer renews whatever the test sends.
/**
 * Columns the background delivery run writes after a request (decision 032): its bookkeeping on a
 * notification the request did write, not a write of the request itself.
 */
const DELIVERY_COLUMNS: Record<string, string[]> = { Notification: ['deliveredAt', 'deliveryAttempts', 'deliveryLog'] }

export async function openWriteWatch(url: string) {
	const db = await openDatabase(url, { readonly: true })
	let digest: () => Promise<Record<string, string>>
	let unchanged: () => Promise<boolean>
	const sqlite = db.engine === 'sqlite' ? db.sqlite : undefined
	if (sqlite) {
		const tables = (await db.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND name NOT IN ('_prisma_migrations', 'Lease')")) as { name: string }[]
		const columns = (name: string) => {
			const skip = DELIVERY_COLUMNS[name]
			if (!skip) return '*'
			return (sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[])
				.filter((c) => !skip.includes(c.name))
				.map((c) => `"${c.name}"`)
				.join(', ')
		}
		const selects = Object.fromEntries(tables.map(({ name }) => [name, `SELECT ${columns(name)} FROM "${name}" ORDER BY rowid`]))
		digest = async () => Object.fromEntries(tables.map(({ name }) => [name, JSON.stringify(sqlite.prepare(selects[name]).raw().all())]))
		// SQLite counts the commits of other connections: nothing to compare when it has not moved.
		let version = -1
		unchanged = async () => {
			const v = sqlite.pragma('data_version', { simple: true }) as number
			const same = v === version
			version = v
			return same
		}
	} else {
		const tables = (
			(await db.all(
				`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_engine_migrations', 'listing_fts', 'Lease') ORDER BY 1`,
			)) as { name: string }[]
		).map((t) => t.name)
		// One statement, one round trip: an md5 of each table's rows in a fixed order.
		const kept = async (t: string) => {
			const skip = DELIVERY_COLUMNS[t]
			if (!skip) return 'x::text'
			const cols = ((await db.all(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${t}' ORDER BY ordinal_position`)) as { c: string }[]).map((r) => r.c)
			return `(${cols.filter((c) => !skip.includes(c)).map((c) => `x."${c}"`).join(', ')})::text`
		}
		const rows = await Promise.all(tables.map(async (t) => `SELECT '${t}' AS name, md5(coalesce(string_agg(${await kept(t)}, ',' ORDER BY ${await kept(t)}), '')) AS h FROM "${t}" x`))
		const sql = rows.join(' UNION ALL ')
		digest = async () => Object.fromEntries(((await db.all(sql)) as { name: string; h: string }[]).map((r) => [r.name, r.h]))
		// PostgreSQL keeps no cheap per-database write counter (its statistics lag), so the watched
		// copy gets one: every statement that writes a watched table takes a number from a sequence
		// (outside any transaction, so a rolled-back write counts too). Only when it moved are the
		// tables hashed: a refusal that wrote nothing costs one tiny read, not a hash of every row.
		await db.run('CREATE SEQUENCE IF NOT EXISTS e2e_writes')
		await db.run(`CREATE OR REPLACE FUNCTION e2e_count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('e2e_writes'); RETURN NULL; END $$`)
		for (const t of tables) {
			await db.run(`DROP TRIGGER IF EXISTS e2e_count_write ON "${t}"`)
			await db.run(`CREATE TRIGGER e2e_count_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION e2e_count_write()`)
		}
		let version = ''
		unchanged = async () => {
			const [row] = (await db.all('SELECT last_value::text || is_called::text AS v FROM e2e_writes')) as { v: string }[]
			const same = row.v === version
			version = row.v
			return same
		}
	}
	let last = await digest()
	await unchanged()
	return {
		/** The tables changed since the last call (empty when nothing was written). */
		async changed(): Promise<string[]> {
			if (await unchanged()) return []
			const now = await digest()
			const tables = Object.keys(now).filter((t) => now[t] !== last[t])
			last = now
			return tables
		},
		close: () => db.close(),
	}
}
