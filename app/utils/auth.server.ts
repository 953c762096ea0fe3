// Accounts and sessions. Helpers throw redirects (Epic Stack style): requireUser sends the
// anonymous to /login?redirectTo=…, requireAnonymous sends the logged-in home.
import crypto from 'node:crypto'
import { redirect } from '@remix-run/node'
import { homeFor } from '~/domain/permissions.ts'
import type { Prisma } from '@prisma/client'
import { prisma } from './db.server.ts'
import {
	KNOWN_ADDRESS_MS,
	loginWait,
	PAIR_LOOKBACK_MS,
	THROTTLE_WINDOW_MS,
	type ThrottleConfig,
	type ThrottleFacts,
} from '~/domain/login-throttle.ts'
import { now } from './clock.server.ts'
import { env } from './env.server.ts'
import { normaliseLogin } from './login.ts'
import { hashPassword, verifyPassword } from './password.server.ts'

export { normaliseLogin }
import { isSecureRequest, sessionStorage } from './session.server.ts'

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000
const userSelect = {
	id: true,
	name: true,
	email: true,
	phone: true,
	role: true,
	townId: true,
	villageId: true,
	disabled: true,
	town: { select: { id: true, code: true, name: true, nameEn: true } },
	village: { select: { id: true, code: true, name: true, nameEn: true, townId: true, town: { select: { code: true, name: true, nameEn: true } } } },
} as const

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>

async function findSessionUser(sessionId: string) {
	const session = await prisma.session.findFirst({
		where: { id: sessionId, expirationDate: { gt: new Date() } },
		select: { user: { select: userSelect } },
	})
	if (!session || session.user.disabled) return null
	return session.user
}

export async function getSessionId(request: Request) {
	const session = await sessionStorage.getSession(request.headers.get('Cookie'))
	return session.get('sessionId') ?? null
}

export async function getUser(request: Request): Promise<SessionUser | null> {
	const sessionId = await getSessionId(request)
	if (!sessionId) return null
	return findSessionUser(sessionId)
}

function loginRedirect(request: Request) {
	const url = new URL(request.url)
	const redirectTo = url.pathname + url.search
	return redirect(`/login?${new URLSearchParams({ redirectTo })}`)
}

export async function requireUser(request: Request): Promise<SessionUser> {
	const user = await getUser(request)
	if (!user) throw loginRedirect(request)
	return user
}

export async function requireAnonymous(request: Request) {
	const user = await getUser(request)
	if (user) throw redirect(homeFor(user.role))
}

/** Creates a session row and returns the headers that set its cookie. */
export async function startSession(request: Request, userId: string, redirectTo: string) {
	const created = await prisma.session.create({
		data: { userId, expirationDate: new Date(Date.now() + SESSION_TTL_MS) },
		select: { id: true, expirationDate: true },
	})
	const session = await sessionStorage.getSession()
	session.set('sessionId', created.id)
	return redirect(redirectTo, {
		headers: {
			'Set-Cookie': await sessionStorage.commitSession(session, {
				expires: created.expirationDate,
				secure: isSecureRequest(request),
			}),
		},
	})
}

export async function logout(request: Request, redirectTo = '/') {
	const sessionId = await getSessionId(request)
	if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } })
	const session = await sessionStorage.getSession(request.headers.get('Cookie'))
	return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionStorage.destroySession(session) } })
}


// Login throttling (decision 012): delays that grow, never a hard lock. The rule is
// app/domain/login-throttle.ts; this reads the facts it needs from LoginAttempt.
export function throttleConfig(): ThrottleConfig {
	const e = env()
	return {
		freeFailures: e.LOGIN_FREE_FAILURES,
		maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
		maxAddressesPerAccount: e.LOGIN_MAX_ADDRESSES_PER_ACCOUNT,
		maxDelayMs: e.LOGIN_MAX_DELAY_SECONDS * 1000,
	}
}

async function lastFailure(where: Prisma.LoginAttemptWhereInput) {
	const row = await prisma.loginAttempt.findFirst({ where: { ...where, success: false }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } })
	return row?.createdAt ?? null
}

export async function throttleFacts(login: string, ip: string, at: Date): Promise<ThrottleFacts> {
	const windowStart = new Date(at.getTime() - THROTTLE_WINDOW_MS)
	const lastSuccess = await prisma.loginAttempt.findFirst({
		where: { login, ip, success: true, createdAt: { gt: new Date(at.getTime() - Math.max(PAIR_LOOKBACK_MS, KNOWN_ADDRESS_MS)) } },
		orderBy: { createdAt: 'desc' },
		select: { createdAt: true },
	})
	const pairSince = new Date(Math.max(at.getTime() - PAIR_LOOKBACK_MS, lastSuccess?.createdAt.getTime() ?? 0))
	const pairWhere = { login, ip, createdAt: { gt: pairSince } }
	const [pairFailures, pairLast, addressFailures, addressLast, accountAddresses, accountLast] = await Promise.all([
		prisma.loginAttempt.count({ where: { ...pairWhere, success: false } }),
		lastFailure(pairWhere),
		prisma.loginAttempt.count({ where: { ip, success: false, createdAt: { gt: windowStart } } }),
		lastFailure({ ip, createdAt: { gt: windowStart } }),
		prisma.loginAttempt.groupBy({ by: ['ip'], where: { login, success: false, createdAt: { gt: windowStart } } }),
		lastFailure({ login, createdAt: { gt: windowStart } }),
	])
	return {
		pair: { failures: pairFailures, lastFailureAt: pairLast },
		knownAddress: Boolean(lastSuccess && lastSuccess.createdAt.getTime() > at.getTime() - KNOWN_ADDRESS_MS),
		address: { failures: addressFailures, lastFailureAt: addressLast },
		account: { addresses: accountAddresses.length, lastFailureAt: accountLast },
	}
}

export type LoginResult =
	| { ok: true; userId: string; role: string }
	| { ok: false; reason: 'invalid' | 'disabled' }
	| { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }

/**
 * Checks a login. A throttled attempt is refused before the password is looked at (so waiting
 * cannot be skipped by guessing) and is not itself recorded (so hammering gains nothing).
 */
export async function verifyLogin(loginRaw: string, password: string, ip: string): Promise<LoginResult> {
	const key = normaliseLogin(loginRaw)
	const login = key.email ?? key.phone ?? ''
	const at = now()
	const { waitMs } = loginWait(await throttleFacts(login, ip, at), throttleConfig(), at)
	if (waitMs > 0) return { ok: false, reason: 'rate-limited', retryAfterSeconds: Math.ceil(waitMs / 1000) }
	const user = await prisma.user.findFirst({
		where: key.email ? { email: key.email } : { phone: key.phone },
		select: { id: true, role: true, disabled: true, password: { select: { hash: true } } },
	})
	// Verify even for unknown users so response time does not reveal which accounts exist.
	const valid = await verifyPassword(user?.password?.hash ?? (await dummyHash()), password)
	const success = Boolean(user && user.password && valid && !user.disabled)
	await prisma.loginAttempt.create({ data: { login, ip, success, userId: user?.id ?? null, createdAt: now() } })
	if (user && valid && user.disabled) return { ok: false, reason: 'disabled' }
	if (!success || !user) return { ok: false, reason: 'invalid' }
	return { ok: true, userId: user.id, role: user.role }
}

// A real argon2id hash of a random string nobody knows, made once per process.
let dummy: Promise<string> | null = null
function dummyHash() {
	dummy ??= hashPassword(crypto.randomUUID())
	return dummy
}

export async function setPassword(userId: string, password: string) {
	const hash = await hashPassword(password)
	await prisma.$transaction([
		prisma.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } }),
		// A reset ends every session of the account.
		prisma.session.deleteMany({ where: { userId } }),
	])
}
