// Two instances of the app on one database, as a province runs them behind a load balancer
// (issue 10, decision 021), on whichever engine the run uses. Nothing that matters may live in one
// process: a change made through one instance shows on the other's map and list within a second;
// a login, its CSRF token and the login limits hold whichever instance answers. (The sweep's
// lease: tests/lease.test.ts; two bids or certifications through two processes: the racers of
// tests/bidding.test.ts and tests/deal.test.ts, on both engines.)
import { expect, test } from './fixtures.ts'
import { one } from './db.ts'
import { insertSubmittedListing, REVIEWER_X, VILLAGE_X } from './review-helpers.ts'
import { copySeed, startServer, type AppServer, type SeedCopy } from './server.ts'
import { createSession, DEMO_PASSWORD } from './session.ts'

let a: AppServer
let b: AppServer
let files: SeedCopy
let workerDatabase: string | undefined

// eslint-disable-next-line no-empty-pattern
test.beforeAll(async ({}, info) => {
	files = copySeed(`instances-${info.parallelIndex}`)
	// Beside this worker's own server (E2E_PORT + 100 × (slot + 1)), in the same hundred.
	const port = Number(process.env.E2E_PORT ?? 4310) + 100 * (info.parallelIndex + 1) + 50
	const env = { TRUST_PROXY: 'loopback', WEB_CONCURRENCY: '1' }
	;[a, b] = await Promise.all([startServer({ ...files, port, env }), startServer({ ...files, port: port + 1, env })])
	// This file's own reads and writes (review-helpers, one) go to the two instances' database.
	workerDatabase = process.env.DATABASE_URL
	process.env.DATABASE_URL = files.databaseUrl
})

test.afterAll(async () => {
	await Promise.all([a?.stop(), b?.stop()])
	files?.drop()
	if (workerDatabase) process.env.DATABASE_URL = workerDatabase
})

test('a listing approved through instance A is on instance B’s map and list within a second', async ({ page }) => {
	const title = `双实例测试院子 ${Date.now()}`
	const id = insertSubmittedListing(VILLAGE_X, title)
	const { lat, lng } = one<{ lat: number; lng: number }>('SELECT lat, lng FROM "Listing" WHERE id = $1', [id])
	const bbox = [lng - 0.01, lat - 0.01, lng + 0.01, lat + 0.01].join(',')
	const onB = async () => {
		const map = (await (await page.request.get(`${b.baseURL}/api/listings?bbox=${bbox}&zoom=16`)).json()) as { features: Array<{ id: string }> }
		return map.features.some((f) => f.id === id)
	}
	expect(await onB()).toBe(false)

	await createSession(page.context(), REVIEWER_X, a)
	await page.goto(`${a.baseURL}/review/listings/${id}`)
	await page.getByLabel('审核意见').fill('材料齐全，同意挂牌。')
	await page.getByRole('button', { name: '通过并发布' }).click()
	// The confirmation after the redirect, on A.
	await expect(page.getByRole('status')).toContainText(`已通过，挂牌已发布：${title}`)
	const approved = Date.now()
	await expect.poll(onB, { timeout: 1000, intervals: [50] }).toBe(true)
	expect(Date.now() - approved).toBeLessThan(1000)
	// B's list beside the map, newest first.
	expect(await (await page.request.get(`${b.baseURL}/?bbox=${bbox}&zoom=16`)).text()).toContain(title)
})

test('a login made on A is a login on B, and a form from A posts to B', async ({ page }) => {
	await page.goto(`${a.baseURL}/login`)
	await page.getByLabel('手机号或邮箱').fill('buyer1@demo.local')
	await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD)
	await page.getByRole('button', { name: '登录', exact: true }).click()
	await expect(page.getByRole('button', { name: '退出' })).toBeVisible()
	// Cookies belong to the host, not the port: the same browser now asks B.
	await page.goto(`${b.baseURL}/me`)
	await expect(page).toHaveURL(`${b.baseURL}/me`)
	await expect(page.getByRole('button', { name: '退出' })).toBeVisible()
	// A CSRF token A put in a form is accepted by B; a made-up one is refused.
	await page.goto(`${a.baseURL}/`)
	const csrf = await page.locator('input[name="csrf"]').first().inputValue()
	const post = (token: string) => page.request.post(`${b.baseURL}/language`, { form: { csrf: token, lng: 'en', redirectTo: '/' }, maxRedirects: 0 })
	expect((await post(`${csrf}x`)).status()).toBe(403)
	expect((await post(csrf)).status()).toBe(302)
	await page.goto(`${b.baseURL}/me`)
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})

test('wrong passwords counted on A slow the same attempts on B', async ({ request }) => {
	const headers = { 'X-Forwarded-For': `203.0.113.${(Date.now() / 1000) & 255}` }
	const token = async (base: string) => /name="csrf" value="([^"]+)"/.exec(await (await request.get(`${base}/login`)).text())![1]
	const login = async (base: string, password: string) =>
		request.post(`${base}/login`, { headers, form: { csrf: await token(base), login: 'village.saiwusu@demo.local', password }, maxRedirects: 0 })
	for (let i = 0; i < 5; i++) expect((await login(a.baseURL, `wrong-${i}-x7`)).status()).toBe(400)
	const refused = await login(b.baseURL, DEMO_PASSWORD)
	expect(refused.status()).toBe(429)
	expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0)
})
