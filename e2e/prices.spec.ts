// Issue 13's price references, /stats/prices, the ledger's sorting and paging, and certificate
// verification, in real Chromium against the seeded demo. The demo's 7 completed land deals are
// irrigated cropland in several towns (no town has 3): cropland listings get the banner's
// reference; other land classes have no comparable deal and say so.
import { pricePerMuYear, priceFlag, summarisePrices } from '../app/domain/price-reference.ts'
import { startActionServer, type ActionServer } from './action-server.ts'
import { all, run } from './db.ts'
import { expect, test } from './fixtures.ts'
import { one } from './session.ts'

type Terms = { price: number; priceUnit: string; area: number; areaUnit: string; termYears: number | null }
type LandListing = Terms & { id: string; townId: string; title: string }

/** The completed cropland deals' prices per 亩/年 with their towns (one query: each costs a process on PostgreSQL). */
function croplandDeals() {
	const rows = all<Terms & { townId: string }>(
		`SELECT d.price, d."priceUnit", d.area, d."areaUnit", d."termYears", l."townId" FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId"
		 WHERE d.status = 'COMPLETED' AND l.type = 'LAND' AND l."landClass" = 'CROPLAND'`,
	)
	return rows.flatMap((r) => {
		const value = pricePerMuYear({ ...r, price: Number(r.price), area: Number(r.area) })
		return value === null ? [] : [{ townId: r.townId, value }]
	})
}
function croplandPrices(townId?: string) {
	return croplandDeals()
		.filter((d) => !townId || d.townId === townId)
		.map((d) => d.value)
}

const yuan = (v: number) => `${Math.round(v).toLocaleString('zh-CN')} 元/亩·年`

function publishedLand(landClass: string) {
	return all<LandListing>(
		`SELECT id, title, "townId", price, "priceUnit", area, "areaUnit", "termYears" FROM "Listing" WHERE status = 'PUBLISHED' AND type = 'LAND' AND "landClass" = $1 AND origin = 'PLATFORM' ORDER BY id`,
		[landClass],
	).map((l) => ({ ...l, price: Number(l.price), area: Number(l.area) }))
}

test('a cropland listing shows the price reference of the demo’s completed deals, and the flag when its price is outside the band', async ({ page }) => {
	// Two pages and the SQL that checks them: past 30 s on PostgreSQL under a loaded machine.
	test.setTimeout(60_000)
	const deals = croplandDeals()
	const banner = deals.map((d) => d.value)
	expect(banner.length).toBeGreaterThanOrEqual(7)
	const listings = publishedLand('CROPLAND')
	const withScope = listings.map((l) => {
		const town = deals.filter((d) => d.townId === l.townId).map((d) => d.value)
		const summary = summarisePrices(town.length >= 3 ? town : banner)!
		return { l, scope: town.length >= 3 ? '本镇' : '全旗', summary, flag: priceFlag(pricePerMuYear(l), summary) }
	})
	const plain = withScope[0]
	await page.goto(`/listings/${plain.l.id}`)
	const section = page.getByTestId('price-reference')
	await expect(section.getByRole('heading', { name: '参考成交价' })).toBeVisible()
	await expect(section.getByTestId('price-scope')).toHaveText(plain.scope)
	await expect(section.getByTestId('price-median')).toHaveText(yuan(plain.summary.median))
	await expect(section.getByTestId('price-band')).toHaveText(`${Math.round(plain.summary.p10).toLocaleString('zh-CN')} – ${yuan(plain.summary.p90)}`)
	await expect(section.getByTestId('price-count')).toContainText(`${plain.summary.count} 笔`)
	await expect(section.getByTestId('price-chart')).toBeVisible()
	// Aggregates only: no deal's buyer is on the page.
	const buyers = all<{ name: string }>(`SELECT COALESCE(u.name, d."outsideBuyerName") AS name FROM "Deal" d LEFT JOIN "User" u ON u.id = d."buyerId" WHERE d.status = 'COMPLETED'`)
	for (const { name } of buyers) if (name) await expect(section).not.toContainText(name)

	const flagged = withScope.find((x) => x.flag === 'above' || x.flag === 'below')
	expect(flagged, 'a demo cropland listing priced outside the 10th–90th band').toBeTruthy()
	await page.goto(`/listings/${flagged!.l.id}`)
	const label = flagged!.flag === 'above' ? '高于参考价' : '低于参考价'
	await expect(page.getByTestId('price-flag')).toHaveText(label)
	await expect(page.getByTestId('price-flag-text')).toContainText(label)
})

test('a grassland listing has fewer than 3 comparable deals and shows no number', async ({ page }) => {
	const [listing] = publishedLand('GRASSLAND')
	await page.goto(`/listings/${listing.id}`)
	await expect(page.getByTestId('price-too-few')).toContainText('可比成交不足 3 笔')
	await expect(page.getByTestId('price-median')).toHaveCount(0)
})

test('the reviewer sees the price reference on a submitted land listing', async ({ page, login }) => {
	const listing = one<{ id: string }>(
		`SELECT l.id FROM "Listing" l WHERE l.status = 'SUBMITTED' AND l.type = 'LAND' AND l."townId" = (SELECT "townId" FROM "User" WHERE email = 'reviewer.shulinzhao@demo.local') ORDER BY l.id LIMIT 1`,
	)
	await login('reviewerX')
	await page.goto(`/review/listings/${listing.id}`)
	await expect(page.getByTestId('price-reference').getByRole('heading', { name: '参考成交价' })).toBeVisible()
})

test('/stats/prices: linked from /stats, a chart and tables, a filter that works without JavaScript, CSV and Excel', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL })
	const page = await context.newPage()
	await page.goto('/stats')
	await page.getByRole('link', { name: '土地成交价（按镇、地类、年份）' }).click()
	await expect(page).toHaveURL(/\/stats\/prices$/)
	await expect(page.getByRole('heading', { level: 1, name: '土地成交价' })).toBeVisible()
	await expect(page.getByTestId('price-stats-chart').locator('circle').first()).toBeAttached()
	const bannerRows = page.locator('#price-banner-table tbody tr')
	await expect(bannerRows.first()).toContainText('耕地')
	// Every town row adds up to the banner's deals.
	const townCounts = await page.locator('#price-town-table tbody tr td:nth-child(4)').allTextContents()
	expect(townCounts.reduce((n, c) => n + Number(c), 0)).toBe(croplandPrices().length)
	// Small groups: "—" with their count, never a median.
	const small = page.locator('#price-town-table tbody tr', { has: page.locator('td:nth-child(4)', { hasText: /^[12]$/ }) })
	if ((await small.count()) > 0) await expect(small.first().locator('td:nth-child(5)')).toHaveText('—')

	await page.getByRole('combobox', { name: '地类' }).selectOption('GRASSLAND')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/class=GRASSLAND/)
	await expect(page.getByText('所选范围内没有可折算的已完成土地交易。').first()).toBeVisible()
	await page.getByRole('combobox', { name: '地类' }).selectOption('CROPLAND')
	await page.getByRole('button', { name: '筛选' }).click()

	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()])
	expect(csv.suggestedFilename()).toMatch(/^土地成交价-\d{8}\.csv$/)
	const text = (await import('node:fs')).readFileSync((await csv.path())!, 'utf8')
	expect(text).toContain('"苏木镇","地类","年份","笔数"')
	expect(text).toContain('"全旗","耕地"')
	const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()])
	expect(xlsx.suggestedFilename()).toMatch(/^土地成交价-\d{8}\.xlsx$/)
	await context.close()
})

test('ledger columns sort by URL, with aria-sort; a certificate number opens its verification', async ({ page }) => {
	await page.goto('/ledger')
	const value = page.getByRole('columnheader', { name: /合同总额/ })
	await expect(value).not.toHaveAttribute('aria-sort')
	await expect(page.getByRole('columnheader', { name: /公示期/ })).toHaveAttribute('aria-sort', 'descending')
	await value.getByRole('link').click()
	await expect(page).toHaveURL(/sort=value&dir=desc/)
	await expect(value).toHaveAttribute('aria-sort', 'descending')
	const byValue = (dir: string) =>
		all<{ id: string }>(
			`SELECT id FROM "Deal" WHERE status IN ('IN_NOTICE','OBJECTED','AWAITING_CERTIFICATION','COMPLETED') ORDER BY "totalValueYuan" ${dir}, id ${dir} LIMIT 20`,
		).map((r) => r.id)
	// A click before hydration loads the sorted page as a document, which streams in: the header
	// can be there before the last rows (CI saw 4 of 17), so the rows are read until complete.
	const shown = () => page.locator('tr[data-deal]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-deal')))
	await expect.poll(shown).toEqual(byValue('DESC'))
	await value.getByRole('link').click()
	await expect(page).toHaveURL(/sort=value&dir=asc/)
	await expect(value).toHaveAttribute('aria-sort', 'ascending')
	await expect.poll(shown).toEqual(byValue('ASC'))
	// The sort form (phones have no header row) keeps the filters and the order.
	await expect(page.getByLabel('排序', { exact: true })).toHaveValue('value')
	await expect(page.getByLabel('顺序')).toHaveValue('asc')

	const link = page.getByTestId('certificate-verify-link').first()
	const no = (await link.textContent())!.trim()
	await link.click()
	await expect(page).toHaveURL(`/verify/${no}`)
	await expect(page.getByTestId('verify-result')).toHaveText('证书有效')
	await expect(page.getByTestId('verify-certificate-no')).toHaveText(no)
})

test('/verify: a form for a verification code or a certificate number; unknown ones are a 404 with a message', async ({ page }) => {
	const deal = one<{ certificateNo: string; verifyCode: string }>(`SELECT "certificateNo", "verifyCode" FROM "Deal" WHERE status = 'COMPLETED' AND "certificateNo" IS NOT NULL ORDER BY "certificateNo" LIMIT 1`)
	await page.goto('/verify')
	await expect(page.getByRole('heading', { level: 1, name: '查验交易鉴证书' })).toBeVisible()
	await page.getByLabel('核验码或证书编号').fill(deal.verifyCode.toLowerCase())
	await page.getByRole('button', { name: '查验' }).click()
	await expect(page.getByTestId('verify-certificate-no')).toHaveText(deal.certificateNo)

	await page.goto('/verify')
	await page.getByLabel('核验码或证书编号').fill(deal.certificateNo)
	await page.getByRole('button', { name: '查验' }).click()
	await expect(page).toHaveURL(`/verify/${deal.certificateNo}`)
	await expect(page.getByTestId('verify-result')).toHaveText('证书有效')

	const response = await page.goto('/verify?q=DLT-1999-000001')
	expect(response?.status()).toBe(404)
	await expect(page.getByTestId('verify-result')).toContainText('未找到该证书')
	await expect(page.getByLabel('核验码或证书编号')).toHaveValue('DLT-1999-000001')
})

test.describe('ledger paging with more than one page', () => {
	let server: ActionServer
	// eslint-disable-next-line no-empty-pattern
	test.beforeAll(async ({}, info) => {
		test.setTimeout(120_000)
		// Beside this worker's own server, in the same hundred; its own copy, so no other spec's totals move.
		const port = Number(process.env.E2E_PORT ?? 4310) + 100 * (info.parallelIndex + 1) + 60
		server = await startActionServer(`prices-${info.parallelIndex}`, port, (url) => {
			// A copy of every completed deal (no certificate of its own): the ledger passes one page of 20.
			run(
				`INSERT INTO "Deal" (id, "listingId", price, "priceUnit", "totalValueYuan", area, "areaUnit", "termYears", "transferMode", "tradingMode", status, "approvedAt", "noticeStartsAt", "noticeEndsAt", "certifiedAt", "isDemo", "createdAt", "updatedAt", origin)
				 SELECT id || 'copy', "listingId", price, "priceUnit", "totalValueYuan" + 1, area, "areaUnit", "termYears", "transferMode", "tradingMode", status, "approvedAt", "noticeStartsAt", "noticeEndsAt", "certifiedAt", "isDemo", "createdAt", "updatedAt", origin
				 FROM "Deal" WHERE status = 'COMPLETED'`,
				[],
				url,
			)
		})
	})
	test.afterAll(async () => server?.stop())

	test('pages keep the sort, and no deal shows twice', async ({ page }) => {
		await page.goto(`${server.baseURL}/ledger?sort=area&dir=asc`)
		const ids = () => page.locator('tr[data-deal]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-deal')))
		const first = await ids()
		expect(first).toHaveLength(20)
		await page.getByRole('link', { name: '下一页' }).click()
		await expect(page).toHaveURL(/sort=area&dir=asc&page=2/)
		await expect(page.getByRole('columnheader', { name: /面积/ })).toHaveAttribute('aria-sort', 'ascending')
		// The address changes first; React draws the second page's rows a moment later (a transition).
		await expect(page.locator('tr[data-deal]').first()).not.toHaveAttribute('data-deal', first[0]!)
		const second = await ids()
		expect(second.length).toBeGreaterThan(0)
		expect(second.filter((id) => first.includes(id))).toEqual([])
		await page.getByRole('link', { name: '上一页' }).click()
		await expect(page).not.toHaveURL(/page=2/)
		await expect(page.locator('tr[data-deal]').first()).toHaveAttribute('data-deal', first[0]!)
		expect(await ids()).toEqual(first)
	})
})
