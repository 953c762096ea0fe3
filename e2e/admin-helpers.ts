import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { collectConsoleErrors } from './console-errors.ts'


export async function logout(page: Page) {
	await page.getByRole('button', { name: '退出' }).click()
	await expect(page.getByRole('link', { name: '登录', exact: true })).toBeVisible()
}

/**
 * A second browser (another person at another computer) with the same rules as the fixtures:
 * nothing leaves 127.0.0.1, and any console error is collected for the test to check.
 */
export async function secondBrowser(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
	const page = await context.newPage()
	const errors = collectConsoleErrors(page)
	return { context, page, errors }
}

/** Opens a <details> section by its summary text (the create forms are folded away). */
export async function unfold(page: Page, summary: string) {
	const details = page.locator('details', { has: page.locator('summary', { hasText: summary }) })
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click()
	return details
}
