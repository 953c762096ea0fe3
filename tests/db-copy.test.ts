// npm run db:copy on a small deployment (decision 021): a migrated SQLite file with synthetic
// listings and an audit history, copied into an empty PostgreSQL database; every table's rows
// arrive, the tallies and the text index are rebuilt, the audit chain verifies on the target, and
// a non-empty target is refused.
import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testEngine } from './helpers/database.ts'

const run = promisify(execFile)
const tsx = (script: string, args: string[], env: NodeJS.ProcessEnv) => run(process.execPath, ['--import', 'tsx', script, ...args], { env })

describe.skipIf(testEngine !== 'postgresql')('copying a SQLite deployment to PostgreSQL', () => {
	let dir: string
	let from: string
	let to: string

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-copy-'))
		from = `file:${path.join(dir, 'county.db')}`
		execFileSync(path.resolve('node_modules/.bin/prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: from }, stdio: 'pipe' })
		const env = { ...process.env, DATABASE_URL: from, UPLOAD_DIR: path.join(dir, 'uploads') }
		await tsx('scripts/seed-synthetic.ts', ['300'], env)
		await tsx('tests/helpers/write-audit.ts', ['4'], env)
		// An entry committed and not yet chained when the county's server stopped (decision 038).
		const pending = `
			const { prisma } = await import('./app/utils/db.server.ts')
			await prisma.auditPending.create({ data: { id: 1, entityType: 'USER', entityId: 'left-pending', action: 'signup', toState: 'ACTIVE', createdAt: new Date() } })
			await prisma.$disconnect()`
		await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', pending], { env })
		to = await createTestDatabase(dir)
	}, 120_000)

	afterAll(() => {
		if (dir) fs.rmSync(dir, { recursive: true, force: true })
	})

	it('copies every row, rebuilds what is derived, and verifies the audit chain on the target', async () => {
		const copied = await tsx('scripts/db-copy.ts', ['--from', from, '--to', to], process.env)
		expect(copied.stdout).toMatch(/row counts match; audit chain OK \(4 entries\)/)
		expect(copied.stdout).toMatch(/^Listing: 300$/m)
		// The target serves: its tallies, search keys and text index are in place.
		const check = `
			const { prisma } = await import('./app/utils/db.server.ts')
			const { searchListingIds } = await import('./app/models/listing-search.server.ts')
			const tallied = await prisma.listingTally.aggregate({ _sum: { count: true } })
			const words = await prisma.listing.findFirstOrThrow({ select: { id: true, title: true } })
			const found = await searchListingIds(words.title)
			const next = await prisma.listing.create({ data: { ...(await prisma.listing.findFirstOrThrow({ select: { type: true, title: true, description: true, townId: true, villageId: true, lat: true, lng: true, area: true, areaUnit: true, price: true, priceUnit: true, priceYuan: true, transferMode: true } })) }, select: { searchKey: true } })
			const max = await prisma.listing.aggregate({ _max: { searchKey: true }, where: { searchKey: { not: next.searchKey } } })
			// A change on the target: its entry follows the copied pending one (no id taken twice), and both join the chain.
			const { appendAudit, verifyAuditChain } = await import('./app/models/audit.server.ts')
			await prisma.$transaction((tx) => appendAudit(tx, { actorId: null, entityType: 'USER', entityId: 'after-copy', action: 'signup', fromState: null, toState: 'ACTIVE' }))
			const chain = await verifyAuditChain()
			const last = await prisma.auditLog.findMany({ orderBy: { seq: 'desc' }, take: 2, select: { entityId: true } })
			console.log(JSON.stringify({ tallied: tallied._sum.count, found: found?.has(words.id), newKeyAfterCopied: next.searchKey > (max._max.searchKey ?? 0), chain, last: last.map((e) => e.entityId) }))
			await prisma.$disconnect()`
		const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', check], { env: { ...process.env, DATABASE_URL: to } })
		expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ tallied: 300, found: true, newKeyAfterCopied: true, chain: { ok: true, count: 6 }, last: ['after-copy', 'left-pending'] })
	}, 120_000)

	it('refuses a target that is not empty, and writes nothing', async () => {
		await expect(tsx('scripts/db-copy.ts', ['--from', from, '--to', to], process.env)).rejects.toMatchObject({ stderr: expect.stringContaining('not empty') })
	}, 60_000)
})
