// Issue 13's buyers' tools in real Chromium: a buyer stars a listing, its village changes the
// price, and the buyer is notified (old and new price) and sees the new price on /me/favourites;
// the star works without JavaScript too; the comparison of up to four listings (a fifth refused,
// readable on a phone); the share panel's short link and QR code; the Open Graph tags.
import type { Browser, BrowserContext } from '@playwright/test'
import { expect, test, type Login } from './fixtures.ts'
import { ACCOUNTS, one } from './session.ts'
import { all } from './db.ts'

type Row = { id: string; title: string; price: number }

/** A published negotiated listing of 树林召镇's demo village with no round and no deal under way. */
function quietListing(skip: string[] = []) {
	return one<Row>(
		`SELECT l.id, l.title, l.price FROM "Listing" l JOIN "User" u ON u."villageId" = l."villageId"
		 WHERE u.email = $1 AND l.status = 'PUBLISHED' AND l."tradingMode" = 'NEGOTIATED'
		   AND NOT EXISTS (SELECT 1 FROM "BiddingRound" r WHERE r."listingId" = l.id AND r.status = 'OPEN')
		   AND NOT EXISTS (SELECT 1 FROM "Deal" d WHERE d."listingId" = l.id AND d.status NOT IN ('COMPLETED', 'REJECTED'))
		   AND l.id NOT IN ('${skip.join("','")}')
		 ORDER BY l.id LIMIT 1`,
		ACCOUNTS.villageA,
	)
}

const contexts: BrowserContext[] = []
async function browserAs(browser: Browser, login: Login, who: 'villageA' | 'buyer' | null, options: { javaScriptEnabled?: boolean; width?: number } = {}) {
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: options.width ?? 1280, height: 900 } })
	contexts.push(context)
	if (who) await login(who, context)
	return context
}
test.afterEach(async () => {
	for (const c of contexts.splice(0)) await c.close()
})

test('a buyer stars a listing; the village changes its price; the buyer is notified and sees the new price', async ({ page, browser, login }) => {
	test.slow()
	const listing = quietListing()
	await login('buyer')
	await page.goto(`/listings/${listing.id}`)
	const star = page.getByTestId('star-button')
	await expect(star).toHaveText('收藏')
	await expect(star).toHaveAttribute('aria-pressed', 'false')
	// Before hydration the form posts as a page; after it, the fetcher answers in place: either way it is starred.
	// The star shows pressed at once (optimistic): wait for the server's answer before reloading.
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith(`/listings/${listing.id}`))
	await star.click()
	expect((await posted).status()).toBeLessThan(400)
	await expect(star).toHaveAttribute('aria-pressed', 'true')
	await expect(star).toHaveText('已收藏')
	await expect(page).toHaveURL(`/listings/${listing.id}`)
	// Stored, not only shown.
	await page.reload()
	await expect(page.getByTestId('star-button')).toHaveAttribute('aria-pressed', 'true')

	// The user menu leads to the favourites.
	await page.getByTestId('nav-favourites').click()
	await expect(page).toHaveURL('/me/favourites')
	const card = page.getByTestId('favourite').filter({ hasText: listing.title })
	await expect(card.getByTestId('favourite-status')).toHaveText('挂牌中')

	// The village lowers the price on its own page.
	const village = await (await browserAs(browser, login, 'villageA')).newPage()
	await village.goto(`/village/listings/${listing.id}`)
	const newPrice = Math.round(listing.price * 0.9) + 1
	await village.getByLabel(/新价格/).fill(String(newPrice))
	await village.getByRole('button', { name: '调整价格' }).click()
	await expect(village.getByText('价格已调整')).toBeVisible()

	// The buyer sees the new price, and the notification says the old and the new one.
	await page.goto('/me/favourites')
	await expect(card.getByTestId('favourite-price')).toContainText(String(newPrice))
	await page.goto('/notifications')
	const note = page.getByRole('listitem').filter({ hasText: '您收藏的挂牌调整了价格' }).filter({ hasText: listing.title })
	await expect(note).toHaveCount(1)
	await expect(note).toContainText(`${listing.price}`)
	await expect(note).toContainText(`${newPrice}`)

	// Unstarred from the favourites page, it is gone from it.
	await page.goto('/me/favourites')
	await card.getByRole('button', { name: `取消收藏：${listing.title}` }).click()
	await expect(page.getByText('已取消收藏。')).toBeVisible()
	await expect(card).toHaveCount(0)
})

test('the star works without JavaScript', async ({ browser, login }) => {
	const listing = quietListing()
	const page = await (await browserAs(browser, login, 'buyer', { javaScriptEnabled: false })).newPage()
	await page.goto(`/listings/${listing.id}`)
	const star = page.getByTestId('star-button')
	const pressed = await star.getAttribute('aria-pressed')
	await star.click()
	await expect(page.getByTestId('star-button')).toHaveAttribute('aria-pressed', pressed === 'true' ? 'false' : 'true')
})

test('a visitor compares up to four listings; a fifth is refused; the table reads on a phone', async ({ browser, login }) => {
	test.slow()
	const ids = all<{ id: string; title: string }>(`SELECT id, title FROM "Listing" WHERE status = 'PUBLISHED' AND origin = 'PLATFORM' ORDER BY id LIMIT 5`)
	expect(ids).toHaveLength(5)
	const page = await (await browserAs(browser, login, null, { width: 390 })).newPage()
	for (const l of ids.slice(0, 4)) {
		await page.goto(`/listings/${l.id}`)
		await page.getByRole('button', { name: '加入对比' }).click()
		await expect(page.getByTestId('compare-open')).toBeVisible()
	}
	await page.goto(`/listings/${ids[4]!.id}`)
	await page.getByRole('button', { name: '加入对比' }).click()
	await expect(page).toHaveURL('/compare')
	await expect(page.getByTestId('compare-problem')).toHaveText('最多对比 4 个挂牌，请先移出一个。')
	const table = page.getByTestId('compare-table')
	await expect(table.getByTestId('compare-title')).toHaveText(ids.slice(0, 4).map((l) => l.title))
	for (const row of ['价格', '每亩价格', '面积', '期限', '流转方式', '距镇政府驻地', '确权地块']) await expect(table.getByRole('rowheader', { name: row, exact: true })).toBeVisible()
	await expect(table.getByTestId('compare-distance').first()).toHaveText(/公里$/)
	// On a phone the table scrolls inside its box; the page itself does not scroll sideways.
	expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)

	// Removing one makes room; the link shows the same comparison to someone else.
	await page.getByRole('button', { name: `移出对比：${ids[0]!.title}` }).click()
	await expect(table.getByTestId('compare-title')).toHaveCount(3)
	const link = await page.getByTestId('compare-link').getAttribute('href')
	const other = await (await browserAs(browser, login, null)).newPage()
	await other.goto(`${link!},no-such-listing`)
	await expect(other.getByTestId('compare-title')).toHaveText(ids.slice(1, 4).map((l) => l.title))
	await expect(other.getByTestId('compare-dropped')).toContainText('1 个挂牌')
})

test('the share panel gives a short link that resolves and its QR code; foreign URLs get no QR code', async ({ page, request }) => {
	const listing = quietListing()
	await page.goto(`/listings/${listing.id}`)
	await page.getByTestId('share-panel').locator('summary').click()
	const short = await page.getByTestId('share-short-link').inputValue()
	expect(short).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[0-9a-z]+$/)
	const qr = page.getByTestId('share-qr')
	await expect(qr).toBeVisible()
	await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
	const svg = await request.get((await qr.getAttribute('src'))!)
	expect(svg.status()).toBe(200)
	expect(svg.headers()['content-type']).toContain('image/svg+xml')
	expect(await svg.text()).toContain('<svg')

	// The short link resolves to the listing.
	const res = await request.get(short, { maxRedirects: 0 })
	expect(res.status()).toBe(302)
	expect(res.headers()['location']).toBe(`/listings/${listing.id}`)
	await page.goto(short)
	await expect(page).toHaveURL(`/listings/${listing.id}`)
	expect((await request.get('/s/zzzzzzzz', { maxRedirects: 0 })).status()).toBe(404)

	// A QR code only for this site's listing links.
	for (const url of ['https://evil.example/s/1', `${new URL(short).origin}/login`, 'javascript:alert(1)', '']) {
		const refused = await request.get(`/qr.svg?${new URLSearchParams({ url })}`)
		expect(refused.status(), url).toBe(400)
		expect(await refused.text()).toBe('只能为本站的挂牌链接生成二维码。')
	}
})

test('the listing page has Open Graph and Twitter-card tags with the price, area and first photo', async ({ page, baseURL }) => {
	const listing = one<{ id: string; title: string }>(
		`SELECT l.id, l.title FROM "Listing" l WHERE l.status = 'PUBLISHED' AND EXISTS (SELECT 1 FROM "ListingPhoto" p WHERE p."listingId" = l.id) ORDER BY l.id LIMIT 1`,
	)
	await page.goto(`/listings/${listing.id}`)
	const meta = (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content')
	expect(await meta('og:title')).toContain(listing.title)
	expect(await meta('og:title')).toMatch(/元|万元/)
	expect(await meta('og:title')).toMatch(/亩|m²/)
	expect(await meta('og:url')).toBe(`${baseURL}/listings/${listing.id}`)
	const image = await meta('og:image')
	expect(image).toMatch(new RegExp(`^${baseURL}/uploads/`))
	expect((await page.request.get(image!)).status()).toBe(200)
	expect(await meta('twitter:card')).toBe('summary_large_image')
	expect(await meta('twitter:image')).toBe(image)
})
