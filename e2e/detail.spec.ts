import { BANNER_BBOX, expect, holdLiveMapUntilClicked, test, waitForHydration, waitForMap } from './fixtures.ts'

test('a detail page opens from the list', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	const first = page.getByTestId('listing-list').getByRole('link').first()
	const title = (await first.getByRole('heading').textContent())!.trim()
	await first.click()
	await expect(page).toHaveURL(/\/listings\//)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
	// The map loads as it comes near the screen, as a visitor scrolls to it.
	await page.locator('#map-heading').scrollIntoViewIfNeeded()
	await expect(page.locator('.leaflet-container')).toBeVisible()
})

test('a card clicked as the live map comes in opens its page: the map’s first report of its view does not replace the click', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForHydration(page)
	// The listing page's data waits until the live map, which the pointer on the card starts, has drawn.
	const clicked = await holdLiveMapUntilClicked(page, /\/listings\/[^/]+\.data/)
	const card = page.getByTestId('listing-list').getByRole('link').first()
	const title = (await card.getByRole('heading').textContent())!.trim()
	await card.hover()
	await card.click()
	clicked()
	await expect(page).toHaveURL(/\/listings\//, { timeout: 40_000 })
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
})

test('a detail page opens from a map marker', async ({ page }) => {
	// Zoomed in around Shulinzhao, where listings are single markers.
	await page.goto('/?bbox=109.98,40.37,110.08,40.43&zoom=14')
	await waitForMap(page)
	const marker = page.locator('.listing-marker').first()
	await expect(marker).toBeVisible()
	const title = await marker.getAttribute('title')
	const popup = page.locator('.leaflet-popup')
	// A click while the map still settles its first view can land as a pan (CI, PostgreSQL pass): click again.
	await expect(async () => {
		if (!(await popup.isVisible())) await page.locator(`.listing-marker[title="${title}"]`).click()
		await expect(popup).toContainText(title!, { timeout: 2000 })
	}).toPass({ timeout: 15_000 })
	// Leaflet names its close button in English; the page's language is used instead.
	await expect(popup.getByRole('button', { name: '关闭', exact: true })).toBeVisible()
	await popup.getByRole('link').click()
	await expect(page).toHaveURL(/\/listings\//)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!)
})

test('unknown and unpublished listings are a real 404', async ({ page, request }) => {
	const res = await page.goto('/listings/does-not-exist')
	expect(res?.status()).toBe(404)
	await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible()
	expect((await request.get('/no/such/page')).status()).toBe(404)
	expect((await request.get('/listings/%3Cscript%3E')).status()).toBe(404)
})
