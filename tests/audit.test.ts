// The audit log's hash chain against a real, freshly migrated database (either engine): it verifies after a run
// of appends; editing one row's reason names exactly that entry; deleting a middle row names the
// missing entry; and `npm run audit:verify` (scripts/audit-verify.ts) exits 0 on a good chain and
// 1 on a tampered one, naming the entry.
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Audit = typeof import('~/models/audit.server.ts')

let dir: string
let url: string
let prisma: Db['prisma']
let audit: Audit

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-test-'))
	url = await createTestDatabase(dir)
	process.env.DATABASE_URL = url
	;({ prisma } = await import('~/utils/db.server.ts'))
	audit = await import('~/models/audit.server.ts')
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const ENTRIES = 8

async function appendEntries(n: number) {
	for (let i = 0; i < n; i++) {
		await prisma.$transaction((tx) =>
			audit.appendAudit(tx, {
				actorId: null,
				entityType: 'LISTING',
				entityId: `listing-${i % 3}`,
				action: i % 2 ? 'submit' : 'review:approve',
				fromState: i % 2 ? 'DRAFT' : 'SUBMITTED',
				toState: i % 2 ? 'SUBMITTED' : 'PUBLISHED',
				reason: `opinion ${i}:材料齐全,同意挂牌`,
			}),
		)
	}
}

/** Runs the CLI on the test database; returns its exit code and what it printed. */
function runCli() {
	const tsx = path.resolve('node_modules', '.bin', 'tsx')
	try {
		const stdout = execFileSync(tsx, ['scripts/audit-verify.ts'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe', encoding: 'utf8' })
		return { status: 0, stdout }
	} catch (error) {
		const e = error as { status: number; stdout: string }
		return { status: e.status, stdout: e.stdout }
	}
}

describe('audit hash chain', () => {
	it('verifies an empty log and one after several appends, in sequence', async () => {
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: 0 })
		await appendEntries(ENTRIES)
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: ENTRIES })
		const rows = await prisma.auditLog.findMany({ orderBy: { seq: 'asc' }, select: { seq: true, prevHash: true, hash: true } })
		expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: ENTRIES }, (_, i) => i + 1))
		expect(rows[0].prevHash).toBe(audit.GENESIS_HASH)
		for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash)
	})

	it('the CLI prints "OK: N entries" and exits 0 on a good chain', () => {
		const { status, stdout } = runCli()
		expect(status).toBe(0)
		expect(stdout.trim()).toBe(`OK: ${ENTRIES} entries`)
	}, 60_000)

	it('names exactly the entry whose reason was edited with raw SQL', async () => {
		const original = await prisma.auditLog.findUniqueOrThrow({ where: { seq: 5 }, select: { reason: true } })
		await prisma.$executeRaw`UPDATE "AuditLog" SET "reason" = ${'材料不全,不同意'} WHERE "seq" = 5`
		const report = await audit.verifyAuditChain()
		expect(report.ok).toBe(false)
		if (!report.ok) {
			expect(report.firstBrokenSeq).toBe(5)
			expect(report.problem).toMatch(/hash/)
		}
		// The CLI says the same and exits 1.
		const cli = runCli()
		expect(cli.status).toBe(1)
		expect(cli.stdout.trim()).toMatch(/^BROKEN at entry #5: /)
		// Putting the original text back makes the chain whole again.
		await prisma.$executeRaw`UPDATE "AuditLog" SET "reason" = ${original.reason} WHERE "seq" = 5`
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: ENTRIES })
	}, 60_000)

	it('names an edited state or actor, and a rewritten hash breaks the next entry', async () => {
		await prisma.$executeRaw`UPDATE "AuditLog" SET "toState" = 'REJECTED' WHERE "seq" = 2`
		expect(await audit.verifyAuditChain()).toMatchObject({ ok: false, firstBrokenSeq: 2 })
		await prisma.$executeRaw`UPDATE "AuditLog" SET "toState" = 'SUBMITTED' WHERE "seq" = 2`
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: ENTRIES })

		// A forger who also recomputes the edited entry's own hash is caught at the next entry.
		const row = await prisma.auditLog.findUniqueOrThrow({ where: { seq: 3 } })
		const forged = { ...row, reason: 'forged' }
		await prisma.$executeRaw`UPDATE "AuditLog" SET "reason" = 'forged', "hash" = ${audit.auditHash(forged)} WHERE "seq" = 3`
		expect(await audit.verifyAuditChain()).toMatchObject({ ok: false, firstBrokenSeq: 4, problem: expect.stringMatching(/prevHash/) })
		await prisma.$executeRaw`UPDATE "AuditLog" SET "reason" = ${row.reason}, "hash" = ${row.hash} WHERE "seq" = 3`
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: ENTRIES })
	})

	it('names the missing entry when a middle row is deleted', async () => {
		await prisma.$executeRaw`DELETE FROM "AuditLog" WHERE "seq" = 4`
		const report = await audit.verifyAuditChain()
		expect(report).toMatchObject({ ok: false, firstBrokenSeq: 4 })
		if (!report.ok) expect(report.problem).toMatch(/missing/)
		const cli = runCli()
		expect(cli.status).toBe(1)
		expect(cli.stdout.trim()).toBe('BROKEN at entry #4: entry 4 is missing')
	}, 60_000)
})

describe('entries with params (009)', () => {
	it('verifies rows hashed before params existed, hashes params when present, and names an edited params', async () => {
		await prisma.$executeRawUnsafe('DELETE FROM "AuditLog"')
		// A row as written before 009: its hash covers exactly the fields it had then.
		const createdAt = new Date('2026-11-20T02:00:00.000Z')
		const old = [1, createdAt.toISOString(), null, 'BID', 'bid-1', 'place', '17000', '17500', '竞买人1；截止时间延长至 2026-11-20T02:05:00.000Z', audit.GENESIS_HASH]
		const oldHash = crypto.createHash('sha256').update(JSON.stringify(old)).digest('hex')
		await prisma.$executeRaw`INSERT INTO "AuditLog" ("seq", "actorId", "entityType", "entityId", "action", "fromState", "toState", "reason", "createdAt", "prevHash", "hash")
			VALUES (1, NULL, 'BID', 'bid-1', 'place', '17000', '17500', ${old[8]}, ${createdAt}, ${audit.GENESIS_HASH}, ${oldHash})`
		await prisma.$transaction((tx) =>
			audit.appendAudit(tx, { actorId: null, entityType: 'BID', entityId: 'bid-2', action: 'place', fromState: '17500', toState: '18000', params: { alias: 2, priceUnit: 'YUAN_PER_YEAR', extendedTo: null } }),
		)
		await prisma.$transaction((tx) => audit.appendAudit(tx, { actorId: null, entityType: 'LISTING', entityId: 'l-1', action: 'expire', fromState: 'PUBLISHED', toState: 'EXPIRED' }))
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: 3 })
		expect(runCli().status).toBe(0)

		const row = await prisma.auditLog.findUniqueOrThrow({ where: { seq: 2 } })
		expect(JSON.parse(row.params!)).toEqual({ alias: 2, priceUnit: 'YUAN_PER_YEAR', extendedTo: null })
		await prisma.$executeRaw`UPDATE "AuditLog" SET "params" = ${JSON.stringify({ alias: 3, priceUnit: 'YUAN_PER_YEAR', extendedTo: null })} WHERE "seq" = 2`
		expect(await audit.verifyAuditChain()).toMatchObject({ ok: false, firstBrokenSeq: 2, problem: expect.stringMatching(/contents/) })
		// Dropping the params altogether is an edit too.
		await prisma.$executeRaw`UPDATE "AuditLog" SET "params" = NULL WHERE "seq" = 2`
		expect(await audit.verifyAuditChain()).toMatchObject({ ok: false, firstBrokenSeq: 2 })
		await prisma.$executeRaw`UPDATE "AuditLog" SET "params" = ${row.params} WHERE "seq" = 2`
		expect(await audit.verifyAuditChain()).toEqual({ ok: true, count: 3 })
	}, 60_000)
})
