// 备案 of a deal done outside the platform (issue 11): the village records it with its signed
// contract; the town's reviewer returns it, the village corrects and resubmits it, the reviewer
// files it; the public ledger shows it as 线下备案.
import type { Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { expect, test } from './fixtures.ts'
import { one } from './session.ts'

const PDF = { name: 'contract.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% signed outside contract\n') }

/** The village's filing form: a land lease from 1 April 2025, signed on 20 March. */
async function fillFiling(page: Page, f: { title: string; area: string; buyer: string; price: string; term: string; ends: string }) {
	await page.getByLabel('标的类型').selectOption('耕地')
	await page.getByLabel('标的名称').fill(f.title)
	await page.getByLabel('面积', { exact: true }).fill(f.area)
	await page.getByLabel('流转方式').selectOption('出租')
	await page.getByLabel('受让方（个人或单位全称）').fill(f.buyer)
	await page.getByLabel('成交价格').fill(f.price)
	await page.getByLabel('价格单位').selectOption('元/亩·年')
	await page.getByLabel('流转期限（年）').fill(f.term)
	await page.getByLabel('起始日期').fill('2025-04-01')
	await page.getByLabel('终止日期').fill(f.ends)
	await page.getByLabel('合同签订日期').fill('2025-03-20')
}

test('a village files an outside deal, the reviewer files it, the ledger shows it as 线下备案', async ({ page, login, browser, server }, testInfo) => {
	test.setTimeout(120_000)
	const title = `新胜村线下流转地${Date.now().toString(36)}`
	await login('villageA')

	await test.step('the village records the deal with its contract; a bad date is refused next to its field', async () => {
		await page.goto('/village/filings')
		await page.getByRole('link', { name: '新建备案' }).click()
		await fillFiling(page, { title, area: '55', buyer: '达拉特旗禾丰农业专业合作社', price: '520', term: '3', ends: '2024-03-31' })
		await page.getByLabel('流转合同编码（选填）').fill(`XS-${Date.now().toString(36)}`)
		await page.getByLabel('已签订的合同（PDF、JPG 或 PNG，不超过 10 MB）').setInputFiles(PDF)
		await page.getByRole('button', { name: '提交备案' }).click()
		await expect(page.getByText('终止日期须晚于起始日期')).toBeVisible()
		await page.getByLabel('终止日期').fill('2028-03-31')
		await page.getByLabel('已签订的合同（PDF、JPG 或 PNG，不超过 10 MB）').setInputFiles(PDF)
		await page.getByRole('button', { name: '提交备案' }).click()
		await expect(page.getByRole('status')).toHaveText('已提交备案，等待苏木镇审核。')
		await expect(page.getByTestId('filing-row').filter({ hasText: title })).toHaveAttribute('data-state', 'SUBMITTED')
		await page.setViewportSize({ width: 390, height: 844 })
		await page.screenshot({ path: testInfo.outputPath('filings-390.png'), fullPage: true })
		await page.setViewportSize({ width: 1280, height: 800 })
	})

	const reviewer = await browser.newContext()
	const reviewerPage = await reviewer.newPage()
	await test.step('the reviewer returns it with a reason', async () => {
		await login('reviewerX', reviewer)
		await reviewerPage.goto(`${server.baseURL}/review/filings`)
		const item = reviewerPage.getByTestId('filing-item').filter({ hasText: title })
		await expect(item).toBeVisible()
		const contract = await reviewerPage.request.get(`${server.baseURL}${await item.getByRole('link', { name: '查看合同' }).getAttribute('href')}`)
		expect(contract.status()).toBe(200)
		await item.getByLabel('审核意见').fill('请补充原承包合同编码')
		await item.getByRole('button', { name: '退回修改' }).click()
		await expect(reviewerPage.getByRole('status')).toHaveText('已退回。')
	})

	await test.step('the village corrects and resubmits it', async () => {
		await page.goto('/village/filings')
		const row = page.getByTestId('filing-row').filter({ hasText: title })
		await expect(row).toContainText('请补充原承包合同编码')
		await row.getByRole('link', { name: '修改后重新提交' }).click()
		await expect(page.getByLabel('标的名称')).toHaveValue(title)
		await page.getByLabel('原承包合同编码（选填）').fill('CB-2019-0042')
		await page.getByRole('button', { name: '重新提交备案' }).click()
		await expect(page.getByRole('status')).toHaveText('已重新提交备案。')
	})

	await test.step('the reviewer files it', async () => {
		await reviewerPage.goto(`${server.baseURL}/review/filings`)
		const item = reviewerPage.getByTestId('filing-item').filter({ hasText: title })
		await item.getByLabel('审核意见').fill('合同齐全，予以备案')
		await item.getByRole('button', { name: '予以备案' }).click()
		await expect(reviewerPage.getByRole('status')).toHaveText('已备案。')
		await reviewerPage.setViewportSize({ width: 1440, height: 900 })
		await reviewerPage.screenshot({ path: testInfo.outputPath('review-filings-1440.png'), fullPage: true })
	})

	await test.step("the town's register of filed contracts numbers it and exports it", async () => {
		await reviewerPage.getByRole('link', { name: '合同台账' }).click()
		await expect(reviewerPage.getByRole('heading', { level: 1 })).toHaveText('流转合同台账')
		// The demo's certified deals were filed on certification, with the town's numbers.
		await expect(reviewerPage.getByTestId('register-row').first()).toContainText(/DLT-SHULINZHAO-\d{4}-\d{5}/)
		await reviewerPage.getByLabel('搜索').fill(title)
		await reviewerPage.getByLabel('来源').selectOption('线下成交')
		await reviewerPage.getByRole('button', { name: '筛选' }).click()
		const row = reviewerPage.getByTestId('register-row')
		await expect(row).toHaveCount(1)
		await expect(row).toContainText(title)
		await expect(row).toContainText('达拉特旗禾丰农业专业合作社')
		const filingNo = (await row.locator('th .font-mono').textContent())!
		expect(filingNo).toMatch(new RegExp(`^DLT-SHULINZHAO-${new Date().getFullYear()}-\\d{5}$`))
		await reviewerPage.screenshot({ path: testInfo.outputPath('register-1440.png'), fullPage: true })
		const download = reviewerPage.waitForEvent('download')
		await reviewerPage.getByRole('link', { name: '导出 Excel' }).click()
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.readFile((await (await download).path())!)
		const sheet = workbook.worksheets[0]
		expect(sheet.getRow(1).getCell(1).value).toBe('备案编号')
		expect(sheet.rowCount).toBe(2)
		expect(sheet.getRow(2).getCell(1).value).toBe(filingNo)
		expect(sheet.getRow(2).getCell(4).value).toBe(title)
		await reviewer.close()
		const deal = one<{ status: string; origin: string; contractingContractCode: string }>(`SELECT d."status", d."origin", d."contractingContractCode" FROM "Deal" d JOIN "Listing" l ON l."id" = d."listingId" WHERE l."title" = $1`, title)
		expect(deal).toEqual({ status: 'COMPLETED', origin: 'FILED', contractingContractCode: 'CB-2019-0042' })
	})

	await test.step('the public ledger shows it as 线下备案', async () => {
		await page.goto('/ledger?status=completed&town=shulinzhao')
		const row = page.getByRole('row').filter({ hasText: title })
		await expect(row.getByTestId('offline-mark')).toHaveText('线下备案')
		await page.goto('/village/filings')
		await expect(page.getByTestId('filing-row').filter({ hasText: title })).toHaveAttribute('data-state', 'FILED')
	})
})

test('without JavaScript, a village records a filing: a bad field is refused beside it, then it is submitted', async ({ browser, login, server }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.baseURL })
	const page = await context.newPage()
	await login('villageA', context)
	const title = `无脚本备案${Date.now().toString(36)}`
	await page.goto('/village/filings/new')
	await fillFiling(page, { title, area: '12', buyer: '王二', price: 'abc', term: '2', ends: '2027-03-31' })
	await page.getByLabel('已签订的合同（PDF、JPG 或 PNG，不超过 10 MB）').setInputFiles(PDF)
	await page.getByRole('button', { name: '提交备案' }).click()
	// The server's answer, drawn without scripts: the message by the price, the rest kept.
	const price = page.getByLabel('成交价格')
	await expect(price).toHaveAttribute('aria-invalid', 'true')
	await expect(page.getByLabel('标的名称')).toHaveValue(title)
	expect(one<{ n: number }>(`SELECT count(*) AS n FROM "Listing" WHERE title = $1`, title).n).toBe(0)
	await price.fill('300')
	await page.getByLabel('已签订的合同（PDF、JPG 或 PNG，不超过 10 MB）').setInputFiles(PDF)
	await page.getByRole('button', { name: '提交备案' }).click()
	await expect(page.getByRole('status')).toHaveText('已提交备案，等待苏木镇审核。')
	await expect(page.getByTestId('filing-row').filter({ hasText: title })).toHaveAttribute('data-state', 'SUBMITTED')
	await context.close()
})
