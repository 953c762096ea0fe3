// Competitive bidding (竞价) in real Chromium: the village opens a round on a listing of its own,
// three buyers register, the centre confirms their deposits, they bid (a too-low bid is refused
// with the minimum), a late bid visibly extends the deadline, and once the clock passes it the
// highest bidder wins and the village sees the deal pending review. A second round with one
// qualified bidder fails, and the village switches the listing to 协议.
import type { Browser, BrowserContext, Page } from '@playwright/test'
import {
	chinaDateTime,
	dealOf,
	depositStatuses,
	insertPublishedListing,
	roundOf,
	serverNow,
	setClock,
	shownDateTime,
	tradingModeOf,
} from './bidding-helpers.ts'
import { expect, test, type Login } from './fixtures.ts'
import type { Account } from './session.ts'
import { collectConsoleErrors } from './console-errors.ts'

// Both tests move the server's clock: never at the same time.
test.describe.configure({ mode: 'serial' })

const VILLAGE = 'village.shulinzhao@demo.local'
const ADMIN = 'admin@demo.local'
const MIN = 60_000

const contexts: BrowserContext[] = []

/** A new browser context logged in as `email`, with a page open at `path`. */
async function as(browser: Browser, login: Login, email: Account, path: string, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled })
	contexts.push(context)
	await login(email, context)
	const page = await context.newPage()
	;(page as Page & { errors?: string[] }).errors = collectConsoleErrors(page)
	await page.goto(path)
	return page
}

function errorsOf(page: Page) {
	return (page as Page & { errors?: string[] }).errors ?? []
}

test.afterEach(async ({ request }) => {
	await setClock(request, null)
	for (const c of contexts.splice(0)) await c.close()
})

async function openRound(page: Page, deadline: Date, { startPrice = '10000', increment = '500', deposit = '2000' } = {}) {
	await page.getByLabel('起拍价（元/年）').fill(startPrice)
	await page.getByLabel('加价幅度（元/年）').fill(increment)
	await page.getByLabel('保证金（元）').fill(deposit)
	await page.getByLabel('截止时间（北京时间）').fill(chinaDateTime(deadline))
	await expect(page.getByLabel('延时（分钟）')).toHaveValue('5')
	await expect(page.getByLabel('最少竞买人（人）')).toHaveValue('2')
	await page.getByRole('button', { name: '发起竞价' }).click()
	await expect(page.getByText('竞价已发起。')).toBeVisible()
	await expect(page.getByTestId('current-round').getByTestId('round-status')).toHaveText('竞价中')
	await expect(page.getByTestId('trading-mode')).toHaveText('竞价')
}

async function register(page: Page, alias: number) {
	await page.getByRole('button', { name: '报名参加竞价' }).click()
	await expect(page.getByText('报名成功，请按通知交纳保证金。')).toBeVisible()
	await expect(page.getByTestId('my-registration')).toHaveText(`您是 竞买人${alias}，保证金：待确认`)
}

async function confirmDeposits(admin: Page, title: string, aliases: number[]) {
	await admin.goto('/admin/deposits')
	for (const n of aliases) {
		await admin.getByRole('button', { name: `确认收到 竞买人${n} 的保证金（${title}）` }).click()
		await expect(admin.getByText('已确认收到保证金。')).toBeVisible()
	}
	await expect(admin.getByTestId('deposits-pending').getByText(title)).toHaveCount(0)
}

async function bid(page: Page, amount: string) {
	await page.getByLabel('出价（元/年）').fill(amount)
	await page.getByRole('button', { name: '出价', exact: true }).click()
}

test('three buyers bid; a late bid extends the deadline; the highest wins and becomes a deal pending review', async ({ browser, page: anonymous, request, login }) => {
	test.setTimeout(120_000)
	await setClock(request, null)
	const title = `新胜村 竞价测试院子 ${Date.now()}`
	const id = insertPublishedListing(VILLAGE, title)

	const village = await as(browser, login, VILLAGE, `/village/listings/${id}/bidding`)
	await expect(village.getByRole('heading', { level: 1 })).toHaveText(`竞价管理：${title}`)
	await openRound(village, new Date((await serverNow(request)).getTime() + 2 * 60 * MIN))

	// The public page: prices, deadline and countdown, no bids yet.
	await anonymous.goto(`/listings/${id}/bid`)
	await expect(anonymous.getByTestId('round-status')).toHaveText('竞价中')
	await expect(anonymous.getByTestId('current-price')).toHaveText('尚无出价')
	await expect(anonymous.getByTestId('minimum-next')).toHaveText('10,000 元/年')
	await expect(anonymous.getByTestId('countdown')).toContainText('距截止 1 小时')
	await expect(anonymous.getByRole('link', { name: '登录后报名' })).toBeVisible()

	// buyer3 has JavaScript turned off: registering and bidding are plain forms.
	const buyers: Page[] = []
	for (const [i, email] of (['buyer1@demo.local', 'buyer2@demo.local', 'buyer3@demo.local'] as const).entries()) {
		const page = await as(browser, login, email, `/listings/${id}/bid`, i !== 2)
		await register(page, i + 1)
		buyers.push(page)
	}
	// No bidding before the deposit is received.
	await expect(buyers[0].getByText('中心确认收到保证金后，这里会出现出价表单。')).toBeVisible()
	await expect(buyers[0].getByLabel('出价（元/年）')).toHaveCount(0)

	const admin = await as(browser, login, ADMIN, '/admin/deposits')
	await confirmDeposits(admin, title, [1, 2, 3])
	expect(depositStatuses(id)).toEqual(['1:RECEIVED', '2:RECEIVED', '3:RECEIVED'])

	for (const page of buyers) await page.reload()
	await expect(buyers[0].getByTestId('my-registration')).toHaveText('您是 竞买人1，保证金：已收到')
	await bid(buyers[0], '10000')
	await expect(buyers[0].getByText('出价成功。')).toBeVisible()
	await expect(buyers[0].getByTestId('current-price')).toHaveText('10,000 元/年')

	// Too low: refused next to the field with the minimum. (buyer2's page may or may not have polled yet.)
	await bid(buyers[1], '10200')
	await expect(buyers[1].getByTestId('bid-refusal')).toHaveText(/^(出价过低|价格已变化，请按最新价格出价)：最低出价为 10,500 元\/年$/)
	await expect(buyers[1].getByLabel('出价（元/年）')).toHaveAttribute('aria-invalid', 'true')
	await bid(buyers[1], '10500')
	await expect(buyers[1].getByText('出价成功。')).toBeVisible()
	await bid(buyers[2], '11000')
	await expect(buyers[2].getByText('出价成功。')).toBeVisible()

	// The others' pages follow without a reload (polling), history by alias only.
	await expect(buyers[0].getByTestId('current-price')).toHaveText('11,000 元/年', { timeout: 8000 })
	const history = buyers[0].getByTestId('bid-history')
	await expect(history.locator('tbody tr')).toHaveCount(3)
	await expect(history.locator('tbody tr').first()).toContainText('竞买人3')
	await expect(history).not.toContainText('@demo.local')

	// Two minutes before the deadline, buyer1 bids: the deadline moves to 5 minutes after the bid.
	const before = roundOf(id)
	await setClock(request, new Date(before.deadline.getTime() - 2 * MIN))
	await buyers[0].reload()
	await expect(buyers[0].getByTestId('deadline')).toHaveText(shownDateTime(before.deadline))
	await expect(buyers[0].getByTestId('countdown')).toContainText(/距截止 0 小时 0[12] 分/)
	await bid(buyers[0], '11500')
	await expect(buyers[0].getByText(/出价成功，截止时间已顺延至/)).toBeVisible()
	const after = roundOf(id)
	expect(after.deadline.getTime()).toBeGreaterThan(before.deadline.getTime() + 2 * MIN)
	await expect(buyers[0].getByTestId('deadline')).toHaveText(shownDateTime(after.deadline))
	await expect(buyers[1].getByTestId('deadline')).toHaveText(shownDateTime(after.deadline), { timeout: 8000 })

	// Past the old deadline the round is still open; past the new one it closes.
	await setClock(request, new Date(before.deadline.getTime() + MIN))
	await anonymous.reload()
	await expect(anonymous.getByTestId('round-status')).toHaveText('竞价中')
	await setClock(request, new Date(after.deadline.getTime() + MIN))

	await village.reload()
	await expect(village.getByTestId('current-round').getByTestId('round-status')).toHaveText('已竞得')
	await expect(village.getByTestId('round-deal')).toContainText('成交记录：竞买人1 以 11,500 元/年 竞得，状态：待党组织审核')
	expect(dealOf(id)).toEqual({ status: 'PENDING_REVIEW', price: 11500, tradingMode: 'BIDDING', buyer: 'buyer1@demo.local' })
	// The contract step: certification waits for the signed contract, which the village uploads
	// with the day it was signed, through the same contract upload a negotiated deal uses.
	await village.getByTestId('contract-due').click()
	const step = village.getByTestId('contract-step')
	await step.getByLabel('已签合同').setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
	await step.getByRole('button', { name: '上传合同' }).click()
	await expect(village.getByRole('status')).toContainText('合同已上传')
	await expect(village.getByTestId('contract-step')).toHaveCount(0)
	await village.goto(`/village/listings/${id}/bidding`)
	await expect(village.getByTestId('round-deal')).toBeVisible()
	await expect(village.getByTestId('contract-due')).toHaveCount(0)
	expect(depositStatuses(id)).toEqual(['1:APPLIED', '2:REFUND_DUE', '3:REFUND_DUE'])

	await anonymous.reload()
	await expect(anonymous.getByTestId('round-status')).toHaveText('已竞得')
	await expect(anonymous.getByText('竞买人1 以 11,500 元/年 竞得，成交记录待党组织审核。')).toBeVisible()
	// buyer2's page learns the end by polling; buyer3's (no JavaScript) by a reload.
	await expect(buyers[1].getByTestId('round-status')).toHaveText('已竞得', { timeout: 8000 })
	await buyers[2].reload()
	await expect(buyers[2].getByTestId('round-status')).toHaveText('已竞得')
	await expect(buyers[2].getByText('本场竞价已结束。')).toBeVisible()

	// The refunds wait at the deposit desk.
	await admin.goto('/admin/deposits')
	await expect(admin.getByTestId('deposits-refund-due').locator('tr', { hasText: title })).toHaveCount(2)
	await admin.getByRole('button', { name: `登记已退还 竞买人2 的保证金（${title}）` }).click()
	await expect(admin.getByText('已登记退还。')).toBeVisible()
	expect(depositStatuses(id)).toEqual(['1:APPLIED', '2:REFUNDED', '3:REFUND_DUE'])

	for (const page of [village, admin, ...buyers]) expect(errorsOf(page), 'console errors').toEqual([])
})

test('a round with one qualified bidder fails; the village switches the listing to 协议', async ({ browser, request, login }) => {
	test.setTimeout(90_000)
	await setClock(request, null)
	const title = `新胜村 流拍测试院子 ${Date.now()}`
	const id = insertPublishedListing(VILLAGE, title)
	const village = await as(browser, login, VILLAGE, `/village/listings/${id}/bidding`)

	// The deadline must be at least an hour away.
	await village.getByLabel('起拍价（元/年）').fill('8000')
	await village.getByLabel('加价幅度（元/年）').fill('200')
	await village.getByLabel('截止时间（北京时间）').fill(chinaDateTime(new Date((await serverNow(request)).getTime() + 30 * MIN)))
	await village.getByRole('button', { name: '发起竞价' }).click()
	await expect(village.getByText('截止时间至少在 1 小时之后')).toBeVisible()
	// Deposits may be due before the deadline, not after it.
	const deadline = new Date((await serverNow(request)).getTime() + 90 * MIN)
	await village.getByLabel('截止时间（北京时间）').fill(chinaDateTime(deadline))
	await village.getByLabel('保证金（元）').fill('1000')
	await village.getByLabel('保证金缴纳截止（北京时间，选填）').fill(chinaDateTime(new Date(deadline.getTime() + 60 * MIN)))
	await village.getByRole('button', { name: '发起竞价' }).click()
	await expect(village.getByText('保证金缴纳截止不能晚于竞价截止时间')).toBeVisible()
	expect(() => roundOf(id)).toThrow('no round')
	// To the minute, as the form takes it.
	const depositDue = new Date(Math.floor((deadline.getTime() - 30 * MIN) / MIN) * MIN)
	await village.getByLabel('保证金缴纳截止（北京时间，选填）').fill(chinaDateTime(depositDue))
	await openRound(village, deadline, { startPrice: '8000', increment: '200', deposit: '1000' })
	expect(roundOf(id).depositDueAt).toEqual(depositDue)
	await expect(village.getByTestId('current-round').getByTestId('deposit-due')).toHaveText(shownDateTime(depositDue))

	const buyer = await as(browser, login, 'buyer4@demo.local', `/listings/${id}/bid`)
	await register(buyer, 1)
	const admin = await as(browser, login, ADMIN, '/admin/deposits')
	await confirmDeposits(admin, title, [1])
	await buyer.reload()
	await bid(buyer, '8000')
	await expect(buyer.getByText('出价成功。')).toBeVisible()

	await setClock(request, new Date(roundOf(id).deadline.getTime() + MIN))
	await village.reload()
	await expect(village.getByTestId('current-round').getByTestId('round-status')).toHaveText('流拍')
	await expect(village.getByText('本场竞价流拍：交纳保证金的竞买人不足 2 人。')).toBeVisible()
	expect(dealOf(id)).toBeUndefined()
	expect(depositStatuses(id)).toEqual(['1:REFUND_DUE'])

	await buyer.reload()
	await expect(buyer.getByTestId('round-status')).toHaveText('流拍')

	await village.getByRole('button', { name: '改为协议转让' }).click()
	await expect(village.getByText('已改为协议转让。')).toBeVisible()
	await expect(village.getByTestId('trading-mode')).toHaveText('协议')
	expect(tradingModeOf(id)).toBe('NEGOTIATED')
	// A new round could still be opened; switching twice is not offered.
	await expect(village.getByRole('heading', { name: '重新发起竞价' })).toBeVisible()
	await expect(village.getByRole('button', { name: '改为协议转让' })).toHaveCount(0)

	for (const page of [village, admin, buyer]) expect(errorsOf(page), 'console errors').toEqual([])
})
