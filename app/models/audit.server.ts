// The append-only, hash-chained audit log. Every state change writes one entry inside the same
// transaction as the change. Each entry's hash covers its fields and the previous entry's hash,
// so editing or deleting any row breaks the chain from there on (verifyAuditChain finds where).
// A change's transaction writes its entries to AuditPending, not to the chain: reading the chain's
// head would make every two writers conflict, so they would have to take turns. Once it commits,
// the chainer moves them into AuditLog, and the transaction's caller waits for that (decision 038).
import crypto from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Prisma } from '@prisma/client'
import type { AuditAction } from '~/domain/audit-actions.ts'
import { afterCommit, engine, prisma } from '~/utils/db.server.ts'

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

/**
 * Appends an entry; call inside the transaction that makes the change. The entry joins the chain
 * right after the commit, before the transaction's caller goes on (never if it rolls back).
 */
export async function appendAudit(tx: Tx, input: AuditInput) {
	await tx.auditPending.create({
		data: {
			createdAt: input.createdAt ?? new Date(),
			actorId: input.actorId,
			entityType: input.entityType,
			entityId: input.entityId,
			action: input.action,
			fromState: input.fromState ?? null,
			toState: input.toState ?? null,
			reason: input.reason ?? null,
			params: input.params ? JSON.stringify(input.params) : null,
		},
		select: { id: true },
	})
	afterCommit(tx, chainAudit)
}

/** Entries chained per transaction of the chainer. */
const CHAIN_BATCH = 500

/**
 * The chainer's transaction is the only writer of AuditLog. On PostgreSQL it reads committed rows
 * (not a snapshot from before the previous chainer's commit), and it locks AuditLog against the
 * chainers of other processes; writers append to AuditPending and never wait on this lock.
 * SQLite's BEGIN IMMEDIATE already makes it wait for every other writer.
 */
// The SQLite client's types know only Serializable; PostgreSQL's client takes ReadCommitted.
const chainTransaction = engine === 'postgresql' ? { isolationLevel: 'ReadCommitted' as Prisma.TransactionIsolationLevel } : {}
const lockChain = (tx: Tx) => (engine === 'postgresql' ? tx.$executeRawUnsafe('LOCK TABLE "AuditLog" IN SHARE ROW EXCLUSIVE MODE') : Promise.resolve(0))

/** Moves every committed pending entry into the chain, oldest first. Returns how many. */
async function chainPending() {
	let chained = 0
	for (;;) {
		const moved = await prisma.$transaction(async (tx) => {
			await lockChain(tx)
			const pending = await tx.auditPending.findMany({ orderBy: { id: 'asc' }, take: CHAIN_BATCH })
			if (pending.length === 0) return 0
			const last = await tx.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } })
			let seq = last?.seq ?? 0
			let prevHash = last?.hash ?? GENESIS_HASH
			const entries = pending.map(({ id: _, ...entry }) => {
				seq++
				const hash = auditHash({ ...entry, seq, prevHash })
				const chained = { ...entry, seq, prevHash, hash }
				prevHash = hash
				return chained
			})
			await tx.auditLog.createMany({ data: entries })
			await tx.auditPending.deleteMany({ where: { id: { in: pending.map((p) => p.id) } } })
			return pending.length
		}, chainTransaction)
		chained += moved
		if (moved < CHAIN_BATCH) return chained
	}
}

let running: Promise<number> | null = null
let queued: Promise<number> | null = null

/**
 * Chains whatever has been committed by the time it is called. Calls while a run is under way wait
 * for one more run after it (their entries may have committed after its read), and share it: under
 * load one short transaction chains the entries of many writers. A failure leaves the entries
 * pending for the next run or the sweep; the changes themselves are committed already.
 */
export function chainAudit(): Promise<number> {
	if (!running) {
		running = chainPending()
			.catch((error: unknown) => {
				console.error('audit chaining failed; the entries wait for the next run', error)
				return 0
			})
			.finally(() => (running = null))
		return running
	}
	queued ??= running.then(() => {
		queued = null
		return chainAudit()
	})
	return queued
}

/** Entries committed and not yet chained: normally none for more than a moment. */
export const pendingAuditCount = () => prisma.auditPending.count()

/**
 * The entries of these entities as `db` sees them: chained ones in chain order, then those not yet
 * chained (seq and hash null), such as the ones the calling transaction wrote itself. For records
 * frozen inside a transaction (the dossier), which must include the transaction's own entries.
 */
export async function auditTrail(db: Tx, entityIds: string[]) {
	const [chained, pending] = await Promise.all([
		db.auditLog.findMany({
			where: { entityId: { in: entityIds } },
			orderBy: { seq: 'asc' },
			select: { seq: true, createdAt: true, entityType: true, entityId: true, action: true, fromState: true, toState: true, reason: true, params: true, hash: true, actor: { select: { name: true, role: true } } },
		}),
		db.auditPending.findMany({
			where: { entityId: { in: entityIds } },
			orderBy: { id: 'asc' },
			select: { createdAt: true, entityType: true, entityId: true, action: true, fromState: true, toState: true, reason: true, params: true, actorId: true },
		}),
	])
	const actorIds = [...new Set(pending.flatMap((e) => (e.actorId ? [e.actorId] : [])))]
	const actors = new Map((actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, role: true } }) : []).map(({ id, ...a }) => [id, a]))
	return [
		...chained,
		...pending.map(({ actorId, ...e }) => ({ seq: null, ...e, hash: null, actor: (actorId && actors.get(actorId)) || null })),
	]
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
