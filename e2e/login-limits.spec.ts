// Login throttling and sign-up in the browser (decision 012). Each test speaks for its own client
// addresses through X-Forwarded-For (the e2e server trusts it from loopback), so an "attacker", an
// "owner" and a "village office" are different addresses, as they would be in the field.
import type { BrowserContext, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { csrfToken, loginWithForm, one } from './session.ts'

let seq = 0
/** A documentation address (RFC 5737) no other test or run uses. */
function address() {
	seq += 1
	return `198.51.${(Date.now() / 1000) & 255}.${(seq * 7 + process.pid) & 255}`
}

async function at(context: BrowserContext, ip: string) {
	await context.setExtraHTTPHeaders({ 'X-Forwarded-For': ip })
}

async function join(page: Page, name: string, who: string, password: string) {
	await page.goto('/join')
	await page.getByLabel('姓名或单位名称').fill(name)
	await page.getByLabel('手机号或邮箱').fill(who)
	await page.getByLabel('密码', { exact: true }).fill(password)
	await page.getByLabel('再次输入密码').fill(password)
	await page.getByRole('button', { name: '注册' }).click()
}

const PASSWORD = 'lamb-river-orchard'

test('an attacker’s wrong passwords slow the attacker’s address, not the owner logging in elsewhere', async ({ page, browser }) => {
	// A sign-up and seven logins, each a deliberately slow password hash: 30 s ran out in CI's
	// PostgreSQL pass on the loaded 2-core machine.
	test.slow()
	const owner = `owner-${Date.now()}@example.com`
	await at(page.context(), address())
	await join(page, '王业主', owner, PASSWORD)
	await expect(page).toHaveURL(/\/login\?joined=1/)

	const attacker = await browser.newContext()
	try {
		await at(attacker, address())
		const a = await attacker.newPage()
		for (let i = 0; i < 5; i++) {
			await loginWithForm(a, owner, `guess-${i}-x7`)
			await expect(a.getByRole('alert')).toContainText('不正确')
		}
		const refused = a.waitForResponse((r) => r.url().includes('/login') && r.request().method() === 'POST')
		await loginWithForm(a, owner, PASSWORD)
		const res = await refused
		expect(res.status()).toBe(429)
		expect(Number(res.headers()['retry-after'])).toBeGreaterThan(50)
		await expect(a.getByRole('alert')).toContainText(/尝试次数过多.*请 \d+ 秒后再试/)
	} finally {
		await attacker.close()
	}

	await at(page.context(), address())
	await loginWithForm(page, owner, PASSWORD)
	await expect(page.getByRole('button', { name: '退出' })).toBeVisible()
})

test('spraying one password over many accounts from one address gets slowed (429, Retry-After)', async ({ request }) => {
	const headers = { 'X-Forwarded-For': address() }
	const csrf = await csrfToken(request)
	const tryLogin = (i: number) => request.post('/login', { headers, form: { csrf, login: `spray-${Date.now()}-${i}@example.com`, password: '12345678' }, maxRedirects: 0 })
	for (let i = 0; i < 50; i++) expect((await tryLogin(i)).status()).toBe(400)
	const res = await tryLogin(50)
	expect(res.status()).toBe(429)
	const wait = Number(res.headers()['retry-after'])
	expect(wait).toBeGreaterThanOrEqual(1)
	expect(wait).toBeLessThanOrEqual(60)
	expect(await res.text()).toContain('尝试次数过多')
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a village office: one clerk’s typos slow that clerk only; a colleague at the same address logs in', async ({ browser }) => {
		const office = address()
		const stamp = Date.now()
		const clerks = [`clerk-a-${stamp}@example.com`, `clerk-b-${stamp}@example.com`]
		const contexts = await Promise.all(clerks.map(() => browser.newContext({ javaScriptEnabled: false })))
		try {
			const [a, b] = await Promise.all(contexts.map(async (c) => (await at(c, office), c.newPage())))
			// Each signs up from somewhere else (sign-ups are limited per address).
			for (const [i, p] of [a!, b!].entries()) {
				await at(p.context(), address())
				await join(p, `村干部${i}`, clerks[i]!, PASSWORD)
				await expect(p.getByRole('status')).toContainText('注册已提交')
				await at(p.context(), office)
			}
			for (let i = 0; i < 6; i++) await loginWithForm(a!, clerks[0]!, `typo-${i}-q9`)
			await expect(a!.getByRole('alert')).toContainText('尝试次数过多')
			await loginWithForm(b!, clerks[1]!, PASSWORD)
			await expect(b!.getByRole('button', { name: '退出' })).toBeVisible()
		} finally {
			await Promise.all(contexts.map((c) => c.close()))
		}
	})

	test('sign-up answers the same for a new and a registered address, and tells the owner', async ({ page }) => {
		await at(page.context(), address())
		const email = `twice-${Date.now()}@example.com`
		await join(page, '李先到', email, PASSWORD)
		await expect(page).toHaveURL(/\/login\?joined=1/)
		const first = await page.getByRole('status').innerText()

		await join(page, '李后到', email.toUpperCase(), 'other-phrase-tulip-9')
		await expect(page).toHaveURL(/\/login\?joined=1/)
		expect(await page.getByRole('status').innerText()).toBe(first)
		await expect(page.getByText('已注册', { exact: false })).toHaveCount(0)
		const n = one<{ n: number }>(`SELECT count(*) AS n FROM "Notification" n JOIN "User" u ON u.id = n."userId" WHERE u.email = $1 AND n.kind = 'signup-existing'`, email).n
		expect(n).toBe(1)
		// The first password still works; the account was not changed.
		await loginWithForm(page, email, PASSWORD)
		await expect(page.getByRole('button', { name: '退出' })).toBeVisible()
	})

	test('sign-up refuses common and personal passwords and says why', async ({ page }) => {
		await at(page.context(), address())
		const email = `weak-${Date.now()}@example.com`
		await join(page, '赵测试', email, '12345678')
		await expect(page.getByText('这是常用密码')).toBeVisible()
		await join(page, '赵测试', email, email)
		await expect(page.getByText('密码不能用手机号、邮箱或姓名')).toBeVisible()
		await join(page, '赵测试', email, 'password')
		await expect(page.getByText('这是常用密码')).toBeVisible()
		expect(one<{ n: number }>('SELECT count(*) AS n FROM "User" WHERE email = $1', email).n).toBe(0)
	})

	test('sign-ups are limited per address: the sixth in an hour is refused with 429 and a wait', async ({ page }) => {
		await at(page.context(), address())
		const stamp = Date.now()
		for (let i = 0; i < 5; i++) {
			await join(page, `批量${i}`, `bulk-${stamp}-${i}@example.com`, PASSWORD)
			await expect(page).toHaveURL(/\/login\?joined=1/)
		}
		const answered = page.waitForResponse((r) => r.url().includes('/join') && r.request().method() === 'POST')
		await join(page, '批量5', `bulk-${stamp}-5@example.com`, PASSWORD)
		const res = await answered
		expect(res.status()).toBe(429)
		expect(Number(res.headers()['retry-after'])).toBeGreaterThan(3000)
		await expect(page.getByRole('alert')).toContainText(/注册太频繁，请 \d+ 分钟后再试/)
		expect(one<{ n: number }>('SELECT count(*) AS n FROM "User" WHERE email = $1', `bulk-${stamp}-5@example.com`).n).toBe(0)
	})
})
