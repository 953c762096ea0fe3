// The administrator imports an existing Excel 台账 (issue 11): downloads the template, uploads the
// sample, sees the bad row by its number and the name matches, confirms them and commits; the
// public ledger shows the rows marked 线下备案; the same file again adds nothing; the LZHT export
// has the documented columns and is for administrators only.
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { expect, test } from './fixtures.ts'
import { one } from './session.ts'

const SAMPLE = path.join(process.cwd(), 'tests/fixtures/imports/ledger-sample.xlsx')
const LZHT_HEADERS = ['原承包合同编码', '流转合同编码', '承包方编码', '受让方编码', '流转方式', '流转期限', '流转开始日期', '流转结束日期', '流转面积（亩）', '流转地块数', '流转前用途', '流转后用途', '流转费用说明', '合同签订日期']

async function sheetOf(file: string, index = 0) {
	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.readFile(file)
	return workbook.worksheets[index]
}

test('admin imports the sample ledger; the ledger shows it as 线下备案; a re-import adds nothing; the LZHT export', async ({ page, login }, testInfo) => {
	test.setTimeout(120_000)
	await login('admin')
	await page.goto('/admin/imports/ledger')
	await expect(page.getByRole('heading', { name: 'Excel 台账导入' })).toBeVisible()

	await test.step('the template downloads, in the documented shape', async () => {
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载台账模板（.xlsx）' }).click()])
		expect(download.suggestedFilename()).toMatch(/^台账导入模板-\d{8}\.xlsx$/)
		const sheet = await sheetOf((await download.path())!)
		const headers = (sheet.getRow(1).values as unknown[]).slice(1)
		expect(headers.slice(0, 5)).toEqual(['序号', '苏木镇', '嘎查村', '标的类型', '标的名称'])
		expect(headers).toContain('流转合同编码')
		const notes = await sheetOf((await download.path())!, 1)
		expect(notes.name).toBe('填写说明')
	})

	const upload = async () => {
		await page.goto('/admin/imports/ledger')
		await page.getByLabel('台账文件（.xlsx）').setInputFiles(SAMPLE)
		await page.getByRole('button', { name: '上传并预览' }).click()
		await expect(page.getByRole('heading', { name: '台账导入预览' })).toBeVisible()
	}

	await test.step('the preview shows the bad row by its number and the name matches', async () => {
		await upload()
		await expect(page.getByTestId('import-counts')).toContainText('共 13 行：12 行可导入（其中 0 行已导入过')
		const errors = page.getByTestId('row-error')
		await expect(errors).toHaveCount(2)
		for (const row of await errors.all()) await expect(row.getByRole('cell').first()).toHaveText('10')
		await expect(errors.filter({ hasText: '终止日期须晚于起始日期' })).toHaveCount(1)
		await expect(page.locator('[data-testid=place-row][data-match=normalised]')).toHaveCount(4)
		await expect(page.getByRole('combobox', { name: '王爱召 黄河湾' })).toHaveValue(/.+/)
		await expect(page.getByRole('button', { name: /导入 12 笔交易/ })).toBeDisabled()
		// Row 7 names two parcel codes: those the platform does not hold are warned of, with the row.
		const named = ['1506211032010100001', '1506211032010100002']
		const held = new Set(named.filter((code) => one<{ n: number }>(`SELECT count(*) AS n FROM "Parcel" WHERE "code" = $1`, code).n > 0))
		const unknown = named.filter((code) => !held.has(code))
		const warnings = page.getByTestId('parcel-warning')
		await expect(warnings).toHaveCount(unknown.length > 0 ? 1 : 0)
		if (unknown.length > 0) {
			await expect(page.getByRole('heading', { name: '平台上没有的地块编码' })).toBeVisible()
			await expect(warnings.getByRole('cell').first()).toHaveText('7')
			await expect(warnings.getByRole('cell').nth(1)).toHaveText(unknown.join('、'))
		}
		await page.setViewportSize({ width: 1440, height: 1000 })
		await page.screenshot({ path: testInfo.outputPath('preview-1440.png'), fullPage: true })
		await page.setViewportSize({ width: 390, height: 844 })
		await page.screenshot({ path: testInfo.outputPath('preview-390.png'), fullPage: true })
		await page.setViewportSize({ width: 1280, height: 800 })
	})

	await test.step('the admin confirms the matches and commits', async () => {
		await page.getByRole('button', { name: '确认匹配' }).click()
		await expect(page.getByText('名称匹配已确认。')).toBeVisible()
		await page.getByRole('button', { name: /导入 12 笔交易/ }).click()
		await expect(page.getByTestId('import-status')).toHaveText('已导入：新增 12 笔，未变 0 笔，有误未导入 1 行。')
		expect(one<{ n: number }>(`SELECT count(*) AS n FROM "Deal" WHERE "origin" = 'LEDGER_IMPORT' AND "status" = 'COMPLETED'`).n).toBe(12)
	})

	await test.step('the public ledger shows the rows marked 线下备案, and their deal page', async () => {
		await page.goto('/ledger?status=completed&town=shulinzhao')
		const row = page.getByRole('row').filter({ hasText: '新胜村二社水浇地' })
		await expect(row.getByTestId('offline-mark')).toHaveText('线下备案')
		await row.getByRole('link', { name: '新胜村二社水浇地' }).click()
		await expect(page.getByRole('heading', { name: '新胜村二社水浇地' })).toBeVisible()
		await expect(page.getByTestId('offline-mark')).toBeVisible()
		await expect(page.getByRole('link', { name: '查看挂牌项目' })).toHaveCount(0)
		// The OFFLINE listing behind it is never public.
		const listingId = one<{ listingId: string }>(`SELECT "listingId" FROM "Deal" WHERE "contractCode" = 'DLT-LZ-2023-0001'`).listingId
		expect((await page.request.get(`/listings/${listingId}`)).status()).toBe(404)
	})

	await test.step('the same file again adds nothing', async () => {
		await upload()
		await expect(page.getByTestId('import-counts')).toContainText('12 行可导入（其中 12 行已导入过')
		await page.getByRole('button', { name: '确认匹配' }).click()
		await page.getByRole('button', { name: /导入 0 笔交易/ }).click()
		await expect(page.getByTestId('import-status')).toHaveText('已导入：新增 0 笔，未变 12 笔，有误未导入 1 行。')
		expect(one<{ n: number }>(`SELECT count(*) AS n FROM "Deal" WHERE "origin" = 'LEDGER_IMPORT'`).n).toBe(12)
	})

	await test.step('the LZHT export has the documented columns', async () => {
		await page.goto('/admin/imports/ledger')
		await page.setViewportSize({ width: 1440, height: 1000 })
		await page.screenshot({ path: testInfo.outputPath('imports-1440.png'), fullPage: true })
		await page.setViewportSize({ width: 390, height: 844 })
		await page.screenshot({ path: testInfo.outputPath('imports-390.png'), fullPage: true })
		await page.setViewportSize({ width: 1280, height: 800 })
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()])
		const file = (await download.path())!
		expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK')
		const sheet = await sheetOf(file)
		expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(LZHT_HEADERS)
		const completed = one<{ n: number }>(`SELECT count(*) AS n FROM "Deal" WHERE "status" = 'COMPLETED'`).n
		expect(sheet.actualRowCount).toBe(completed + 1)
		const codes: unknown[] = []
		sheet.eachRow((r) => codes.push(r.getCell(2).value))
		expect(codes).toContain('DLT-LZ-2023-0001')
	})
})

test('the LZHT export is for administrators only', async ({ page, login }) => {
	const anonymous = await page.request.get('/admin/ledger/lzht.xlsx', { maxRedirects: 0 })
	expect(anonymous.status()).toBe(302)
	await login('reviewerX')
	expect((await page.request.get('/admin/ledger/lzht.xlsx')).status()).toBe(403)
	expect((await page.request.get('/admin/ledger/lzht.csv')).status()).toBe(403)
	expect((await page.request.get('/admin/imports/ledger/template.xlsx')).status()).toBe(403)
})
