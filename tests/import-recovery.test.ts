// A data import's commit when things go wrong (decision 023), on the run's engine: a process killed
// in the middle of the final write leaves nothing written and its import RUNNING; once the commit's
// lease has run out the sweep marks it FAILED ('interrupted'), with an audit entry and its staged
// file gone, and never touches an import whose commit is alive. A cancel during the final write is
// answered at once ('finishing', from this process or another one) and the import completes whole.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleParcels, shapefileZip, SAMPLE_VILLAGES } from '../scripts/fixtures/parcel-files.ts'
import Database from 'better-sqlite3'
import { openDatabase } from '../scripts/db-query.mjs'
import { createTestDatabase, testEngine } from './helpers/database.ts'
import { startRacers, type Racer } from './helpers/racers.ts'

type Db = typeof import('~/utils/db.server.ts')
type Model = typeof import('~/models/parcel-import.server.ts')
type Lifecycle = typeof import('~/models/data-import.server.ts')
type Sweep = typeof import('~/models/sweep.server.ts')

let dir: string
let url: string
let prisma: Db['prisma']
let model: Model
let lifecycle: Lifecycle
let sweep: Sweep
let adminId: string
let racers: Racer[] = []
const villageIds: Record<string, string> = {}
const MINUTE = 60_000

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-recovery-test-'))
	url = await createTestDatabase(dir)
	process.env.DATABASE_URL = url
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	model = await import('~/models/parcel-import.server.ts')
	lifecycle = await import('~/models/data-import.server.ts')
	sweep = await import('~/models/sweep.server.ts')
	adminId = (await prisma.user.create({ data: { name: '管理员', email: 'root@example.com', role: 'ADMIN' }, select: { id: true } })).id
	const town = await prisma.town.create({ data: { code: 'shulinzhao', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110.03 }, select: { id: true } })
	for (const v of SAMPLE_VILLAGES) {
		villageIds[v.employerCode] = (await prisma.village.create({ data: { code: v.village, name: v.name, nameEn: v.village, townId: town.id, lat: v.lat, lng: v.lng }, select: { id: true } })).id
	}
}, 120_000)

afterAll(async () => {
	for (const r of racers) r.stop('SIGKILL')
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** A previewed import of `perVillage` × 2 new parcels (codes from `serial` on), villages chosen. */
async function previewed(perVillage: number, serial: number) {
	const parcels = sampleParcels(perVillage).map((p) => {
		const code = p.code.slice(0, 14) + String(Number(p.code.slice(14)) + serial).padStart(5, '0')
		return { ...p, code, values: { ...p.values, DKBM: code } }
	})
	const id = await model.previewParcelFile({ fileName: `p${serial}.zip`, bytes: await shapefileZip(parcels), actorId: adminId })
	expect(await model.remapParcelImport(id, { fields: null, villages: villageIds })).toBe(true)
	return id
}

const row = async (id: string) => (await lifecycle.getImport(id, 'PARCELS'))!
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000) {
	const end = Date.now() + ms
	while (!(await check())) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
		await new Promise((r) => setTimeout(r, 5))
	}
}

/**
 * Whether another connection holds a write transaction that is inserting parcels: PostgreSQL names
 * the statement in pg_stat_activity; SQLite's write lock cannot be taken (busy) while one is open.
 */
async function writingParcels() {
	if (testEngine === 'postgresql') {
		const db = await openDatabase(url)
		try {
			const rows = await db.all(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') AND query LIKE 'INSERT INTO "Parcel"%'`)
			return rows.length > 0
		} finally {
			await db.close()
		}
	}
	const db = new Database(url.replace(/^file:/, ''), { timeout: 0 })
	try {
		db.exec('BEGIN IMMEDIATE')
		db.exec('ROLLBACK')
		return false
	} catch (error) {
		if ((error as { code?: string }).code === 'SQLITE_BUSY') return true
		throw error
	} finally {
		db.close()
	}
}

describe('an import whose process died', { timeout: 60_000 }, () => {
	it('the sweep fails a RUNNING import once its lease ran out, and leaves a live one alone', async () => {
		const id = await previewed(2, 10_000)
		const staged = (await row(id)).stagedFile!
		expect(await lifecycle.claimCommit(id)).toBe(true)
		// Alive: its lease runs for IMPORT_STALE_MS from the claim.
		expect(await lifecycle.failStaleImports()).toBe(0)
		expect(await lifecycle.failStaleImports(new Date(Date.now() + lifecycle.IMPORT_STALE_MS - MINUTE / 2))).toBe(0)
		expect((await row(id)).status).toBe('RUNNING')
		// The lease ran out (nobody renewed it): the minute's sweep takes it.
		await prisma.lease.update({ where: { name: `import:${id}` }, data: { expiresAt: new Date(Date.now() - 1000) } })
		await sweep.sweep()
		expect(await row(id)).toMatchObject({ status: 'FAILED', error: 'interrupted' })
		expect(fs.existsSync(lifecycle.stagedPath(staged))).toBe(false)
		expect(await prisma.lease.count({ where: { name: `import:${id}` } })).toBe(0)
		const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: id, action: 'import:fail' }, select: { actorId: true, fromState: true, toState: true, params: true } })
		expect(audit).toMatchObject({ actorId: null, fromState: 'RUNNING', toState: 'FAILED' })
		expect(JSON.parse(audit.params!)).toEqual({ kind: 'PARCELS', reason: 'interrupted' })
		// Once only.
		expect(await lifecycle.failStaleImports(new Date(Date.now() + 10 * MINUTE))).toBe(0)
	})

	it('a process killed during the final write leaves nothing written; the sweep then fails the import', async () => {
		const id = await previewed(1500, 20_000)
		const before = await prisma.parcel.count()
		racers = await startRacers(1, url, ['models/parcel-import.server.ts', 'models/data-import.server.ts'])
		const [racer] = racers
		expect(await racer.call('models/data-import.server.ts', 'claimCommit', [id])).toEqual({ result: true })
		void racer.call('models/parcel-import.server.ts', 'runParcelCommit', [id, adminId])
		// The final write has begun (its progress is stored before the transaction opens) …
		await until('the final write', async () => (await row(id)).progress >= lifecycle.WRITE_PHASE)
		// … and its transaction is open, writing rows nobody else can see yet.
		await until('the transaction', writingParcels)
		racer.stop('SIGKILL')
		racers = []
		await new Promise((r) => setTimeout(r, 500))
		expect(await row(id)).toMatchObject({ status: 'RUNNING', inserted: 0 })
		expect(await prisma.parcel.count()).toBe(before)
		expect(await prisma.auditLog.count({ where: { entityId: id, action: 'import:commit' } })).toBe(0)
		// The dead process's lease still runs: not yet. Once it has run out: FAILED, still nothing written.
		expect(await lifecycle.failStaleImports()).toBe(0)
		expect(await lifecycle.failStaleImports(new Date(Date.now() + lifecycle.IMPORT_STALE_MS + 1000))).toBe(1)
		expect(await row(id)).toMatchObject({ status: 'FAILED', error: 'interrupted' })
		expect(await prisma.parcel.count()).toBe(before)
	}, 120_000)
})

describe('a cancel during the final write', () => {
	it('is answered at once with "finishing", here and from another process, and the import completes whole', async () => {
		const id = await previewed(2500, 30_000)
		const before = await prisma.parcel.count()
		racers = await startRacers(1, url, ['models/data-import.server.ts'])
		expect(await lifecycle.claimCommit(id)).toBe(true)
		const running = model.runParcelCommit(id, adminId)
		await until('the final write', async () => lifecycle.shownProgress(await row(id)) >= lifecycle.WRITE_PHASE)
		expect(await lifecycle.cancelImport(id, adminId)).toBe('finishing')
		expect(await racers[0].call('models/data-import.server.ts', 'cancelImport', [id, adminId])).toEqual({ result: 'finishing' })
		await running
		expect(await row(id)).toMatchObject({ status: 'COMMITTED', inserted: 5000, progress: 1 })
		expect(await prisma.parcel.count()).toBe(before + 5000)
		expect(await prisma.auditLog.count({ where: { entityId: id, action: 'import:cancel' } })).toBe(0)
		expect(await prisma.lease.count({ where: { name: `import:${id}` } })).toBe(0)
		racers[0].stop()
		racers = []
	}, 120_000)

	it('while reading, cancels: the commit stops and writes nothing (never half: a cancel that lost the race is "finishing")', async () => {
		const id = await previewed(2500, 40_000)
		const before = await prisma.parcel.count()
		expect(await lifecycle.claimCommit(id)).toBe(true)
		const running = model.runParcelCommit(id, adminId)
		await until('reading', async () => (await row(id)).progress > 0)
		const answer = await lifecycle.cancelImport(id, adminId)
		await running
		// On a loaded machine the reading can end between the look and the cancel: then the whole file is written.
		if (answer === 'cancelled') {
			expect((await row(id)).status).toBe('CANCELLED')
			expect(await prisma.parcel.count()).toBe(before)
		} else {
			expect(answer).toBe('finishing')
			expect(await row(id)).toMatchObject({ status: 'COMMITTED', inserted: 5000 })
			expect(await prisma.parcel.count()).toBe(before + 5000)
		}
		expect(await prisma.lease.count({ where: { name: `import:${id}` } })).toBe(0)
	}, 120_000)
})
