// The append-only, hash-chained audit log. Every state change writes one entry inside the same
// transaction as the change. Each entry's hash covers its fields and the previous entry's hash,
// so editing or deleting any row breaks the chain from there on (verifyAuditChain finds where).
import crypto from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Prisma } from '@prisma/client'
import type { AuditAction } from '~/domain/audit-actions.ts'
import { prisma } from '~/utils/db.server.ts'

export const GENESIS_HASH = '0'.repeat(64)

export type AuditInput = {
	actorId: string | null
	entityType: string
	entityId: string
	action: AuditAction
	fromState?: string | null
	toState?: string | null
	/** What a person wrote (an opinion, a reason): shown as written. */
	reason?: string | null
	/** What the system records about the change (amounts, ISO dates, aliases, codes): rendered in the reader's language (009). */
	params?: AuditParams | null
	/** Only for history written afterwards (the demo seed); live changes take the current time. */
	createdAt?: Date
}

export type AuditParams = Record<string, string | number | boolean | null>

type Tx = Prisma.TransactionClient

type HashedFields = Omit<AuditInput, 'params' | 'action'> & { action: string; params?: string | null; seq: number; createdAt: Date; prevHash: string }

export function auditHash(e: HashedFields) {
	// A fixed field order: JSON of an array, not of an object.
	const canonical = JSON.stringify([
		e.seq,
		e.createdAt.toISOString(),
		e.actorId ?? null,
		e.entityType,
		e.entityId,
		e.action,
		e.fromState ?? null,
		e.toState ?? null,
		e.reason ?? null,
		e.prevHash,
		// Entries written before params existed hash exactly as they did (009).
		...(e.params != null ? [e.params] : []),
	])
	return crypto.createHash('sha256').update(canonical).digest('hex')
}

/** Appends an entry; call inside the transaction that makes the change. */
export async function appendAudit(tx: Tx, input: AuditInput) {
	const last = await tx.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } })
	const seq = (last?.seq ?? 0) + 1
	const prevHash = last?.hash ?? GENESIS_HASH
	const createdAt = input.createdAt ?? new Date()
	const params = input.params ? JSON.stringify(input.params) : null
	const hash = auditHash({ ...input, params, seq, createdAt, prevHash })
	return tx.auditLog.create({
		data: {
			seq,
			createdAt,
			prevHash,
			hash,
			actorId: input.actorId,
			entityType: input.entityType,
			entityId: input.entityId,
			action: input.action,
			fromState: input.fromState ?? null,
			toState: input.toState ?? null,
			reason: input.reason ?? null,
			params,
		},
		select: { seq: true },
	})
}

export type ChainReport = { ok: true; count: number } | { ok: false; count: number; firstBrokenSeq: number; problem: string }

/** Walks the whole chain in order, in pages, and names the first entry that does not verify. */
export async function verifyAuditChain(client: typeof prisma = prisma): Promise<ChainReport> {
	let prevHash = GENESIS_HASH
	let expectedSeq = 1
	let count = 0
	for (let cursor = 0; ; ) {
		const rows = await client.auditLog.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: 'asc' }, take: 1000 })
		if (rows.length === 0) break
		for (const row of rows) {
			count++
			if (row.seq !== expectedSeq) return { ok: false, count, firstBrokenSeq: expectedSeq, problem: `entry ${expectedSeq} is missing` }
			if (row.prevHash !== prevHash) return { ok: false, count, firstBrokenSeq: row.seq, problem: 'prevHash does not match the previous entry' }
			if (auditHash(row) !== row.hash) return { ok: false, count, firstBrokenSeq: row.seq, problem: 'contents do not match the stored hash' }
			prevHash = row.hash
			expectedSeq++
		}
		cursor = rows[rows.length - 1].seq
		// The driver's promises resolve as microtasks: without a turn of the event loop the whole
		// walk would hold every other request (018).
		await nextTurn()
	}
	return { ok: true, count }
}

export async function listAudit({ page = 1, pageSize = 50, entityType, entityId }: { page?: number; pageSize?: number; entityType?: string; entityId?: string }) {
	const where = { ...(entityType ? { entityType } : {}), ...(entityId ? { entityId } : {}) }
	// Unfiltered, the count is the last seq: the chain numbers entries 1, 2, 3… without gaps.
	const total = entityType || entityId ? prisma.auditLog.count({ where }) : prisma.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } }).then((e) => e?.seq ?? 0)
	const [count, rows] = await Promise.all([
		total,
		prisma.auditLog.findMany({
			where,
			orderBy: { seq: 'desc' },
			skip: (page - 1) * pageSize,
			take: pageSize,
			select: {
				seq: true,
				createdAt: true,
				entityType: true,
				entityId: true,
				action: true,
				fromState: true,
				toState: true,
				reason: true,
				params: true,
				hash: true,
				actor: { select: { id: true, name: true, role: true } },
			},
		}),
	])
	return { total: count, rows }
}
