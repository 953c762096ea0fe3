// Accounts and sessions. Helpers throw redirects (Epic Stack style): requireUser sends the
// anonymous to /login?redirectTo=…, requireAnonymous sends the logged-in home.
import crypto from 'node:crypto'
import { redirect } from '@remix-run/node'
import { homeFor } from '~/domain/permissions.ts'
import { appendAudit } from '~/models/audit.server.ts'
import { prisma } from './db.server.ts'
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


// Rate limits: failures in the last 15 minutes, per account name and per client address.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_LOGIN = 5
// Per address it is higher: a village office or a town hall may share one address.
export const MAX_FAILURES_PER_IP = Number(process.env.LOGIN_MAX_FAILURES_PER_IP ?? 50)

export async function loginAllowed(login: string, ip: string) {
	const since = new Date(Date.now() - LOGIN_WINDOW_MS)
	const [perLogin, perIp] = await Promise.all([
		prisma.loginAttempt.count({ where: { login, success: false, createdAt: { gt: since } } }),
		prisma.loginAttempt.count({ where: { ip, success: false, createdAt: { gt: since } } }),
	])
	return perLogin < MAX_FAILURES_PER_LOGIN && perIp < MAX_FAILURES_PER_IP
}

export type LoginResult = { ok: true; userId: string; role: string } | { ok: false; reason: 'invalid' | 'rate-limited' | 'disabled' }

export async function verifyLogin(loginRaw: string, password: string, ip: string): Promise<LoginResult> {
	const key = normaliseLogin(loginRaw)
	const login = key.email ?? key.phone ?? ''
	if (!(await loginAllowed(login, ip))) return { ok: false, reason: 'rate-limited' }
	const user = await prisma.user.findFirst({
		where: key.email ? { email: key.email } : { phone: key.phone },
		select: { id: true, role: true, disabled: true, password: { select: { hash: true } } },
	})
	// Verify even for unknown users so response time does not reveal which accounts exist.
	const valid = await verifyPassword(user?.password?.hash ?? (await dummyHash()), password)
	const success = Boolean(user && user.password && valid && !user.disabled)
	await prisma.loginAttempt.create({ data: { login, ip, success, userId: user?.id ?? null } })
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

export async function createUser(data: {
	name: string
	email?: string | null
	phone?: string | null
	password: string
	role?: string
	townId?: string | null
	villageId?: string | null
}) {
	const hash = await hashPassword(data.password)
	const role = data.role ?? 'BUYER'
	return prisma.$transaction(async (tx) => {
		const user = await tx.user.create({
			data: {
				name: data.name,
				email: data.email ? data.email.toLowerCase() : null,
				phone: data.phone ?? null,
				role,
				townId: data.townId ?? null,
				villageId: data.villageId ?? null,
				password: { create: { hash } },
			},
			select: { id: true, role: true },
		})
		// A sign-up is an account change like an administrator's: it goes into the audit log too.
		await appendAudit(tx, { actorId: user.id, entityType: 'USER', entityId: user.id, action: 'signup', fromState: null, toState: 'ACTIVE', params: { role } })
		return user
	})
}

export async function setPassword(userId: string, password: string) {
	const hash = await hashPassword(password)
	await prisma.$transaction([
		prisma.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } }),
		// A reset ends every session of the account.
		prisma.session.deleteMany({ where: { userId } }),
	])
}
