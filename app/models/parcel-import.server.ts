// The 确权 parcel import (issue 11, decision 023) on the shared import lifecycle
// (data-import.server.ts): a file is read and checked into a preview without writing anything
// but the staged file and the import row; the commit re-reads the staged file with the stored
// choices, off the request (chunks that yield), and writes every new or changed parcel in one
// transaction keyed on DKBM, so a re-import of the same file changes nothing and a cancel or a
// failure leaves nothing half-imported.
import fs from 'node:fs/promises'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { appendAudit } from '~/models/audit.server.ts'
import { claimCommit, cancelRequested, discardStaged, enterWritePhase, failImport, getImport, savePreview, setProgress, setWriteProgress, stageImport, stagedPath, startHeartbeat } from '~/models/data-import.server.ts'
import { countyArea } from '~/domain/parcel-validation.ts'
import { prisma } from '~/utils/db.server.ts'
import { analyse, outlines, NO_CHOICES, type Analysis, type ImportChoices, type ImportContext, type ParcelRow } from './parcel-import/analyse.server.ts'
import { readParcelFile } from './parcel-import/read.server.ts'
import { ImportRefusal } from './parcel-import/refusal.server.ts'
import { insertParcels } from './parcel-import/write.server.ts'

export { ImportRefusal }

/**
 * Codes per lookup of existing parcels, and updates between two yields to the event loop (on
 * SQLite the loop is held for one chunk at a time, which the yields between chunks bound).
 */
const CHUNK = 1000
/** New parcels between two yields (write.server.ts sends them in statements of INSERT_BATCH rows). */
const WRITE_CHUNK = 1000
/** One transaction of 50,000 inserts: generous, and on PostgreSQL well past the 15 s default. */
const COMMIT_TIMEOUT_MS = 10 * 60_000

export async function loadContext(): Promise<ImportContext> {
	const [villages, towns] = await Promise.all([
		prisma.village.findMany({ select: { id: true, code: true, townId: true, name: true, nameEn: true, lat: true, lng: true }, orderBy: { code: 'asc' } }),
		prisma.town.findMany({ select: { lat: true, lng: true } }),
	])
	// Employer codes earlier imports tied to a village: one row per code is enough.
	const learnedRows = await prisma.parcel.findMany({ where: { villageId: { not: null } }, distinct: ['employerCode'], select: { employerCode: true, villageId: true } })
	return {
		villages,
		county: countyArea([...villages, ...towns]),
		learned: new Map(learnedRows.flatMap((r) => (r.villageId ? [[r.employerCode, r.villageId] as const] : []))),
	}
}

const COMPARED = ['name', 'townId', 'villageId', 'employerCode', 'contractorCode', 'parcelClass', 'landUse', 'grade', 'basicFarmland', 'surveyedAreaM2', 'surveyedAreaMu', 'computedAreaM2', 'east', 'south', 'west', 'north', 'surveyorName', 'remark', 'geometry', 'minLng', 'minLat', 'maxLng', 'maxLat'] as const
const comparedSelect = Object.fromEntries([['code', true], ...COMPARED.map((k) => [k, true])]) as { code: true } & Record<(typeof COMPARED)[number], true>

export type Diff = { toInsert: ParcelRow[]; toUpdate: ParcelRow[]; unchanged: number }

/** Which rows are new, which change an existing parcel (same DKBM), which are already there as they are. */
export async function diffExisting(rows: ParcelRow[]): Promise<Diff> {
	const diff: Diff = { toInsert: [], toUpdate: [], unchanged: 0 }
	for (let i = 0; i < rows.length; i += CHUNK) {
		const chunk = rows.slice(i, i + CHUNK)
		const existing = await prisma.parcel.findMany({ where: { code: { in: chunk.map((r) => r.code) } }, select: comparedSelect })
		const byCode = new Map(existing.map((e) => [e.code, e]))
		for (const row of chunk) {
			const before = byCode.get(row.code)
			if (!before) diff.toInsert.push(row)
			else if (COMPARED.some((k) => before[k] !== row[k])) diff.toUpdate.push(row)
			else diff.unchanged++
		}
		// better-sqlite3 answers synchronously: without a turn of the event loop between chunks,
		// a 50,000-row comparison would hold every other request for its whole length.
		await yieldToLoop()
	}
	return diff
}

export type ParcelReport = {
	format: string
	encoding: string | null
	epsg: number
	columns: string[]
	mapping: Analysis['mapping']
	counts: { features: number; valid: number; invalid: number; new: number; update: number; unchanged: number }
	errors: Analysis['errors']
	problemCounts: Analysis['problemCounts']
	villages: Analysis['villages']
	bbox: Analysis['bbox']
	outlines: number[][][][]
	/** The first valid parcels as read, so the administrator sees names and areas came through right. */
	samples: { code: string; name: string | null; surveyedAreaM2: number; surveyedAreaMu: number; parcelClass: string | null; basicFarmland: boolean | null }[]
}

async function report(fileName: string, bytes: Buffer, choices: ImportChoices) {
	const source = await readParcelFile(fileName, bytes)
	const analysis = await analyse(source, await loadContext(), choices)
	const diff = await diffExisting(analysis.rows)
	const value: ParcelReport = {
		format: source.format,
		encoding: source.encoding,
		epsg: source.crs.epsg,
		columns: source.columns,
		mapping: analysis.mapping,
		counts: { features: analysis.total, valid: analysis.rows.length, invalid: analysis.invalid, new: diff.toInsert.length, update: diff.toUpdate.length, unchanged: diff.unchanged },
		errors: analysis.errors,
		problemCounts: analysis.problemCounts,
		villages: analysis.villages,
		bbox: analysis.bbox,
		outlines: outlines(analysis.rows),
		samples: analysis.rows.slice(0, 5).map((r) => ({ code: r.code, name: r.name, surveyedAreaM2: r.surveyedAreaM2, surveyedAreaMu: r.surveyedAreaMu, parcelClass: r.parcelClass, basicFarmland: r.basicFarmland })),
	}
	return { value, total: analysis.total, valid: analysis.rows.length, invalid: analysis.invalid, sourceCrs: `EPSG:${source.crs.epsg}` }
}

/** Reads and checks the upload; only a file that can be read is staged (a refusal writes nothing). */
export async function previewParcelFile(input: { fileName: string; bytes: Buffer; actorId: string }) {
	const preview = await report(input.fileName, input.bytes, NO_CHOICES)
	const staged = await stageImport({ kind: 'PARCELS', fileName: input.fileName, bytes: input.bytes, createdById: input.actorId })
	await savePreview(staged.id, { report: preview.value, total: preview.total, valid: preview.valid, invalid: preview.invalid, sourceCrs: preview.sourceCrs, mapping: NO_CHOICES })
	return staged.id
}

/** The villages an administrator may assign employer codes to, by town. */
export function villageChoices() {
	return prisma.village.findMany({ select: { id: true, name: true, nameEn: true, town: { select: { name: true, nameEn: true } } }, orderBy: [{ townId: 'asc' }, { code: 'asc' }] })
}

export function readChoices(mapping: string | null): ImportChoices {
	if (!mapping) return NO_CHOICES
	const value = JSON.parse(mapping) as Partial<ImportChoices>
	return { fields: value.fields ?? null, villages: value.villages ?? {} }
}

/** The administrator's mapping and village choices: the preview is computed again with them. */
export async function remapParcelImport(id: string, choices: ImportChoices) {
	const row = await getImport(id, 'PARCELS')
	if (!row || row.status !== 'PREVIEW' || !row.stagedFile) return false
	const bytes = await fs.readFile(stagedPath(row.stagedFile))
	const preview = await report(row.fileName, bytes, choices)
	await savePreview(id, { report: preview.value, total: preview.total, valid: preview.valid, invalid: preview.invalid, sourceCrs: preview.sourceCrs, mapping: choices })
	return true
}

class Cancelled extends Error {}

/**
 * PREVIEW → RUNNING, then the commit runs on in the background (the request returns at once; the
 * page follows its progress). Returns false when the import was not waiting for a commit.
 */
export async function startParcelCommit(id: string, actorId: string) {
	const row = await getImport(id, 'PARCELS')
	if (!row || row.status !== 'PREVIEW') return false
	const villages = row.report ? (JSON.parse(row.report) as ParcelReport).villages : []
	if (villages.some((v) => !v.villageId)) return false
	if (!(await claimCommit(id))) return false
	void runParcelCommit(id, actorId)
	return true
}

/**
 * The commit itself (exported for tests and the timing script, which await it). `afterProgress`
 * runs after each reading chunk's progress is stored, before the next chunk: a test cancels there,
 * at a known point, instead of racing the reader.
 */
export async function runParcelCommit(id: string, actorId: string, afterProgress?: () => Promise<void>) {
	const row = await getImport(id, 'PARCELS')
	if (!row || row.status !== 'RUNNING' || !row.stagedFile) return
	const stopHeartbeat = startHeartbeat(id)
	try {
		const bytes = await fs.readFile(stagedPath(row.stagedFile))
		const source = await readParcelFile(row.fileName, bytes)
		const total = source.features.length || 1
		// Reading and checking: the bar up to the write phase; the cancel is seen between chunks.
		const analysis = await analyse(source, await loadContext(), readChoices(row.mapping), async (done) => {
			if (await cancelRequested(id)) throw new Cancelled()
			await setProgress(id, 0.5 * (done / total))
			await afterProgress?.()
		})
		if (analysis.rows.some((r) => !r.villageId)) throw new ImportRefusal('noFeatures', { reason: 'villagesUnmatched' })
		const diff = await diffExisting(analysis.rows)
		// From here on the import finishes or fails whole: a cancel is answered 'finishing'.
		if (!(await enterWritePhase(id))) throw new Cancelled()
		const writes = diff.toInsert.length + diff.toUpdate.length || 1
		await prisma.$transaction(
			async (tx) => {
				let written = 0
				const step = async (n: number) => {
					written += n
					setWriteProgress(id, written / writes)
					// As in diffExisting: let other requests in between chunks.
					await yieldToLoop()
				}
				for (let i = 0; i < diff.toInsert.length; i += WRITE_CHUNK) {
					const chunk = diff.toInsert.slice(i, i + WRITE_CHUNK)
					await insertParcels(tx, chunk, id)
					await step(chunk.length)
				}
				for (let i = 0; i < diff.toUpdate.length; i += CHUNK) {
					const chunk = diff.toUpdate.slice(i, i + CHUNK)
					for (const r of chunk) await tx.parcel.update({ where: { code: r.code }, data: { ...r, importId: id }, select: { id: true } })
					await step(chunk.length)
				}
				const counts = { inserted: diff.toInsert.length, updated: diff.toUpdate.length, unchanged: diff.unchanged }
				const { count } = await tx.dataImport.updateMany({
					where: { id, status: 'RUNNING' },
					data: { status: 'COMMITTED', progress: 1, committedAt: new Date(), ...counts },
				})
				// Only the sweep moves a running import meanwhile (its lease ran out): write nothing.
				if (count !== 1) throw new Error('the import is no longer running')
				await appendAudit(tx, { actorId, entityType: 'IMPORT', entityId: id, action: 'import:commit', fromState: 'RUNNING', toState: 'COMMITTED', params: { kind: 'PARCELS', ...counts } })
			},
			{ timeout: COMMIT_TIMEOUT_MS, maxWait: 30_000 },
		)
	} catch (error) {
		if (!(error instanceof Cancelled)) {
			const reason = error instanceof ImportRefusal ? (error.params.reason ? String(error.params.reason) : error.code) : 'writeFailed'
			if (!(error instanceof ImportRefusal)) console.error('parcel import failed', id, error)
			await failImport(id, reason)
		}
	} finally {
		await stopHeartbeat()
		await discardStaged(row.stagedFile)
	}
}
