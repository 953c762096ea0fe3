// npm run db:copy -- --from file:./prisma/data.db --to postgresql://user@host/db [--uploads-from DIR --uploads-to DIR]
// Moves a county's whole SQLite deployment to PostgreSQL (decision 021): migrates the target,
// copies every table in foreign-key order in one transaction (nothing half-copied on failure) with
// the target's row triggers off, then computes the tallies from the copied rows as the migration
// that introduced them did, rebuilds the full-text index from the listings, and copies the uploads. Then it verifies: the same row count in every table, and the audit
// log's hash chain, recomputed on the target. The target must be empty.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { databaseEngine } from '../app/utils/database-url.ts'
import { indexTokens, pgIndexUpsert } from '../app/utils/search-tokens.ts'
import { migratePostgres } from './pg/migrate.mjs'

/** Kept by the target's triggers, or state of one process: rebuilt there, never copied. */
const DERIVED = new Set(['ListingTally', 'DealTally', 'VillageTally', 'AggregateVersion', 'ListingChange', 'Lease'])
const BATCH = 500

type Column = { name: string; type: string }

/** The tallies of the copied rows, as migration 20261201010000_aggregates computed them on SQLite. */
const TALLIES = `
INSERT INTO "ListingTally" ("townId", "type", "status", "published", "areaUnit", "count", "areaMicro")
SELECT "townId", "type", "status", "publishedAt" IS NOT NULL, "areaUnit", count(*), sum("micro"("area")) FROM "Listing" GROUP BY 1, 2, 3, 4, 5;
INSERT INTO "DealTally" ("townId", "type", "status", "count", "valueFen")
SELECT l."townId", l."type", d."status", count(*), sum("fen"(d."totalValueYuan")) FROM "Deal" d JOIN "Listing" l ON l."id" = d."listingId" GROUP BY 1, 2, 3;
INSERT INTO "VillageTally" ("villageId", "count") SELECT "villageId", count(*) FROM "Listing" GROUP BY 1;
UPDATE "AggregateVersion" SET "version" = "version" + 1;
`

/** The target's tables in foreign-key order (parents first), from PostgreSQL's catalogue. */
async function tablesInOrder(db: pg.Client) {
	const tables = (await db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).rows
		.map((r) => r.t)
		.filter((t) => !t.startsWith('_') && t !== 'listing_fts' && !DERIVED.has(t))
	const edges = (
		await db.query<{ child: string; parent: string }>(
			`SELECT tc.table_name AS child, ccu.table_name AS parent FROM information_schema.table_constraints tc
			 JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
			 WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
		)
	).rows
	const order: string[] = []
	const visit = (t: string, path: string[] = []) => {
		if (order.includes(t)) return
		if (path.includes(t)) throw new Error(`foreign keys form a cycle: ${[...path, t].join(' → ')}`)
		for (const e of edges) if (e.child === t && e.parent !== t) visit(e.parent, [...path, t])
		order.push(t)
	}
	for (const t of tables.sort()) visit(t)
	return order
}

async function columnsOf(db: pg.Client, table: string): Promise<Column[]> {
	const rows = await db.query<{ name: string; type: string }>(
		`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
		[table],
	)
	return rows.rows
}

/** A SQLite value as PostgreSQL takes it: dates (ISO text, or ms) as UTC instants, 0/1 as booleans. */
function convert(value: unknown, type: string) {
	if (value === null || value === undefined) return null
	if (type.startsWith('timestamp')) {
		const date = typeof value === 'number' ? new Date(value) : new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(String(value)) ? `${value}Z` : String(value))
		if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${String(value)}`)
		// timestamp(3) without time zone holds UTC, as Prisma writes it.
		return date.toISOString().replace('Z', '')
	}
	if (type === 'boolean') return value === 1 || value === true || value === '1'
	return value
}

export async function copyDatabase(from: string, to: string, log: (line: string) => void = console.log) {
	if (!from.startsWith('file:')) throw new Error('--from must be a file: URL (a SQLite database)')
	if (databaseEngine(to) !== 'postgresql') throw new Error('--to must be a postgresql:// URL')
	const source = new Database(path.resolve(from.slice('file:'.length)), { readonly: true, fileMustExist: true })
	await migratePostgres(to, { log: () => {} })
	const target = new pg.Client({ connectionString: to })
	await target.connect()
	const counts: Record<string, number> = {}
	try {
		const existing = Number((await target.query('SELECT (SELECT count(*) FROM "User") + (SELECT count(*) FROM "Listing") + (SELECT count(*) FROM "Town") AS n')).rows[0].n)
		if (existing > 0) throw new Error('the target database is not empty: copy into a new, empty database')
		await target.query('BEGIN')
		const tables = await tablesInOrder(target)
		// Row by row, the tally triggers cost more than the copy; the sums are computed once below.
		for (const table of tables) await target.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`)
		for (const table of tables) {
			const columns = await columnsOf(target, table)
			const names = columns.map((c) => `"${c.name}"`).join(', ')
			const read = source.prepare(`SELECT ${names} FROM "${table}"`).raw(true)
			let batch: unknown[][] = []
			let n = 0
			const flush = async () => {
				if (batch.length === 0) return
				const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ')
				await target.query(`INSERT INTO "${table}" (${names}) VALUES ${values}`, batch.flat())
				n += batch.length
				batch = []
			}
			for (const row of read.iterate() as IterableIterator<unknown[]>) {
				batch.push(row.map((v, i) => convert(v, columns[i].type)))
				if (batch.length === BATCH) await flush()
			}
			await flush()
			counts[table] = n
			log(`${table}: ${n}`)
		}
		for (const table of tables) await target.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`)
		await target.query(TALLIES)
		// New listings continue the copied search keys; the text index is rebuilt from the listings.
		await target.query(`SELECT setval('"Listing_searchKey_seq"', greatest((SELECT max("searchKey") FROM "Listing"), 1))`)
		// Audit entries copied while waiting to be chained keep their ids; new ones follow (decision 038).
		await target.query(`SELECT setval('"AuditPending_id_seq"', greatest((SELECT max("id") FROM "AuditPending"), 1))`)
		const docs = source.prepare(
			`SELECT l."searchKey" AS key, l.title, l.description, v.name AS village, t.name AS town FROM "Listing" l
			 JOIN "Village" v ON v.id = l."villageId" JOIN "Town" t ON t.id = l."townId" WHERE l."searchKey" IS NOT NULL`,
		)
		let batch: Array<[number, string]> = []
		const flushIndex = async () => {
			if (batch.length === 0) return
			await target.query(pgIndexUpsert(batch.length), batch.flat())
			batch = []
		}
		for (const d of docs.iterate() as IterableIterator<{ key: number; title: string; description: string; village: string; town: string }>) {
			batch.push([d.key, indexTokens([d.title, d.description, d.village, d.town].join(' '))])
			if (batch.length === BATCH) await flushIndex()
		}
		await flushIndex()
		await target.query('COMMIT')
		// Statistics for the planner now, not whenever autovacuum comes by: without them the first
		// start after a copy of a million listings read them in 54 s instead of 6.
		await target.query('ANALYZE')
	} catch (error) {
		await target.query('ROLLBACK').catch(() => {})
		throw error
	} finally {
		await target.end()
		source.close()
	}
	return counts
}

/** Same row counts on both sides, table by table; returns the tables that differ. */
export async function compareCounts(from: string, to: string, counts: Record<string, number>) {
	const source = new Database(path.resolve(from.slice('file:'.length)), { readonly: true })
	const target = new pg.Client({ connectionString: to })
	await target.connect()
	try {
		const differ: string[] = []
		for (const table of Object.keys(counts)) {
			const a = Number((source.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n)
			const b = Number((await target.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n)
			if (a !== b) differ.push(`${table}: ${a} in the source, ${b} in the target`)
		}
		const listings = Number((source.prepare('SELECT count(*) AS n FROM "Listing"').get() as { n: number }).n)
		const tallied = Number((await target.query('SELECT coalesce(sum("count"), 0) AS n FROM "ListingTally"')).rows[0].n)
		if (listings !== tallied) differ.push(`ListingTally: ${tallied} listings tallied, ${listings} copied`)
		return differ
	} finally {
		await target.end()
		source.close()
	}
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
if (isMain) {
	const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, 'uploads-from': { type: 'string' }, 'uploads-to': { type: 'string' } } })
	if (!values.from || !values.to) {
		console.error('usage: npm run db:copy -- --from file:./prisma/data.db --to postgresql://user@host/db [--uploads-from DIR --uploads-to DIR]')
		process.exit(2)
	}
	const started = Date.now()
	const counts = await copyDatabase(values.from, values.to).catch((error: unknown) => {
		console.error(`Copy refused or failed, nothing written: ${error instanceof Error ? error.message : String(error)}`)
		process.exit(1)
	})
	const uploadsFrom = path.resolve(values['uploads-from'] ?? process.env.UPLOAD_DIR ?? 'data/uploads')
	const uploadsTo = values['uploads-to'] ? path.resolve(values['uploads-to']) : null
	if (uploadsTo && uploadsTo !== uploadsFrom && fs.existsSync(uploadsFrom)) {
		fs.cpSync(uploadsFrom, uploadsTo, { recursive: true, errorOnExist: false, force: false })
		console.log(`uploads copied: ${uploadsFrom} → ${uploadsTo}`)
	} else if (!uploadsTo) {
		console.log(`uploads stay where they are (${uploadsFrom}); pass --uploads-to to copy them`)
	}
	const differ = await compareCounts(values.from, values.to, counts)
	// The audit chain, recomputed on the target: every entry and its hash came across unchanged.
	process.env.DATABASE_URL = values.to
	const { verifyAuditChain } = await import('../app/models/audit.server.ts')
	const { prisma } = await import('../app/utils/db.server.ts')
	const audit = await verifyAuditChain()
	await prisma.$disconnect()
	if (differ.length) console.error(`Row counts differ:\n  ${differ.join('\n  ')}`)
	if (!audit.ok) console.error(`The audit chain does not verify on the target: entry #${audit.firstBrokenSeq}: ${audit.problem}`)
	if (differ.length || !audit.ok) process.exit(1)
	console.log(`Copied ${Object.values(counts).reduce((a, b) => a + b, 0)} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; row counts match; audit chain OK (${audit.count} entries).`)
}
