import { expect, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test'

export const DEMO_PASSWORD = 'demo-2026'
export const ADMIN_EMAIL = 'admin@demo.local'
const LOCAL = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//

/** Logs in through the login form, as a person would, and waits to leave /login. */
export async function loginWithForm(page: Page, login: string, password: string) {
	await page.goto('/login')
	await page.getByLabel('手机号或邮箱').fill(login)
	await page.getByLabel('密码', { exact: true }).fill(password)
	await page.getByRole('button', { name: '登录', exact: true }).click()
}

export async function logout(page: Page) {
	await page.getByRole('button', { name: '退出' }).click()
	await expect(page.getByRole('link', { name: '登录', exact: true })).toBeVisible()
}

/**
 * A second browser (another person at another computer) with the same rules as the fixtures:
 * nothing leaves 127.0.0.1, and any console error is collected for the test to check.
 */
export async function secondBrowser(browser: Browser, testInfo: TestInfo): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
	const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
	await context.route(
		(url) => !LOCAL.test(url.toString()),
		(route) => route.abort(),
	)
	const page = await context.newPage()
	const errors: string[] = []
	page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
	page.on('console', (m) => {
		// A refused login answers 400: that is the behaviour under test, not an error of the page.
		if (m.type() === 'error' && !/status of (400|404)/.test(m.text())) errors.push(m.text())
	})
	return { context, page, errors }
}

/** Opens a <details> section by its summary text (the create forms are folded away). */
export async function unfold(page: Page, summary: string) {
	const details = page.locator('details', { has: page.locator('summary', { hasText: summary }) })
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click()
	return details
}
