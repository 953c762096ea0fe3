import { expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'demo-2026'

/** Logs in through the /login page as a browser user would (fields by name: any language). */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login')
	await page.locator('input[name="login"]').fill(email)
	await page.locator('input[name="password"]').fill(password)
	await page.locator('button[name="intent"][value="login"]').click()
	await expect(page).not.toHaveURL(/\/login/)
}
