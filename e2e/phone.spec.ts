import { expect, test, waitForMap } from './fixtures.ts'

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

test('on a phone a switch shows the map or the list, each fitting the screen', async ({ page }) => {
	await page.goto('/')
	await waitForMap(page)
	const toMap = page.getByRole('button', { name: '地图', exact: true })
	const toList = page.getByRole('button', { name: /^列表/ })
	await expect(toMap).toHaveAttribute('aria-pressed', 'true')
	// The map takes the screen; the list waits behind the switch.
	await expect(page.getByTestId('listing-list')).toBeHidden()
	const map = (await page.locator('.leaflet-container').boundingBox())!
	expect(map.width).toBeLessThanOrEqual(390)
	expect(map.height).toBeGreaterThan(844 / 2)
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
	await toList.click()
	await expect(toList).toHaveAttribute('aria-pressed', 'true')
	await expect(page.getByTestId('listing-list')).toBeVisible()
	await expect(page.locator('.leaflet-container')).toBeHidden()
	// Back to the map: Leaflet measures its box again and draws the clusters.
	await toMap.click()
	await expect(page.locator('.leaflet-container')).toBeVisible()
	expect((await page.locator('.leaflet-container').boundingBox())!.width).toBeGreaterThan(300)
	await expect(page.locator('.cluster-marker, .listing-marker').first()).toBeInViewport()
	await toList.click()
	await page.getByTestId('listing-list').getByRole('link').first().click()
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
})

test('on a phone the legend is folded until tapped, so it hides no clusters', async ({ page }) => {
	await page.goto('/')
	await waitForMap(page)
	const legend = page.getByTestId('legend-folded')
	await expect(legend.getByText('图例')).toBeVisible()
	await expect(legend.getByText('农家院子')).toBeHidden()
	const folded = (await legend.boundingBox())!
	expect(folded.height).toBeLessThan(40)
	await legend.getByText('图例').tap()
	await expect(legend.getByText('农家院子')).toBeVisible()
	await expect(legend.getByText('聚合（数字为数量）')).toBeVisible()
	await legend.getByText('图例').tap()
	await expect(legend.getByText('农家院子')).toBeHidden()
})

test('without JavaScript a phone shows the map’s place and the list below it, the switch as links', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true })
	const page = await context.newPage()
	await page.goto('/')
	await expect(page.getByText('地图加载中')).toBeHidden()
	const skeleton = (await page.getByText('地图需要浏览器启用 JavaScript').boundingBox())!
	const list = (await page.getByTestId('listing-list').boundingBox())!
	expect(list.y).toBeGreaterThan(skeleton.y + skeleton.height - 1)
	await expect(page.getByTestId('map-list-switch').getByRole('link', { name: /^列表/ })).toHaveAttribute('href', '#listings')
	await context.close()
})

test('a finger draws a search rectangle on the map', async ({ page }) => {
	await page.goto('/?type=LAND')
	await waitForMap(page)
	await page.getByRole('button', { name: '框选区域搜索' }).tap()
	const box = (await page.locator('.leaflet-container').boundingBox())!
	const point = (x: number, y: number) => ({ x: box.x + box.width * x, y: box.y + box.height * y })
	// A real touch drag through the browser's input pipeline (Playwright's touchscreen only taps).
	const cdp = await page.context().newCDPSession(page)
	const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', p?: { x: number; y: number }) =>
		cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] })
	await touch('touchStart', point(0.15, 0.55))
	for (const t of [0.2, 0.4, 0.6, 0.8]) await touch('touchMove', point(0.15 + 0.7 * t, 0.55 + 0.35 * t))
	await touch('touchMove', point(0.85, 0.9))
	await touch('touchEnd')
	await expect.poll(() => new URL(page.url()).searchParams.get('polygon')).toMatch(/^[\d.]+,[\d.]+(;[\d.]+,[\d.]+){3}$/)
	await expect(page.locator('path.search-area')).toHaveCount(1)
})

test('nothing on a phone’s first screen moves when the page comes to life', async ({ page }) => {
	// Lighthouse's phone (412×823): there the footer came into view when the list hid at hydration (0.049).
	await page.setViewportSize({ width: 412, height: 823 })
	// Layout shifts as Lighthouse counts them (cumulative, without shifts right after input).
	await page.addInitScript(() => {
		const w = window as unknown as { shifts: { value: number; nodes: string[] }[] }
		w.shifts = []
		new PerformanceObserver((list) => {
			for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
				if (!e.hadRecentInput) w.shifts.push({ value: e.value, nodes: (e.sources ?? []).map((s) => (s.node as Element | undefined)?.outerHTML?.slice(0, 80) ?? '?') })
			}
		}).observe({ type: 'layout-shift', buffered: true })
	})
	await page.goto('/')
	await waitForMap(page)
	await expect(page.locator('.cluster-marker, .listing-marker').first()).toBeVisible()
	const shifts = await page.evaluate(() => (window as unknown as { shifts: { value: number; nodes: string[] }[] }).shifts)
	expect(shifts.reduce((sum, s) => sum + s.value, 0), JSON.stringify(shifts)).toBeLessThan(0.02)
})
