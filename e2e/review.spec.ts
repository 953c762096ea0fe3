// The Party-organisation review in a real browser: the town's queue with its counts, a decision
// refused without an opinion, approval publishing the listing (map list and /api/listings), a
// return whose opinion reaches the village, another town's reviewer kept out, and two reviewers
// deciding the same listing.
import { expect, test } from './fixtures.ts'
import { insertSubmittedListing, listingStatus, REVIEWER_X, REVIEWER_Y, submittedListings, VILLAGE_X, type QueueListing } from './review-helpers.ts'

// The tests decide listings of one shared database, in this order.
test.describe.configure({ mode: 'serial' })

let queued: QueueListing[]

test.beforeAll(() => {
	queued = submittedListings('shulinzhao')
	expect(queued.length, 'the demo seed puts submitted listings in 树林召镇').toBeGreaterThanOrEqual(2)
})

test('the reviewer sees the town’s queue, oldest first, with counts', async ({ page, login }) => {
	await login(REVIEWER_X)
	await page.goto('/review')
	await expect(page.getByRole('heading', { level: 1, name: '审核队列' })).toBeVisible()
	const rows = page.getByTestId('listing-queue').locator('tbody tr')
	await expect(rows).toHaveCount(queued.length)
	await expect(page.getByTestId('count-waiting')).toHaveText(String(queued.length))
	await expect(page.getByTestId('count-decided')).toHaveText(/^\d+$/)
	// Oldest first: the order of the database's submittedAt.
	for (const [i, l] of queued.entries()) await expect(rows.nth(i)).toContainText(l.title)
	await expect(rows.first()).toContainText(/天/)
})

test('another town’s reviewer neither sees nor opens the listings', async ({ page, login }) => {
	await login(REVIEWER_Y)
	await page.goto('/review')
	await expect(page.getByRole('heading', { level: 1, name: '审核队列' })).toBeVisible()
	for (const l of queued) await expect(page.getByText(l.title)).toHaveCount(0)
	const res = await page.goto(`/review/listings/${queued[0].id}`)
	expect(res?.status()).toBe(404)
	await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible()
	await expect(page.getByText(queued[0].title)).toHaveCount(0)
})

test('approving needs an opinion; with one the listing is published on the map and the API', async ({ page, login }) => {
	const listing = queued.find((l) => l.type === 'LAND') ?? queued[0]
	await login(REVIEWER_X)
	await page.goto('/review')
	// Decided by this reviewer in the last 30 days, before this decision (the demo seed has some).
	const decidedBefore = Number(await page.getByTestId('count-decided').textContent())
	await page.getByRole('link', { name: `审核：${listing.title}` }).first().click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(listing.title)
	await expect(page.getByTestId('listing-status')).toHaveText('待审核')
	// The map loads as it comes near the screen, as a visitor scrolls to it.
	await page.locator('#map-heading').scrollIntoViewIfNeeded()
	await expect(page.locator('.leaflet-container')).toBeVisible()

	// No opinion: refused, the message next to the field, nothing decided.
	const opinion = page.getByLabel('审核意见')
	await page.getByRole('button', { name: '通过并发布' }).click()
	await expect(opinion).toHaveAttribute('aria-invalid', 'true')
	const errorId = await opinion.getAttribute('aria-describedby')
	await expect(page.locator(`#${errorId}`)).toHaveText('必填')
	expect(listingStatus(listing.id)).toBe('SUBMITTED')

	await opinion.fill('材料齐全，四至清楚，同意挂牌。')
	await page.getByRole('button', { name: '通过并发布' }).click()
	await expect(page).toHaveURL(new RegExp(`/review\\?decided=${listing.id}&status=PUBLISHED`))
	await expect(page.getByRole('status')).toContainText(`已通过，挂牌已发布：${listing.title}`)
	await expect(page.getByTestId('listing-queue').getByText(listing.title)).toHaveCount(0)
	await expect(page.getByTestId('count-decided')).toHaveText(String(decidedBefore + 1))
	expect(listingStatus(listing.id)).toBe('PUBLISHED')

	// Public now: in /api/listings and in the list beside the map.
	const d = 0.01
	const bbox = [listing.lng - d, listing.lat - d, listing.lng + d, listing.lat + d].join(',')
	const api = await (await page.request.get(`/api/listings?bbox=${bbox}&zoom=16`)).json()
	expect(api.features.map((f: { properties: { id: string } }) => f.properties.id)).toContain(listing.id)
	await page.goto(`/?bbox=${bbox}`)
	await expect(page.getByTestId('listing-list').getByText(listing.title)).toBeVisible()
	const detail = await page.goto(`/listings/${listing.id}`)
	expect(detail?.status()).toBe(200)
})

test('the server refuses a decision without an opinion too (no JavaScript)', async ({ page, login }) => {
	const listing = queued.find((l) => listingStatus(l.id) === 'SUBMITTED')!
	await login(REVIEWER_X)
	await page.goto(`/review/listings/${listing.id}`)
	const csrf = await page.locator('form[method="post"] input[name="csrf"]').last().inputValue()
	for (const [opinion, message] of [
		['', '必填'],
		['   好 ', '太短了'],
		['意'.repeat(2001), '太长了'],
	]) {
		const res = await page.request.post(`/review/listings/${listing.id}`, { form: { csrf, intent: 'approve', opinion }, maxRedirects: 0 })
		expect(res.status()).toBe(400)
		expect(await res.text()).toMatch(new RegExp(`aria-invalid="true"[^>]*>[\\s\\S]*?<li>${message}</li>`))
	}
	const forged = await page.request.post(`/review/listings/${listing.id}`, { form: { csrf, intent: 'publish-everything', opinion: '同意' }, maxRedirects: 0 })
	expect(forged.status()).toBe(400)
	expect(listingStatus(listing.id)).toBe('SUBMITTED')
})

test('returning with an opinion: the village reads it, fixes it and resubmits', async ({ page, browser, login }) => {
	test.setTimeout(60_000)
	const title = `新胜村 农家院子 退回测试 ${Date.now()}`
	const id = insertSubmittedListing(VILLAGE_X, title)
	const opinion = '请补充院落照片和房屋权属证明后重新提交。'

	await login(REVIEWER_X)
	await page.goto('/review')
	await page.getByRole('link', { name: `审核：${title}` }).first().click()
	await page.getByLabel('审核意见').fill(opinion)
	await page.getByRole('button', { name: '退回修改' }).click()
	await expect(page).toHaveURL(/\/review\?decided=/)
	await expect(page.getByRole('status')).toContainText(`已退回嘎查村修改：${title}`)

	// Decided: the page shows the state and the review, without the form.
	await page.goto(`/review/listings/${id}`)
	await expect(page.getByTestId('listing-status')).toHaveText('退回修改')
	await expect(page.getByTestId('review-history')).toContainText(opinion)
	await expect(page.getByRole('button', { name: '通过并发布' })).toHaveCount(0)

	// The village, in its own browser context.
	const villageContext = await browser.newContext()
	const village = await villageContext.newPage()
	try {
		await login(VILLAGE_X, villageContext)
		await village.goto('/village')
		await expect(village.getByTestId('unread-badge')).toBeVisible()
		await village.goto('/notifications')
		const item = village.getByTestId('notifications').locator('li', { hasText: title })
		await expect(item).toHaveAttribute('data-unread', 'true')
		await expect(item).toContainText('挂牌申请被退回修改')
		await expect(item).toContainText(opinion)
		// The link goes through /notifications/:id, which marks it read on the way (009).
		await expect(item.getByRole('link', { name: '挂牌申请被退回修改' })).toHaveAttribute('href', /^\/notifications\/[a-z0-9_-]+$/)
		await item.getByRole('button', { name: /标为已读/ }).click()
		await expect(item).not.toHaveAttribute('data-unread', 'true')

		// The notification opens the village's own page of the listing, which shows the opinion.
		await item.getByRole('link', { name: '挂牌申请被退回修改' }).click()
		await expect(village).toHaveURL(`/village/listings/${id}`)
		await expect(village.getByText(opinion).first()).toBeVisible()

		// The village fixes the listing and resubmits it: it is back in the reviewer's queue.
		await village.getByRole('link', { name: '修改', exact: true }).click()
		await village.getByRole('textbox', { name: '项目介绍' }).fill('三间砖瓦房，院落整洁，已补充院落照片说明和房屋权属证明，水电入户，距镇区 3 公里。')
		await village.getByRole('button', { name: '保存修改' }).click()
		await expect(village).toHaveURL(`/village/listings/${id}?notice=saved`)
		await village.getByRole('button', { name: '修改完毕，重新提交审核' }).click()
		await expect.poll(() => listingStatus(id)).toBe('SUBMITTED')
		await page.goto('/review')
		await expect(page.getByRole('link', { name: `审核：${title}` }).first()).toBeVisible()
	} finally {
		await villageContext.close()
	}
})

test('two reviewers deciding at once: the second is told it is already decided', async ({ page, browser, login }) => {
	const title = `新胜村 农家院子 并发测试 ${Date.now()}`
	const id = insertSubmittedListing(VILLAGE_X, title, 1)
	const otherContext = await browser.newContext()
	const other = await otherContext.newPage()
	try {
		await login(REVIEWER_X)
		await login(REVIEWER_X, otherContext)
		await page.goto(`/review/listings/${id}`)
		await other.goto(`/review/listings/${id}`)

		await page.getByLabel('审核意见').fill('同意挂牌。')
		await page.getByRole('button', { name: '通过并发布' }).click()
		await expect(page).toHaveURL(/\/review\?decided=/)

		await other.getByLabel('审核意见').fill('不同意挂牌。')
		await other.getByRole('button', { name: '不予通过' }).click()
		await expect(other.getByRole('alert')).toContainText('该挂牌已由其他审核人处理')
		await expect(other.getByRole('alert')).toContainText('挂牌中')
		await expect(other.getByTestId('listing-status')).toHaveText('挂牌中')
		await expect(other.getByRole('button', { name: '不予通过' })).toHaveCount(0)
		expect(listingStatus(id)).toBe('PUBLISHED')
	} finally {
		await otherContext.close()
	}
})
