// Buyers sign themselves up (decision 012). The answer never tells whether an e-mail or phone is
// already registered: a new address gets an account, a registered one gets a notification to its
// owner instead, and both answers are the same page ("log in now"). Sign-ups are limited per
// client address so nobody can mass-create accounts or probe addresses quickly.
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { env } from '~/utils/env.server.ts'
import { normaliseLogin } from '~/utils/login.ts'
import { hashPassword } from '~/utils/password.server.ts'
import { appendAudit } from './audit.server.ts'
import { notify } from './notification.server.ts'
import { isUniqueViolation } from './prisma-errors.server.ts'

const HOUR_MS = 60 * 60 * 1000

/** Seconds until this address may sign up again (0: now). */
export async function signupWaitSeconds(ip: string) {
	const at = now()
	const recent = await prisma.signupAttempt.findMany({
		where: { ip, createdAt: { gt: new Date(at.getTime() - HOUR_MS) } },
		orderBy: { createdAt: 'desc' },
		take: env().SIGNUP_MAX_PER_IP_PER_HOUR,
		select: { createdAt: true },
	})
	if (recent.length < env().SIGNUP_MAX_PER_IP_PER_HOUR) return 0
	// The oldest of the last `max` leaves the hour first.
	const oldest = recent[recent.length - 1]!.createdAt
	return Math.max(1, Math.ceil((oldest.getTime() + HOUR_MS - at.getTime()) / 1000))
}

/**
 * Registers a buyer, or, when the e-mail/phone already has an account, tells that account's owner
 * through the platform instead. The caller answers both alike. The password is hashed either way
 * so the two take the same time.
 */
export async function registerBuyer(ip: string, input: { name: string; login: string; password: string }): Promise<'created' | 'existing'> {
	const key = normaliseLogin(input.login)
	const email = key.email ?? null
	const phone = email ? null : (key.phone ?? null)
	const hash = await hashPassword(input.password)
	await prisma.signupAttempt.create({ data: { ip, createdAt: now() } })
	const existing = await prisma.user.findFirst({ where: email ? { email } : { phone }, select: { id: true } })
	if (!existing) {
		try {
			await prisma.$transaction(async (tx) => {
				const user = await tx.user.create({
					data: { name: input.name, email, phone, role: 'BUYER', password: { create: { hash } } },
					select: { id: true },
				})
				// A sign-up is an account change like an administrator's: it goes into the audit log too.
				await appendAudit(tx, { actorId: user.id, entityType: 'USER', entityId: user.id, action: 'signup', fromState: null, toState: 'ACTIVE', params: { role: 'BUYER' } })
			})
			return 'created'
		} catch (error) {
			// Someone registered the same address a moment ago: treat it as already registered.
			if (!isUniqueViolation(error)) throw error
		}
	}
	const owner = existing ?? (await prisma.user.findFirst({ where: email ? { email } : { phone }, select: { id: true } }))
	if (owner) await prisma.$transaction((tx) => notify(tx, [owner.id], { kind: 'signup-existing', params: {}, link: '/login' }))
	return 'existing'
}
