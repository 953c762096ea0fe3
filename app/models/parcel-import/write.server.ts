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

/** The columns written, in order (isDemo and createdAt take their defaults). */
const COLUMNS = [
	'id',
	'code',
	'name',
	'townId',
	'villageId',
	'employerCode',
	'contractorCode',
	'parcelClass',
	'landUse',
	'grade',
	'basicFarmland',
	'surveyedAreaM2',
	'surveyedAreaMu',
	'computedAreaM2',
	'east',
	'south',
	'west',
	'north',
	'surveyorName',
	'remark',
	'geometry',
	'minLng',
	'minLat',
	'maxLng',
	'maxLat',
	'importId',
	'updatedAt',
] as const

/**
 * Rows per statement: 500 × 27 parameters stays under both engines' caps (SQLite 32,766,
 * PostgreSQL 65,535), and a batch holds SQLite's event loop for a few tens of milliseconds.
 */
export const INSERT_BATCH = 500

/** A new row id in the shape of Prisma's cuid (lower-case letters and digits: routes check ids so). */
function newId() {
	return `c${crypto.randomBytes(12).toString('hex')}`
}

function placeholders(rows: number) {
	const width = COLUMNS.length
	return Array.from({ length: rows }, (_, r) => {
		const cells = Array.from({ length: width }, (_, c) => (engine === 'postgresql' ? `$${r * width + c + 1}` : '?'))
		return `(${cells.join(',')})`
	}).join(',')
}

/** Inserts new parcels (none of whose codes exist yet) for the import `importId`, through `tx`. */
export async function insertParcels(tx: Prisma.TransactionClient, rows: ParcelRow[], importId: string, at = new Date()) {
	const sql = (n: number) => `INSERT INTO "Parcel" (${COLUMNS.map((c) => `"${c}"`).join(',')}) VALUES ${placeholders(n)}`
	for (let i = 0; i < rows.length; i += INSERT_BATCH) {
		const batch = rows.slice(i, i + INSERT_BATCH)
		const values = batch.flatMap((r) => {
			const row: Record<(typeof COLUMNS)[number], unknown> = { ...r, id: newId(), importId, updatedAt: at }
			return COLUMNS.map((c) => row[c])
		})
		await tx.$executeRawUnsafe(sql(batch.length), ...values)
	}
}
