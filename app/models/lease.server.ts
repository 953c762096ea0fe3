// Leases for cluster-wide jobs (decision 021): several instances, on one machine or many, each
// run the once-a-minute sweep timer, and only the lease's holder sweeps. The holder renews the
// lease on every run; when it dies, the lease runs out and the next instance to ask takes it over.
// Works the same on SQLite and PostgreSQL: one conditional write decides.
import crypto from 'node:crypto'
import os from 'node:os'
import { isUniqueViolation } from '~/utils/database-errors.ts'
import { prisma } from '~/utils/db.server.ts'

/** This process, as a lease holder: readable in the table when an operator looks. */
export const THIS_PROCESS = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`

/**
 * Takes the lease `name` for `ttlMs` if it is free, expired or already ours; true when we hold it.
 * Wall-clock time, not the application clock (which tests move): a lease is about processes.
 */
export async function holdLease(name: string, ttlMs: number, holder = THIS_PROCESS, at = new Date()): Promise<boolean> {
	const expiresAt = new Date(at.getTime() + ttlMs)
	const taken = await prisma.lease.updateMany({
		where: { name, OR: [{ holder }, { expiresAt: { lt: at } }] },
		data: { holder, expiresAt },
	})
	if (taken.count === 1) return true
	try {
		await prisma.lease.create({ data: { name, holder, expiresAt } })
		return true
	} catch (error) {
		// Another process holds it (or created it a moment ago).
		if (isUniqueViolation(error)) return false
		throw error
	}
}

/** Gives the lease up (a clean shutdown), so another process need not wait for it to run out. */
export async function releaseLease(name: string, holder = THIS_PROCESS) {
	await prisma.lease.deleteMany({ where: { name, holder } })
}
