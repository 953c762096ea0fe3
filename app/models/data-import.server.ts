// The one lifecycle of an administrator's data import (decision 023), shared by the 确权 parcel
// layer and the Excel ledger: the upload is staged to a private file and checked into a preview
// report (PREVIEW); the administrator commits it (RUNNING, with progress, then COMMITTED) or cancels
// it (CANCELLED); a commit that throws is FAILED with nothing written, because each kind's commit
// runs in one transaction. Only the staged file and this row exist before the commit.
//
// A commit has two phases. Reading and checking (progress 0 → WRITE_PHASE) can be cancelled: the
// commit sees the cancel between chunks. The final write (WRITE_PHASE → 1) is the one transaction;
// once it has begun the import finishes (or fails) whole and a cancel is refused at once
// (`cancelImport` returns 'finishing') instead of waiting on the transaction's locks — on SQLite
// the one connection is the transaction's until it ends. The write phase's progress is kept in this
// process's memory (a write from outside the transaction would wait on it, or on PostgreSQL conflict
// with it), so the page the importing process serves shows it; another instance's shows WRITE_PHASE.
//
// A running commit holds the lease `import:<id>` (lease.server.ts) and renews it every
// HEARTBEAT_MS. A process killed mid-commit stops renewing it: once it has run out
// (IMPORT_STALE_MS), the sweep marks the import FAILED ('interrupted'). Its transaction never
// committed, so nothing of it was written.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { appendAudit } from '~/models/audit.server.ts'
import { holdLease, releaseLease, THIS_PROCESS } from '~/models/lease.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { uploadDir } from '~/utils/env.server.ts'
import { singleton } from '~/utils/singleton.server.ts'

export const IMPORT_KINDS = ['PARCELS', 'LEDGER'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]
export const IMPORT_STATUSES = ['PREVIEW', 'RUNNING', 'COMMITTED', 'FAILED', 'CANCELLED'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

/** Where staged imports wait for their commit: private (never served), removed once done. */
export function importDir() {
	return path.join(uploadDir(), 'private', 'imports')
}

export const importSelect = {
	id: true,
	kind: true,
	status: true,
	fileName: true,
	fileHash: true,
	stagedFile: true,
	sourceCrs: true,
	mapping: true,
	report: true,
	total: true,
	valid: true,
	invalid: true,
	inserted: true,
	updated: true,
	unchanged: true,
	progress: true,
	error: true,
	townId: true,
	createdById: true,
	createdAt: true,
	committedAt: true,
} as const

/** Writes the uploaded bytes to a private staged file (0600) and opens a PREVIEW import for them. */
export async function stageImport(input: { kind: ImportKind; fileName: string; bytes: Uint8Array; createdById: string; townId?: string | null }) {
	await fs.mkdir(importDir(), { recursive: true })
	const stagedFile = `${randomUUID()}${path.extname(input.fileName).toLowerCase().replace(/[^.a-z0-9]/g, '')}`
	await fs.writeFile(path.join(importDir(), stagedFile), input.bytes, { mode: 0o600 })
	return prisma.dataImport.create({
		data: {
			kind: input.kind,
			fileName: input.fileName.slice(0, 200),
			fileHash: createHash('sha256').update(input.bytes).digest('hex'),
			stagedFile,
			townId: input.townId ?? null,
			createdById: input.createdById,
		},
		select: importSelect,
	})
}

export function stagedPath(stagedFile: string) {
	// The name was made by stageImport; basename keeps a tampered row inside the directory.
	return path.join(importDir(), path.basename(stagedFile))
}

export async function getImport(id: string, kind: ImportKind) {
	return prisma.dataImport.findFirst({ where: { id, kind }, select: importSelect })
}

export async function listImports(kind: ImportKind, take = 20) {
	return prisma.dataImport.findMany({ where: { kind }, orderBy: { createdAt: 'desc' }, take, select: importSelect })
}

/** Stores the preview's report and counts (the report is JSON the kind's page renders). */
export async function savePreview(id: string, preview: { report: unknown; total: number; valid: number; invalid: number; sourceCrs?: string | null; mapping?: unknown }) {
	return prisma.dataImport.update({
		where: { id },
		data: {
			report: JSON.stringify(preview.report),
			total: preview.total,
			valid: preview.valid,
			invalid: preview.invalid,
			sourceCrs: preview.sourceCrs ?? null,
			mapping: preview.mapping === undefined ? undefined : JSON.stringify(preview.mapping),
		},
		select: importSelect,
	})
}

/** Replaces the import's mapping (a kind's choices made on the preview) while it is still a PREVIEW. */
export async function saveMapping(id: string, mapping: unknown) {
	const { count } = await prisma.dataImport.updateMany({ where: { id, status: 'PREVIEW' }, data: { mapping: JSON.stringify(mapping) } })
	return count === 1
}

/** Where the final write begins on the progress bar: before it a cancel stops the commit, after it the commit finishes. */
export const WRITE_PHASE = 0.55
/** A running commit's lease lasts this long unrenewed: then the sweep takes it for dead. */
export const IMPORT_STALE_MS = 2 * 60_000
/** How often a running commit renews its lease. */
export const HEARTBEAT_MS = 20_000

const leaseName = (id: string) => `import:${id}`

/**
 * PREVIEW → RUNNING, once: a second click (or a second instance) gets false and starts nothing.
 * The commit's lease is taken in the same transaction, so a RUNNING import always has one.
 */
export async function claimCommit(id: string) {
	return prisma.$transaction(async (tx) => {
		const { count } = await tx.dataImport.updateMany({ where: { id, status: 'PREVIEW' }, data: { status: 'RUNNING', progress: 0, error: null } })
		if (count !== 1) return false
		const lease = { holder: THIS_PROCESS, expiresAt: new Date(Date.now() + IMPORT_STALE_MS) }
		await tx.lease.upsert({ where: { name: leaseName(id) }, create: { name: leaseName(id), ...lease }, update: lease, select: { name: true } })
		return true
	})
}

/** Renews the commit's lease every HEARTBEAT_MS until the returned function is called (which gives it up). */
export function startHeartbeat(id: string) {
	const timer = setInterval(() => {
		holdLease(leaseName(id), IMPORT_STALE_MS).catch((error: unknown) => console.error('import heartbeat failed', id, error))
	}, HEARTBEAT_MS)
	timer.unref()
	return async () => {
		clearInterval(timer)
		liveProgress().delete(id)
		await releaseLease(leaseName(id)).catch((error: unknown) => console.error('import lease release failed', id, error))
	}
}

export async function setProgress(id: string, progress: number) {
	await prisma.dataImport.updateMany({ where: { id, status: 'RUNNING' }, data: { progress: Math.max(0, Math.min(1, progress)) } })
}

/** The write phase's progress, by import, in this process (see the top of this file). */
const liveProgress = () => singleton('import-progress', () => new Map<string, number>())

/**
 * RUNNING → the final write, unless cancelled meanwhile: true when the commit may write (a cancel
 * from now on is refused), false when it was cancelled.
 */
export async function enterWritePhase(id: string) {
	const { count } = await prisma.dataImport.updateMany({ where: { id, status: 'RUNNING', progress: { lt: WRITE_PHASE } }, data: { progress: WRITE_PHASE } })
	if (count === 1) liveProgress().set(id, WRITE_PHASE)
	return count === 1
}

/** Progress within the final write (`fraction` of its rows written), for this process's pages. */
export function setWriteProgress(id: string, fraction: number) {
	liveProgress().set(id, WRITE_PHASE + (1 - WRITE_PHASE) * Math.max(0, Math.min(1, fraction)))
}

/** The progress to show for an import: this process's write phase if it runs here, else the stored one. */
export function shownProgress(row: { id: string; status: string; progress: number }) {
	return row.status === 'RUNNING' ? Math.max(row.progress, liveProgress().get(row.id) ?? 0) : row.progress
}

/** Whether the administrator cancelled meanwhile: the running commit checks between chunks and rolls back. */
export async function cancelRequested(id: string) {
	const row = await prisma.dataImport.findUnique({ where: { id }, select: { status: true } })
	return row?.status === 'CANCELLED'
}

export type CancelResult = 'cancelled' | 'finishing' | 'notOpen'

/**
 * PREVIEW, or RUNNING before its final write → CANCELLED; a running commit sees it and stops.
 * During the final write the answer is 'finishing' at once: the write completes or fails whole.
 */
export async function cancelImport(id: string, actorId: string): Promise<CancelResult> {
	const seen = await prisma.dataImport.findUnique({ where: { id }, select: { status: true, progress: true } })
	if (seen?.status === 'RUNNING' && (seen.progress >= WRITE_PHASE || liveProgress().has(id))) return 'finishing'
	if (seen?.status !== 'PREVIEW' && seen?.status !== 'RUNNING') return 'notOpen'
	return prisma.$transaction(async (tx) => {
		const row = await tx.dataImport.findUnique({ where: { id }, select: { status: true, kind: true, progress: true } })
		if (row?.status === 'RUNNING' && row.progress >= WRITE_PHASE) return 'finishing'
		if (!row || (row.status !== 'PREVIEW' && row.status !== 'RUNNING')) return 'notOpen'
		const { count } = await tx.dataImport.updateMany({ where: { id, status: row.status, progress: { lt: WRITE_PHASE } }, data: { status: 'CANCELLED' } })
		if (count !== 1) return 'finishing'
		await appendAudit(tx, { actorId, entityType: 'IMPORT', entityId: id, action: 'import:cancel', fromState: row.status, toState: 'CANCELLED', params: { kind: row.kind } })
		return 'cancelled'
	})
}

/** RUNNING → FAILED with the reason (a message code the page translates). */
export async function failImport(id: string, error: string) {
	await prisma.dataImport.updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'FAILED', error } })
}

/**
 * The sweep's part (sweep.server.ts): RUNNING imports whose commit's lease ran out — the process
 * that ran it died — become FAILED ('interrupted'), with their staged file removed. Their one
 * transaction never committed, so there is nothing else to undo. Wall-clock time, as for leases.
 */
export async function failStaleImports(at = new Date()) {
	const running = await prisma.dataImport.findMany({ where: { status: 'RUNNING' }, select: { id: true, kind: true, stagedFile: true }, take: 50 })
	let failed = 0
	for (const row of running) {
		const done = await prisma.$transaction(async (tx) => {
			const lease = await tx.lease.findUnique({ where: { name: leaseName(row.id) }, select: { expiresAt: true } })
			if (lease && lease.expiresAt >= at) return false
			const { count } = await tx.dataImport.updateMany({ where: { id: row.id, status: 'RUNNING' }, data: { status: 'FAILED', error: 'interrupted' } })
			if (count !== 1) return false
			await tx.lease.deleteMany({ where: { name: leaseName(row.id) } })
			await appendAudit(tx, { actorId: null, entityType: 'IMPORT', entityId: row.id, action: 'import:fail', fromState: 'RUNNING', toState: 'FAILED', params: { kind: row.kind, reason: 'interrupted' } })
			return true
		})
		if (done) {
			failed++
			await discardStaged(row.stagedFile)
		}
	}
	return failed
}

/** Removes the staged file once the import is over (committed, cancelled or failed). */
export async function discardStaged(stagedFile: string | null) {
	if (stagedFile) await fs.rm(stagedPath(stagedFile), { force: true })
}
