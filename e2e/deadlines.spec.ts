// Money deadlines and rent (issue 12) in real Chromium. A bidding round is won; the winner misses
// the payment deadline (the app clock moves past it); the administrator voids the win with a
// reason and the round goes to the runner-up. A certified lease's first rent payment is overdue and
// shows on the town's early-warning page; the village records it as received and it leaves the page.
// And a whole year of a lease in one chain, from its bidding round to its renewal and dossier.
import crypto from 'node:crypto'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { zipEntry } from '../tests/helpers/zip.ts'
import { depositStatuses, insertPublishedListing, serverNow, setClock } from './bidding-helpers.ts'
import { all, one, run, toDate } from './db.ts'
import { expect, test, type Login } from './fixtures.ts'
import type { Account } from './session.ts'

// Moves the server's clock: never alongside another test of this worker.
// Each test walks a round or a lease through several clock moves: as long as deal.spec's, on PostgreSQL too.
test.describe.configure({ mode: 'serial', timeout: 90_000 })

const VILLAGE = 'village.shulinzhao@demo.local'
const MIN = 60_000
const DAY = 24 * 60 * MIN
const contexts: BrowserContext[] = []

async function as(browser: Browser, login: Login, who: Account, path: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport })
	contexts.push(context)
	await login(who, context)
	const page = await context.newPage()
	await page.goto(path)
	return page
}

test.afterEach(async ({ request }) => {
	await setClock(request, null)
	for (const c of contexts.splice(0)) await c.close()
})

const newId = (prefix: string) => `${prefix}${crypto.randomBytes(9).toString('hex')}`
const userId = (email: string) => one<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]).id

/** A round about to close, three buyers with deposits received and bids of 10000, 10500 and 11000. */
function roundAboutToClose(listingId: string, deadline: Date) {
	const roundId = newId('e2eround')
	const started = new Date(deadline.getTime() - 60 * MIN)
	run(`UPDATE "Listing" SET "tradingMode" = 'BIDDING' WHERE id = $1`, [listingId])
	run(
		`INSERT INTO "BiddingRound" (id, "listingId", "startPrice", increment, deposit, "startsAt", deadline, "depositDueAt", "extendMinutes", "minBidders", status, "currentPrice", version, "createdAt")
		 VALUES ($1, $2, 10000, 500, 2000, $3, $4, $4, 5, 2, 'OPEN', 11000, 3, $3)`,
		[roundId, listingId, started, deadline],
	)
	for (const [i, email] of ['buyer1@demo.local', 'buyer2@demo.local', 'buyer3@demo.local'].entries()) {
		const regId = newId('e2ereg')
		run(`INSERT INTO "BidRegistration" (id, "roundId", "buyerId", alias, "depositStatus", "createdAt") VALUES ($1, $2, $3, $4, 'RECEIVED', $5)`, [regId, roundId, userId(email), i + 1, started])
		run(`INSERT INTO "Bid" (id, "roundId", "registrationId", amount, "createdAt") VALUES ($1, $2, $3, $4, $5)`, [newId('e2ebid'), roundId, regId, 10000 + 500 * i, new Date(started.getTime() + (i + 1) * MIN)])
	}
	return roundId
}

test('the winner misses the payment deadline; the administrator voids the win and the runner-up takes over', async ({ browser, login, request }) => {
	const title = `逾期未付款测试农房 ${crypto.randomBytes(3).toString('hex')}`
	const listingId = insertPublishedListing(VILLAGE, title)
	const start = await serverNow(request)
	const roundId = roundAboutToClose(listingId, new Date(start.getTime() + 2 * MIN))

	// The round closes: buyer3 wins with 3 working days to sign and pay.
	await setClock(request, new Date(start.getTime() + 3 * MIN))
	const admin = await as(browser, login, 'admin', '/admin/deposits')
	const row = admin.getByTestId('winner-row').filter({ hasText: title })
	await expect(row).toBeVisible()
	await expect(row).not.toContainText('已逾期')
	await expect(row.getByRole('button', { name: '取消竞得资格' })).toHaveCount(0)
	const due = toDate(one<{ paymentDueAt: string }>(`SELECT "paymentDueAt" FROM "BiddingRound" WHERE id = $1`, [roundId]).paymentDueAt)
	expect(due.getTime() - start.getTime()).toBeGreaterThan(3 * DAY - 2 * DAY)
	expect(depositStatuses(listingId)).toEqual(['1:REFUND_DUE', '2:REFUND_DUE', '3:APPLIED'])

	// The deadline passes unpaid: the row is overdue, and the win can be voided with a reason.
	await setClock(request, new Date(due.getTime() + MIN))
	await admin.reload()
	await expect(row).toContainText('已逾期')
	await row.getByRole('button', { name: '取消竞得资格' }).click()
	await expect(row.getByText('请填写取消原因')).toBeVisible()
	await row.getByLabel('取消原因').fill('竞得人逾期未签约付款')
	await row.getByRole('button', { name: '取消竞得资格' }).click()
	await expect(admin.getByText('已取消竞得资格，由次高竞买人递补。')).toBeVisible()

	expect(depositStatuses(listingId)).toEqual(['1:REFUND_DUE', '2:APPLIED', '3:FORFEITED'])
	const deals = all<{ status: string; price: number; buyer: string }>(
		`SELECT d.status, d.price, u.email AS buyer FROM "Deal" d JOIN "User" u ON u.id = d."buyerId" WHERE d."listingId" = $1 ORDER BY d."createdAt"`,
		[listingId],
	)
	expect(deals).toEqual([
		{ status: 'REJECTED', price: 11000, buyer: 'buyer3@demo.local' },
		{ status: 'PENDING_REVIEW', price: 10500, buyer: 'buyer2@demo.local' },
	])
	// The runner-up now holds the round, with a deadline of their own (not yet passed).
	await expect(row).toContainText('10,500')
	await expect(row).not.toContainText('已逾期')
	// The village and the runner-up see who holds the round now, and the new deadline.
	const village = await as(browser, login, VILLAGE, `/village/listings/${listingId}/bidding`)
	await expect(village.getByTestId('round-deal')).toContainText('竞买人2 以 10,500 元/年 竞得')
	await expect(village.getByTestId('payment-due')).toContainText('签约付款期限')
	const runnerUp = await as(browser, login, 'buyer2@demo.local', `/listings/${listingId}/bid`)
	await expect(runnerUp.getByTestId('payment-due')).toContainText('签约付款期限')
	// The forfeited deposit is not in the refund queue; the runner-up's left it.
	await expect(admin.getByTestId('deposits-refund-due').getByRole('row').filter({ hasText: title })).toHaveCount(1)
})

test('overdue rent shows on the town’s early warnings until the village records it', async ({ browser, login }) => {
	const title = `租金逾期测试农房 ${crypto.randomBytes(3).toString('hex')}`
	const listingId = insertPublishedListing(VILLAGE, title)
	const dealId = newId('e2edeal')
	const now = new Date()
	// Signed 20 days ago for 5 years at 10,000 yuan a year: the first payment fell due on signing.
	run(
		`INSERT INTO "Deal" (id, "listingId", "buyerId", price, "priceUnit", "totalValueYuan", area, "areaUnit", "termYears", "transferMode", "tradingMode", "contractDate", "contractFile", status, "createdAt", "updatedAt")
		 VALUES ($1, $2, $3, 10000, 'YUAN_PER_YEAR', 50000, 300, 'm2', 5, 'LEASE', 'NEGOTIATED', $4, 'e2e-contract.pdf', 'AWAITING_CERTIFICATION', $4, $5)`,
		[dealId, listingId, userId('buyer1@demo.local'), new Date(now.getTime() - 20 * DAY), now],
	)

	const admin = await as(browser, login, 'admin', '/admin/certifications')
	await admin.getByTestId('certification-item').filter({ hasText: title }).getByRole('button', { name: '予以鉴证，出具鉴证书' }).click()
	await expect(admin.getByRole('status')).toContainText(/已鉴证，证书编号/)

	const reviewer = await as(browser, login, 'reviewerX', '/review/warnings')
	const warning = reviewer.getByTestId('warning-row').filter({ hasText: title })
	await expect(warning).toHaveAttribute('data-kind', 'rentOverdue')
	await expect(warning).toContainText('第 1 期，应收 1 万元')
	// Another town's reviewer does not see it.
	const other = await as(browser, login, 'reviewerY', '/review/warnings')
	await expect(other.getByRole('heading', { name: '风险预警' })).toBeVisible()
	await expect(other.getByTestId('warning-row').filter({ hasText: title })).toHaveCount(0)
	// The administrator's page lists it too, and links to the listing.
	await admin.goto('/admin/warnings?town=shulinzhao')
	await expect(admin.getByTestId('warning-row').filter({ hasText: title }).getByRole('link', { name: title })).toHaveAttribute('href', `/admin/listings/${listingId}`)

	const village = await as(browser, login, 'villageA', `/village/deals/${dealId}/rent`)
	const first = village.getByTestId('rent-payment').first()
	await expect(first).toContainText('已逾期')
	await expect(village.getByTestId('rent-payment')).toHaveCount(5)
	// An absurd amount is refused by the field, nothing recorded.
	await first.getByLabel('实收金额（元）').fill('-100')
	await first.getByRole('button', { name: '登记已收' }).click()
	await expect(first.getByText('请填写大于 0')).toBeVisible()
	await first.getByLabel('实收金额（元）').fill('10000')
	await first.getByRole('button', { name: '登记已收' }).click()
	await expect(village.getByText('已登记收款。')).toBeVisible()
	await expect(village.getByTestId('rent-payment').first()).toContainText('已收 1 万元')

	await reviewer.reload()
	await expect(reviewer.getByRole('heading', { name: '风险预警' })).toBeVisible()
	await expect(reviewer.getByTestId('warning-row').filter({ hasText: title })).toHaveCount(0)
})

// Issue 12's whole year of a lease, through the pages people use: a bidding round is won; the winner
// misses the payment deadline and the runner-up takes over; the contract is generated from the model
// text and the signed scan uploaded; the town approves; the notice runs out and the centre certifies
// and files it; the first rent falls overdue and shows among the town's early warnings; near the
// end of the term the village renews it with the same buyer; the dossier downloads with the
// manifest whose hash the certificate prints.
test('a lease from its bidding round to its renewal', async ({ browser, login, request }) => {
	test.setTimeout(240_000)
	const title = `全年流程测试农房 ${crypto.randomBytes(3).toString('hex')}`
	const listingId = insertPublishedListing(VILLAGE, title)
	const start = await serverNow(request)
	const roundId = roundAboutToClose(listingId, new Date(start.getTime() + 2 * MIN))

	// The round closes; buyer3's deadline to sign and pay passes; the administrator voids the win.
	await setClock(request, new Date(start.getTime() + 3 * MIN))
	// Any page closes a round past its deadline.
	const admin = await as(browser, login, 'admin', '/admin/deposits')
	const row = admin.getByTestId('winner-row').filter({ hasText: title })
	await expect(row).toBeVisible()
	const due = toDate(one<{ paymentDueAt: string }>(`SELECT "paymentDueAt" FROM "BiddingRound" WHERE id = $1`, [roundId]).paymentDueAt)
	await setClock(request, new Date(due.getTime() + MIN))
	await admin.reload()
	await row.getByRole('button', { name: '取消竞得资格' }).click()
	await row.getByLabel('取消原因').fill('竞得人逾期未签约付款')
	await row.getByRole('button', { name: '取消竞得资格' }).click()
	await expect(admin.getByText('已取消竞得资格，由次高竞买人递补。')).toBeVisible()
	const deal = one<{ id: string }>(`SELECT id FROM "Deal" WHERE "listingId" = $1 AND status = 'PENDING_REVIEW'`, [listingId])

	// The village generates the contract from the model text, and uploads it signed.
	const village = await as(browser, login, VILLAGE, `/village/listings/${listingId}/deal`)
	const panel = village.getByTestId('contract-text')
	await panel.getByRole('button', { name: '生成合同文本' }).click()
	await expect(panel.getByRole('status')).toHaveText('合同文本已生成，可以下载打印。')
	await village.getByTestId('contract-step').getByLabel('已签合同').setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') })
	await village.getByRole('button', { name: '上传合同' }).click()
	await expect(village.getByRole('status').first()).toContainText('合同已上传')

	// The town approves it into the notice.
	const reviewer = await as(browser, login, 'reviewerX', `/review/deals/${deal.id}`)
	await reviewer.getByLabel('审核意见').fill('竞价程序合规，同意进入公示。')
	await reviewer.getByRole('button', { name: '同意，进入公示' }).click()
	await expect(reviewer.getByRole('status')).toContainText('公示中')

	// The notice runs out; the centre certifies, which files the contract with the township.
	const signed = toDate(one<{ contractDate: string }>(`SELECT "contractDate" FROM "Deal" WHERE id = $1`, [deal.id]).contractDate)
	await setClock(request, new Date(signed.getTime() + 9 * DAY))
	await admin.goto('/admin/certifications')
	await admin.getByTestId('certification-item').filter({ hasText: title }).getByRole('button', { name: '予以鉴证，出具鉴证书' }).click()
	await expect(admin.getByRole('status')).toContainText(/已鉴证，证书编号/)
	const certified = one<{ filingNo: string | null; certificateNo: string }>(`SELECT "filingNo", "certificateNo" FROM "Deal" WHERE id = $1`, [deal.id])
	expect(certified.filingNo).toMatch(/-\d{4}-\d+$/)

	// The first year's rent fell due on signing and was not recorded: an early warning of the town.
	await reviewer.goto('/review/warnings')
	// (The loser's deposit refund, due in 7 working days, is overdue by now too: a row of its own.)
	await expect(reviewer.locator('[data-testid="warning-row"][data-kind="rentOverdue"]').filter({ hasText: title })).toContainText('第 1 期')

	// Near the end of the 5-year term the village renews with the same buyer.
	await setClock(request, new Date(signed.getTime() + (5 * 365 - 100) * DAY))
	await village.goto(`/deals/${deal.id}/changes`)
	const renew = village.getByRole('region', { name: '续约' })
	await renew.getByLabel(/续约价格/).fill('11000')
	await renew.getByLabel('续约期限（年）').fill('5')
	await renew.getByRole('button', { name: '登记续约' }).click()
	await expect(village.getByTestId('active-deal')).toContainText('进行中的成交（待审核）')
	expect(one<{ buyer: string }>(`SELECT u.email AS buyer FROM "Deal" d JOIN "User" u ON u.id = d."buyerId" WHERE d."renewedFromId" = $1`, [deal.id]).buyer).toBe('buyer2@demo.local')

	// The dossier: its manifest is the one whose hash the certificate prints.
	await admin.goto(`/certificates/${certified.certificateNo}`)
	const hash = (await admin.getByTestId('dossier-hash').locator('span').textContent())!
	const zip = await admin.request.get(`/deals/${deal.id}/dossier.zip`)
	expect(zip.status()).toBe(200)
	const manifest = await zipEntry(await zip.body(), 'manifest.json')
	expect(crypto.createHash('sha256').update(manifest).digest('hex')).toBe(hash)
	expect(JSON.parse(manifest.toString()).files.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['contract.txt', 'bidding.json', 'contract-signed.pdf']))
})
