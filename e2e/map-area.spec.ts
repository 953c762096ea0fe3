// "Search this area": a rectangle or polygon drawn on the map filters the list and the map, lives
// in the URL, and can be cleared, by mouse, by keyboard and without JavaScript.
import type { Page } from '@playwright/test'
import type { ListingFeatureCollection } from '../app/utils/listing-features.ts'
import { BANNER_BBOX, expect, test, waitForMap } from './fixtures.ts'

const heading = (page: Page) => page.getByRole('heading', { level: 2, name: /当前视野内/ })

async function countInView(page: Page) {
	const text = (await heading(page).textContent()) ?? ''
	return Number(/(\d[\d,]*)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN)
}

const polygonOf = (page: Page) => new URL(page.url()).searchParams.get('polygon')

// An area alone is a filter: no other filter is set.
const START = `/?bbox=${BANNER_BBOX}`

/** What the map API counts for the page's own view and area: the list must say the same. */
async function apiCount(page: Page) {
	const params = new URL(page.url()).searchParams
	params.set('zoom', '18')
	const data = (await (await page.request.get(`/api/listings?${params}`)).json()) as ListingFeatureCollection
	return data.features.reduce((n, f) => n + ('cluster' in f.properties ? f.properties.count : 1), 0)
}

test('a rectangle dragged on the map searches inside it, shows, and clears', async ({ page }) => {
	await page.goto(START)
	await waitForMap(page)
	await page.waitForTimeout(500)
	const before = await countInView(page)
	await page.getByRole('button', { name: '框选区域搜索' }).click()
	await expect(page.getByRole('status').filter({ hasText: '按住拖动' })).toBeVisible()
	const box = (await page.locator('.leaflet-container').boundingBox())!
	// Corners on empty map (clusters sit in the middle band): a drag that starts on a marker would not draw.
	await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.12)
	await page.mouse.down()
	await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5, { steps: 4 })
	await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.9, { steps: 4 })
	await page.mouse.up()
	await expect.poll(() => polygonOf(page)).toMatch(/^[\d.]+,[\d.]+(;[\d.]+,[\d.]+){3}$/)
	await expect(page.locator('path.search-area')).toHaveCount(1)
	await expect(page.getByTestId('area-filter-note')).toBeVisible()
	// The list follows the area, and agrees with the map's answer for the same URL.
	await expect.poll(() => countInView(page)).toBeLessThan(before)
	const inside = await countInView(page)
	expect(inside).toBeGreaterThan(0)
	expect(await apiCount(page)).toBe(inside)
	// Panning keeps the area; the map control clears it.
	await page.getByRole('button', { name: '清除区域' }).click()
	await expect.poll(() => polygonOf(page)).toBeNull()
	await expect(page.locator('path.search-area')).toHaveCount(0)
	await expect.poll(() => countInView(page)).toBe(before)
})

test('a polygon clicked corner by corner closes on its first point', async ({ page }) => {
	await page.goto(START)
	await waitForMap(page)
	await page.getByRole('button', { name: '画多边形搜索' }).click()
	const box = (await page.locator('.leaflet-container').boundingBox())!
	const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const
	const corners = [at(0.3, 0.12), at(0.85, 0.15), at(0.6, 0.92)]
	for (const [x, y] of corners) await page.mouse.click(x, y)
	await expect(page.locator('path.draw-vertex')).toHaveCount(3)
	await expect(page.getByRole('status').filter({ hasText: '已放 3 个' })).toBeVisible()
	await page.mouse.click(corners[0][0] + 3, corners[0][1] + 2)
	await expect.poll(() => polygonOf(page)).toMatch(/^[\d.]+,[\d.]+(;[\d.]+,[\d.]+){2}$/)
	await expect(page.locator('path.search-area')).toHaveCount(1)
	await expect(page.locator('path.draw-vertex')).toHaveCount(0)
	await expect.poll(async () => (await apiCount(page)) === (await countInView(page))).toBe(true)
})

test('from the keyboard, the current view becomes the area; Escape cancels a drawing', async ({ page }) => {
	await page.goto(START)
	await waitForMap(page)
	await page.getByRole('button', { name: '画多边形搜索' }).focus()
	await page.keyboard.press('Enter')
	await expect(page.getByRole('button', { name: '用当前视野' })).toBeFocused()
	await page.keyboard.press('Escape')
	await expect(page.getByRole('button', { name: '用当前视野' })).toHaveCount(0)
	await page.getByRole('button', { name: '框选区域搜索' }).focus()
	await page.keyboard.press('Enter')
	await expect(page.getByRole('button', { name: '用当前视野' })).toBeFocused()
	await page.keyboard.press('Enter')
	await expect.poll(() => polygonOf(page)).toMatch(/^[\d.]+,[\d.]+(;[\d.]+,[\d.]+){3}$/)
	// The rectangle is the middle of the view: centred where the map is, smaller than the banner.
	const points = polygonOf(page)!.split(';').map((p) => p.split(',').map(Number))
	const lngs = points.map((p) => p[0])
	const lats = points.map((p) => p[1])
	const [west, south, east, north] = BANNER_BBOX.split(',').map(Number)
	expect((Math.min(...lngs) + Math.max(...lngs)) / 2).toBeCloseTo((west + east) / 2, 1)
	expect((Math.min(...lats) + Math.max(...lats)) / 2).toBeCloseTo((south + north) / 2, 1)
	await expect(page.getByTestId('area-filter-note')).toBeVisible()
	await expect.poll(async () => (await apiCount(page)) === (await countInView(page))).toBe(true)
})

test('without JavaScript a drawn area shows as a filter with a link to clear it', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	const area = '109.9,40.3;110.2,40.3;110.2,40.5;109.9,40.5'
	await page.goto(`/?bbox=${BANNER_BBOX}&mode=LEASE&polygon=${encodeURIComponent(area)}`)
	const note = page.getByTestId('area-filter-note')
	await expect(note).toContainText('只列出地图上画出的区域内的挂牌')
	// The filter form keeps the area when another filter is applied.
	await page.getByLabel('类型').selectOption('LAND')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/type=LAND/)
	expect(new URL(page.url()).searchParams.get('polygon')).toBe(area)
	await expect(note).toBeVisible()
	const inside = await countInView(page)
	await note.getByRole('link', { name: '清除区域' }).click()
	await expect(page.getByTestId('area-filter-note')).toHaveCount(0)
	expect(new URL(page.url()).searchParams.get('polygon')).toBeNull()
	await expect(page).toHaveURL(/type=LAND/)
	expect(await countInView(page)).toBeGreaterThan(inside)
	await context.close()
})
