import { expect, test, waitForMap } from './fixtures.ts'

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

test('the map and list fit a phone, list below the map', async ({ page }) => {
	await page.goto('/')
	await waitForMap(page)
	const map = (await page.locator('.leaflet-container').boundingBox())!
	const list = (await page.getByTestId('listing-list').boundingBox())!
	expect(map.width).toBeLessThanOrEqual(390)
	expect(list.y).toBeGreaterThan(map.y + map.height - 1)
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
	await page.getByTestId('listing-list').getByRole('link').first().click()
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
})
