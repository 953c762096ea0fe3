import Database from 'better-sqlite3'
import type { APIRequestContext, BrowserContext } from '@playwright/test'

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

/** The CSRF token of this browser context (the hidden input every form carries). */
export async function csrfToken(request: APIRequestContext) {
	const html = await (await request.get('/login')).text()
	const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1]
	if (!token) throw new Error('no CSRF token on /login')
	return token
}

/** Logs a browser context in through the real login form (cookies land in the context). */
export async function loginAs(context: BrowserContext, who: Exclude<Who, 'anonymous'>) {
	const request = context.request
	const csrf = await csrfToken(request)
	const res = await request.post('/login', {
		form: { csrf, login: ACCOUNTS[who], password: DEMO_PASSWORD, intent: 'login' },
		maxRedirects: 0,
	})
	if (res.status() !== 302) throw new Error(`login as ${who} answered ${res.status()}`)
}

/** Read-only access to the e2e database, to find the ids the tests act on. */
export function db() {
	const url = process.env.DATABASE_URL ?? ''
	return new Database(url.replace(/^file:/, ''), { readonly: true, fileMustExist: true })
}

export function one<T>(sql: string, ...params: unknown[]): T {
	const conn = db()
	try {
		const row = conn.prepare(sql).get(...params) as T | undefined
		if (!row) throw new Error(`no row for ${sql}`)
		return row
	} finally {
		conn.close()
	}
}
