// The public ledger (成交公示) and the statistics, in real Chromium against the seeded demo: the
// deals from their public notice on, the filter form, the CSV and Excel downloads, the JSON API
// without any buyer data, and the /stats charts and tables on a desktop and on a phone.
import fs from 'node:fs'
import { expect, test } from './fixtures.ts'
import { all, toDate, type Param } from './db.ts'
import { one } from './session.ts'

function count(sql: string, ...params: Param[]) {
	return one<{ n: number }>(sql, ...params).n
}
/** The distinct months (China time) of these instants: each engine keeps dates its own way, so counted here. */
function monthsInChina(dates: string[]) {
	return new Set(dates.map((d) => new Date(toDate(d).getTime() + 8 * 3600_000).toISOString().slice(0, 7))).size
}
const LEDGER_SQL = `SELECT count(*) AS n FROM "Deal" WHERE status IN ('IN_NOTICE','OBJECTED','AWAITING_CERTIFICATION','COMPLETED')`

test('/ledger lists the demo’s deals in notice and completed, newest first', async ({ page }) => {
	const total = count(LEDGER_SQL)
	const inNotice = one<{ title: string }>(`SELECT l.title FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" WHERE d.status = 'IN_NOTICE' ORDER BY d."noticeStartsAt" DESC LIMIT 1`)
	const completed = one<{ id: string; title: string; certificateNo: string }>(
		`SELECT d.id, l.title, d."certificateNo" FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" WHERE d.status = 'COMPLETED' AND d."certificateNo" IS NOT NULL ORDER BY d."noticeStartsAt" DESC LIMIT 1`,
	)
	// A deal in the Party review on a listing with no public deal (a renewal's listing, for one, shows its first deal).
	const pending = one<{ title: string }>(
		`SELECT l.title FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" WHERE d.status = 'PENDING_REVIEW'
		 AND NOT EXISTS (SELECT 1 FROM "Deal" o WHERE o."listingId" = d."listingId" AND o.status != 'PENDING_REVIEW' AND o.status != 'REJECTED') LIMIT 1`,
	)

	await page.goto('/ledger')
	await expect(page.getByRole('heading', { level: 1, name: '成交公示' })).toBeVisible()
	await expect(page.getByText(`共 ${total} 笔交易`)).toBeVisible()
	const rows = page.locator('tr[data-deal]')
	// One page of 20 (LEDGER_PAGE_SIZE): imported 台账 deals can take the demo's 17 past it.
	await expect(rows).toHaveCount(Math.min(total, 20))
	// The newest notice comes first.
	await expect(rows.first()).toContainText(inNotice.title)
	await expect(rows.first()).toContainText('公示中')
	const done = rows.filter({ hasText: completed.title })
	await expect(done).toContainText('已成交')
	await expect(done).toContainText(completed.certificateNo)
	// Its own deal page (another spec of the worker may have added a deal with an id of its own making).
	await expect(done.getByRole('link', { name: completed.title })).toHaveAttribute('href', `/deals/${completed.id}`)
	// A deal still in the Party review is not public.
	await expect(page.getByText(pending.title)).toHaveCount(0)
	// Buyers are masked (王*明): no cell holds a seeded buyer's full name.
	const names = ['刘志远', '张丽华', '王海鹏', '赵敏', '李建国']
	for (const name of names) await expect(page.getByText(name)).toHaveCount(0)
})

test('filtering by town and status narrows the list, and the URL carries the filters', async ({ page }) => {
	const townCount = count(`${LEDGER_SQL} AND "listingId" IN (SELECT l.id FROM "Listing" l JOIN "Town" t ON t.id = l."townId" WHERE t.code = 'zhandanzhao')`)
	expect(townCount).toBeGreaterThan(0)
	await page.goto('/ledger')
	await page.getByLabel('苏木镇').selectOption({ label: '展旦召苏木' })
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/[?&]town=zhandanzhao/)
	const rows = page.locator('tr[data-deal]')
	await expect(rows).toHaveCount(townCount)
	for (const text of await rows.allTextContents()) expect(text).toContain('展旦召苏木')

	await page.getByLabel('状态').selectOption('completed')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/status=completed/)
	const completedInTown = count(`SELECT count(*) AS n FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" JOIN "Town" t ON t.id = l."townId" WHERE d.status = 'COMPLETED' AND t.code = 'zhandanzhao'`)
	await expect(rows).toHaveCount(completedInTown)
	// The export links carry the same filters.
	await expect(page.getByRole('link', { name: '导出 CSV' })).toHaveAttribute('href', '/ledger.csv?town=zhandanzhao&status=completed')
	await expect(page.getByRole('link', { name: '导出 Excel' })).toHaveAttribute('href', '/ledger.xlsx?town=zhandanzhao&status=completed')
})

test('the CSV and Excel downloads work', async ({ page }) => {
	await page.goto('/ledger?status=completed')
	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()])
	expect(csv.suggestedFilename()).toMatch(/^成交公示-\d{8}\.csv$/)
	const csvBytes = fs.readFileSync((await csv.path())!)
	expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
	const lines = csvBytes.subarray(3).toString('utf8').trim().split('\r\n')
	// Every field quoted (a ; list separator cannot split a formula out of one).
	expect(lines[0].startsWith('"标的名称","类型","苏木镇","嘎查村"')).toBe(true)
	expect(lines).toHaveLength(count(`SELECT count(*) AS n FROM "Deal" WHERE status = 'COMPLETED'`) + 1)

	const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()])
	expect(xlsx.suggestedFilename()).toMatch(/^成交公示-\d{8}\.xlsx$/)
	const xlsxBytes = fs.readFileSync((await xlsx.path())!)
	expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK')
	expect(xlsxBytes.length).toBeGreaterThan(5000)
})

test('/api/ledger returns the JSON list with no buyer fields', async ({ request }) => {
	const res = await request.get('/api/ledger')
	expect(res.status()).toBe(200)
	expect(res.headers()['content-type']).toContain('application/json')
	const text = await res.text()
	const items = JSON.parse(text) as Array<Record<string, unknown>>
	expect(Array.isArray(items)).toBe(true)
	expect(items).toHaveLength(count(LEDGER_SQL))
	expect(text).not.toMatch(/buyer|idNumber|email|phone|contact/i)
	for (const item of items) {
		expect(Object.keys(item)).toEqual(
			expect.arrayContaining(['listing', 'town', 'village', 'mode', 'price', 'priceUnit', 'area', 'areaUnit', 'totalValueYuan', 'status', 'dates', 'certificateNo']),
		)
		expect(['IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION', 'COMPLETED']).toContain(item.status)
	}
	const outsider = one<{ name: string; idNumber: string }>('SELECT "outsideBuyerName" AS name, "outsideBuyerIdNumber" AS "idNumber" FROM "Deal" WHERE "outsideBuyerName" IS NOT NULL LIMIT 1')
	expect(text).not.toContain(outsider.name)
	expect(text).not.toContain(outsider.idNumber)
	const filtered = (await (await request.get('/api/ledger?type=LAND&status=completed')).json()) as Array<{ listing: { type: string }; status: string }>
	expect(filtered.length).toBeGreaterThan(0)
	expect(filtered.every((i) => i.listing.type === 'LAND' && i.status === 'COMPLETED')).toBe(true)
	expect((await request.get('/api/ledger?type=CASTLE')).status()).toBe(400)
})

for (const width of [1440, 390]) {
	test(`/stats shows the monthly chart and the new tables at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 })
		await page.goto('/stats')
		const monthly = page.locator('section', { has: page.getByRole('heading', { name: '各月成交金额与土地成交面积' }) })
		// The chart is drawn after hydration (recharts renders only in the browser).
		await expect(monthly.locator('svg.recharts-surface').first()).toBeVisible()
		await expect(monthly.locator('.recharts-bar-rectangle').first()).toBeAttached()
		await monthly.getByText('查看各月数据表').click()
		await expect(monthly.getByRole('row')).toHaveCount(monthsInChina(all<{ at: string }>(`SELECT "certifiedAt" AS at FROM "Deal" WHERE status = 'COMPLETED' AND "certifiedAt" IS NOT NULL`).map((r) => r.at)) + 1)

		const prices = page.locator('#price-table')
		await expect(prices.getByRole('columnheader', { name: '中位数' })).toBeVisible()
		// One banner total per land class (imported 台账 rows may add classes).
		await expect(prices.getByRole('rowheader', { name: '全旗合计' }).first()).toBeVisible()
		await expect(prices.locator('tbody tr').first()).toContainText('耕地')

		const statuses = page.locator('#status-table')
		await expect(statuses.locator('tbody tr')).toHaveCount(8)
		const traded = count(`SELECT count(*) AS n FROM "Listing" WHERE status = 'TRADED'`)
		await expect(statuses.getByRole('row', { name: /^已成交/ })).toContainText(String(traded))

		const everPublished = count('SELECT count(*) AS n FROM "Listing" WHERE "publishedAt" IS NOT NULL')
		// Of the listings ever published: deals filed from outside the platform (线下备案) were never listed.
		const tradedListed = count(`SELECT count(*) AS n FROM "Listing" WHERE status = 'TRADED' AND "publishedAt" IS NOT NULL`)
		await expect(page.getByText(`曾挂牌 ${everPublished} 宗，已成交 ${tradedListed} 宗`)).toBeVisible()
		await expect(page.getByText('挂牌至成交', { exact: true })).toBeVisible()
		// Nothing pushes the page sideways on a phone.
		expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
	})
}

test('/api/stats carries the new figures beside the stable keys, agreeing with the database', async ({ request }) => {
	// Read from the database rather than fixed: other specs in the same run may complete deals.
	const completed = one<{ n: number; sum: number }>(`SELECT count(*) AS n, round(CAST(sum("totalValueYuan") AS NUMERIC), 2) AS sum FROM "Deal" WHERE status = 'COMPLETED'`)
	const traded = count(`SELECT count(*) AS n FROM "Listing" WHERE status = 'TRADED'`)
	const stats = await (await request.get('/api/stats')).json()
	expect(stats).toHaveProperty('listings')
	expect(stats).toHaveProperty('landAreaMu')
	expect(stats.tradedValueYuan).toBe(completed.sum)
	expect(stats.tradedValueYuan).toBeGreaterThanOrEqual(5_000_000)
	expect(stats.towns.length).toBe(count('SELECT count(*) AS n FROM "Town"'))
	const months = stats.tradedByMonth as Array<{ month: string; valueYuan: number; deals: number }>
	expect(months.length).toBeGreaterThan(12)
	expect(Math.round(months.reduce((s, m) => s + m.valueYuan, 0) * 100) / 100).toBe(completed.sum)
	expect(months.reduce((s, m) => s + m.deals, 0)).toBe(completed.n)
	expect(stats.landPricePerMu.byClass[0]).toMatchObject({ landClass: 'CROPLAND' })
	expect(stats.listingsByStatus.TRADED.total).toBe(traded)
	expect(stats.tradedShare).toMatchObject({ traded, published: count('SELECT count(*) AS n FROM "Listing" WHERE "publishedAt" IS NOT NULL') })
	expect(stats.daysToDeal.deals).toBe(completed.n)
	expect(stats.daysToDeal.medianDays).toBeGreaterThan(0)
})

test('/ledger reads on a phone: rows become labelled cards, nothing scrolls sideways', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 })
	await page.goto('/ledger')
	const first = page.locator('tr[data-deal]').first()
	await expect(first).toBeVisible()
	await expect(first.getByRole('link')).toBeVisible()
	await expect(page.getByRole('link', { name: '导出 Excel' })).toBeVisible()
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
})

test('the filter form works before JavaScript loads', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	await page.goto('/ledger')
	await page.getByLabel('类型').selectOption('LAND')
	await page.getByLabel('状态').selectOption('notice')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/type=LAND/)
	const rows = page.locator('tr[data-deal]')
	const n = count(`SELECT count(*) AS n FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" WHERE l.type = 'LAND' AND d.status IN ('IN_NOTICE','OBJECTED','AWAITING_CERTIFICATION')`)
	await expect(rows).toHaveCount(n)
	if (n > 0) await expect(rows.first()).toContainText('土地')
	await context.close()
})
