// Saved searches with alerts in real Chromium (issue 13): a buyer saves the map's search; a village
// lists and submits a farmhouse that matches; the reviewer approves it; the buyer finds the alert
// among their notifications and the listing on /me/searches. Plus the anonymous link that comes
// back after logging in, renaming, pausing and deleting, and a malformed polygon refused.
import { secondBrowser } from './admin-helpers.ts'
import { BANNER_BBOX, expect, openLiveMap, test } from './fixtures.ts'

const BUYER = 'buyer1@demo.local'
const VILLAGE = 'village.shulinzhao@demo.local'
const REVIEWER = 'reviewer.shulinzhao@demo.local'

test.describe.configure({ mode: 'serial' })

// A word nothing else in the demo data contains: the search matches our listing alone.
const WORD = `zephyr${Date.now().toString(36)}`
const SEARCH_URL = `/?type=FARMHOUSE&q=${WORD}&bbox=${BANNER_BBOX}&zoom=10`

test('the anonymous are offered to log in and come back to the same search', async ({ page }) => {
	await page.goto(SEARCH_URL)
	const link = page.getByTestId('save-search-login')
	await expect(link).toHaveText('登录后可保存此搜索，有新挂牌时提醒您')
	const href = new URL((await link.getAttribute('href'))!, 'http://x')
	expect(href.pathname).toBe('/login')
	expect(href.searchParams.get('redirectTo')).toContain(`q=${WORD}`)
})

test('a search saved while the map still moves is saved: the map’s new view waits for the save', async ({ page, login }) => {
	await login('buyer3@demo.local')
	await page.goto(SEARCH_URL)
	await openLiveMap(page)
	const save = page.getByTestId('save-search')
	await save.getByText('保存此搜索').click()
	await save.getByLabel('名称').fill('e2e 地图移动时保存')
	// The save's answer is held back while the map is moved: the view the map then reports would
	// replace the save's navigation, and the save was lost (the map settles just after loading).
	let release!: () => void
	const held = new Promise<void>((resolve) => (release = resolve))
	await page.route('**/me/searches*', async (route) => {
		if (route.request().method() === 'POST') await held
		await route.continue().catch(() => {})
	})
	await save.getByRole('button', { name: '保存搜索' }).click()
	await page.locator('.leaflet-container').focus()
	await page.keyboard.press('ArrowRight')
	await page.keyboard.press('ArrowDown')
	await page.waitForTimeout(1000)
	release()
	await expect(page).toHaveURL(/\/me\/searches\?done=saved/)
	await expect(page.getByTestId('saved-search').filter({ hasText: 'e2e 地图移动时保存' })).toBeVisible()
})

test('a buyer saves a search; a matching listing, once approved, reaches them at once', async ({ page, browser, login }) => {
	test.setTimeout(90_000)
	await login(BUYER)
	await page.goto(SEARCH_URL)
	await openLiveMap(page)
	const save = page.getByTestId('save-search')
	await save.getByText('保存此搜索').click()
	await expect(save.getByText('按当前地图范围')).toBeVisible()
	await expect(save).toContainText('有符合当前筛选条件和地图范围的新挂牌时通知您')
	// The name defaults to the filters.
	await expect(save.getByLabel('名称')).toHaveValue(new RegExp(`农家院子.*${WORD}`))
	await save.getByLabel('名称').fill('e2e 临河院子')
	await save.getByLabel('提醒方式').selectOption('INSTANT')
	await save.getByRole('button', { name: '保存搜索' }).click()
	await expect(page).toHaveURL(/\/me\/searches\?done=saved/)
	await expect(page.getByRole('status')).toHaveText('搜索已保存。有新挂牌符合时会通知您。')
	const card = page.getByTestId('saved-search').filter({ hasText: 'e2e 临河院子' })
	await expect(card).toContainText('还没有符合的新挂牌。')
	await expect(card.getByRole('link', { name: '在地图上查看' })).toHaveAttribute('href', new RegExp(`q=${WORD}`))

	// The village lists a farmhouse with the word in its title and submits it.
	const title = `临河农家院子 ${WORD}`
	const { context: villageContext, page: village, errors: villageErrors } = await secondBrowser(browser)
	let id: string
	try {
		await login(VILLAGE, villageContext)
		await village.goto('/village/listings/new')
		await village.getByRole('link', { name: /^农家院子/ }).click()
		await village.getByLabel('标题').fill(title)
		await village.getByLabel('项目介绍').fill(`${title}：正房三间，院内有水井，临河。`)
		await expect(village.getByTestId('map-picker').locator('.leaflet-container')).toBeVisible()
		await village.getByTestId('map-picker').click({ position: { x: 220, y: 160 } })
		await expect(village.getByTestId('map-picker-status')).toContainText('北纬')
		await village.getByLabel('面积（平方米）').fill('300')
		await village.getByLabel('挂牌价格').fill('9000')
		await village.getByRole('button', { name: '保存草稿' }).click()
		await expect(village).toHaveURL(/\/village\/listings\/[a-z0-9]+\?notice=created/)
		id = new URL(village.url()).pathname.split('/').pop()!
		await village.getByRole('button', { name: /提交审核/ }).click()
		await expect(village.getByTestId('status-badge')).toHaveText('待审核')
		expect(villageErrors).toEqual([])
	} finally {
		await villageContext.close()
	}

	// Not published yet: nothing for the buyer.
	await page.goto('/notifications')
	await expect(page.getByText('有新挂牌符合您保存的搜索')).toHaveCount(0)

	// The reviewer approves it.
	const { context: reviewerContext, page: reviewer, errors: reviewerErrors } = await secondBrowser(browser)
	try {
		await login(REVIEWER, reviewerContext)
		await reviewer.goto(`/review/listings/${id}`)
		await reviewer.getByLabel('审核意见').fill('材料齐全，同意挂牌。')
		await reviewer.getByRole('button', { name: '通过并发布' }).click()
		await expect(reviewer).toHaveURL(/status=PUBLISHED/)
		expect(reviewerErrors).toEqual([])
	} finally {
		await reviewerContext.close()
	}

	// The buyer's alert, with a link to the listing: matched just after the approval commits
	// (decision 029), so within moments, not with the next sweep.
	const item = page.getByTestId('notifications').locator('li', { hasText: title })
	await expect(async () => {
		await page.goto('/notifications')
		await expect(item).toContainText('有新挂牌符合您保存的搜索', { timeout: 500 })
	}).toPass({ timeout: 5000 })
	await expect(item).toContainText('「e2e 临河院子」')
	await expect(item).toHaveAttribute('data-unread', 'true')

	// And on /me/searches, flagged new, linked, with its status; the next visit has seen it.
	await page.goto('/me/searches')
	const after = page.getByTestId('saved-search').filter({ hasText: 'e2e 临河院子' })
	await expect(after).toContainText('1 条新匹配')
	const match = after.getByTestId('saved-search-matches').locator('li', { hasText: title })
	await expect(match).toContainText('新')
	await expect(match.getByTestId('match-status')).toHaveText('挂牌中')
	await match.getByRole('link', { name: title }).click()
	await expect(page).toHaveURL(new RegExp(`/listings/${id}`))
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
	await page.goto('/me/searches')
	await expect(page.getByTestId('saved-search').filter({ hasText: 'e2e 临河院子' })).not.toContainText('条新匹配')
})

test('a buyer renames, pauses and deletes a search from /me and the header', async ({ page, login }) => {
	await login(BUYER)
	await page.goto('/me')
	await page.getByRole('link', { name: '我的搜索' }).first().click()
	await expect(page).toHaveURL(/\/me\/searches$/)
	const card = page.getByTestId('saved-search').filter({ hasText: 'e2e 临河院子' })
	await card.getByLabel('新名称').fill('e2e 改名后的院子')
	await card.getByRole('button', { name: '改名' }).click()
	await expect(page.getByRole('status')).toHaveText('已改名。')
	const renamed = page.getByTestId('saved-search').filter({ hasText: 'e2e 改名后的院子' })
	await renamed.getByRole('button', { name: '暂停提醒' }).click()
	await expect(page.getByRole('status')).toHaveText('已暂停提醒。')
	await expect(renamed).toContainText('已暂停')
	await renamed.getByRole('button', { name: '恢复提醒' }).click()
	await expect(renamed).not.toContainText('已暂停')
	// A name past the limit is refused next to the field.
	await renamed.getByLabel('新名称').evaluate((el) => el.removeAttribute('maxlength'))
	await renamed.getByLabel('新名称').fill('长'.repeat(61))
	await renamed.getByRole('button', { name: '改名' }).click()
	await expect(renamed.getByText('太长了')).toBeVisible()
	await renamed.getByRole('button', { name: '删除' }).click()
	await expect(page.getByRole('status')).toHaveText('已删除。')
	await expect(page.getByTestId('saved-search').filter({ hasText: 'e2e 改名后的院子' })).toHaveCount(0)
})

test('a malformed polygon is refused with a message, nothing saved (no JavaScript)', async ({ browser, login }) => {
	const context = await browser.newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	try {
		await login(BUYER, context)
		await page.goto('/me/searches')
		const before = await page.getByTestId('saved-search').count()
		const csrf = await page.locator('input[name="csrf"]').first().inputValue()
		const res = await page.request.post('/me/searches', { form: { csrf, intent: 'create', name: '坏区域', frequency: 'DAILY', query: 'polygon=110,40;abc' }, maxRedirects: 0 })
		expect(res.status()).toBe(400)
		expect(await res.text()).toContain('所画区域无效，未保存')
		await page.goto('/me/searches')
		await expect(page.getByTestId('saved-search')).toHaveCount(before)
	} finally {
		await context.close()
	}
})

test('a search with no map area says it is not bounded (no JavaScript)', async ({ browser, login }) => {
	const context = await browser.newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	try {
		await login(BUYER, context)
		await page.goto('/?type=LAND')
		const save = page.getByTestId('save-search')
		await save.getByText('保存此搜索').click()
		await expect(save.getByText('不限地域')).toBeVisible()
		await expect(save).toContainText('有符合当前筛选条件的新挂牌时通知您')
		await expect(save).not.toContainText('地图范围')
	} finally {
		await context.close()
	}
})
