import { isCluster, type ListingFeatureCollection } from '../app/utils/listing-features.ts'
import { BANNER_BBOX, expect, test, waitForMap } from './fixtures.ts'

const heading = (page: import('@playwright/test').Page) => page.getByRole('heading', { level: 2, name: /当前视野内/ })

async function countInView(page: import('@playwright/test').Page) {
	const text = (await heading(page).textContent()) ?? ''
	return Number(/(\d[\d,]*)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN)
}

test('the banner view shows clusters, a folded legend, town labels and the list', async ({ page }) => {
	await page.goto('/')
	await waitForMap(page)
	await expect(page.locator('.cluster-marker').first()).toBeVisible()
	// The legend is a small chip until opened: open, it hid the clusters in its corner.
	const legend = page.getByTestId('legend-folded')
	await expect(legend.getByText('农家院子')).toBeHidden()
	expect((await legend.boundingBox())!.height).toBeLessThan(40)
	await legend.getByText('图例').click()
	await expect(legend.getByText('农家院子')).toBeVisible()
	await expect(legend.getByText('集体资产')).toBeVisible()
	await expect(page.locator('.town-label span', { hasText: '树林召镇' })).toBeVisible()
	await expect(page.locator('.town-label span', { hasText: '展旦召苏木' })).toBeVisible()
	expect(await countInView(page)).toBeGreaterThan(50)
	await expect(page.getByTestId('listing-list').getByRole('link')).toHaveCount(20)
})

test('clicking a cluster zooms in until single markers appear', async ({ page }) => {
	await page.goto('/')
	await waitForMap(page)
	const zoomOf = () => Number(new URL(page.url()).searchParams.get('zoom') ?? 0)
	const singles = await page.locator('.listing-marker').count()
	let zoom = zoomOf()
	for (let i = 0; i < 8 && (await page.locator('.listing-marker').count()) <= singles; i++) {
		// The biggest cluster on screen.
		const counts = await page.locator('.cluster-count').allTextContents()
		const biggest = counts.map(Number).reduce((best, n, idx, all) => (n > all[best] ? idx : best), 0)
		// The click goes to the cluster itself: listings other specs add may draw a marker over it.
		await page.locator('.cluster-marker').nth(biggest).dispatchEvent('click')
		await expect.poll(zoomOf).toBeGreaterThan(zoom)
		zoom = zoomOf()
	}
	expect(await page.locator('.listing-marker').count()).toBeGreaterThan(singles)
	expect(new URL(page.url()).searchParams.get('bbox')).toMatch(/^[\d.]+,[\d.]+,[\d.]+,[\d.]+$/)
})

test('moving the map changes the list, and the URL reopens the same view', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	const before = await countInView(page)
	const map = page.locator('.leaflet-container')
	const box = (await map.boundingBox())!
	// Zoom in twice on the east of the banner (Shulinzhao and beyond).
	await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.35)
	await page.mouse.wheel(0, -600)
	await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('bbox=')
	await expect.poll(() => countInView(page)).not.toBe(before)
	const after = await countInView(page)
	expect(after).toBeLessThan(before)
	// A shared link shows the same list.
	const shared = page.url()
	const other = await page.context().newPage()
	await other.goto(shared)
	await expect(heading(other)).toHaveText(new RegExp(`${after.toLocaleString('en-US')}|${after}`))
	await other.close()
})

test('a filter narrows the results and the server renders them', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	const all = await countInView(page)
	await page.getByLabel('类型').selectOption('COLLECTIVE_ASSET')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/type=COLLECTIVE_ASSET/)
	await expect.poll(() => countInView(page)).toBeLessThan(all)
	const items = page.getByTestId('listing-list').getByRole('listitem')
	const n = await items.count()
	expect(n).toBeGreaterThan(0)
	for (let i = 0; i < n; i++) await expect(items.nth(i)).toContainText('集体资产')
	// The map follows the filter: only asset markers or clusters made only of assets.
	await waitForMap(page)
	await expect(page.locator('.listing-marker-FARMHOUSE')).toHaveCount(0)
})

test('full-text search finds two-character Chinese words', async ({ page, request }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}&q=${encodeURIComponent('院子')}`)
	const items = page.getByTestId('listing-list').getByRole('listitem')
	await expect(items.first()).toBeVisible()
	for (let i = 0; i < (await items.count()); i++) await expect(items.nth(i)).toContainText('农家院子')
	const api = (await (await request.get(`/api/listings?bbox=${BANNER_BBOX}&zoom=18&q=${encodeURIComponent('耕地')}`)).json()) as ListingFeatureCollection
	expect(api.features.length).toBeGreaterThan(0)
	// Clusters go to every zoom (decision 015): a cluster here holds land only.
	for (const f of api.features) {
		if (isCluster(f)) expect(f.properties.types).toEqual({ FARMHOUSE: 0, LAND: f.properties.count, COLLECTIVE_ASSET: 0 })
		else expect(f.properties.type).toBe('LAND')
	}
})

test('filters work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	// The map's place says it needs JavaScript (not that it is loading), and the list is below.
	await expect(page.getByText('地图需要浏览器启用 JavaScript')).toBeVisible()
	await page.getByLabel('苏木镇').selectOption({ label: '展旦召苏木' })
	await page.getByLabel('类型').selectOption('LAND')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/town=zhandanzhao/)
	const items = page.getByTestId('listing-list').getByRole('listitem')
	await expect(items.first()).toContainText('展旦召苏木')
	for (let i = 0; i < (await items.count()); i++) await expect(items.nth(i)).toContainText('土地')
	await context.close()
})

test('a linked view is fitted to the map, and the list then counts what the map shows', async ({ page }) => {
	// A box of another shape than the map: Leaflet fits it, showing more ground around it.
	const linked = '109.9,40.3,110.2,40.45'
	await page.goto(`/?bbox=${linked}&zoom=12`)
	await waitForMap(page)
	await expect(page).not.toHaveURL(new RegExp(`bbox=${linked.replace(/\./g, '\\.')}`))
	const urlBox = new URL(page.url()).searchParams.get('bbox')!
	// The map draws the page's first answer (it covers the fitted view) and asks nothing more; what
	// the map API counts in the view it reported is what the list, the loader data for that URL, says.
	const inMap = ((await (await page.request.get(`/api/listings?bbox=${urlBox}&zoom=12`)).json()) as ListingFeatureCollection).total
	const heading = page.getByRole('heading', { level: 2, name: /当前视野内/ })
	const inView = async () => Number(/(\d[\d,]*)/.exec((await heading.textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN)
	await expect.poll(inView).toBe(inMap)
	expect(inMap).toBeGreaterThan(0)
})
