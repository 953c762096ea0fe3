import { BUDGETS_KB, formatReport, measureScripts } from '../scripts/page-weight.mjs'
import { expect, test, waitForHydration } from './fixtures.ts'
import { one } from './session.ts'

// The JavaScript a visitor downloads (gzip), with its budget (scripts/page-weight.mjs).
for (const [path, budget] of Object.entries(BUDGETS_KB)) {
	test(`${path} loads at most ${budget} KB of JavaScript, only its language, and no form validation`, async ({ page, baseURL }) => {
		const result = await measureScripts(page, new URL(path, baseURL).toString())
		await test.info().attach('scripts', { body: formatReport(result), contentType: 'text/plain' })
		expect(result.totalKb).toBeLessThanOrEqual(budget)
		const loaded = (marker: string) => result.files.filter((f) => f.text.includes(marker)).map((f) => f.url)
		// zod's error code: forms' validation stays off a page without forms.
		expect(loaded('invalid_type')).toEqual([])
		// A Chinese page loads no English (the map's English page title) and no admin strings.
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
		expect(loaded('Find property on the map')).toEqual([])
		expect(loaded(asciiEscaped('地图找房找地'))).not.toEqual([])
		// Leaflet (its zoom animation's class) loads when the visitor turns to the map, not with the page.
		expect(loaded('leaflet-zoom-animated')).toEqual([])
	})
}

// esbuild writes non-ASCII text as \uXXXX escapes.
function asciiEscaped(text: string) {
	return [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('')
}

test('/stats draws a chart only when it comes near the screen; its table is there before any script', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 800 })
	await page.goto('/stats', { waitUntil: 'networkidle' })
	const value = page.locator('section', { has: page.locator('#chart-value-heading') })
	await expect(value).toBeAttached()
	// Far below the first screen on a phone: still the placeholder after the page has settled.
	await expect(value.locator('svg.recharts-surface')).toHaveCount(0)
	await value.scrollIntoViewIfNeeded()
	await expect(value.locator('svg.recharts-surface').first()).toBeVisible()
})

test('/stats tables need no JavaScript', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	await page.goto(`${baseURL}/stats`)
	await expect(page.locator('#price-table tbody tr').first()).toBeVisible()
	await expect(page.locator('#status-table tbody tr')).toHaveCount(8)
	await context.close()
})

test('a listing’s page on a phone loads Leaflet only when its map comes near the screen', async ({ page }) => {
	const { id } = one<{ id: string }>(`SELECT l.id FROM "Listing" l JOIN "ListingPhoto" p ON p."listingId" = l.id WHERE l.status = 'PUBLISHED' ORDER BY l.id LIMIT 1`)
	const scripts: string[] = []
	page.on('response', async (res) => {
		if (res.request().resourceType() === 'script') scripts.push(await res.text().catch(() => ''))
	})
	await page.setViewportSize({ width: 390, height: 800 })
	await page.goto(`/listings/${id}`, { waitUntil: 'networkidle' })
	const section = page.locator('section', { has: page.locator('#map-heading') })
	// Below the photos and the facts: the skeleton, with the coordinates, and no Leaflet fetched.
	await expect(section).toContainText(/\d+\.\d{4}/)
	await expect(section.locator('.leaflet-container')).toHaveCount(0)
	expect(scripts.filter((text) => text.includes('leaflet-zoom-animated'))).toEqual([])
	await section.scrollIntoViewIfNeeded()
	await expect(section.locator('.leaflet-container')).toBeVisible()
	await expect(section.locator('.listing-marker')).toBeVisible()
	await expect.poll(() => scripts.filter((text) => text.includes('leaflet-zoom-animated')).length).toBe(1)
})

test('the first paint waits for no style sheet: the styles come in the document, and hold after a navigation', async ({ page }) => {
	const sheets: string[] = []
	page.on('request', (req) => {
		if (req.resourceType() === 'stylesheet') sheets.push(req.url())
	})
	await page.goto('/ledger')
	await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(0)
	const inline = page.locator('head style#page-styles')
	// Leaflet's defaults, then the app's own rules (the map's town labels among them).
	await expect(inline).toHaveCount(1)
	const css = (await inline.textContent())!
	expect(css.indexOf('.leaflet-pane')).toBeGreaterThanOrEqual(0)
	expect(css.indexOf('.leaflet-pane')).toBeLessThan(css.indexOf('.town-label'))
	const headerColor = () => page.locator('header').first().evaluate((el) => getComputedStyle(el).backgroundColor)
	expect(await headerColor()).not.toBe('rgba(0, 0, 0, 0)')
	// A navigation in the browser keeps the one element (nothing is fetched or added).
	await waitForHydration(page)
	await page.locator('header').getByRole('link', { name: '交易统计', exact: true }).click()
	await expect(page).toHaveURL(/\/stats$/)
	await expect(page.locator('style#page-styles')).toHaveCount(1)
	expect(await headerColor()).not.toBe('rgba(0, 0, 0, 0)')
	expect(sheets).toEqual([])
})
