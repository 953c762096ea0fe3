import { BUDGETS_KB, formatReport, measureScripts } from '../scripts/page-weight.mjs'
import { expect, test } from './fixtures.ts'

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
