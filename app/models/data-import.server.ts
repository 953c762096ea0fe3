// The one lifecycle of an administrator's data import (decision 023), shared by the 确权 parcel
// layer and the Excel ledger: the upload is staged to a private file and checked into a preview
// report (PREVIEW); the administrator commits it (RUNNING, with progress, then COMMITTED) or cancels
// it (CANCELLED); a commit that throws is FAILED with nothing written, because each kind's commit
// runs in one transaction. Only the staged file and this row exist before the commit.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { appendAudit } from '~/models/audit.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { uploadDir } from '~/utils/env.server.ts'

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

/** PREVIEW → RUNNING, once: a second click (or a second instance) gets false and starts nothing. */
export async function claimCommit(id: string) {
	const { count } = await prisma.dataImport.updateMany({ where: { id, status: 'PREVIEW' }, data: { status: 'RUNNING', progress: 0, error: null } })
	return count === 1
}

export async function setProgress(id: string, progress: number) {
	await prisma.dataImport.updateMany({ where: { id, status: 'RUNNING' }, data: { progress: Math.max(0, Math.min(1, progress)) } })
}

/** Whether the administrator cancelled meanwhile: the running commit checks between chunks and rolls back. */
export async function cancelRequested(id: string) {
	const row = await prisma.dataImport.findUnique({ where: { id }, select: { status: true } })
	return row?.status === 'CANCELLED'
}

/** PREVIEW or RUNNING → CANCELLED. A running commit sees it, rolls back and leaves it so. */
export async function cancelImport(id: string, actorId: string) {
	return prisma.$transaction(async (tx) => {
		const row = await tx.dataImport.findUnique({ where: { id }, select: { status: true, kind: true } })
		if (!row || (row.status !== 'PREVIEW' && row.status !== 'RUNNING')) return false
		await tx.dataImport.update({ where: { id }, data: { status: 'CANCELLED' } })
		await appendAudit(tx, { actorId, entityType: 'IMPORT', entityId: id, action: 'import:cancel', fromState: row.status, toState: 'CANCELLED', params: { kind: row.kind } })
		return true
	})
}

/** RUNNING → FAILED with the reason (a message code the page translates). */
export async function failImport(id: string, error: string) {
	await prisma.dataImport.updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'FAILED', error } })
}

/** Removes the staged file once the import is over (committed, cancelled or failed). */
export async function discardStaged(stagedFile: string | null) {
	if (stagedFile) await fs.rm(stagedPath(stagedFile), { force: true })
}
