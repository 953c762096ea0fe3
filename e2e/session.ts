import crypto from 'node:crypto'
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test'
import { all, one as dbOne, run, type Param } from './db.ts'

/** The password of every demo account (prisma/seed.ts). */
export const DEMO_PASSWORD = 'demo-2026'

export const ACCOUNTS = {
	buyer: 'buyer1@demo.local',
	villageA: 'village.shulinzhao@demo.local',
	villageB: 'village.saiwusu@demo.local',
	reviewerX: 'reviewer.shulinzhao@demo.local',
	reviewerY: 'reviewer.zhandanzhao@demo.local',
	admin: 'admin@demo.local',
} as const
export type Who = keyof typeof ACCOUNTS | 'anonymous'
/** A demo account by its short name, or any account by its e-mail. */
export type Account = Exclude<Who, 'anonymous'> | `${string}@${string}`

/** The CSRF token of this browser context (the hidden input every form carries). */
export async function csrfToken(request: APIRequestContext) {
	const html = await (await request.get('/login')).text()
	const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1]
	if (!token) throw new Error('no CSRF token on /login')
	return token
}

/**
 * Logs a browser context in without the login form, as the Epic Stack's tests do: a Session row in
 * the server's database and the cookie app/utils/session.server.ts would set for it. Only the
 * tests of logging in itself use the form (loginWithForm).
 */
export async function createSession(context: BrowserContext, who: Account, server: { baseURL: string; databaseUrl: string }) {
	const email = who.includes('@') ? who : ACCOUNTS[who as keyof typeof ACCOUNTS]
	const id = `e2e${crypto.randomBytes(12).toString('hex')}`
	const user = all<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [email], server.databaseUrl)[0]
	if (!user) throw new Error(`no account ${email}`)
	// 30 days, as SESSION_TTL_MS.
	const now = new Date()
	run('INSERT INTO "Session" (id, "userId", "expirationDate", "createdAt") VALUES ($1, $2, $3, $4)', [id, user.id, new Date(now.getTime() + 30 * 86_400_000), now], server.databaseUrl)
	const { sessionStorage } = await appSessionStorage()
	const session = await sessionStorage.getSession()
	session.set('sessionId', id)
	const pair = (await sessionStorage.commitSession(session)).split(';')[0]
	const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]
	await context.addCookies([{ name, value, url: server.baseURL, httpOnly: true, sameSite: 'Lax' }])
}

/** The app's own session storage, signing with the secret scripts/run-e2e.mjs gives every e2e server. */
function appSessionStorage() {
	// Imported late: the module reads SESSION_SECRET as it loads, and without one would make a secret file.
	if (!process.env.SESSION_SECRET) throw new Error('SESSION_SECRET is not set: run the e2e tests with `npm run test:e2e`.')
	return import('../app/utils/session.server.ts')
}

/** Logs in through the /login page as a person would (for the tests of logging in itself). */
export async function loginWithForm(page: Page, login: string, password: string) {
	await page.goto('/login')
	await page.getByLabel('手机号或邮箱').fill(login)
	await page.getByLabel('密码', { exact: true }).fill(password)
	await page.getByRole('button', { name: '登录', exact: true }).click()
}

/** A row of this worker's e2e database, to find the ids the tests act on ($1 placeholders, quoted identifiers: e2e/db.ts). */
export function one<T>(sql: string, ...params: Param[]): T {
	return dbOne<T>(sql, params)
}
