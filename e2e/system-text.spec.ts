// Text the system writes is rendered in the reader's language (009): notifications and audit
// entries in English for an English reader (no Chinese but the data people wrote) and in Chinese
// for a Chinese one; opening a notification marks it read; the 404 title and the ledger's status
// select in English.
import { expect, test } from './fixtures.ts'
import { insertSubmittedListing, REVIEWER_X, VILLAGE_X } from './review-helpers.ts'

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/

test('a listing decision: English and Chinese notifications and audit entries, read once opened', async ({ page, browser, login }) => {
	const title = `Willow Lane farmhouse ${Date.now() % 100000}`
	const id = insertSubmittedListing(VILLAGE_X, title)
	await login(REVIEWER_X)
	await page.goto(`/review/listings/${id}`)
	await page.getByLabel('审核意见').fill('Documents complete, approved.')
	await page.getByRole('button', { name: '通过并发布' }).click()
	await expect(page).toHaveURL(/\/review\?decided=/)

	const village = await browser.newPage()
	await login(VILLAGE_X, village.context())
	await village.goto('/notifications?lng=en')
	const item = village.getByTestId('notifications').locator('li', { hasText: title })
	await expect(item).toHaveCount(1)
	await expect(item).toHaveAttribute('data-unread', 'true')
	await expect(item.getByRole('link')).toHaveText('Your listing was approved')
	await expect(item).toContainText(`${title}: Documents complete, approved.`)
	expect(await item.innerText()).not.toMatch(CJK)

	await village.goto('/notifications?lng=zh')
	await expect(item.getByRole('link')).toHaveText('挂牌申请已通过审核')
	await expect(item).toContainText(`${title}：Documents complete, approved.`)

	// Opening it goes where it points and marks it read.
	await item.getByRole('link').click()
	await expect(village).toHaveURL(new RegExp(`/village/listings/${id}$`))
	await village.goto('/notifications')
	await expect(item).not.toHaveAttribute('data-unread', 'true')
	await village.close()

	// The audit entry of the decision, in each language (the reviewer's name is data, not checked).
	const admin = await browser.newPage()
	await login('admin', admin.context())
	await admin.goto(`/admin/audit?lng=en&entityType=LISTING&entityId=${id}`)
	const row = admin.locator('tbody tr').first()
	await expect(row.locator('td').nth(4)).toHaveText('Approved')
	await expect(row.locator('td').nth(5)).toHaveText('Awaiting review → Listed')
	await expect(row.locator('td').nth(6)).toHaveText('Documents complete, approved.')
	await admin.goto(`/admin/audit?lng=zh&entityType=LISTING&entityId=${id}`)
	await expect(row.locator('td').nth(4)).toHaveText('审核通过')
	await admin.close()
})

test('an English reader sees deal, inquiry and bid history in English, with no raw codes', async ({ page, login }) => {
	await login('admin')
	for (const type of ['DEAL', 'LISTING']) {
		await page.goto(`/admin/audit?lng=en&entityType=${type}`)
		const rows = page.locator('tbody tr')
		await expect(rows.first()).toBeVisible()
		// Action and change columns of the whole page: words, not codes, and no Chinese.
		for (const text of await page.locator('tbody td:nth-child(5), tbody td:nth-child(6)').allInnerTexts()) {
			expect(text).not.toMatch(CJK)
			expect(text).not.toMatch(/[A-Z]{2,}_[A-Z]|review:|record:|^[a-z-]+$/)
		}
	}
	// The seeded history is in the log: the demo's certified deals among it.
	await page.goto('/admin/audit?lng=en&entityType=DEAL')
	await expect(page.locator('tbody')).toContainText('Certified; certificate issued')
	await expect(page.locator('tbody')).toContainText('Awaiting certification → Completed')
})

test('the English 404 page has an English title', async ({ page }) => {
	const res = await page.goto('/no-such-page?lng=en')
	expect(res?.status()).toBe(404)
	await expect(page).toHaveTitle('Page not found | Rural Property Exchange')
	await page.goto('/no-such-page?lng=zh')
	await expect(page).toHaveTitle('页面不存在 | 农村产权交易平台')
})

test('the English ledger’s status select shows its whole text', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 })
	await page.goto('/ledger?lng=en')
	const select = page.locator('#l-status')
	for (const value of ['', 'notice', 'completed']) {
		await select.selectOption(value)
		// The chosen option's text at the select's own font, plus its padding and arrow, fits its box.
		const fits = await select.evaluate((el: HTMLSelectElement) => {
			const style = getComputedStyle(el)
			const ctx = document.createElement('canvas').getContext('2d')!
			ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
			const text = ctx.measureText(el.options[el.selectedIndex].text).width
			return text + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 20 <= el.clientWidth
		})
		expect(fits, `option "${value}"`).toBe(true)
	}
})
