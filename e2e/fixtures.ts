import { test as base, expect, type Page } from '@playwright/test'

// A 1×1 transparent PNG served for every map tile: tests never leave 127.0.0.1.
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')
const LOCAL = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//

type Fixtures = { consoleErrors: string[] }

export const test = base.extend<Fixtures>({
	context: async ({ context }, use) => {
		await context.route(
			(url) => !LOCAL.test(url.toString()),
			(route) => {
				if (route.request().resourceType() === 'image') return route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PNG })
				return route.abort()
			},
		)
		await use(context)
	},
	// Any error in the browser console fails the test (as in the Epic Stack).
	consoleErrors: [
		async ({ page }, use) => {
			const errors: string[] = []
			page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
			page.on('console', (m) => {
				if (m.type() !== 'error') return
				const text = m.text()
				// Deliberate 4xx answers (a 404 page, a refused form, a rate limit) are behaviour under
				// test, logged by the browser as failed loads; server errors (5xx) still fail the test.
				if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return
				errors.push(text)
			})
			await use(errors)
			expect(errors, 'console errors').toEqual([])
		},
		{ auto: true },
	],
})

export { expect }

/** Waits until the Leaflet map is drawn and its first data request has answered. */
export async function waitForMap(page: Page) {
	await page.locator('.leaflet-container').waitFor()
	await expect(page.locator('.cluster-marker, .listing-marker').first()).toBeVisible()
}

export const BANNER_BBOX = '108.95,39.85,110.8,40.55'
