// The parcel commit's writes, the one place with SQL of their own (decision 023): new parcels go
// in as multi-row `INSERT … VALUES (…),(…)` with parameters, a batch at a time, inside the
// commit's one transaction. Prisma's createMany spent about 1 ms a row (467 s for 50,000 parcels on
// PostgreSQL, where each batch also paid the serializable transaction's bookkeeping); one
// statement per batch leaves the work to the database. Placeholders differ by engine (`$n` on
// PostgreSQL, `?` on SQLite); the statement is otherwise the same.
import crypto from 'node:crypto'
import type { Prisma } from '@prisma/client'
import { engine } from '~/utils/db.server.ts'
import type { ParcelRow } from './analyse.server.ts'

/** The columns written besides the row's own (isDemo and createdAt take their defaults). */
const EXTRA = ['id', 'importId', 'updatedAt'] as const

/**
 * Rows per statement: 500 × 27 parameters (24 of the row, 3 more) stays under both engines' caps (SQLite 32,766,
 * PostgreSQL 65,535), and a batch holds SQLite's event loop for a few tens of milliseconds.
 */
export const INSERT_BATCH = 500

/** A new row id in the shape of Prisma's cuid (lower-case letters and digits: routes check ids so). */
function newId() {
	return `c${crypto.randomBytes(12).toString('hex')}`
}

function placeholders(rows: number, width: number) {
	return Array.from({ length: rows }, (_, r) => {
		const cells = Array.from({ length: width }, (_, c) => (engine === 'postgresql' ? `$${r * width + c + 1}` : '?'))
		return `(${cells.join(',')})`
	}).join(',')
}

/**
 * Inserts new parcels (none of whose codes exist yet) for the import `importId`, through `tx`. The
 * columns are the rows' own fields (a ParcelRow is a Parcel's columns) and EXTRA.
 */
export async function insertParcels(tx: Prisma.TransactionClient, rows: ParcelRow[], importId: string, at = new Date()) {
	if (rows.length === 0) return
	const columns = [...(Object.keys(rows[0]) as (keyof ParcelRow)[]), ...EXTRA]
	const sql = (n: number) => `INSERT INTO "Parcel" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${placeholders(n, columns.length)}`
	for (let i = 0; i < rows.length; i += INSERT_BATCH) {
		const batch = rows.slice(i, i + INSERT_BATCH)
		const values = batch.flatMap((r) => {
			const row: Record<(typeof columns)[number], unknown> = { ...r, id: newId(), importId, updatedAt: at }
			return columns.map((c) => row[c])
		})
		await tx.$executeRawUnsafe(sql(batch.length), ...values)
	}
}
