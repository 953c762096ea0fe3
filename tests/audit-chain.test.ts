// The audit chain is filled in after commit (decision 038): writers append to AuditPending without
// reading the chain's head, so on PostgreSQL two writers no longer wait for each other; the chainer
// moves committed entries into AuditLog before the writer's $transaction returns. Entries a crash
// left pending join the chain on the next run; a rolled-back transaction leaves none; and writers in
// two processes at once end with one unbroken chain.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testEngine } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Audit = typeof import('~/models/audit.server.ts')

let dir: string
let url: string
let prisma: Db['prisma']
let audit: Audit

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-chain-test-'))
	url = await createTestDatabase(dir)
	process.env.DATABASE_URL = url
	;({ prisma } = await import('~/utils/db.server.ts'))
	audit = await import('~/models/audit.server.ts')
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const entry = (entityId: string) => ({ actorId: null, entityType: 'LISTING', entityId, action: 'submit' as const, fromState: 'DRAFT', toState: 'SUBMITTED' })
const chained = () => prisma.auditLog.count()

describe('the audit chain, filled in after commit', () => {
	it("a change's entries are in the chain when its transaction returns", async () => {
		const before = await chained()
		await prisma.$transaction(async (tx) => {
			await audit.appendAudit(tx, entry('returns-1'))
			await audit.appendAudit(tx, entry('returns-2'))
		})
		expect(await chained()).toBe(before + 2)
		expect(await audit.pendingAuditCount()).toBe(0)
		const last = await prisma.auditLog.findMany({ orderBy: { seq: 'desc' }, take: 2, select: { entityId: true } })
		expect(last.map((e) => e.entityId)).toEqual(['returns-2', 'returns-1'])
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: before + 2 })
	})

	it('a transaction that rolls back leaves no entry, pending or chained', async () => {
		const before = await chained()
		await expect(
			prisma.$transaction(async (tx) => {
				await audit.appendAudit(tx, entry('rolled-back'))
				throw new Error('refused')
			}),
		).rejects.toThrow('refused')
		expect(await chained()).toBe(before)
		expect(await audit.pendingAuditCount()).toBe(0)
	})

	it('entries a crash left between commit and chaining join the chain on the next run', async () => {
		const before = await chained()
		// What a process that died right after its commit leaves behind.
		await prisma.auditPending.createMany({ data: [1, 2, 3].map((n) => ({ ...entry(`crash-${n}`), createdAt: new Date() })) })
		expect(await audit.pendingAuditCount()).toBe(3)
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: before })
		expect(await audit.chainAudit()).toBe(3)
		expect(await audit.pendingAuditCount()).toBe(0)
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: before + 3 })
	})

	it('a transaction reads its own entries, not yet chained, through auditTrail', async () => {
		const trail = await prisma.$transaction(async (tx) => {
			await audit.appendAudit(tx, entry('own-trail'))
			return audit.auditTrail(tx, ['own-trail', 'returns-1'])
		})
		expect(trail.map((e) => [e.entityId, e.seq === null, e.hash === null])).toEqual([
			['returns-1', false, false],
			['own-trail', true, true],
		])
	})

	// SQLite's writers take turns by design (BEGIN IMMEDIATE, decision 011): only PostgreSQL's overlap.
	it.runIf(testEngine === 'postgresql')('on PostgreSQL a writer commits while another writer is still open', async () => {
		const before = await chained()
		let release!: () => void
		const held = new Promise<void>((resolve) => (release = resolve))
		let entered!: () => void
		const inside = new Promise<void>((resolve) => (entered = resolve))
		const slow = prisma.$transaction(async (tx) => {
			await audit.appendAudit(tx, entry('slow'))
			entered()
			await held
		})
		await inside
		// Before decision 038 this waited on the audit table's lock until the slow writer ended.
		const quick = await Promise.race([
			prisma.$transaction((tx) => audit.appendAudit(tx, entry('quick'))).then(() => 'committed'),
			new Promise((resolve) => setTimeout(resolve, 5000, 'waited')),
		])
		release()
		await slow
		expect(quick).toBe('committed')
		const order = await prisma.auditLog.findMany({ where: { seq: { gt: before } }, orderBy: { seq: 'asc' }, select: { entityId: true } })
		// The chain's order is the order of the commits.
		expect(order.map((e) => e.entityId)).toEqual(['quick', 'slow'])
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: before + 2 })
	})

	it('writers in two processes at once end with one unbroken chain, nothing pending', async () => {
		const before = await chained()
		const tsx = path.resolve('node_modules', '.bin', 'tsx')
		const write = (n: number) => promisify(execFile)(tsx, ['tests/helpers/write-audit.ts', String(n)], { env: { ...process.env, DATABASE_URL: url } })
		await Promise.all([write(25), write(25)])
		expect(await audit.pendingAuditCount()).toBe(0)
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: before + 50 })
	}, 60_000)
})
