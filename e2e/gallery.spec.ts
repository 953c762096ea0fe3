// A listing's photos: the main one shown whole, and a gallery of all of them that opens, pages and
// closes with the keyboard, on a phone, and without JavaScript.
import { expect, test } from './fixtures.ts'
import { one } from './session.ts'

function listingWithPhotos() {
	return one<{ id: string; n: number }>(
		`SELECT l.id, count(p.id) AS n FROM "Listing" l JOIN "ListingPhoto" p ON p."listingId" = l.id
		 WHERE l.status = 'PUBLISHED' GROUP BY l.id HAVING count(p.id) > 1 ORDER BY l.id LIMIT 1`,
	)
}

const visibleSlides = '[data-testid="gallery-slide"]:visible'

test('the main photo is whole; the gallery pages with the keyboard and closes with Escape', async ({ page }) => {
	const { id, n } = listingWithPhotos()
	await page.setViewportSize({ width: 1440, height: 900 })
	await page.goto(`/listings/${id}?lng=en`)
	const main = page.getByTestId('main-photo').locator('img')
	await expect(main).toBeVisible()
	expect(await main.evaluate((img) => getComputedStyle(img).objectFit)).toBe('contain')

	await page.getByRole('link', { name: `View all photos (${n})` }).click()
	await expect(page).toHaveURL(/#photo-1$/)
	const first = page.getByRole('dialog', { name: `Photo 1 of ${n}` })
	await expect(first).toBeVisible()
	await expect(first).toBeFocused()
	await expect(first.locator('img')).toBeVisible()
	await page.keyboard.press('ArrowRight')
	await expect(page.getByRole('dialog', { name: `Photo 2 of ${n}` })).toBeVisible()
	await expect(page.locator(visibleSlides)).toHaveCount(1)
	await page.keyboard.press('ArrowLeft')
	await expect(first).toBeVisible()
	await page.keyboard.press('Escape')
	await expect(page.locator(visibleSlides)).toHaveCount(0)
})

test('without JavaScript, on a phone: the gallery opens from the main photo, pages and closes by links', async ({ browser }) => {
	const { id, n } = listingWithPhotos()
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } })
	const page = await context.newPage()
	await page.goto(`/listings/${id}?lng=zh`)
	await page.getByTestId('main-photo').click()
	const slide = page.getByRole('dialog', { name: `第 1 张照片，共 ${n} 张` })
	await expect(slide).toBeVisible()
	// The photo fits the phone's screen.
	const box = (await slide.locator('img').boundingBox())!
	expect(box.x).toBeGreaterThanOrEqual(0)
	expect(box.x + box.width).toBeLessThanOrEqual(390)
	await slide.getByRole('link', { name: '下一张 →' }).click()
	await expect(page.getByRole('dialog', { name: `第 2 张照片，共 ${n} 张` })).toBeVisible()
	await page.locator(visibleSlides).getByRole('link', { name: '关闭' }).click()
	await expect(page.locator(visibleSlides)).toHaveCount(0)
	await context.close()
})
