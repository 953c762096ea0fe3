import http from 'node:http'
import { expect, test } from './fixtures.ts'
import { ACCOUNTS, csrfToken, DEMO_PASSWORD, loginWithForm, one } from './session.ts'

test('every kind of response carries the security headers', async ({ request }) => {
	const html = await (await request.get('/')).text()
	const script = /href="(\/build\/[^"]+\.js)"/.exec(html)![1]
	for (const path of ['/', '/api/listings', '/healthz', '/api/stats', '/ledger', '/ledger.csv', '/ledger.xlsx', '/api/ledger', script, '/favicon.svg', '/no-such-page']) {
		const res = await request.get(path)
		const h = res.headers()
		expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'")
		expect(h['x-frame-options'], path).toBe('DENY')
		expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
		expect(h['x-content-type-options'], path).toBe('nosniff')
	}
})

test('the session cookie is httpOnly and SameSite=Lax, and holds only an id', async ({ page, context }) => {
	// The cookie the login itself sets (not the one the login fixture signs).
	await loginWithForm(page, ACCOUNTS.buyer, DEMO_PASSWORD)
	await expect(page).not.toHaveURL(/\/login/)
	const cookie = (await context.cookies()).find((c) => c.name === '__session')!
	expect(cookie.httpOnly).toBe(true)
	expect(cookie.sameSite).toBe('Lax')
	expect(cookie.secure).toBe(false) // plain http here; Secure behind HTTPS
	expect(cookie.value).not.toContain(ACCOUNTS.buyer)
	expect(cookie.expires).toBeGreaterThan(Date.now() / 1000 + 20 * 24 * 3600)
})

test('mutating forms refuse a missing or foreign CSRF token', async ({ request, browser }) => {
	const noToken = await request.post('/login', { form: { login: ACCOUNTS.buyer, password: DEMO_PASSWORD }, maxRedirects: 0 })
	expect(noToken.status()).toBe(403)
	// A token from another browser does not match this browser's cookie.
	const other = await browser.newContext()
	const foreign = await csrfToken(other.request)
	await other.close()
	await csrfToken(request)
	const res = await request.post('/login', { form: { csrf: foreign, login: ACCOUNTS.buyer, password: DEMO_PASSWORD }, maxRedirects: 0 })
	expect(res.status()).toBe(403)
	const logout = await request.post('/logout', { form: {}, maxRedirects: 0 })
	expect(logout.status()).toBe(403)
})

test('a buyer signs up, logs out and in again; bad input changes nothing', async ({ page }) => {
	const email = `e2e-${Date.now()}@example.com`
	await page.goto('/join')
	await page.getByRole('button', { name: '注册' }).click()
	await expect(page.getByText('必填').first()).toBeVisible()
	await page.getByLabel('姓名或单位名称').fill('<script>alert(1)</script>'.repeat(400))
	await page.getByLabel('手机号或邮箱').fill('not-a-login')
	await page.getByLabel('密码', { exact: true }).fill('short')
	await page.getByLabel('再次输入密码').fill('other')
	await page.getByRole('button', { name: '注册' }).click()
	await expect(page.getByText('太长了')).toBeVisible()
	await expect(page.getByText('请输入手机号或邮箱')).toBeVisible()
	// Once: the length rule and the strength rule used to both say it.
	await expect(page.getByText('密码至少 8 位')).toHaveCount(1)
	expect(one<{ n: number }>(`SELECT count(*) AS n FROM "User" WHERE name LIKE '%<script>%'`).n).toBe(0)

	await page.getByLabel('姓名或单位名称').fill('王测试')
	await page.getByLabel('手机号或邮箱').fill(email)
	await page.getByLabel('密码', { exact: true }).fill('correct horse battery')
	await page.getByLabel('再次输入密码').fill('correct horse battery')
	await page.getByRole('button', { name: '注册' }).click()
	// Sign-up does not log in: the same answer for a new and a registered address (decision 012).
	await expect(page.getByRole('status')).toContainText('注册已提交')
	const hash = one<{ hash: string }>('SELECT p.hash FROM "Password" p JOIN "User" u ON u.id = p."userId" WHERE u.email = $1', email).hash
	expect(hash).toMatch(/^\$argon2id\$/)

	// The same email cannot register twice, and the page does not say it exists.
	await page.goto('/join')
	await page.getByLabel('姓名或单位名称').fill('王测试')
	await page.getByLabel('手机号或邮箱').fill(email.toUpperCase())
	await page.getByLabel('密码', { exact: true }).fill('correct horse battery')
	await page.getByLabel('再次输入密码').fill('correct horse battery')
	await page.getByRole('button', { name: '注册' }).click()
	await expect(page.getByRole('status')).toContainText('注册已提交')
	expect(one<{ n: number }>('SELECT count(*) AS n FROM "User" WHERE email = $1', email).n).toBe(1)

	await page.goto('/login')
	await page.getByLabel('手机号或邮箱').fill(email)
	await page.getByLabel('密码').fill('correct horse battery')
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page.getByRole('button', { name: '退出' })).toBeVisible()
})

test('login is rate limited per account after repeated failures', async ({ page }) => {
	const login = `nobody-${Date.now()}@example.com`
	for (let i = 0; i < 5; i++) {
		await page.goto('/login')
		await page.getByLabel('手机号或邮箱').fill(login)
		await page.getByLabel('密码').fill(`wrong-${i}`)
		await page.getByRole('button', { name: '登录' }).click()
		await expect(page.getByRole('alert')).toContainText('不正确')
	}
	await page.getByLabel('手机号或邮箱').fill(login)
	await page.getByLabel('密码').fill('whatever')
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page.getByRole('alert')).toContainText('尝试次数过多')
})

test('login never redirects off-site', async ({ context, page }) => {
	const csrf = await csrfToken(context.request)
	const res = await context.request.post('/login', {
		form: { csrf, login: ACCOUNTS.buyer, password: DEMO_PASSWORD, redirectTo: '//evil.example/steal' },
		maxRedirects: 0,
	})
	expect(res.status()).toBe(302)
	expect(res.headers()['location']).toBe('/')
	await page.goto('/login')
	await expect(page).toHaveURL('/') // already logged in: sent home
})

/** Posts `size` bytes in 64 KB pieces, 10 ms apart, as a slow connection uploads; collects what came back. */
async function postSlowly(url: string, size: number) {
	const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': size } })
	const errors: string[] = []
	req.on('error', (e) => errors.push(e.message))
	const answer = new Promise<{ status: number; text: string }>((resolve) =>
		req.on('response', async (res) => {
			// The answer comes at the headers; the body is still being sent.
			let text = ''
			try {
				for await (const chunk of res) text += chunk
			} catch (e) {
				errors.push(String(e))
			}
			resolve({ status: res.statusCode ?? 0, text })
		}),
	)
	const piece = Buffer.alloc(64 * 1024, 'a')
	for (let sent = 0; sent < size && errors.length === 0; sent += piece.length) {
		await new Promise<void>((resolve) =>
			req.write(piece.subarray(0, Math.min(piece.length, size - sent)), (error) => {
				if (error) errors.push(error.message)
				resolve()
			}),
		)
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
	req.end()
	const got = await Promise.race([answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000))])
	return { status: got?.status, text: got?.text, errors }
}

test('a form body over the limit is answered 413 while the client is still sending it, not cut off', async ({ baseURL }) => {
	// 3 MB to a 1 MB form: the refusal comes at the headers, and the rest is read and dropped. Closing
	// the connection instead reset a client still sending (EPIPE in the action fuzz; a browser shows a
	// network error rather than the message).
	const { status, text, errors } = await postSlowly(`${baseURL}/login`, 3 * 1024 * 1024)
	expect(errors).toEqual([])
	expect(status).toBe(413)
	expect(text).toContain('too large')
})
