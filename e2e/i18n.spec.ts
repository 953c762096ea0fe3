import { expect, test } from './fixtures.ts'

test('Chinese by default, English on request, remembered across pages', async ({ page }) => {
	await page.goto('/')
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
	await expect(page.getByRole('link', { name: '农村产权交易平台' })).toBeVisible()
	await page.getByRole('button', { name: /English/ }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
	await expect(page.getByRole('link', { name: 'Rural Property Exchange' })).toBeVisible()
	await expect(page.getByRole('heading', { level: 2 })).toContainText('listings in view')
	await page.getByRole('link', { name: 'Statistics' }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
	await page.getByRole('button', { name: /中文/ }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
	await expect(page.getByRole('link', { name: '交易统计' })).toBeVisible()
})
