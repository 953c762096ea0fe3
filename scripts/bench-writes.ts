// `tsx scripts/bench-writes.ts [--processes=2] [--writers=10] [--seconds=20]` with DATABASE_URL set:
// write throughput alone (decision 038). Each process runs `writers` concurrent loops; each loop's
// transaction creates a user and appends its audit entry, as a signup does. Prints transactions per
// second and their latency, then checks that the audit chain verifies with nothing pending.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'

const { values } = parseArgs({ options: { processes: { type: 'string' }, writers: { type: 'string' }, seconds: { type: 'string' }, child: { type: 'boolean' } } })
const PROCESSES = Number(values.processes ?? 2)
const WRITERS = Number(values.writers ?? 10)
const SECONDS = Number(values.seconds ?? 20)

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

async function child() {
	const { prisma } = await import('../app/utils/db.server.ts')
	const { appendAudit } = await import('../app/models/audit.server.ts')
	const until = Date.now() + SECONDS * 1000
	const times: number[] = []
	let failed = 0
	await Promise.all(
		Array.from({ length: WRITERS }, async (_, w) => {
			for (let n = 0; Date.now() < until; n++) {
				const started = performance.now()
				try {
					await prisma.$transaction(async (tx) => {
						const user = await tx.user.create({ data: { name: `writer-${process.pid}-${w}-${n}`, role: 'BUYER' }, select: { id: true } })
						await appendAudit(tx, { actorId: null, entityType: 'USER', entityId: user.id, action: 'signup', fromState: null, toState: 'ACTIVE' })
					})
					times.push(performance.now() - started)
				} catch {
					failed++
				}
			}
		}),
	)
	await prisma.$disconnect()
	process.stdout.write(JSON.stringify({ times, failed }))
}

async function main() {
	const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url))
	const script = fileURLToPath(import.meta.url)
	const args = [`--writers=${WRITERS}`, `--seconds=${SECONDS}`, '--child']
	const outs = await Promise.all(Array.from({ length: PROCESSES }, () => promisify(execFile)(tsx, [script, ...args], { maxBuffer: 64 << 20 })))
	const results = outs.map((o) => JSON.parse(o.stdout) as { times: number[]; failed: number })
	const times = results.flatMap((r) => r.times).sort((a, b) => a - b)
	const failed = results.reduce((sum, r) => sum + r.failed, 0)
	const audit = await import('../app/models/audit.server.ts')
	const { prisma } = await import('../app/utils/db.server.ts')
	const chain = await audit.verifyAuditChain()
	const pending = await prisma.auditPending.count()
	await prisma.$disconnect()
	const ms = (v: number) => v.toFixed(1)
	console.log(
		`${PROCESSES} processes × ${WRITERS} writers × ${SECONDS} s: ${(times.length / SECONDS).toFixed(1)} transactions/s · p50 ${ms(percentile(times, 50))} · p95 ${ms(percentile(times, 95))} · max ${ms(times.at(-1) ?? 0)} ms · ${failed} failed · chain ${chain.ok ? `ok (${chain.count})` : 'BROKEN'} · pending ${pending}`,
	)
}

await (values.child ? child() : main())
