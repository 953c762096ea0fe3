import { expect, test, waitForMap } from './fixtures.ts'

test('on a wide screen the map draws its first clusters from the page itself, then asks the server as it moves', async ({ page }) => {
	const asked: string[] = []
	page.on('request', (r) => {
		if (r.url().includes('/api/listings')) asked.push(r.url())
	})
	await page.setViewportSize({ width: 1280, height: 800 })
	await page.goto('/')
	await waitForMap(page)
	await expect(page.locator('.cluster-marker').first()).toBeVisible()
	expect(asked).toEqual([])
	await page.locator('.leaflet-control-zoom-in').click()
	await expect.poll(() => asked.length).toBeGreaterThan(0)
	await expect(page.locator('.cluster-marker, .listing-marker').first()).toBeVisible()
})

test('on a phone, whose map opens at another zoom, the map asks the server for its first clusters', async ({ page }) => {
	const asked: string[] = []
	page.on('request', (r) => {
		if (r.url().includes('/api/listings')) asked.push(r.url())
	})
	await page.setViewportSize({ width: 390, height: 844 })
	await page.goto('/')
	await waitForMap(page)
	expect(asked.length).toBeGreaterThan(0)
})
