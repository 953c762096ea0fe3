// Login throttling and sign-up against a real, freshly migrated database (decision 012): an
// attacker cannot lock the owner out, guessing from one address gets slow for one account and for
// many, a village office sharing one address is not locked out by one person's typos, and sign-up
// says nothing about which accounts exist.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Auth = typeof import('~/utils/auth.server.ts')
type Signup = typeof import('~/models/signup.server.ts')

let dir: string
let prisma: Db['prisma']
let auth: Auth
let signup: Signup
let hashPassword: (p: string) => Promise<string>

const RIGHT = 'lamb-river-orchard'

// Every login hashes with argon2id; on a busy two-core machine a test of dozens of them needs time.
vi.setConfig({ testTimeout: 30_000 })

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	;({ prisma } = await import('~/utils/db.server.ts'))
	auth = await import('~/utils/auth.server.ts')
	signup = await import('~/models/signup.server.ts')
	;({ hashPassword } = await import('~/utils/password.server.ts'))
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function account(email: string) {
	const hash = await hashPassword(RIGHT)
	await prisma.user.create({ data: { name: '测试用户', email, role: 'BUYER', password: { create: { hash } } } })
}

/** Failures written straight into the log, `minutesAgo` old: an attacker's slow, long campaign. */
async function pastFailures(login: string, ip: string, count: number, minutesAgo: number) {
	const createdAt = new Date(Date.now() - minutesAgo * 60_000)
	await prisma.loginAttempt.createMany({ data: Array.from({ length: count }, () => ({ login, ip, success: false, createdAt })) })
}

describe('an attacker cannot lock the owner out', () => {
	it('5 wrong passwords from address A slow A only; the owner logs in from B', async () => {
		await account('owner1@example.com')
		for (let i = 0; i < 5; i++) expect(await auth.verifyLogin('owner1@example.com', `guess-${i}`, '198.51.100.1')).toEqual({ ok: false, reason: 'invalid' })
		// A must now wait, even with the right password (so waiting cannot be skipped by guessing).
		const throttled = await auth.verifyLogin('owner1@example.com', RIGHT, '198.51.100.1')
		expect(throttled).toMatchObject({ ok: false, reason: 'rate-limited' })
		expect(throttled.ok === false && throttled.reason === 'rate-limited' && throttled.retryAfterSeconds).toBeGreaterThan(50)
		expect(await auth.verifyLogin('OWNER1@example.com', RIGHT, '203.0.113.7')).toMatchObject({ ok: true })
	})

	it('50+ wrong passwords from address A still leave the owner free to log in from B, or from a new address C', async () => {
		await account('owner2@example.com')
		await pastFailures('owner2@example.com', '198.51.100.2', 55, 5)
		expect(await auth.verifyLogin('owner2@example.com', RIGHT, '198.51.100.2')).toMatchObject({ ok: false, reason: 'rate-limited' })
		expect(await auth.verifyLogin('owner2@example.com', RIGHT, '203.0.113.8')).toMatchObject({ ok: true })
		expect(await auth.verifyLogin('owner2@example.com', RIGHT, '192.0.2.99')).toMatchObject({ ok: true })
	})

	it('an attack from many addresses slows new addresses, but not one the owner has logged in from', async () => {
		await account('owner3@example.com')
		expect(await auth.verifyLogin('owner3@example.com', RIGHT, '203.0.113.9')).toMatchObject({ ok: true })
		for (let i = 0; i < 12; i++) await pastFailures('owner3@example.com', `198.51.100.${100 + i}`, 3, 2)
		expect(await auth.verifyLogin('owner3@example.com', RIGHT, '192.0.2.50')).toMatchObject({ ok: false, reason: 'rate-limited' })
		expect(await auth.verifyLogin('owner3@example.com', RIGHT, '203.0.113.9')).toMatchObject({ ok: true })
	})
})

describe('guessing from one address gets slow', () => {
	it('for one account: waits grow, are told in seconds, and refused tries are neither checked nor logged', async () => {
		await account('target@example.com')
		const ip = '198.51.100.20'
		await pastFailures('target@example.com', ip, 7, 1)
		const before = await prisma.loginAttempt.count({ where: { ip } })
		const res = await auth.verifyLogin('target@example.com', 'another-guess', ip)
		// 7 failures: 2 free past the 5 → 4 minutes from the last, one minute of it gone.
		expect(res).toEqual({ ok: false, reason: 'rate-limited', retryAfterSeconds: 180 })
		expect(await prisma.loginAttempt.count({ where: { ip } })).toBe(before)
		// Once the wait is over the next try is checked again (a delay, not a lock).
		await prisma.loginAttempt.updateMany({ where: { ip }, data: { createdAt: new Date(Date.now() - 5 * 60_000) } })
		expect(await auth.verifyLogin('target@example.com', RIGHT, ip)).toMatchObject({ ok: true })
	})

	it('for many accounts (spraying): after 50 failures the address is slowed for logins new to it', async () => {
		const ip = '198.51.100.30'
		// 45 from earlier in the hour, then 5 now through the login itself.
		for (let i = 0; i < 45; i++) await pastFailures(`spray-${i}@example.com`, ip, 1, 10)
		for (let i = 45; i < 50; i++) expect(await auth.verifyLogin(`spray-${i}@example.com`, '12345678', ip)).toEqual({ ok: false, reason: 'invalid' })
		const res = await auth.verifyLogin('spray-50@example.com', '12345678', ip)
		expect(res).toMatchObject({ ok: false, reason: 'rate-limited' })
		expect(res.ok === false && res.reason === 'rate-limited' && res.retryAfterSeconds).toBeLessThanOrEqual(60)
	})
})

describe('a village office behind one address', () => {
	it('one person’s typos slow only that person; colleagues log in at once', async () => {
		const office = '100.64.8.1'
		const staff = ['clerk1@example.com', 'clerk2@example.com', 'clerk3@example.com', 'clerk4@example.com']
		for (const email of staff) await account(email)
		expect(await auth.verifyLogin(staff[1]!, RIGHT, office)).toMatchObject({ ok: true })
		for (let i = 0; i < 8; i++) await auth.verifyLogin(staff[0]!, `typo-${i}`, office)
		expect(await auth.verifyLogin(staff[0]!, RIGHT, office)).toMatchObject({ ok: false, reason: 'rate-limited' })
		for (const email of staff.slice(1)) expect(await auth.verifyLogin(email, RIGHT, office)).toMatchObject({ ok: true })
	})

	it('even when someone there sprays 50+ wrong logins, members who logged in there before are not slowed', async () => {
		const office = '100.64.8.2'
		await account('clerk5@example.com')
		expect(await auth.verifyLogin('clerk5@example.com', RIGHT, office)).toMatchObject({ ok: true })
		for (let i = 0; i < 60; i++) await pastFailures(`nobody-${i}@example.com`, office, 1, 1)
		expect(await auth.verifyLogin('clerk5@example.com', RIGHT, office)).toMatchObject({ ok: true })
	})

	it('a success clears that person’s count: typos before it do not add up with typos after it', async () => {
		const office = '100.64.8.3'
		await account('clerk6@example.com')
		for (let i = 0; i < 4; i++) await auth.verifyLogin('clerk6@example.com', `typo-${i}`, office)
		expect(await auth.verifyLogin('clerk6@example.com', RIGHT, office)).toMatchObject({ ok: true })
		for (let i = 0; i < 4; i++) expect(await auth.verifyLogin('clerk6@example.com', `typo-${i}`, office)).toEqual({ ok: false, reason: 'invalid' })
		expect(await auth.verifyLogin('clerk6@example.com', RIGHT, office)).toMatchObject({ ok: true })
	})
})

describe('the limits come from validated configuration', () => {
	it('a bad value is refused by name instead of throttling every login', async () => {
		vi.resetModules()
		const saved = process.env.LOGIN_MAX_FAILURES_PER_IP
		process.env.LOGIN_MAX_FAILURES_PER_IP = 'abc'
		try {
			const { env } = await import('~/utils/env.server.ts')
			expect(() => env()).toThrow(/LOGIN_MAX_FAILURES_PER_IP/)
		} finally {
			if (saved === undefined) delete process.env.LOGIN_MAX_FAILURES_PER_IP
			else process.env.LOGIN_MAX_FAILURES_PER_IP = saved
		}
	})

	it('the defaults are the documented ones', () => {
		expect(auth.throttleConfig()).toEqual({ freeFailures: 5, maxFailuresPerIp: 50, maxAddressesPerAccount: 10, maxDelayMs: 900_000 })
	})
})

describe('sign-up', () => {
	it('creates a new buyer; for a registered address it changes nothing and tells the owner instead', async () => {
		expect(await signup.registerBuyer('192.0.2.10', { name: '新用户', login: 'new@example.com', password: RIGHT })).toBe('created')
		const user = await prisma.user.findUniqueOrThrow({ where: { email: 'new@example.com' }, select: { id: true, role: true } })
		expect(user.role).toBe('BUYER')

		expect(await signup.registerBuyer('192.0.2.11', { name: '冒名者', login: 'NEW@example.com', password: 'another-good-phrase' })).toBe('existing')
		expect(await prisma.user.count({ where: { email: 'new@example.com' } })).toBe(1)
		expect(await auth.verifyLogin('new@example.com', RIGHT, '192.0.2.12')).toMatchObject({ ok: true })
		expect(await auth.verifyLogin('new@example.com', 'another-good-phrase', '192.0.2.13')).toEqual({ ok: false, reason: 'invalid' })
		const notes = await prisma.notification.findMany({ where: { userId: user.id }, select: { kind: true, title: true, link: true } })
		expect(notes).toEqual([{ kind: 'signup-existing', title: null, link: '/login' }])
	})

	it('allows 5 sign-ups per address per hour, then says how long to wait; other addresses are unaffected', async () => {
		const ip = '192.0.2.20'
		for (let i = 0; i < 5; i++) {
			expect(await signup.signupWaitSeconds(ip)).toBe(0)
			await signup.registerBuyer(ip, { name: `批量${i}`, login: `bulk-${i}@example.com`, password: RIGHT })
		}
		const wait = await signup.signupWaitSeconds(ip)
		expect(wait).toBeGreaterThan(3500)
		expect(wait).toBeLessThanOrEqual(3600)
		expect(await signup.signupWaitSeconds('192.0.2.21')).toBe(0)
		// An hour later the address may sign up again.
		await prisma.signupAttempt.updateMany({ where: { ip }, data: { createdAt: new Date(Date.now() - 61 * 60_000) } })
		expect(await signup.signupWaitSeconds(ip)).toBe(0)
	})
})

describe('scripts/create-admin.ts', () => {
	it('refuses a common or personal password and says why, in English and Chinese', () => {
		const run = (password: string) => {
			try {
				execFileSync('npx', ['tsx', 'scripts/create-admin.ts', '--name', '张管理', '--email', 'cli-admin@example.com'], {
					env: { ...process.env, ADMIN_PASSWORD: password },
					stdio: 'pipe',
				})
				return { status: 0, stderr: '' }
			} catch (error) {
				const e = error as { status: number; stderr: Buffer }
				return { status: e.status, stderr: e.stderr.toString() }
			}
		}
		const common = run('Password1234')
		expect(common.status).toBe(2)
		expect(common.stderr).toContain('common password')
		expect(common.stderr).toContain('常用密码')
		expect(run('cli-admin@example.com').stderr).toContain('phone number, email or name')
	}, 60_000)
})
