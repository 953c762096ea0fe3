// The Excel 台账 import (issue 11, decision 023) on the shared import lifecycle
// (data-import.server.ts): upload → preview (rows checked, place names matched, rows already
// imported counted) → the administrator confirms the place matches → commit in one transaction.
// Each new row becomes an OFFLINE listing (TRADED, never published) and a COMPLETED deal of origin
// LEDGER_IMPORT; the triggers of decision 018 count it in the statistics and the ledger.
//
// Idempotency: a row's `Deal.externalKey` is `LZHT:<流转合同编码>` when the row has one, else
// `ROW:<SHA-256 of rowContent()>` (every checked field but the row number). A row whose key
// exists is left as it is ("unchanged"): a re-import of the same file adds nothing.
// One audit entry per import (`import:commit`, with the counts), not one per deal.
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Prisma } from '@prisma/client'
import { dealTotalYuan } from '~/domain/deal.ts'
import { checkLedgerRow, matchPlace, placeKey, rowContent, unknownParcelCodes, type LedgerRowValue, type ParcelCodeWarning, type PlaceMatch, type RowError } from '~/domain/ledger-row.ts'
import { areaInMu, priceInYuan } from '~/domain/units.ts'
import { appendAudit } from '~/models/audit.server.ts'
import { claimCommit, discardStaged, enterWritePhase, failImport, getImport, saveMapping, savePreview, setWriteProgress, stagedPath, stageImport, startHeartbeat } from '~/models/data-import.server.ts'
import { parseChinaDate } from '~/utils/calendar-date.ts'
import { prisma } from '~/utils/db.server.ts'
import { readLedgerFile, type ReadProblem } from './read.server.ts'

/** Errors kept in the report (the count says how many there were). */
const REPORT_ERRORS = 200

export type PlacePair = { key: string; town: string; village: string; rows: number; match: PlaceMatch }
export type LedgerReport = {
	errors: RowError[]
	errorCount: number
	places: PlacePair[]
	/** Valid rows whose key is already in the database (left unchanged by the commit). */
	existing: number
	/** Valid rows naming parcel codes the platform does not hold (imported all the same). Absent in reports made before it. */
	parcelWarnings?: ParcelCodeWarning[]
	parcelWarningCount?: number
}

export function externalKey(v: LedgerRowValue) {
	return v.contractCode ? `LZHT:${v.contractCode}` : `ROW:${createHash('sha256').update(rowContent(v)).digest('hex')}`
}

function chinaToday(at: Date) {
	return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

async function places() {
	const villages = await prisma.village.findMany({ select: { id: true, name: true, townId: true, lat: true, lng: true, town: { select: { name: true } } }, orderBy: [{ townId: 'asc' }, { code: 'asc' }] })
	return villages.map((v) => ({ id: v.id, name: v.name, townId: v.townId, townName: v.town.name, lat: v.lat, lng: v.lng }))
}

/** The villages to pick from when a name needs confirming: every village, named with its town. */
export async function villageChoices() {
	return (await places()).map((v) => ({ id: v.id, name: v.name, townName: v.townName }))
}

/** Reads and checks the staged file: the valid rows with their keys, every error, the place pairs. */
async function checkStaged(stagedFile: string, at: Date) {
	const file = stagedPath(stagedFile)
	const { size } = await fs.stat(file)
	const read = await readLedgerFile(file, size)
	if (!read.ok) return { ok: false as const, problem: read.problem, missing: read.missing ?? [] }
	const today = chinaToday(at)
	const errors: RowError[] = [...read.errors]
	const formulaRows = new Set(read.errors.map((e) => e.row))
	const valid: { value: LedgerRowValue; key: string }[] = []
	const seen = new Set<string>()
	for (const r of read.rows) {
		const checked = checkLedgerRow(r.row, r.cells, today)
		if (!checked.ok) errors.push(...checked.errors)
		if (!checked.ok || formulaRows.has(r.row)) continue
		const key = externalKey(checked.value)
		if (seen.has(key)) {
			errors.push({ row: r.row, column: checked.value.contractCode ? 'contractCode' : null, problem: 'duplicate' })
			continue
		}
		seen.add(key)
		valid.push({ value: checked.value, key })
	}
	errors.sort((a, b) => a.row - b.row)
	const invalidRows = new Set(errors.map((e) => e.row)).size
	return { ok: true as const, valid, errors, total: valid.length + invalidRows }
}

async function existingKeys(keys: string[]) {
	const found = new Set<string>()
	for (let i = 0; i < keys.length; i += 500) {
		const rows = await prisma.deal.findMany({ where: { externalKey: { in: keys.slice(i, i + 500) } }, select: { externalKey: true } })
		for (const r of rows) if (r.externalKey) found.add(r.externalKey)
	}
	return found
}

/** Which of `codes` are parcels on the platform. */
async function knownParcelCodes(codes: string[]) {
	const found = new Set<string>()
	const unique = [...new Set(codes)]
	for (let i = 0; i < unique.length; i += 500) {
		const rows = await prisma.parcel.findMany({ where: { code: { in: unique.slice(i, i + 500) } }, select: { code: true } })
		for (const r of rows) found.add(r.code)
	}
	return found
}

function pairsOf(valid: { value: LedgerRowValue }[], villages: Awaited<ReturnType<typeof places>>): PlacePair[] {
	const pairs = new Map<string, PlacePair>()
	for (const { value } of valid) {
		const key = placeKey(value.town, value.village)
		const pair = pairs.get(key) ?? { key, town: value.town, village: value.village, rows: 0, match: matchPlace(value.town, value.village, villages) }
		pair.rows++
		pairs.set(key, pair)
	}
	return [...pairs.values()]
}

/**
 * Stages the upload and computes its preview. A file that cannot be read (not a workbook, no
 * template header, over the row cap …) is refused with the reason and leaves nothing behind.
 */
export async function previewLedger(input: { fileName: string; bytes: Uint8Array; adminId: string; at: Date }): Promise<{ ok: true; id: string } | { ok: false; problem: ReadProblem; missing: string[] }> {
	const staged = await stageImport({ kind: 'LEDGER', fileName: input.fileName, bytes: input.bytes, createdById: input.adminId })
	const checked = await checkStaged(staged.stagedFile!, input.at).catch((error: unknown) => {
		// Refused as unreadable; the cause goes to the log for the operator.
		console.error(`ledger import ${staged.id}: the staged file could not be read`, error)
		return { ok: false as const, problem: 'notXlsx' as const, missing: [] }
	})
	if (!checked.ok) {
		await discardStaged(staged.stagedFile)
		await prisma.dataImport.delete({ where: { id: staged.id } })
		return checked
	}
	const existing = await existingKeys(checked.valid.map((v) => v.key))
	const pairs = pairsOf(checked.valid, await places())
	const values = checked.valid.map((v) => v.value)
	const warnings = unknownParcelCodes(values, await knownParcelCodes(values.flatMap((v) => v.parcelCodes)))
	const report: LedgerReport = {
		errors: checked.errors.slice(0, REPORT_ERRORS),
		errorCount: checked.errors.length,
		places: pairs,
		existing: existing.size,
		parcelWarnings: warnings.slice(0, REPORT_ERRORS),
		parcelWarningCount: warnings.length,
	}
	// The exact matches need no one's word; the others wait for the administrator's.
	const mapping = Object.fromEntries(pairs.flatMap((p) => (p.match.kind === 'exact' ? [[p.key, p.match.villageId]] : [])))
	await savePreview(staged.id, { report, total: checked.total, valid: checked.valid.length, invalid: checked.total - checked.valid.length, mapping })
	return { ok: true, id: staged.id }
}

export function readReport(row: { report: string | null }): LedgerReport | null {
	return row.report ? (JSON.parse(row.report) as LedgerReport) : null
}
export function readMapping(row: { mapping: string | null }): Record<string, string> {
	return row.mapping ? (JSON.parse(row.mapping) as Record<string, string>) : {}
}

/** The administrator's choice of village for each place pair; every pick must be a real village. */
export async function confirmPlaces(id: string, picks: Record<string, string>) {
	const row = await getImport(id, 'LEDGER')
	if (!row || row.status !== 'PREVIEW') return { ok: false as const, problem: 'notOpen' as const }
	const report = readReport(row)
	const known = new Set((report?.places ?? []).map((p) => p.key))
	const ids = [...new Set(Object.values(picks))]
	const villages = await prisma.village.count({ where: { id: { in: ids } } })
	if (villages !== ids.length || Object.keys(picks).some((k) => !known.has(k))) return { ok: false as const, problem: 'badVillage' as const }
	await saveMapping(id, { ...readMapping(row), ...picks, confirmed: 'yes' })
	return { ok: true as const }
}

export type CommitProblem = 'notOpen' | 'unconfirmed' | 'unreadable' | 'failed'
export type CommitResult = { ok: true; inserted: number; unchanged: number } | { ok: false; problem: CommitProblem }

/** Rows written between two yields to the event loop (and two steps of the progress bar). */
const WRITE_CHUNK = 50

/** PREVIEW → RUNNING once the place matches are confirmed; the commit itself is runLedgerCommit. */
async function claimLedgerCommit(id: string): Promise<{ ok: true } | { ok: false; problem: CommitProblem }> {
	const row = await getImport(id, 'LEDGER')
	if (!row || row.status !== 'PREVIEW' || !row.stagedFile) return { ok: false, problem: 'notOpen' }
	const mapping = readMapping(row)
	const report = readReport(row)
	if (mapping.confirmed !== 'yes' || (report?.places ?? []).some((p) => !mapping[p.key])) return { ok: false, problem: 'unconfirmed' }
	if (!(await claimCommit(id))) return { ok: false, problem: 'notOpen' }
	return { ok: true }
}

/**
 * The page's commit: claimed now, run on in the background (the page follows its progress, as the
 * parcel import's does). Returns at once.
 */
export async function startLedgerCommit(id: string, admin: { id: string }, at: Date) {
	const claimed = await claimLedgerCommit(id)
	if (claimed.ok) void runLedgerCommit(id, admin, at)
	return claimed
}

/** Claims and runs the commit to its end (tests, scripts). */
export async function commitLedger(id: string, admin: { id: string }, at: Date): Promise<CommitResult> {
	const claimed = await claimLedgerCommit(id)
	return claimed.ok ? runLedgerCommit(id, admin, at) : claimed
}

/**
 * RUNNING → COMMITTED: the staged file read and checked again, the new rows written in one
 * transaction with the import's audit entry. Anything that throws leaves the import FAILED and
 * nothing written. The rows with errors are not imported (the preview listed them).
 */
export async function runLedgerCommit(id: string, admin: { id: string }, at: Date): Promise<CommitResult> {
	const row = await getImport(id, 'LEDGER')
	if (!row || row.status !== 'RUNNING' || !row.stagedFile) return { ok: false, problem: 'notOpen' }
	const mapping = readMapping(row)
	const stopHeartbeat = startHeartbeat(id)
	try {
		const checked = await checkStaged(row.stagedFile, at)
		if (!checked.ok) {
			await failImport(id, 'unreadable')
			return { ok: false, problem: 'unreadable' }
		}
		const villages = new Map((await places()).map((v) => [v.id, v]))
		// Cancelled while the file was read: stop; from here on the import finishes or fails whole.
		if (!(await enterWritePhase(id))) return { ok: false, problem: 'notOpen' }
		const result = await prisma.$transaction(
			async (tx) => {
				const existing = new Set((await tx.deal.findMany({ where: { externalKey: { in: checked.valid.map((v) => v.key) } }, select: { externalKey: true } })).map((d) => d.externalKey))
				let inserted = 0
				for (const [i, { value, key }] of checked.valid.entries()) {
					if (!existing.has(key)) {
						const village = villages.get(mapping[placeKey(value.town, value.village)] ?? '')
						if (!village) throw new Error(`no village for row ${value.row}`)
						await insertOutsideDeal(tx, value, { village, origin: 'LEDGER_IMPORT', actorId: admin.id, at, filed: true, externalKey: key, importId: id })
						inserted++
					}
					if ((i + 1) % WRITE_CHUNK === 0) {
						setWriteProgress(id, (i + 1) / checked.valid.length)
						await yieldToLoop()
					}
				}
				const unchanged = checked.valid.length - inserted
				const { count } = await tx.dataImport.updateMany({
					where: { id, status: 'RUNNING' },
					data: { status: 'COMMITTED', inserted, unchanged, updated: 0, progress: 1, committedAt: at, stagedFile: null, total: checked.total, valid: checked.valid.length, invalid: checked.total - checked.valid.length },
				})
				// Only the sweep moves a running import meanwhile (its lease ran out): write nothing.
				if (count !== 1) throw new Error('the import is no longer running')
				await appendAudit(tx, {
					actorId: admin.id,
					entityType: 'IMPORT',
					entityId: id,
					action: 'import:commit',
					fromState: 'RUNNING',
					toState: 'COMMITTED',
					params: { kind: 'LEDGER', inserted, unchanged, invalid: checked.total - checked.valid.length },
				})
				return { inserted, unchanged }
			},
			{ timeout: 120_000, maxWait: 10_000 },
		)
		return { ok: true, ...result }
	} catch (error) {
		console.error('ledger import failed', error)
		await failImport(id, 'failed')
		return { ok: false, problem: 'failed' }
	} finally {
		// Committed, cancelled or failed: the import is over either way.
		await stopHeartbeat()
		await discardStaged(row.stagedFile)
	}
}

export type OutsideDeal = {
	village: { id: string; townId: string; lat: number; lng: number }
	origin: 'LEDGER_IMPORT' | 'FILED'
	actorId: string
	at: Date
	/** A 台账 row is filed as it is imported; a village's filing waits for the town (filing.server.ts). */
	filed: boolean
	externalKey?: string | null
	importId?: string | null
	contractFile?: string | null
}

/**
 * Writes one deal done outside the platform (023): its OFFLINE listing (TRADED once filed, else
 * SUBMITTED, never published) and its Deal (COMPLETED once filed, else PENDING_REVIEW) with the
 * LZHT columns. The 台账 import and the village's 备案 filing both come through here.
 */
export async function insertOutsideDeal(tx: Prisma.TransactionClient, v: LedgerRowValue, o: OutsideDeal) {
	const areaMu = areaInMu(v.area, v.areaUnit)
	const listing = await tx.listing.create({
		data: {
			type: v.type,
			status: o.filed ? 'TRADED' : 'SUBMITTED',
			submittedAt: o.at,
			origin: 'OFFLINE',
			title: v.title,
			description: v.feeNote ?? '',
			townId: o.village.townId,
			villageId: o.village.id,
			lat: o.village.lat,
			lng: o.village.lng,
			area: v.area,
			areaUnit: v.areaUnit,
			landClass: v.landClass,
			price: v.price,
			priceUnit: v.priceUnit,
			priceYuan: priceInYuan(v.price, v.priceUnit, v.area, v.areaUnit),
			transferMode: v.transferMode,
			tradingMode: 'NEGOTIATED',
			termYears: v.termYears,
			createdById: o.actorId,
		},
		select: { id: true, title: true },
	})
	if (v.parcelCodes.length > 0) {
		// Parcels already imported are linked (the LZHT export counts them); unknown codes stay on the row only.
		const parcels = await tx.parcel.findMany({ where: { code: { in: v.parcelCodes } }, select: { id: true } })
		if (parcels.length > 0) await tx.listingParcel.createMany({ data: parcels.map((p) => ({ listingId: listing.id, parcelId: p.id })) })
	}
	const deal = await tx.deal.create({
		data: {
			listingId: listing.id,
			...outsideDealTerms(v, areaMu),
			status: o.filed ? 'COMPLETED' : 'PENDING_REVIEW',
			origin: o.origin,
			externalKey: o.externalKey ?? null,
			importId: o.importId ?? null,
			contractFile: o.contractFile ?? null,
			filedAt: o.filed ? o.at : null,
			filedById: o.filed ? o.actorId : null,
		},
		select: { id: true },
	})
	return { listingId: listing.id, title: listing.title, dealId: deal.id }
}

/** The deal's terms and LZHT columns from a checked row (also what a corrected filing rewrites). */
export function outsideDealTerms(v: LedgerRowValue, areaMu = areaInMu(v.area, v.areaUnit)) {
	return {
		outsideBuyerName: v.transferee,
		price: v.price,
		priceUnit: v.priceUnit,
		totalValueYuan: Math.round((v.totalYuan ?? dealTotalYuan(v.price, v.priceUnit, v.area, areaMu, v.termYears)) * 100) / 100,
		area: v.area,
		areaUnit: v.areaUnit,
		termYears: v.termYears,
		transferMode: v.transferMode,
		tradingMode: 'NEGOTIATED',
		contractDate: parseChinaDate(v.contractDate),
		contractCode: v.contractCode,
		contractingContractCode: v.contractingContractCode,
		contractorCode: v.contractorCode,
		transfereeCode: v.transfereeCode,
		startsOn: parseChinaDate(v.startsOn),
		endsOn: parseChinaDate(v.endsOn),
		useBefore: v.useBefore,
		useAfter: v.useAfter,
		feeNote: v.feeNote,
	}
}
