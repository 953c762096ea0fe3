// Disconnecting while a transaction is still waiting for its turn (a background job, such as the
// saved-search matcher, caught by a shutdown or a test's end). Prisma forgets a transaction that is
// still starting when it disconnects; on PostgreSQL that transaction then kept its pool connection,
// and the disconnect waited for ever (a CI run's afterAll timed out). A process runs
// TRANSACTIONS_AT_ONCE transactions at once (SQLite one, PostgreSQL half its pool): one more waits.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')

let dir: string
let prisma: Db['prisma']
let atOnce: number

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disconnect-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	;({ prisma, TRANSACTIONS_AT_ONCE: atOnce } = await import('~/utils/db.server.ts'))
}, 120_000)

afterAll(() => {
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

it('finishes while a transaction waits for its turn, and the waiting one ends with an error', async () => {
	let letGo!: () => void
	const gate = new Promise<void>((resolve) => (letGo = resolve))
	// These transactions hold every turn; one more waits behind them.
	const holding = Array.from({ length: atOnce }, () =>
		prisma
			.$transaction(async (tx) => {
				await tx.auditLog.count()
				await gate
			})
			.then(
				() => 'committed',
				() => 'ended',
			),
	)
	await sleep(200)
	const waiting = prisma.$transaction((tx) => tx.auditLog.count()).then(
		() => 'committed',
		() => 'ended',
	)
	await sleep(200)

	const disconnected = prisma.$disconnect().then(() => 'disconnected')
	const outcome = await Promise.race([disconnected, sleep(3000).then(() => 'still waiting after 3 s')])
	letGo()
	expect(outcome).toBe('disconnected')
	expect(await Promise.all(holding)).toEqual(holding.map(() => 'ended'))
	expect(await waiting).toBe('ended')
})
