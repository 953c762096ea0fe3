import type { Page } from '@playwright/test'
import { BANNER_BBOX, expect, test, waitForMap } from './fixtures.ts'

// The home page draws its map's first view itself and loads Leaflet when the visitor turns to the
// map (decision 045).

/** The scripts and map requests a page makes, from the start. */
function watch(page: Page) {
	const seen = { mapChunk: false, asked: [] as string[] }
	page.on('request', (r) => {
		if (/\/listings-map\.client-[^/]*\.js$/.test(r.url())) seen.mapChunk = true
		if (r.url().includes('/api/listings')) seen.asked.push(r.url())
	})
	return seen
}

const counts = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent ?? '').sort())

test('on a wide screen the page draws the first clusters and town names before Leaflet loads; a pointer over the map brings the live map with the same clusters', async ({ page }) => {
	const seen = watch(page)
	await page.setViewportSize({ width: 1280, height: 800 })
	await page.goto('/', { waitUntil: 'networkidle' })
	const first = page.getByTestId('map-first-view')
	await expect(first.locator('.first-view-cluster').first()).toBeVisible()
	await expect(first.locator('.town-label span').first()).toBeVisible()
	const drawn = await counts(page, '.first-view-cluster')
	expect(drawn.length).toBeGreaterThan(3)
	// Nothing of Leaflet yet: no chunk, no map, no request.
	expect(seen.mapChunk).toBe(false)
	await expect(page.locator('.leaflet-container')).toHaveCount(0)

	await waitForMap(page)
	expect(seen.mapChunk).toBe(true)
	await expect(first).toHaveCount(0)
	expect(await counts(page, '.leaflet-marker-pane .cluster-marker')).toEqual(drawn)
	// The page's answer served the live map too; a move asks the server.
	expect(seen.asked).toEqual([])
	await page.locator('.leaflet-control-zoom-in').click()
	await expect.poll(() => seen.asked.length).toBeGreaterThan(0)
	await expect(page.locator('.cluster-marker, .listing-marker').first()).toBeVisible()
})

test('a link with a drawn area: the page draws the area and what is inside it before Leaflet loads, and the live map shows the same', async ({ page }) => {
	const seen = watch(page)
	await page.setViewportSize({ width: 1280, height: 800 })
	const area = '109.9,40.3;110.2,40.3;110.2,40.5;109.9,40.5'
	await page.goto(`/?bbox=${BANNER_BBOX}&polygon=${encodeURIComponent(area)}`, { waitUntil: 'networkidle' })
	const first = page.getByTestId('map-first-view')
	const outline = first.locator('.first-view-area polygon')
	await expect(outline).toHaveCount(1)
	const drawnBox = (await outline.boundingBox())!
	// Only what is inside the area: the drawn counts add up to the list's, and each cluster sits inside the outline.
	const drawn = await counts(page, '.first-view-cluster')
	const singles = await first.locator('.first-view-listing').count()
	const listed = Number(/(\d[\d,]*)/.exec((await page.getByRole('heading', { level: 2, name: /当前视野内/ }).textContent()) ?? '')?.[1]?.replace(/,/g, ''))
	expect(drawn.reduce((n, c) => n + Number(c), 0) + singles).toBe(listed)
	expect(listed).toBeGreaterThan(0)
	for (const b of await first.locator('.first-view-cluster').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
		expect(b.left + b.width / 2).toBeGreaterThanOrEqual(drawnBox.x - 1)
		expect(b.left + b.width / 2).toBeLessThanOrEqual(drawnBox.x + drawnBox.width + 1)
		expect(b.top + b.height / 2).toBeGreaterThanOrEqual(drawnBox.y - 1)
		expect(b.top + b.height / 2).toBeLessThanOrEqual(drawnBox.y + drawnBox.height + 1)
	}
	expect(seen.mapChunk).toBe(false)

	// The live map draws the same outline at the same place, from the page's own answer.
	await waitForMap(page)
	await expect(first).toHaveCount(0)
	const liveBox = (await page.locator('path.search-area').boundingBox())!
	// Centred alike; the drawn outline's box holds its line's corners too (a few pixels more).
	expect(Math.abs(liveBox.x + liveBox.width / 2 - (drawnBox.x + drawnBox.width / 2))).toBeLessThanOrEqual(2)
	expect(Math.abs(liveBox.y + liveBox.height / 2 - (drawnBox.y + drawnBox.height / 2))).toBeLessThanOrEqual(2)
	expect(Math.abs(liveBox.width - drawnBox.width)).toBeLessThanOrEqual(8)
	expect(Math.abs(liveBox.height - drawnBox.height)).toBeLessThanOrEqual(8)
	expect(await counts(page, '.leaflet-marker-pane .cluster-marker')).toEqual(drawn)
	// Also once the map has reported its view (a navigation whose data has no first answer).
	await expect.poll(() => new URL(page.url()).searchParams.get('bbox')).not.toBe(BANNER_BBOX)
	await page.waitForTimeout(300)
	expect(seen.asked).toEqual([])
})

test.describe('on a touch screen', () => {
	test.use({ hasTouch: true, viewport: { width: 1280, height: 800 } })

	test('a tap on a drawn cluster loads the map and zooms into that cluster', async ({ page }) => {
		await page.goto('/')
		const cluster = page.locator('.first-view-cluster').last()
		const zoomOf = () => Number(new URL(page.url()).searchParams.get('zoom') ?? 0)
		const live = page.locator('.leaflet-container')
		// A tap before hydration does nothing: tap again, as a visitor would. Each step is bounded:
		// the drawn cluster goes once the live map has drawn.
		await expect(async () => {
			if (!(await live.isVisible())) await cluster.tap({ timeout: 1_000 })
			await expect(live).toBeVisible({ timeout: 1_000 })
		}).toPass({ timeout: 30_000 })
		await expect.poll(zoomOf).toBeGreaterThanOrEqual(10)
	})
})

test('the keyboard reaches the drawn map, and its focus moves into the live map', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 })
	await page.goto('/', { waitUntil: 'networkidle' })
	const first = page.getByTestId('map-first-view')
	const live = page.locator('.leaflet-container')
	await expect(async () => {
		// A focus before hydration is not seen: leave and come back. Each step is bounded: the drawn
		// view goes once the live map has drawn.
		if (!(await live.isVisible())) {
			await first.evaluate((el) => el.blur(), undefined, { timeout: 1_000 })
			await first.focus({ timeout: 1_000 })
		}
		await expect(live).toBeFocused({ timeout: 1_000 })
	}).toPass({ timeout: 30_000 })
	await page.keyboard.press('+')
	await expect.poll(() => Number(new URL(page.url()).searchParams.get('zoom') ?? 0)).toBeGreaterThanOrEqual(10)
})

test.describe('on a phone that says so', () => {
	test.use({
		viewport: { width: 390, height: 844 },
		userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0 Mobile Safari/537.36',
	})

	test('the first view is at a phone map’s zoom, and the live map needs no request', async ({ page }) => {
		const seen = watch(page)
		await page.goto('/', { waitUntil: 'networkidle' })
		const drawn = await counts(page, '.first-view-cluster')
		await waitForMap(page)
		expect(await counts(page, '.leaflet-marker-pane .cluster-marker')).toEqual(drawn)
		expect(seen.asked).toEqual([])
	})
})

test('a phone the server took for a wide screen scales the drawn view to the ground its map shows, then asks for its own zoom', async ({ page }) => {
	const seen = watch(page)
	await page.setViewportSize({ width: 390, height: 844 })
	await page.goto('/', { waitUntil: 'networkidle' })
	const layer = page.getByTestId('map-first-view').locator('[data-first-view]').first()
	await expect.poll(() => layer.evaluate((el) => getComputedStyle(el).getPropertyValue('--s').trim())).toBe('0.5')
	// Every drawn cluster is inside the phone's map, as the wide screen's are inside its own.
	const box = (await page.getByTestId('map-first-view').boundingBox())!
	for (const b of await page.locator('.first-view-cluster').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
		expect(b.left).toBeGreaterThanOrEqual(box.x)
		expect(b.right).toBeLessThanOrEqual(box.x + box.width)
	}
	await waitForMap(page)
	expect(seen.asked.length).toBeGreaterThan(0)
})
