// Contracts from the model text (issue 12, decision 030) in a real browser. The village records a
// negotiated deal before signing, generates its contract from the model text, downloads the PDF
// (the parties' and officials' only), uploads the signed scan, after which the text is fixed. The
// administrator's template editor refuses unknown placeholders next to the field (with and without
// JavaScript) and writes nothing, then saves a new version whose PDF preview downloads.
import { expect, test } from './fixtures.ts'
import { ACCOUNTS, one } from './session.ts'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

/** A resident ID with its ISO 7064 MOD 11-2 check character. */
function residentId(body17: string) {
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
	return body17 + '10X98765432'[weights.reduce((s, w, i) => s + w * Number(body17[i]), 0) % 11]
}

const versions = (kind: string) => Number(one<{ n: number }>('SELECT count(*) AS n FROM "ContractTemplate" WHERE kind = $1', kind).n)

test('the village records a deal before signing, generates the contract, downloads it, uploads the signed scan', async ({ page, browser, login }) => {
	// Village B's first published negotiated land listing with no deal, inquiry or round (deal.spec takes the last by title).
	const listing = one<{ id: string; title: string }>(
		`SELECT l.id, l.title FROM "Listing" l JOIN "User" u ON u."villageId" = l."villageId"
		 WHERE u.email = $1 AND l.status = 'PUBLISHED' AND l."tradingMode" = 'NEGOTIATED' AND l.type = 'LAND'
		   AND NOT EXISTS (SELECT 1 FROM "Deal" d WHERE d."listingId" = l.id)
		   AND NOT EXISTS (SELECT 1 FROM "Inquiry" i WHERE i."listingId" = l.id)
		   AND NOT EXISTS (SELECT 1 FROM "BiddingRound" b WHERE b."listingId" = l.id)
		 ORDER BY l.title LIMIT 1`,
		ACCOUNTS.villageB,
	)
	await login('villageB')
	await page.goto(`/village/listings/${listing.id}/deal`)
	await page.getByLabel('平台外的受让方').check()
	await page.getByLabel('受让方姓名或单位名称').fill('乌兰察布农牧合作社')
	await page.getByLabel('身份证号码').fill(residentId('15062119800101123'))
	await page.getByLabel('成交价格').fill('380')
	await page.getByLabel('价格单位').selectOption('YUAN_PER_MU_YEAR')
	await page.getByLabel('期限（年）').fill('5')
	await page.getByLabel('流转方式').selectOption('LEASE')
	// No signed contract yet: recorded all the same.
	await page.getByRole('button', { name: '提交审核' }).click()
	await expect(page.getByRole('status')).toContainText('成交已记录')
	const panel = page.getByTestId('contract-text')
	await expect(panel).toContainText('尚未生成合同文本')
	await expect(page.getByTestId('contract-step')).toBeVisible()

	await panel.getByRole('button', { name: '生成合同文本' }).click()
	await expect(page).toHaveURL(/generated=1/)
	await expect(panel.getByRole('status')).toHaveText('合同文本已生成，可以下载打印。')
	await expect(panel.getByTestId('generated-contract')).toContainText(/合同编号 DLT-HT-SAIWUSU-\d{4}-\d{5}，按《土地经营权出租（转包）合同》第 \d+ 版生成/)
	const deal = one<{ id: string; contractCode: string }>('SELECT id, "contractCode" FROM "Deal" WHERE "listingId" = $1', listing.id)
	const href = (await panel.getByTestId('contract-pdf-link').getAttribute('href'))!
	expect(href).toBe(`/deals/${deal.id}/contract.pdf`)
	const pdf = await page.request.get(href)
	expect(pdf.status()).toBe(200)
	expect(pdf.headers()['content-type']).toBe('application/pdf')
	expect(pdf.headers()['content-disposition']).toContain(`${deal.contractCode}.pdf`)
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
	// Nobody else: not without an account, not another buyer.
	const anonymous = await browser.newContext()
	expect((await anonymous.request.get(href, { maxRedirects: 0 })).status()).toBe(302)
	await anonymous.close()
	const stranger = await browser.newContext()
	await login('buyer', stranger)
	expect((await stranger.request.get(href)).status()).toBe(404)
	await stranger.close()

	// Generated again: the same number.
	await panel.getByRole('button', { name: '按最新示范文本重新生成' }).click()
	await expect(panel.getByTestId('generated-contract')).toContainText(deal.contractCode)

	// The signed scan: the text is fixed from now on.
	await page.getByTestId('contract-step').getByLabel('已签合同').setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: PDF })
	await page.getByRole('button', { name: '上传合同' }).click()
	await expect(page.getByRole('status').first()).toContainText('合同已上传')
	await expect(panel).toContainText('签字扫描件已上传，合同文本不再变更。')
	await expect(panel.getByRole('button')).toHaveCount(0)
	await expect(panel.getByTestId('generated-contract')).toContainText(deal.contractCode)
})

test('the administrator’s template editor: unknown placeholders refused next to the text, a new version saved and previewed', async ({ page, browser, login }) => {
	await login('admin')
	await page.goto('/admin/contracts?kind=ASSET_TRANSFER')
	await expect(page.getByRole('heading', { level: 1, name: '合同示范文本' })).toBeVisible()
	await expect(page.getByRole('link', { name: /集体资产转让合同/ })).toHaveAttribute('aria-current', 'page')
	const body = page.getByLabel('合同正文')
	const text = await body.inputValue()
	expect(text).toContain('{{contractNo}}')
	const before = versions('ASSET_TRANSFER')

	await body.fill(`${text}\n乙方代表：{{buyerName}}`)
	await page.getByRole('button', { name: '保存为新版本' }).click()
	await expect(page.getByText('未知的占位符：buyerName')).toBeVisible()
	await expect(body).toHaveAttribute('aria-invalid', 'true')
	expect(versions('ASSET_TRANSFER')).toBe(before)

	await body.fill(`${text}\n\n## 附件\n资产清单与本合同具有同等效力。`)
	await page.getByLabel('修改说明').fill('增加附件条款')
	await page.getByRole('button', { name: '保存为新版本' }).click()
	await expect(page.getByRole('status')).toContainText(`已保存为第 ${before + 1} 版`)
	expect(versions('ASSET_TRANSFER')).toBe(before + 1)
	const newest = page.getByTestId('template-versions').locator('li').first()
	await expect(newest).toContainText(`第 ${before + 1} 版`)
	await expect(newest).toContainText('增加附件条款')
	const preview = await page.request.get((await newest.getByRole('link', { name: '预览 PDF（样本数据）' }).getAttribute('href'))!)
	expect(preview.status()).toBe(200)
	expect(preview.headers()['content-type']).toBe('application/pdf')

	// Without JavaScript the server refuses the same way.
	const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' })
	await login('admin', noJs)
	const plain = await noJs.newPage()
	await plain.goto('/admin/contracts?kind=ASSET_TRANSFER')
	await plain.getByLabel('合同正文').fill('地块：{{parcels}}')
	const response = plain.waitForResponse((r) => r.request().method() === 'POST')
	await plain.getByRole('button', { name: '保存为新版本' }).click()
	expect((await response).status()).toBe(400)
	await expect(plain.getByText('{{parcels}} 必须单独占一行')).toBeVisible()
	expect(versions('ASSET_TRANSFER')).toBe(before + 1)
	await noJs.close()
})
