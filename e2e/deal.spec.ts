// Negotiated deals in a real browser: the village records a deal on its published listing → it is
// not public → the Party reviewer approves it → it is in public notice with the days left → the
// clock passes the notice → the centre's administrator certifies it → the 交易鉴证书 prints to a
// one-page PDF and /verify/:code confirms it → /api/stats grew by exactly the deal. And an objection
// during the notice that the reviewer upholds: the deal is rejected and the listing on offer again.
// The tests use seeded published listings no other spec touches (a village's listings with no
// deal, inquiry or bidding round, the last by title) and assert differences, not totals.
import crypto from 'node:crypto'
import type { Browser, Page } from '@playwright/test'
import { zipEntry } from '../tests/helpers/zip.ts'
import { collectConsoleErrors } from './console-errors.ts'
import { setClockOffset } from './bidding-helpers.ts'
import { run } from './db.ts'
import { expect, test, type Login } from './fixtures.ts'
import { ACCOUNTS, csrfToken, one, type Who } from './session.ts'

// Both tests share the application clock: one after the other.
// Each test is a whole flow of several people (up to some thirty page loads): on the shared two-core
// machine the certification flow took 29 s on SQLite and 32 s on PostgreSQL, the objection flow 23–33 s.
test.describe.configure({ mode: 'serial', timeout: 90_000 })

const DAY = 24 * 60 * 60 * 1000
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

type Listing = { id: string; title: string; type: string; villageId: string }

/** A published negotiated listing of the account's village with no deal, inquiry or bidding round (the last by title). */
function freeListing(villageEmail: string, type?: string): Listing {
	return one<Listing>(
		`SELECT l.id, l.title, l.type, l."villageId" FROM "Listing" l JOIN "User" u ON u."villageId" = l."villageId"
		 WHERE u.email = $1 AND l.status = 'PUBLISHED' AND l."tradingMode" = 'NEGOTIATED' ${type ? 'AND l.type = $2' : ''}
		   AND NOT EXISTS (SELECT 1 FROM "Deal" d WHERE d."listingId" = l.id)
		   AND NOT EXISTS (SELECT 1 FROM "Inquiry" i WHERE i."listingId" = l.id)
		   AND NOT EXISTS (SELECT 1 FROM "BiddingRound" b WHERE b."listingId" = l.id)
		 ORDER BY l.title DESC LIMIT 1`,
		...(type ? [villageEmail, type] : [villageEmail]),
	)
}

/** What a buyer's inquiry (another part of the platform) leaves in the database. */
function insertInquiry(listingId: string, buyerEmail: string) {
	const buyer = one<{ id: string }>('SELECT id FROM "User" WHERE email = $1', buyerEmail)
	const id = `e2e${crypto.randomBytes(11).toString('hex')}`
	const at = new Date(Date.now() - 3 * DAY)
	run(
		`INSERT INTO "Inquiry" (id, "listingId", "buyerId", "intendedUse", "termYears", "offeredPrice", message, contact, status, "createdAt", "updatedAt")
		 VALUES ($1, $2, $3, '仓储物流', 1, NULL, '希望租用一年，可以先看现场。', '13800000001', 'OPEN', $4, $5)`,
		[id, listingId, buyer.id, at, at],
	)
	return id
}

const dealOf = (listingId: string) => one<{ id: string; status: string; totalValueYuan: number; contractFile: string | null }>('SELECT id, status, "totalValueYuan", "contractFile" FROM "Deal" WHERE "listingId" = $1 ORDER BY "createdAt" DESC LIMIT 1', listingId)
const listingStatus = (id: string) => one<{ status: string }>('SELECT status FROM "Listing" WHERE id = $1', id).status

/** Another person at another computer: logged in as `who`, nothing leaves 127.0.0.1, console errors collected. */
async function personAs(browser: Browser, login: Login, who: Exclude<Who, 'anonymous'> | 'anonymous') {
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
	if (who !== 'anonymous') await login(who, context)
	const page = await context.newPage()
	const errors = collectConsoleErrors(page)
	return { page, context, errors }
}


async function approveAs(browser: Browser, login: Login, who: 'reviewerX' | 'reviewerY', title: string) {
	const reviewer = await personAs(browser, login, who)
	await reviewer.page.goto('/review/deals')
	await reviewer.page.getByRole('link', { name: `审核成交：${title}` }).click()
	await expect(reviewer.page.getByRole('heading', { level: 1 })).toHaveText(title)
	await expect(reviewer.page.getByTestId('deal-status')).toHaveText('待审核')
	await expect(reviewer.page.getByTestId('contract-link')).toBeVisible()
	// The contract is readable by the reviewer, and by nobody without an account.
	const contractUrl = (await reviewer.page.getByTestId('contract-link').getAttribute('href'))!
	expect(contractUrl).toMatch(/^\/deals\/[^/]+\/contract$/)
	const contract = await reviewer.page.request.get(contractUrl)
	expect(contract.status()).toBe(200)
	expect(contract.headers()['cache-control']).toContain('no-store')
	const anonymous = await browser.newContext()
	expect((await anonymous.request.get(contractUrl, { maxRedirects: 0 })).status()).toBe(302)
	await anonymous.close()
	// No opinion: refused next to the field.
	await reviewer.page.getByRole('button', { name: '同意，进入公示' }).click()
	await expect(reviewer.page.getByLabel('审核意见')).toHaveAttribute('aria-invalid', 'true')
	await reviewer.page.getByLabel('审核意见').fill('交易双方主体适格，价格合理，同意进入公示。')
	await reviewer.page.getByRole('button', { name: '同意，进入公示' }).click()
	await expect(reviewer.page).toHaveURL(/\/review\/deals\?decided=/)
	await expect(reviewer.page.getByRole('status')).toContainText('公示中')
	expect(reviewer.errors).toEqual([])
	return reviewer
}

test('an objection during the notice, upheld: the deal is rejected and the listing is on offer again', async ({ page, browser, login }) => {
	const listing = freeListing(ACCOUNTS.villageA)
	await login('villageA')
	await page.goto(`/village/listings/${listing.id}/deal`)
	await expect(page.getByRole('heading', { level: 1, name: '记录成交' })).toBeVisible()
	// No inquiry on this listing: an outside party, whose ID number is checked.
	await page.getByLabel('平台外的受让方').check()
	await page.getByLabel('受让方姓名或单位名称').fill('张三丰')
	await page.getByLabel('身份证号码').fill('150621198506121230') // wrong check character
	await page.getByLabel('成交价格').fill('8000')
	await page.getByLabel('价格单位').selectOption('YUAN_PER_YEAR')
	await page.getByLabel('期限（年）').fill('2')
	await page.getByLabel('已签合同').setInputFiles({ name: 'contract.pdf', mimeType: 'application/pdf', buffer: PDF })
	await page.getByRole('button', { name: '提交审核' }).click()
	await expect(page.getByText('请输入有效的 18 位身份证号码（含校验位）')).toBeVisible()
	await page.getByLabel('身份证号码').fill(`15062119850612123${checkChar('15062119850612123')}`)
	await page.getByLabel('已签合同').setInputFiles({ name: 'contract.pdf', mimeType: 'application/pdf', buffer: PDF })
	await page.getByRole('button', { name: '提交审核' }).click()
	await expect(page.getByRole('status')).toContainText('成交已记录')
	const deal = dealOf(listing.id)
	expect(deal.status).toBe('PENDING_REVIEW')

	await approveAs(browser, login, 'reviewerX', listing.title)

	// A buyer objects on the public page.
	const buyer = await personAs(browser, login, 'buyer')
	await buyer.page.goto(`/deals/${deal.id}`)
	await expect(buyer.page.getByTestId('deal-status')).toHaveText('公示中')
	await expect(buyer.page.getByTestId('buyer-masked')).toHaveText('张*丰')
	await expect(buyer.page.locator('body')).not.toContainText('150621')
	await buyer.page.getByLabel('异议理由').fill('该项目存在权属争议，邻户对边界有异议，尚未调解。')
	await buyer.page.getByRole('button', { name: '提交异议' }).click()
	await expect(buyer.page.getByRole('status')).toContainText('异议已提交')
	await expect(buyer.page.getByTestId('deal-status')).toHaveText('异议处理中')
	await expect(buyer.page.getByTestId('my-objection')).toBeVisible()
	expect(buyer.errors).toEqual([])

	// The reviewer upholds it.
	const reviewer = await personAs(browser, login, 'reviewerX')
	await reviewer.page.goto('/review/deals')
	await expect(reviewer.page.getByTestId('deal-queue').locator('li', { hasText: listing.title })).toContainText('异议 1 条')
	await reviewer.page.getByRole('link', { name: `审核成交：${listing.title}` }).click()
	await expect(reviewer.page.getByTestId('objections')).toContainText('邻户对边界有异议')
	await reviewer.page.getByLabel('审核意见').fill('经核实，边界确有争议，异议成立。')
	await reviewer.page.getByRole('button', { name: '异议成立，成交不予通过' }).click()
	await expect(reviewer.page.getByRole('status')).toContainText('未通过')
	expect(reviewer.errors).toEqual([])

	expect(dealOf(listing.id).status).toBe('REJECTED')
	expect(listingStatus(listing.id)).toBe('PUBLISHED')
	const anonymous = await personAs(browser, login, 'anonymous')
	expect((await anonymous.page.goto(`/deals/${deal.id}`))?.status()).toBe(404)
	expect((await anonymous.page.goto(`/listings/${listing.id}`))?.status()).toBe(200)
	// The village may record a new deal on it.
	await page.goto(`/village/listings/${listing.id}/deal`)
	await expect(page.getByRole('button', { name: '提交审核' })).toBeVisible()
	await expect(page.getByTestId('deal-history')).toContainText('异议成立')
})

test('record → review → public notice → certification → certificate, verification and stats', async ({ page, browser, login, baseURL }, testInfo) => {
	const listing = freeListing(ACCOUNTS.villageB, 'COLLECTIVE_ASSET')
	insertInquiry(listing.id, ACCOUNTS.buyer)
	const anonymous = await personAs(browser, login, 'anonymous')
	const statsBefore = (await (await anonymous.page.request.get('/api/stats')).json()) as { tradedValueYuan: number }
	try {
		await login('villageB')
		await page.goto(`/village/listings/${listing.id}/deal`)
		await page.getByLabel('意向登记').selectOption({ index: 1 })
		await page.getByLabel('成交价格').fill('56000')
		await page.getByLabel('价格单位').selectOption('YUAN_PER_YEAR')
		await page.getByLabel('期限（年）').fill('1')
		await page.getByLabel('流转方式').selectOption('LEASE')
		// A text file named .pdf is refused by its content.
		await page.getByLabel('已签合同').setInputFiles({ name: 'contract.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all, just text') })
		await page.getByRole('button', { name: '提交审核' }).click()
		await expect(page.getByText('只接受 PDF、JPEG 或 PNG 文件')).toBeVisible()
		await page.getByLabel('已签合同').setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: PDF })
		await page.getByRole('button', { name: '提交审核' }).click()
		await expect(page.getByRole('status')).toContainText('成交已记录')
		await expect(page.getByTestId('active-deal')).toContainText('待审核')
		const deal = dealOf(listing.id)
		expect(deal).toMatchObject({ status: 'PENDING_REVIEW', totalValueYuan: 56000 })

		// Not public before the Party's approval: not on /deals/:id, not in the ledger API.
		expect((await anonymous.page.goto(`/deals/${deal.id}`))?.status()).toBe(404)
		const ledger = await anonymous.page.request.get('/api/ledger')
		if (ledger.status() === 200) expect(await ledger.text()).not.toContain(deal.id)
		else testInfo.annotations.push({ type: 'note', description: `/api/ledger answered ${ledger.status()}: checked /deals/:id only` })

		await approveAs(browser, login, 'reviewerY', listing.title)
		await anonymous.page.goto(`/deals/${deal.id}`)
		await expect(anonymous.page.getByTestId('deal-status')).toHaveText('公示中')
		await expect(anonymous.page.getByTestId('days-left')).toHaveText('公示剩余 7 天')
		await expect(anonymous.page.getByRole('link', { name: '登录后提出异议' })).toBeVisible()
		await expect(anonymous.page.locator('body')).not.toContainText('13800000001')
		const ledgerAfter = await anonymous.page.request.get('/api/ledger')
		if (ledgerAfter.status() === 200) expect(await ledgerAfter.text()).toContain(deal.id)

		// The notice runs out.
		await setClockOffset(anonymous.page.request, 8 * DAY)
		await anonymous.page.reload()
		await expect(anonymous.page.getByRole('heading', { name: '提出异议' })).toHaveCount(0)

		const admin = await personAs(browser, login, 'admin')
		await admin.page.goto('/admin/certifications')
		const card = admin.page.getByTestId('certification-item').filter({ hasText: listing.title })
		await expect(card).toContainText('56,000 元')
		await expect(card).toContainText('交易双方主体适格')
		// The administrator opens the contract from the card (it was a 404 for the administrator).
		const contractHref = (await card.locator('a[href$="/contract"]').getAttribute('href'))!
		const contract = await admin.page.request.get(contractHref)
		expect(contract.status()).toBe(200)
		expect((await contract.body()).subarray(0, 5).toString()).toBe('%PDF-')
		await card.getByRole('button', { name: '予以鉴证，出具鉴证书' }).click()
		await expect(admin.page.getByRole('status')).toContainText(/已鉴证，证书编号 DLT-\d{4}-\d{6}/)
		await admin.page.getByRole('link', { name: '查看交易鉴证书' }).click()
		await expect(admin.page.getByRole('heading', { level: 1, name: '交易鉴证书' })).toBeVisible()
		const no = (await admin.page.getByTestId('certificate-no').textContent())!
		const code = (await admin.page.getByTestId('verify-code').textContent())!
		expect(no).toMatch(/^DLT-\d{4}-\d{6}$/)
		expect(code).toMatch(/^[A-Z0-9]{10}$/)
		await expect(admin.page.getByTestId('verify-url')).toHaveText(`核验网址：${new URL(baseURL!).origin}/verify/${code}`)
		await expect(admin.page.getByTestId('certificate-total')).toHaveText('5.6 万元')
		const pdf = await admin.page.pdf({ format: 'A4' })
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
		expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1)
		expect(admin.errors).toEqual([])

		// The dossier (decision 031): the certificate carries its manifest's hash, and the ZIP's manifest.json has it.
		const hash = (await admin.page.getByTestId('dossier-hash').locator('span').textContent())!
		expect(hash).toMatch(/^[0-9a-f]{64}$/)
		const dossier = await admin.page.request.get(`/deals/${deal.id}/dossier.zip`)
		expect(dossier.status()).toBe(200)
		expect(dossier.headers()['x-dossier-manifest-sha256']).toBe(hash)
		const manifest = await zipEntry(await dossier.body(), 'manifest.json')
		expect(crypto.createHash('sha256').update(manifest).digest('hex')).toBe(hash)
		expect(JSON.parse(manifest.toString()).files.map((f: { name: string }) => f.name)).toContain('contract-signed.pdf')

		expect(dealOf(listing.id).status).toBe('COMPLETED')
		expect(listingStatus(listing.id)).toBe('TRADED')
		expect(one<{ resultPublicDate: string | null }>('SELECT "resultPublicDate" FROM "DemocraticDecision" WHERE "listingId" = $1', listing.id).resultPublicDate).not.toBeNull()

		// The certificate is its parties’ only: the buyer (an inquirer) sees it, another village does not.
		const buyer = await personAs(browser, login, 'buyer')
		await buyer.page.goto(`/certificates/${no}`)
		await expect(buyer.page.getByTestId('certificate-no')).toHaveText(no)
		await buyer.page.waitForLoadState('networkidle')
		expect(buyer.errors).toEqual([])
		const stranger = await personAs(browser, login, 'villageA')
		expect((await stranger.page.goto(`/certificates/${no}`))?.status()).toBe(404)
		// The dossier names every inquirer: officials only, not the buyer.
		expect((await buyer.page.request.get(`/deals/${deal.id}/dossier.zip`)).status()).toBe(404)

		// Anyone verifies it; nothing personal is shown.
		await anonymous.page.goto(`/verify/${code}`)
		await expect(anonymous.page.getByTestId('verify-result')).toHaveText('证书有效')
		await expect(anonymous.page.getByTestId('verify-certificate-no')).toHaveText(no)
		await expect(anonymous.page.locator('main')).toContainText(listing.title)
		await expect(anonymous.page.locator('main')).toContainText('有效')
		const unknown = await anonymous.page.goto('/verify/ABCDEFGHJK')
		expect(unknown?.status()).toBe(404)
		await expect(anonymous.page.getByTestId('verify-result')).toHaveText('未找到该证书')

		const statsAfter = (await (await anonymous.page.request.get('/api/stats')).json()) as { tradedValueYuan: number }
		expect(statsAfter.tradedValueYuan - statsBefore.tradedValueYuan).toBeCloseTo(deal.totalValueYuan, 2)
		await anonymous.page.goto(`/deals/${deal.id}`)
		await expect(anonymous.page.getByTestId('deal-status')).toHaveText('已成交')
		expect(anonymous.errors).toEqual([])
	} finally {
		await setClockOffset(anonymous.page.request, 0)
	}
})

/** The ISO 7064 MOD 11-2 check character of a resident ID's first 17 digits. */
function checkChar(body17: string) {
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
	return '10X98765432'[weights.reduce((s, w, i) => s + w * Number(body17[i]), 0) % 11]
}

test('who may open the deal pages, and bad addresses', async ({ browser, login }) => {
	const completed = one<{ id: string; certificateNo: string; verifyCode: string; listingId: string }>(
		`SELECT d.id, d."certificateNo", d."verifyCode", d."listingId" FROM "Deal" d JOIN "User" u ON u.id = d."buyerId"
		 WHERE d.status = 'COMPLETED' AND u.email <> $1 ORDER BY d."certifiedAt" LIMIT 1`,
		ACCOUNTS.buyer,
	)
	const pending = one<{ id: string }>(`SELECT id FROM "Deal" WHERE status = 'PENDING_REVIEW' ORDER BY "createdAt" LIMIT 1`)
	const shulinzhaoDeal = one<{ id: string }>(`SELECT d.id FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" JOIN "Town" t ON t.id = l."townId" WHERE t.code = 'shulinzhao' LIMIT 1`)
	const villageBListing = one<{ id: string }>(`SELECT l.id FROM "Listing" l JOIN "User" u ON u."villageId" = l."villageId" WHERE u.email = $1 LIMIT 1`, ACCOUNTS.villageB)
	const status = async (p: Page, url: string) => (await p.request.get(url, { maxRedirects: 0 })).status()

	const anonymous = await personAs(browser, login, 'anonymous')
	for (const url of [`/village/listings/${villageBListing.id}/deal`, '/review/deals', `/review/deals/${pending.id}`, '/admin/certifications', `/certificates/${completed.certificateNo}`]) {
		expect(await status(anonymous.page, url), url).toBe(302)
	}
	expect(await status(anonymous.page, `/deals/${pending.id}`)).toBe(404)
	expect(await status(anonymous.page, `/deals/${completed.id}`)).toBe(200)
	expect(await status(anonymous.page, '/deals/no-such-deal')).toBe(404)
	expect(await status(anonymous.page, `/verify/${completed.verifyCode}`)).toBe(200)
	expect(await status(anonymous.page, `/verify/${'x'.repeat(300)}`)).toBe(404)
	// Objecting needs an account.
	expect((await anonymous.page.request.post(`/deals/${completed.id}`, { form: { intent: 'object', reason: 'x'.repeat(20) }, maxRedirects: 0 })).status()).toBe(302)

	const buyer = await personAs(browser, login, 'buyer')
	for (const url of [`/village/listings/${villageBListing.id}/deal`, '/review/deals', '/admin/certifications']) expect(await status(buyer.page, url), url).toBe(403)
	expect(await status(buyer.page, `/certificates/${completed.certificateNo}`)).toBe(404)
	expect(await status(buyer.page, '/certificates/not-a-number')).toBe(404)

	const villageA = await personAs(browser, login, 'villageA')
	expect(await status(villageA.page, `/village/listings/${villageBListing.id}/deal`)).toBe(404)
	// A contract over 10 MB is refused with a message, not a 500 (the browser's own check is skipped here).
	const own = one<{ id: string }>(
		`SELECT l.id FROM "Listing" l JOIN "User" u ON u."villageId" = l."villageId" WHERE u.email = $1 AND l.status = 'PUBLISHED'
		 AND NOT EXISTS (SELECT 1 FROM "Deal" d WHERE d."listingId" = l.id AND d.status IN ('PENDING_REVIEW', 'IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION')) LIMIT 1`,
		ACCOUNTS.villageA,
	)
	const huge = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)])
	const refused = await villageA.page.request.post(`/village/listings/${own.id}/deal`, {
		multipart: { csrf: await csrfToken(villageA.page.request), intent: 'record', contract: { name: 'contract.pdf', mimeType: 'application/pdf', buffer: huge } },
	})
	expect(refused.status()).toBe(413)
	expect(await refused.text()).toContain('合同文件不能超过 10 MB')
	expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM "Deal" WHERE "listingId" = $1 AND status = 'PENDING_REVIEW'`, own.id).n).toBe(0)
	const reviewerY = await personAs(browser, login, 'reviewerY')
	expect(await status(reviewerY.page, `/review/deals/${shulinzhaoDeal.id}`)).toBe(404)
	expect(await status(reviewerY.page, '/admin/certifications')).toBe(403)
	const admin = await personAs(browser, login, 'admin')
	expect(await status(admin.page, `/certificates/${completed.certificateNo}`)).toBe(200)
	expect(await status(admin.page, '/admin/certifications')).toBe(200)
})
