// Inquiries in real Chromium: a buyer opens a published listing from the list and sends an inquiry
// (an empty form first shows the errors beside the fields), sees it on /me; the listing's village
// answers it on /village/inquiries; the buyer sees the answer on /me and a notification badge.
// And a visitor who is not logged in goes through the login page and comes back to the form.
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test'
import { BANNER_BBOX, expect, test } from './fixtures.ts'
import { ACCOUNTS, DEMO_PASSWORD, one } from './session.ts'

type Row = { id: string; title: string }

/** A published, negotiated listing of this village account's village that nobody has asked about yet. */
function freshListing(email: string) {
	return one<Row>(
		`SELECT l.id, l.title FROM "Listing" l JOIN "User" u ON u."villageId" = l."villageId"
		 WHERE u.email = $1 AND l.status = 'PUBLISHED' AND l."tradingMode" = 'NEGOTIATED'
		   AND NOT EXISTS (SELECT 1 FROM "Inquiry" i WHERE i."listingId" = l.id)
		 ORDER BY l.id DESC LIMIT 1`,
		email,
	)
}

/** The village of 树林召镇's demo account if it has such a listing, else 赛乌素村's. */
function listingAndVillage(): { listing: Row; village: 'villageA' | 'villageB' } {
	try {
		return { listing: freshListing(ACCOUNTS.villageA), village: 'villageA' }
	} catch {
		return { listing: freshListing(ACCOUNTS.villageB), village: 'villageB' }
	}
}

/** A second browser (another person), kept on 127.0.0.1 like the test's own. */
async function otherContext(browser: Browser): Promise<BrowserContext> {
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
	return context
}

/** The error list a field points to with aria-describedby. */
async function errorOf(page: Page, field: Locator) {
	await expect(field).toHaveAttribute('aria-invalid', 'true')
	const id = await field.getAttribute('aria-describedby')
	return page.locator(`[id="${id}"]`)
}

test('a buyer inquires, the village replies, the buyer sees the reply and a notification', async ({ page, browser, login }) => {
	const { listing, village } = listingAndVillage()
	await login('buyer')

	// From the list to the listing, and on to the form.
	await page.goto(`/?bbox=${BANNER_BBOX}&q=${encodeURIComponent(listing.title)}`)
	await page.getByTestId('listing-list').getByRole('link').filter({ hasText: listing.title }).first().click()
	// The list's link carries the map's filters for the page's back link (?from=).
	await expect(page).toHaveURL((url) => url.pathname === `/listings/${listing.id}`)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(listing.title)
	await page.getByTestId('listing-cta').getByRole('link', { name: '登记意向' }).click()
	await expect(page).toHaveURL(`/listings/${listing.id}/inquire`)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登记意向')
	await expect(page.getByLabel('联系方式')).toHaveValue(ACCOUNTS.buyer)

	// An empty form: each required field says so beside itself, and nothing is sent.
	await page.getByLabel('联系方式').fill('')
	await page.getByRole('button', { name: '提交意向' }).click()
	await expect(await errorOf(page, page.getByLabel('拟用途'))).toHaveText('必填')
	await expect(await errorOf(page, page.getByLabel('留言'))).toHaveText('必填')
	await expect(await errorOf(page, page.getByLabel('联系方式'))).toHaveText('必填')
	await expect(page).toHaveURL(`/listings/${listing.id}/inquire`)
	// A negative price and a contact that is neither a phone nor an email are refused too.
	await page.getByLabel('意向报价（元）').fill('-100')
	await page.getByLabel('联系方式').fill('找村委会')
	await expect(await errorOf(page, page.getByLabel('意向报价（元）'))).toHaveText('必须大于 0')
	await expect(await errorOf(page, page.getByLabel('联系方式'))).toHaveText('请输入有效的电话号码或邮箱')

	const message = `e2e 想下周六上午去看现场，请问水电和道路情况如何？（${Date.now()}）`
	await page.getByLabel('拟用途').fill('开办农家乐')
	await page.getByLabel('拟流转年限（年）').fill('8')
	await page.getByLabel('意向报价（元）').fill('20000')
	await page.getByLabel('留言').fill(message)
	await page.getByLabel('联系方式').fill('13900001111')
	await page.getByRole('button', { name: '提交意向' }).click()

	await expect(page).toHaveURL(/\/me\?sent=/)
	await expect(page.getByRole('status')).toHaveText('意向已提交，村集体答复后会通知您。')
	const mine = page.getByTestId('my-inquiry').filter({ hasText: message })
	await expect(mine).toHaveCount(1)
	await expect(mine.getByRole('heading', { level: 3 })).toHaveText(listing.title)
	await expect(mine.getByTestId('inquiry-status')).toHaveText('待答复')
	await expect(mine).toContainText('2 万元')
	await expect(mine).toContainText('村集体尚未答复。')

	// Back on the form, the open inquiry is shown instead of a second form.
	await page.goto(`/listings/${listing.id}/inquire`)
	await expect(page.getByTestId('existing-inquiry')).toContainText(message)
	await expect(page.getByRole('button', { name: '提交意向' })).toHaveCount(0)

	// The listing's village answers.
	const villageContext = await otherContext(browser)
	try {
		await login(village, villageContext)
		const vp = await villageContext.newPage()
		await vp.goto('/village/inquiries')
		await expect(vp.getByRole('heading', { level: 1 })).toHaveText('意向咨询')
		const card = vp.getByTestId('village-inquiry').filter({ hasText: message })
		await expect(card).toHaveCount(1)
		await expect(card.getByTestId('inquiry-buyer')).toHaveText('刘志远')
		await expect(card.getByTestId('inquiry-contact')).toHaveText('13900001111')
		await expect(card.getByTestId('inquiry-status')).toHaveText('待答复')
		// Too short a reply is refused beside the field.
		await card.getByLabel('答复').fill('好')
		await card.getByRole('button', { name: '发送答复' }).click()
		await expect(await errorOf(vp, card.getByLabel('答复'))).toHaveText('太短了')
		await card.getByLabel('答复').fill('欢迎下周六上午来看，通水通电，村道已硬化。')
		await card.getByRole('button', { name: '发送答复' }).click()
		await expect(vp.getByRole('status')).toHaveText('答复已发送，受让方会收到通知。')
		const answered = vp.getByTestId('village-inquiry').filter({ hasText: message })
		await expect(answered.getByTestId('inquiry-status')).toHaveText('已答复')
		await expect(answered.getByTestId('inquiry-replies')).toContainText('欢迎下周六上午来看')
	} finally {
		await villageContext.close()
	}

	// The buyer sees the answer and the bell has a badge that leads to the notification.
	await page.goto('/me')
	const replied = page.getByTestId('my-inquiry').filter({ hasText: message })
	await expect(replied.getByTestId('inquiry-status')).toHaveText('已答复')
	await expect(replied.getByTestId('inquiry-replies')).toContainText('欢迎下周六上午来看，通水通电，村道已硬化。')
	const badge = page.getByTestId('unread-badge')
	await expect(badge).toBeVisible()
	await expect(badge).toHaveText(/^[1-9]\d*\+?$/)
	await badge.click()
	await expect(page).toHaveURL('/notifications')
	await expect(page.getByText('村集体答复了您的意向').first()).toBeVisible()
})

test('a visitor who clicks 登记意向 logs in and comes back to the form', async ({ page }) => {
	// Another village's listing than the test above uses, so the two can run side by side.
	const listing = one<Row>(
		`SELECT l.id, l.title FROM "Listing" l
		 WHERE l.status = 'PUBLISHED' AND l."villageId" NOT IN (SELECT "villageId" FROM "User" WHERE email IN ($1, $2) AND "villageId" IS NOT NULL)
		   AND NOT EXISTS (SELECT 1 FROM "Inquiry" i JOIN "User" b ON b.id = i."buyerId" WHERE i."listingId" = l.id AND b.email = $3 AND i.status = 'OPEN')
		 ORDER BY l.id LIMIT 1`,
		ACCOUNTS.villageA,
		ACCOUNTS.villageB,
		ACCOUNTS.buyer,
	)
	await page.goto(`/listings/${listing.id}`)
	const cta = page.getByTestId('listing-cta')
	await expect(cta).toContainText('需要先登录或注册')
	await cta.getByRole('link', { name: '登记意向' }).click()
	await expect(page).toHaveURL(`/login?redirectTo=${encodeURIComponent(`/listings/${listing.id}/inquire`)}`)
	await page.getByLabel('手机号或邮箱').fill(ACCOUNTS.buyer)
	await page.getByLabel('密码').fill(DEMO_PASSWORD)
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page).toHaveURL(`/listings/${listing.id}/inquire`)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登记意向')
	await expect(page.getByText(listing.title)).toBeVisible()
	await expect(page.getByRole('button', { name: '提交意向' })).toBeVisible()
})

test('village, reviewer and admin accounts see no inquiry button; the form refuses them', async ({ page, login }) => {
	const listing = one<Row>(`SELECT id, title FROM "Listing" WHERE status = 'PUBLISHED' ORDER BY id LIMIT 1`)
	await login('reviewerX')
	await page.goto(`/listings/${listing.id}`)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(listing.title)
	await expect(page.getByTestId('listing-cta')).toHaveCount(0)
	const res = await page.goto(`/listings/${listing.id}/inquire`)
	expect(res?.status()).toBe(403)
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('the buyer’s form, the village’s reply and close, and the buyer’s page all work as plain forms', async ({ page, browser, login }) => {
		// 赛乌素村's listing with the lowest id nobody has asked about (the first test takes 新胜村's).
		const listing = one<Row>(
			`SELECT l.id, l.title FROM "Listing" l JOIN "User" u ON u."villageId" = l."villageId"
			 WHERE u.email = $1 AND l.status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM "Inquiry" i WHERE i."listingId" = l.id)
			 ORDER BY l.id ASC LIMIT 1`,
			ACCOUNTS.villageB,
		)
		await login('buyer')
		await page.goto(`/listings/${listing.id}/inquire`)
		await page.getByRole('button', { name: '提交意向' }).click()
		// The server answers with the errors beside the fields, and keeps what was typed.
		await expect(await errorOf(page, page.getByLabel('拟用途'))).toHaveText('必填')
		await expect(await errorOf(page, page.getByLabel('留言'))).toHaveText('必填')
		await expect(page.getByLabel('联系方式')).toHaveValue(ACCOUNTS.buyer)
		const message = `e2e 无脚本留言 <script>document.title='x'</script>（${Date.now()}）`
		await page.getByLabel('拟用途').fill('冷链仓储')
		await page.getByLabel('留言').fill(message)
		await page.getByRole('button', { name: '提交意向' }).click()
		await expect(page).toHaveURL(/\/me\?sent=/)
		// The script tag is shown as the text that was typed.
		await expect(page.getByTestId('my-inquiry').filter({ hasText: message })).toHaveCount(1)

		const villageContext = await otherContext(browser)
		try {
			await login('villageB', villageContext)
			const vp = await villageContext.newPage()
			await vp.goto('/village/inquiries?status=OPEN')
			const card = vp.getByTestId('village-inquiry').filter({ hasText: message })
			await card.getByLabel('答复').fill('仓库可随时查看，请提前一天电话联系。')
			await card.getByRole('button', { name: '发送答复' }).click()
			await expect(vp.getByRole('status')).toHaveText('答复已发送，受让方会收到通知。')
			const answered = vp.getByTestId('village-inquiry').filter({ hasText: message })
			await answered.getByRole('button', { name: '关闭意向' }).click()
			await expect(vp.getByRole('status')).toHaveText('意向已关闭。')
			await expect(vp.getByTestId('village-inquiry').filter({ hasText: message }).getByTestId('inquiry-status')).toHaveText('已关闭')
		} finally {
			await villageContext.close()
		}

		await page.goto('/me')
		const mine = page.getByTestId('my-inquiry').filter({ hasText: message })
		await expect(mine.getByTestId('inquiry-status')).toHaveText('已关闭')
		await expect(mine.getByTestId('inquiry-replies')).toContainText('仓库可随时查看')
		await expect(mine.getByRole('button', { name: '撤回意向' })).toHaveCount(0)
	})
})
