// Uploaded files and their rows stay in step across crashes. A file is written under a pending
// name (a leading dot: never served, see upload-path.server.ts) and moved to its real name only
// after its row committed. A crash in between leaves a pending file, which the sweep finishes
// (its row exists: move it) or removes (no row after PENDING_MAX_AGE_MS: the upload never happened).
import fs from 'node:fs/promises'
import path from 'node:path'
import { prisma } from '~/utils/db.server.ts'
import { uploadDir } from '~/utils/env.server.ts'

/** Longer than any upload takes; another server process may be between write and commit. */
export const PENDING_MAX_AGE_MS = 15 * 60 * 1000

export const pendingName = (name: string) => `.${name}`

/** The directories holding uploads: photos, and contracts under private/ (deal.server.ts). */
function uploadDirs() {
	return [uploadDir(), path.join(uploadDir(), 'private')]
}

/**
 * Moves files written under their pending names to their real names (after the row committed). The
 * sweep may have moved one first, seeing its committed row (a deal's contract was answered with a
 * 500 that way in CI): a file already under its real name is done.
 */
export async function commitUploads(dir: string, names: string[]) {
	await Promise.all(
		names.map(async (name) => {
			try {
				await fs.rename(path.join(dir, pendingName(name)), path.join(dir, name))
			} catch (error) {
				const moved = (error as NodeJS.ErrnoException).code === 'ENOENT' && (await fs.stat(path.join(dir, name)).catch(() => null))
				if (!moved) throw error
			}
		}),
	)
}

/** Removes files under their pending names (the row was not written). */
export async function discardPendingUploads(dir: string, names: string[]) {
	await Promise.all(names.map((name) => fs.rm(path.join(dir, pendingName(name)), { force: true })))
}

async function referenced(names: string[]) {
	const [photos, deals, changes] = await Promise.all([
		prisma.listingPhoto.findMany({ where: { OR: [{ file: { in: names } }, { thumbFile: { in: names } }] }, select: { file: true, thumbFile: true } }),
		prisma.deal.findMany({ where: { contractFile: { in: names } }, select: { contractFile: true } }),
		// A change's documents are listed in its JSON column (deal-change.server.ts).
		prisma.dealChange.findMany({ where: { OR: names.map((name) => ({ documents: { contains: name } })) }, select: { documents: true } }),
	])
	const documents = changes.flatMap((c) => names.filter((name) => c.documents.includes(name)))
	return new Set([...photos.flatMap((p) => [p.file, p.thumbFile]), ...deals.map((d) => d.contractFile), ...documents])
}

/** Finishes or removes pending files left by a crash. Returns how many were moved and removed. */
export async function sweepPendingUploads(now = Date.now()) {
	let moved = 0
	let removed = 0
	for (const dir of uploadDirs()) {
		const pending = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.startsWith('.') && f.length > 1)
		if (pending.length === 0) continue
		const names = pending.map((f) => f.slice(1))
		const rows = await referenced(names)
		for (const name of names) {
			const file = path.join(dir, pendingName(name))
			// Another process may be finishing the same file: a file gone meanwhile is not an error.
			if (rows.has(name)) {
				if (await fs.rename(file, path.join(dir, name)).then(() => true, () => false)) moved++
			} else if (now - ((await fs.stat(file).catch(() => null))?.mtimeMs ?? now) > PENDING_MAX_AGE_MS) {
				await fs.rm(file, { force: true })
				removed++
			}
		}
	}
	return { moved, removed }
}
