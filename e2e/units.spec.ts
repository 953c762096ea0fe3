// Price and area units on the map and list (issue 7, docs/decisions/007): a price range matches the
// price each listing shows, in one unit; a sorted list reads sorted; areas compare in one unit;
// the listing page's back link returns to the same filters and view.
import type { Browser, Page } from '@playwright/test'
import type { ListingFeature, ListingFeatureCollection } from '../app/utils/listing-features.ts'
import { BANNER_BBOX, expect, test, waitForMap } from './fixtures.ts'
import { all } from './db.ts'

/** Published land priced 500–600 元/亩·年, as the database has it now. */
function landPricedPerMu(min: number, max: number) {
	return all<{ id: string; price: number }>(
		`SELECT id, price FROM "Listing" WHERE status = 'PUBLISHED' AND type = 'LAND' AND "priceUnit" = 'YUAN_PER_MU_YEAR' AND price BETWEEN $1 AND $2 ORDER BY id`,
		[min, max],
	)
}

const UNIT_RANK = { 元亩年: 0, 元年: 1, 万元: 2 } as const
type Shown = { rank: number; value: number }

/** "535 元/亩·年" → rank 0, 535; "12,000 元/年" → 1, 12000; "46 万元" → 2, 46. */
function parsePrice(text: string): Shown {
	const m = /([\d,.]+)\s*(元\/亩·年|元\/年|万元)/.exec(text)
	if (!m) throw new Error(`no price in "${text}"`)
	const key = m[2].replace(/[/·]/g, '') as keyof typeof UNIT_RANK
	return { rank: UNIT_RANK[key], value: Number(m[1].replace(/,/g, '')) }
}

/** "2,676 亩（≈ 1,784,000 m²）" or "3,200 m²" → the area in m². */
function parseAreaM2(text: string) {
	const m = /([\d,.]+)\s*(亩|m²)/.exec(text)
	if (!m) throw new Error(`no area in "${text}"`)
	const n = Number(m[1].replace(/,/g, ''))
	return m[2] === '亩' ? (n * 10000) / 15 : n
}

const listHeading = (page: Page) => page.getByRole('heading', { level: 2, name: /当前视野内/ })

async function listedItems(page: Page) {
	return page.getByTestId('listing-list').getByRole('listitem').all()
}

/**
 * Every page of the list for a URL: each item's price and area text, and the price headings seen.
 * The list is server-rendered, so it is read without JavaScript (and without the map: faster).
 */
async function wholeList(browser: Browser, url: string) {
	const context = await browser.newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	const prices: string[] = []
	const areas: string[] = []
	const headings: string[] = []
	for (let n = 1; n <= 20; n++) {
		await page.goto(`${url}&page=${n}`)
		prices.push(...(await page.getByTestId('listing-price').allTextContents()))
		areas.push(...(await page.getByTestId('listing-area').allTextContents()))
		headings.push(...(await page.getByTestId('price-group').allTextContents()))
		if ((await page.getByRole('link', { name: '下一页' }).count()) === 0) break
	}
	await context.close()
	return { prices, areas, headings }
}

test('the quoted API URL returns the land listed at 500–600 元/亩·年', async ({ request }) => {
	const expected = landPricedPerMu(500, 600)
	expect(expected.length).toBeGreaterThanOrEqual(6)
	const res = await request.get('/api/listings?bbox=108,39,112,42&zoom=16&type=LAND&minPrice=500&maxPrice=600')
	expect(res.status()).toBe(200)
	const body = (await res.json()) as ListingFeatureCollection
	const listings = body.features.filter((f): f is ListingFeature => !('cluster' in f.properties))
	expect(body.total).toBe(expected.length)
	expect(listings.map((f) => f.properties.id).sort()).toEqual(expected.map((e) => e.id))
	for (const f of listings) {
		expect(f.properties.priceUnit).toBe('YUAN_PER_MU_YEAR')
		expect(f.properties.price).toBeGreaterThanOrEqual(500)
		expect(f.properties.price).toBeLessThanOrEqual(600)
	}
	// The demo's irrigated fields at 515 and 575 元/亩·年 are among them.
	expect(listings.map((f) => f.properties.price)).toEqual(expect.arrayContaining([515, 575]))
})

test('the quoted list URL shows the same land, each priced inside the range', async ({ page }) => {
	const expected = landPricedPerMu(500, 600)
	await page.goto('/?type=LAND&minPrice=500&maxPrice=600')
	await expect(listHeading(page)).toHaveText(`当前视野内 ${expected.length} 条挂牌信息`)
	const items = await listedItems(page)
	expect(items).toHaveLength(expected.length)
	for (const item of items) {
		const shown = parsePrice((await item.textContent()) ?? '')
		expect(shown.rank).toBe(0)
		expect(shown.value).toBeGreaterThanOrEqual(500)
		expect(shown.value).toBeLessThanOrEqual(600)
	}
	// The form and the list say which unit the range means.
	await expect(page.getByLabel('价格单位')).toHaveValue('YUAN_PER_MU_YEAR')
	await expect(page.getByTestId('price-filter-note')).toContainText('500–600 元/亩·年')
})

test('a price range in 元/年 lists only yearly rents within it', async ({ page, request }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}&minPrice=10000&maxPrice=20000`)
	await expect(page.getByLabel('价格单位')).toHaveValue('YUAN_PER_YEAR')
	const items = await listedItems(page)
	expect(items.length).toBeGreaterThan(0)
	for (const item of items) {
		const shown = parsePrice((await item.textContent()) ?? '')
		expect(shown.rank).toBe(1)
		expect(shown.value).toBeGreaterThanOrEqual(10000)
		expect(shown.value).toBeLessThanOrEqual(20000)
	}
	// One-off prices have their own unit: the dryer at 46 万元.
	const sale = (await (await request.get(`/api/listings?bbox=${BANNER_BBOX}&zoom=18&minPrice=40&maxPrice=50&priceUnit=WAN_YUAN`)).json()) as ListingFeatureCollection
	expect(sale.total).toBeGreaterThan(0)
	for (const f of sale.features) expect('priceUnit' in f.properties && f.properties.priceUnit).toBe('WAN_YUAN')
})

for (const sort of ['priceAsc', 'priceDesc'] as const) {
	test(`a list sorted by price (${sort}) reads sorted, one unit group after another`, async ({ browser }) => {
		test.setTimeout(60_000)
		const { prices, headings } = await wholeList(browser, `/?bbox=${BANNER_BBOX}&sort=${sort}`)
		expect(prices.length).toBeGreaterThan(60)
		const shown = prices.map(parsePrice)
		for (let i = 1; i < shown.length; i++) {
			const [a, b] = [shown[i - 1], shown[i]]
			const context = `${prices[i - 1]} then ${prices[i]}`
			expect(b.rank, context).toBeGreaterThanOrEqual(a.rank)
			if (a.rank === b.rank) {
				if (sort === 'priceAsc') expect(b.value, context).toBeGreaterThanOrEqual(a.value)
				else expect(b.value, context).toBeLessThanOrEqual(a.value)
			}
		}
		// Every unit the demo uses has its group, each with a heading naming the unit.
		expect(new Set(shown.map((s) => s.rank))).toEqual(new Set([0, 1, 2]))
		expect(headings).toEqual(expect.arrayContaining(['土地单价（元/亩·年）', '年租金（元/年）', '一次性价格（万元）']))
	})
}

test('a list sorted by area compares 亩 and m² in one unit', async ({ browser }) => {
	test.setTimeout(60_000)
	const { areas } = await wholeList(browser, `/?bbox=${BANNER_BBOX}&sort=areaDesc`)
	expect(areas.length).toBeGreaterThan(60)
	const m2 = areas.map(parseAreaM2)
	for (let i = 1; i < m2.length; i++) expect(m2[i], `${areas[i - 1]} then ${areas[i]}`).toBeLessThanOrEqual(m2[i - 1])
	// The 3,200 m² factory comes after every plot of land, each far larger.
	const factory = areas.findIndex((a) => a.startsWith('3,200 m²'))
	const lastLand = areas.map((a) => a.includes('亩（')).lastIndexOf(true)
	expect(factory).toBeGreaterThan(lastLand)
	// Land shows its size in m² beside its 亩, so the order can be read.
	expect(areas[0]).toMatch(/亩（≈ [\d,]+ m²）/)
})

test('an area range in m² compares land in m² too', async ({ page }) => {
	await page.goto(`/?bbox=${BANNER_BBOX}&minArea=3000&maxArea=5000&areaUnit=m2`)
	const items = await listedItems(page)
	expect(items.length).toBeGreaterThan(0)
	for (const item of items) {
		const area = parseAreaM2((await item.getByTestId('listing-area').textContent()) ?? '')
		expect(area).toBeGreaterThanOrEqual(3000)
		expect(area).toBeLessThanOrEqual(5000)
	}
	await expect(page.getByTestId('listing-list')).toContainText('3,200 m²')
	// In 亩: 4–5 亩 is 2,667–3,333 m², so the 3,200 m² factory is in (shown with its 4.8 亩) and
	// the 2,600 m² dryer is out.
	await page.goto(`/?bbox=${BANNER_BBOX}&minArea=4&maxArea=5&areaUnit=mu`)
	await expect(page.getByTestId('listing-list')).toContainText('3,200 m²（≈ 4.8 亩）')
	await expect(page.getByTestId('listing-list')).not.toContainText('2,600 m²')
})

test('the form names its units and picks land’s own when land is chosen', async ({ page }) => {
	const expected = landPricedPerMu(500, 600)
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	await expect(page.getByLabel('价格单位')).toHaveValue('YUAN_PER_YEAR')
	await expect(page.getByLabel('面积单位')).toHaveValue('m2')
	await page.getByLabel('类型').selectOption('LAND')
	await expect(page.getByLabel('价格单位')).toHaveValue('YUAN_PER_MU_YEAR')
	await expect(page.getByLabel('面积单位')).toHaveValue('mu')
	await page.getByLabel('价格 最低').fill('500')
	await page.getByLabel('价格 最高').fill('600')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/priceUnit=YUAN_PER_MU_YEAR/)
	await expect(listHeading(page)).toHaveText(`当前视野内 ${expected.length} 条挂牌信息`)
})

test('the back link returns to the same filters, sort, page and view', async ({ page }) => {
	const view = 'bbox=109.2,40,110.7,40.5&zoom=11'
	const filters = 'type=LAND&minPrice=500&maxPrice=600&sort=priceAsc'
	await page.goto(`/?${view}&${filters}`)
	await waitForMap(page)
	// The map may fit the view to the window and write it to the URL: that is the view to return to.
	await page.waitForTimeout(800)
	const before = new URL(page.url()).searchParams
	for (const [k, v] of new URLSearchParams(filters)) expect(before.get(k), k).toBe(v)
	const heading = await listHeading(page).textContent()
	const first = page.getByTestId('listing-list').getByRole('link').first()
	const title = (await first.getByRole('heading').textContent())!.trim()
	await first.click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
	await page.getByRole('link', { name: '返回地图' }).click()
	await expect(page).toHaveURL((url) => url.pathname === '/')
	const params = new URL(page.url()).searchParams
	for (const k of ['bbox', 'zoom', 'type', 'minPrice', 'maxPrice', 'sort']) expect(params.get(k), k).toBe(before.get(k))
	await expect(listHeading(page)).toHaveText(heading!)
	await expect(page.getByLabel('价格 最低')).toHaveValue('500')
	await expect(page.getByLabel('类型')).toHaveValue('LAND')
})

test('the back link from a map marker keeps the filters and view too', async ({ page }) => {
	await page.goto('/?bbox=109.98,40.37,110.08,40.43&zoom=14&type=FARMHOUSE')
	await waitForMap(page)
	await page.waitForTimeout(800)
	const before = new URL(page.url()).searchParams
	// By keyboard: other specs may add listings at the same spot, and a marker on top would take the click.
	await page.locator('.listing-marker').first().focus()
	await page.keyboard.press('Enter')
	await page.locator('.leaflet-popup').getByRole('link').click()
	await expect(page).toHaveURL(/\/listings\//)
	await page.getByRole('link', { name: '返回地图' }).click()
	await expect(page).toHaveURL(/type=FARMHOUSE/)
	const after = new URL(page.url()).searchParams
	expect(after.get('zoom')).toBe(before.get('zoom'))
	expect(after.get('bbox')).toBe(before.get('bbox'))
})

test('a tampered back link only carries known filters', async ({ page, request }) => {
	const { features } = (await (await request.get(`/api/listings?bbox=${BANNER_BBOX}&zoom=18`)).json()) as ListingFeatureCollection
	const id = features.find((f): f is ListingFeature => !('cluster' in f.properties))!.properties.id
	await page.goto(`/listings/${id}?from=${encodeURIComponent('//evil.example/x?type=LAND')}`)
	await expect(page.getByRole('link', { name: '返回地图' })).toHaveAttribute('href', '/')
	await page.goto(`/listings/${id}?from=${encodeURIComponent('type=LAND&next=https://evil.example')}`)
	await expect(page.getByRole('link', { name: '返回地图' })).toHaveAttribute('href', '/?type=LAND')
})
