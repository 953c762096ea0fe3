// The map and the list together: filters that apply as they change, a picked place that moves the
// map, cards and markers that point at each other, land boundaries, and the cluster icons.
import type { Page } from '@playwright/test'
import type { ClusterFeature, ListingFeature, ListingFeatureCollection } from '../app/utils/listing-features.ts'
import { BANNER_BBOX, expect, holdLiveMapUntilClicked, test, waitForHydration, waitForMap } from './fixtures.ts'
import { one } from './session.ts'

const params = (page: Page) => new URL(page.url()).searchParams
const zoomOf = (page: Page) => Number(params(page).get('zoom') ?? 0)
function centreOf(page: Page) {
	const [w, s, e, n] = (params(page).get('bbox') ?? '0,0,0,0').split(',').map(Number)
	return { lng: (w + e) / 2, lat: (s + n) / 2 }
}
const cards = (page: Page) => page.getByTestId('listing-list').getByRole('listitem')

test('picking a town, then a village, applies at once and moves the map there', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	const town = one<{ lat: number; lng: number }>(`SELECT lat, lng FROM "Town" WHERE code = 'shulinzhao'`)
	await page.getByLabel('苏木镇').selectOption('shulinzhao')
	// No press of 筛选: the choice applies by itself.
	await expect(page).toHaveURL(/town=shulinzhao/)
	await expect.poll(() => zoomOf(page)).toBe(12)
	await expect.poll(() => centreOf(page).lng).toBeCloseTo(town.lng, 2)
	await expect.poll(() => centreOf(page).lat).toBeCloseTo(town.lat, 2)
	await expect(cards(page).first()).toContainText('树林召镇')
	const village = one<{ code: string; lat: number; lng: number }>(
		`SELECT v.code, v.lat, v.lng FROM "Village" v JOIN "Town" t ON t.id = v."townId" WHERE t.code = 'shulinzhao' AND v.code = 'xinsheng'`,
	)
	await page.getByLabel('嘎查村').selectOption(village.code)
	await expect(page).toHaveURL(/village=xinsheng/)
	await expect.poll(() => zoomOf(page)).toBe(14)
	await expect.poll(() => centreOf(page).lng).toBeCloseTo(village.lng, 2)
	await expect.poll(() => centreOf(page).lat).toBeCloseTo(village.lat, 2)
	// The map itself is there: its own answer is for the village's view.
	await expect(page.locator('.leaflet-container')).toBeVisible()
})

test('a village picked while the map still moves to its town is kept', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	// The village's page answers slowly, and the map is nudged while it loads: the view the map
	// then reports must build on the village's URL, not undo it.
	await page.route(/village=xinsheng/, async (route) => {
		await new Promise((r) => setTimeout(r, 1500))
		await route.continue()
	})
	await page.getByLabel('苏木镇').selectOption('shulinzhao')
	await expect(page).toHaveURL(/town=shulinzhao/)
	await page.getByLabel('嘎查村').selectOption('xinsheng')
	await page.locator('.leaflet-container').press('ArrowRight')
	await expect(page).toHaveURL(/village=xinsheng/)
	await expect.poll(() => zoomOf(page)).toBe(14)
	// Nothing later takes it back.
	await page.waitForTimeout(1000)
	expect(params(page).get('village')).toBe('xinsheng')
	expect(params(page).get('town')).toBe('shulinzhao')
	await expect(page.getByLabel('嘎查村')).toHaveValue('xinsheng')
})

test('the list’s next page, clicked as the live map comes in, is not replaced by the map’s report of its view', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForHydration(page)
	// The next page's data waits until the live map, started by the pointer crossing a card, has drawn.
	const clicked = await holdLiveMapUntilClicked(page, /\.data\?.*page=2/)
	await page.getByTestId('listing-list').getByRole('link').first().hover()
	const next = page.getByRole('link', { name: '下一页' })
	await next.scrollIntoViewIfNeeded()
	await next.click()
	clicked()
	await expect.poll(() => params(page).get('page'), { timeout: 40_000 }).toBe('2')
	await expect(page.getByText('第 2 /')).toBeVisible()
})

test('typed words and numbers apply after a pause, without the 筛选 button', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	await page.getByLabel('关键词').pressSequentially('院子', { delay: 80 })
	await expect(page).toHaveURL(/q=%E9%99%A2%E5%AD%90/)
	await expect(cards(page).first()).toContainText('农家院子')
	for (let i = 0; i < (await cards(page).count()); i++) await expect(cards(page).nth(i)).toContainText('农家院子')
	await page.getByLabel('价格 最低').fill('1000')
	await expect(page).toHaveURL(/minPrice=1000/)
	// The keyword stays while the price changes.
	expect(params(page).get('q')).toBe('院子')
})

/** A listing both in the list and drawn as its own marker. */
async function sharedListing(page: Page) {
	const id = await page.evaluate(() => {
		const onMap = new Set(Array.from(document.querySelectorAll('.leaflet-marker-pane [data-listing-id]'), (el) => el.getAttribute('data-listing-id')))
		return Array.from(document.querySelectorAll('[data-testid="listing-list"] a[data-listing-id]'), (el) => el.getAttribute('data-listing-id')).find((x) => onMap.has(x))
	})
	expect(id, 'a listing in both the list and the map').toBeTruthy()
	return id!
}

test('a card and its marker point at each other, by mouse and by keyboard', async ({ page }) => {
	await page.goto('/?bbox=109.98,40.37,110.08,40.43&zoom=14&type=FARMHOUSE')
	await waitForMap(page)
	await expect(page.locator('.listing-marker').first()).toBeVisible()
	const id = await sharedListing(page)
	const card = page.locator(`[data-testid="listing-list"] a[data-listing-id="${id}"]`)
	const marker = page.locator(`.listing-marker[data-listing-id="${id}"]`)
	await card.hover()
	await expect(marker).toHaveClass(/is-highlighted/)
	await page.getByRole('heading', { level: 2 }).hover()
	await expect(marker).not.toHaveClass(/is-highlighted/)
	await card.focus()
	await expect(marker).toHaveClass(/is-highlighted/)
	await card.blur()
	await expect(marker).not.toHaveClass(/is-highlighted/)
	// The other way: the marker under the pointer or the keyboard marks its card.
	await marker.dispatchEvent('mouseover')
	await expect(card).toHaveAttribute('data-highlighted', 'true')
	await marker.dispatchEvent('mouseout')
	await expect(card).not.toHaveAttribute('data-highlighted')
	await marker.focus()
	await expect(card).toHaveAttribute('data-highlighted', 'true')
	await expect(page.locator('[data-testid="listing-list"] a[data-highlighted]')).toHaveCount(1)
})

test('a card whose listing sits in a cluster shows a temporary pin', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	const card = page.getByTestId('listing-list').getByRole('link').first()
	const id = await card.getAttribute('data-listing-id')
	await expect(page.locator(`.listing-marker[data-listing-id="${id}"]`)).toHaveCount(0)
	await card.hover()
	await expect(page.locator('.highlight-pin')).toBeVisible()
	await page.getByRole('heading', { level: 2 }).hover()
	await expect(page.locator('.highlight-pin')).toHaveCount(0)
})

const ring = (lng: number, lat: number) => [
	[
		[lng, lat],
		[lng + 0.004, lat],
		[lng + 0.004, lat + 0.003],
		[lng, lat + 0.003],
		[lng, lat],
	],
]

function single(id: string, lng: number, lat: number, boundary?: number[][][]): ListingFeature {
	return {
		type: 'Feature',
		id,
		geometry: { type: 'Point', coordinates: [lng, lat] },
		properties: { id, type: 'LAND', title: `地块 ${id}`, town: '树林召镇', townEn: 'Shulinzhao', village: '新胜村', villageEn: 'Xinsheng', area: 30, areaUnit: 'mu', price: 500, priceUnit: 'YUAN_PER_MU_YEAR', transferMode: 'LEASE', status: 'PUBLISHED', ...(boundary ? { boundary } : {}) },
	}
}

function cluster(lng: number, lat: number, count: number, expansionZoom: number): ClusterFeature {
	return { type: 'Feature', id: `cluster-${count}`, geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { cluster: true, clusterId: count, count, expansionZoom, types: { FARMHOUSE: 0, LAND: count, COLLECTIVE_ASSET: 0 } } }
}

test('boundaries of clustered land listings are drawn, a single listing’s only once', async ({ page }) => {
	const collection: ListingFeatureCollection = {
		type: 'FeatureCollection',
		total: 4,
		features: [single('one', 110.0, 40.4, ring(110.0, 40.4)), cluster(110.03, 40.41, 3, 15)],
		boundaries: [
			{ id: 'one', type: 'LAND', rings: ring(110.0, 40.4) },
			{ id: 'two', type: 'LAND', rings: ring(110.03, 40.41) },
			{ id: 'three', type: 'LAND', rings: ring(110.04, 40.405) },
		],
	}
	await page.route('**/api/listings?**', (route) => route.fulfill({ json: collection }))
	await page.goto('/?bbox=109.98,40.37,110.08,40.43&zoom=14')
	await expect(page.locator('.cluster-marker')).toHaveCount(1)
	await expect(page.locator('path.listing-boundary')).toHaveCount(3)
})

test('a land listing’s own boundary shows once zoomed in', async ({ page }) => {
	const land = one<{ lat: number; lng: number }>(`SELECT lat, lng FROM "Listing" WHERE status = 'PUBLISHED' AND type = 'LAND' AND boundary IS NOT NULL ORDER BY id LIMIT 1`)
	const d = 0.01
	await page.goto(`/?bbox=${land.lng - d},${land.lat - d / 2},${land.lng + d},${land.lat + d / 2}&zoom=15`)
	await waitForMap(page)
	await expect(page.locator('path.listing-boundary').first()).toBeVisible()
})

test('a cluster at the last zoom offers its listings in the list', async ({ page }) => {
	const collection: ListingFeatureCollection = { type: 'FeatureCollection', total: 7, features: [cluster(110.03, 40.4, 7, 18)] }
	await page.route('**/api/listings?**', (route) => route.fulfill({ json: collection }))
	await page.goto('/?bbox=110.028,40.399,110.032,40.401&zoom=18')
	await waitForMap(page)
	await page.locator('.cluster-marker').dispatchEvent('click')
	const popup = page.getByTestId('stacked-cluster')
	await expect(popup).toContainText('7 条挂牌')
	await popup.getByRole('button', { name: '在列表中查看这 7 条' }).click()
	await expect.poll(() => params(page).get('polygon')).toMatch(/^[\d.]+,[\d.]+(;[\d.]+,[\d.]+){3}$/)
	const [lng, lat] = [110.03, 40.4]
	const points = params(page).get('polygon')!.split(';').map((p) => p.split(',').map(Number))
	expect(Math.min(...points.map((p) => p[0]))).toBeLessThan(lng)
	expect(Math.max(...points.map((p) => p[0]))).toBeGreaterThan(lng)
	expect(Math.min(...points.map((p) => p[1]))).toBeLessThan(lat)
	expect(Math.max(...points.map((p) => p[1]))).toBeGreaterThan(lat)
	expect(zoomOf(page)).toBe(18)
})

/** Every town name drawn, and every cluster, marker, map control and overlay (the legend), as boxes in the page. */
async function labelsAndMarkers(page: import('@playwright/test').Page) {
	return page.evaluate(() => {
		const boxes = (sel: string) =>
			[...document.querySelectorAll(sel)].map((el) => {
				const r = el.getBoundingClientRect()
				return { text: el.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom }
			})
		return { labels: boxes('.town-label span'), markers: boxes('.leaflet-marker-pane .cluster-marker, .leaflet-marker-pane .listing-marker, .leaflet-control, [data-map-overlay]') }
	})
}

test('cluster icons fit the server’s grid; town names stay above them and cover none', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	const sizes = await page.locator('.cluster-marker').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width))
	expect(sizes.length).toBeGreaterThan(3)
	for (const size of sizes) {
		expect(size).toBeGreaterThanOrEqual(24)
		expect(size).toBeLessThanOrEqual(44)
	}
	const z = await page.evaluate(() => {
		const zOf = (sel: string) => Number(getComputedStyle(document.querySelector(sel)!).zIndex)
		return { labels: zOf('.leaflet-town-labels-pane'), markers: zOf('.leaflet-marker-pane') }
	})
	expect(z.labels).toBeGreaterThan(z.markers)
	// Names do not take clicks meant for the clusters below them.
	expect(await page.locator('.leaflet-town-labels-pane').evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none')

	// Above the clusters, a name must not hide a count (nor sit under the controls or the legend):
	// each is drawn beside what is around its town. Checked at the banner's view and two steps in,
	// once the markers have settled.
	for (const step of [0, 1, 2]) {
		if (step > 0) {
			const before = page.url()
			await page.getByRole('button', { name: '放大', exact: true }).click()
			await expect.poll(() => page.url()).not.toBe(before)
			await waitForMap(page)
		}
		await expect
			.poll(async () => {
				const { labels, markers } = await labelsAndMarkers(page)
				const covered = labels.flatMap((l) => markers.filter((m) => l.left < m.right && m.left < l.right && l.top < m.bottom && m.top < l.bottom).map(() => l.text))
				return { labels: labels.length > 0, covered }
			}, `step ${step}`)
			.toEqual({ labels: true, covered: [] })
	}
})
