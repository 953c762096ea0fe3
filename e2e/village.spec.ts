// The village workspace in real Chromium: a farmhouse with a photo, a land plot drawn on the map
// with its area shown before saving, and a collective asset whose 四议两公开 record is refused
// until complete; each submitted, and none of them public. Plus the same without JavaScript.
import type { APIRequestContext, Page } from '@playwright/test'
import sharp from 'sharp'
import { BANNER_BBOX, expect, test } from './fixtures.ts'

const VILLAGE = 'village.shulinzhao@demo.local'

async function png(width = 640, height = 480) {
	return sharp({ create: { width, height, channels: 3, background: { r: 190, g: 120, b: 60 } } })
		.png()
		.toBuffer()
}

async function startListing(page: Page, typeLabel: string, title: string) {
	await page.goto('/village/listings/new')
	// In the page's main part: the footer has links starting with a type's name too (土地成交价).
	await page.getByRole('main').getByRole('link', { name: new RegExp(`^${typeLabel}`) }).click()
	await expect(page).toHaveURL(/type=/)
	await page.getByLabel('标题').fill(title)
	await page.getByLabel('项目介绍').fill(`${title}：测试用的项目介绍，位置和现状都写清楚。`)
	await expect(page.getByTestId('map-picker').locator('.leaflet-container')).toBeVisible()
}

async function save(page: Page) {
	await page.getByRole('button', { name: '保存草稿' }).click()
	await expect(page).toHaveURL(/\/village\/listings\/[a-z0-9]+\?notice=created/)
	return new URL(page.url()).pathname.split('/').pop()!
}

async function submit(page: Page) {
	await page.getByRole('button', { name: /提交审核/ }).click()
	await expect(page.getByText('已提交审核，请等待苏木镇党委审核。')).toBeVisible()
	await expect(page.getByTestId('status-badge')).toHaveText('待审核')
}

async function expectNotPublic(request: APIRequestContext, id: string) {
	const res = await request.get(`/api/listings?bbox=${BANNER_BBOX}&zoom=18`)
	expect(res.ok()).toBe(true)
	const body = (await res.json()) as { features: { properties: { id?: string } }[] }
	expect(body.features.length).toBeGreaterThan(0)
	expect(body.features.map((f) => f.properties.id)).not.toContain(id)
	expect((await request.get(`/listings/${id}`)).status()).toBe(404)
}

test('a village lists a farmhouse with a photo and submits it; it is not public', async ({ page, request, login }) => {
	await login(VILLAGE)
	await startListing(page, '农家院子', 'e2e 临街农家院子出租')
	await page.getByTestId('map-picker').click({ position: { x: 220, y: 160 } })
	await expect(page.getByTestId('map-picker-status')).toContainText('北纬')
	await page.getByLabel('面积（平方米）').fill('360')
	await page.getByLabel('挂牌价格').fill('12000')
	// A farmhouse can only be leased or used in cooperation.
	await expect(page.getByLabel('流转方式').locator('option')).toHaveText(['出租', '合作'])
	const id = await save(page)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('e2e 临街农家院子出租')
	await expect(page.getByTestId('status-badge')).toHaveText('草稿')

	// A file that claims to be a JPEG but is text is refused by the server with a message.
	await page.getByLabel('选择照片').setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not an image at all') })
	await page.getByRole('button', { name: '上传照片' }).click()
	await expect(page.getByTestId('photo-problem')).toHaveText('这不是有效的 JPEG、PNG 或 WebP 图片。')
	// An oversized file is refused before it is sent.
	await page.getByLabel('选择照片').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(11 * 1024 * 1024, 1) })
	await page.getByRole('button', { name: '上传照片' }).click()
	await expect(page.getByTestId('photo-problem')).toContainText('照片太大了')
	// A real PNG goes up with a progress bar and appears in the list.
	await page.getByLabel('选择照片').setInputFiles({ name: 'yard.png', mimeType: 'image/png', buffer: await png() })
	await page.getByLabel('说明（可不填）').fill('院子正面')
	// Held back a moment so the progress bar can be seen while the upload is under way.
	await page.route('**/photos', async (route) => {
		await new Promise((r) => setTimeout(r, 700))
		await route.continue()
	})
	await page.getByRole('button', { name: '上传照片' }).click()
	await expect(page.getByTestId('upload-progress')).toBeVisible()
	await expect(page.getByRole('button', { name: '正在上传…' })).toBeDisabled()
	await expect(page.getByTestId('photo-list').getByRole('listitem')).toHaveCount(1)
	await expect(page.getByText('照片已上传。')).toBeVisible()
	await expect(page.getByTestId('photo-list').getByRole('img', { name: '院子正面' })).toBeVisible()

	await submit(page)
	// Nothing can be changed while it is under review.
	await expect(page.getByRole('link', { name: '修改', exact: true })).toHaveCount(0)
	await expect(page.getByRole('button', { name: /删除第/ })).toHaveCount(0)
	await expectNotPublic(request, id)

	// The workspace lists it as awaiting review.
	await page.goto('/village?status=SUBMITTED')
	await expect(page.getByTestId('village-listings')).toContainText('e2e 临街农家院子出租')
})

test('a village draws a land plot, sees its area in mu before saving, and submits it', async ({ page, request, login }) => {
	await login(VILLAGE)
	await startListing(page, '土地', 'e2e 水浇地经营权流转')
	// The village has 确权 parcels, so the form offers them first; this plot has no survey data.
	await page.getByRole('radio', { name: /^手绘边界/ }).check()
	const map = page.getByTestId('map-picker')
	const status = page.getByTestId('map-picker-status')
	// A bow tie crosses itself: the problem shows before saving.
	for (const [x, y] of [
		[150, 100],
		[350, 280],
		[350, 100],
		[150, 280],
	]) {
		await map.click({ position: { x, y } })
	}
	await expect(status).toHaveText('边界线自相交叉，请按顺序沿地块边缘点击各拐点')
	await page.getByRole('button', { name: '清除' }).click()
	await expect(status).toHaveText('尚未画出地块边界。')

	for (const [x, y] of [
		[150, 100],
		[350, 100],
		[350, 280],
		[150, 280],
	]) {
		await map.click({ position: { x, y } })
	}
	await expect(status).toContainText('面积约')
	await expect(status).toContainText('亩（4 个拐点）')
	const shown = Number((await status.textContent())!.match(/面积约 ([\d,.]+) 亩/)![1].replace(/,/g, ''))
	expect(shown).toBeGreaterThan(1)
	// The area field follows the drawing and cannot be typed over.
	const area = page.getByLabel('面积（亩）')
	await expect(area).toHaveAttribute('readonly', '')
	// It follows the status a render later: read once, it could still hold the 3-corner area (seen under load).
	await expect.poll(async () => Number(await area.inputValue())).toBeCloseTo(shown, 1)
	// Undo and redo the last corner: the area comes back.
	await page.getByRole('button', { name: '撤销上一点' }).click()
	await expect(status).toContainText('面积约')
	await expect(status).toContainText('3 个拐点')
	await map.click({ position: { x: 150, y: 280 } })
	await page.getByRole('button', { name: '完成' }).click()
	await expect(status).toContainText('4 个拐点')

	await page.getByLabel('土地类别').selectOption('CROPLAND')
	await page.getByLabel('挂牌价格').fill('380')
	await page.getByLabel('流转期限（年，可不填）').fill('10')
	const id = await save(page)
	const facts = page.getByRole('region', { name: '挂牌信息' })
	await expect(facts).toContainText('亩')
	await expect(facts).toContainText('耕地')
	await submit(page)
	await expectNotPublic(request, id)
})

test('a collective asset is refused without a complete 四议两公开 record， then submitted', async ({ page, login }) => {
	await login(VILLAGE)
	await startListing(page, '集体资产', 'e2e 村集体闲置仓库出租')
	// Placed from the keyboard: pan with the arrow keys, then place at the crosshair.
	await page.getByTestId('map-picker').locator('.leaflet-container').focus()
	await page.keyboard.press('ArrowUp')
	await page.getByRole('button', { name: '把位置设在准星处' }).click()
	await expect(page.getByTestId('map-picker-status')).toContainText('北纬')
	await expect(page.getByTestId('map-picker').locator('.listing-marker')).toBeVisible()
	await page.getByLabel('面积（平方米）').fill('800')
	await page.getByLabel('挂牌价格').fill('30000')
	await save(page)

	// No record at all: refused, and told why.
	await page.getByRole('button', { name: '提交审核' }).click()
	await expect(page.getByRole('alert').filter({ hasText: '不能提交' })).toContainText('集体资产还没有“四议两公开”记录')
	await expect(page.getByTestId('status-badge')).toHaveText('草稿')

	// An incomplete and wrong record: saved, with exactly what is wrong next to each field.
	const decision = page.locator('#decision')
	await decision.getByLabel('党支部提议日期').fill('2025-03-10')
	await decision.getByLabel('两委会商议日期').fill('2025-03-05')
	await decision.getByLabel('党员大会审议日期').fill('2025-03-15')
	await decision.getByLabel('应到党员人数').fill('30')
	await decision.getByLabel('出席党员人数').fill('19')
	await decision.getByLabel('党员赞成票数').fill('15')
	await decision.getByLabel('应到村民（代表）人数').fill('25')
	await decision.getByLabel('出席村民（代表）人数').fill('20')
	await decision.getByLabel('村民（代表）赞成票数').fill('10')
	await decision.getByRole('button', { name: '保存“四议两公开”记录' }).click()
	await expect(page.getByText('“四议两公开”记录已保存。')).toBeVisible()
	await expect(page.getByTestId('problem-committeeDate')).toHaveText('两委会商议日期不能早于党支部提议日期')
	await expect(page.getByTestId('problem-partyMembersPresent')).toHaveText('出席党员 19 人，不足应到 30 人的三分之二（至少 20 人）')
	await expect(page.getByTestId('problem-villagersVotesFor')).toHaveText('赞成 10 票，未超过出席 20 人的半数（至少 11 票）')
	await expect(page.getByTestId('problem-villagersMeetingDate')).toHaveText('请填写村民（代表）会议决议日期')
	await expect(page.getByTestId('problem-resolutionText')).toHaveText('决议内容至少 10 个字')
	await expect(page.getByTestId('problem-resolutionPublicDate')).toHaveText('请填写决议公开日期')

	await page.getByRole('button', { name: '提交审核' }).click()
	const refusal = page.getByTestId('submit-problems')
	await expect(refusal).toContainText('出席党员 19 人，不足应到 30 人的三分之二（至少 20 人）')
	await expect(refusal).toContainText('两委会商议日期不能早于党支部提议日期')
	await expect(page.getByTestId('status-badge')).toHaveText('草稿')

	// Completed and corrected: accepted.
	await decision.getByLabel('两委会商议日期').fill('2025-03-12')
	await decision.getByLabel('出席党员人数').fill('26')
	await decision.getByLabel('党员赞成票数').fill('24')
	await decision.getByLabel('村民（代表）会议决议日期').fill('2025-03-20')
	await decision.getByLabel('村民（代表）赞成票数').fill('18')
	await decision.getByLabel('决议内容').fill('经村民代表会议表决，同意将村集体闲置仓库公开出租，租期五年，收益归村集体。')
	await decision.getByLabel('决议公开日期').fill('2025-03-22')
	await decision.getByRole('button', { name: '保存“四议两公开”记录' }).click()
	await expect(page.getByText('记录完整，符合规定。')).toBeVisible()
	await expect(page.locator('[data-testid^="problem-"]')).toHaveCount(0)
	await submit(page)
	// Under review the record is shown, no longer editable.
	await expect(decision.getByRole('button', { name: '保存“四议两公开”记录' })).toHaveCount(0)
	await expect(decision).toContainText('2025年3月22日')
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a land listing from a pasted boundary, a photo by a plain form post, and submission', async ({ page, request, login }) => {
		await login(VILLAGE)
		await page.goto('/village/listings/new?type=LAND')
		await page.getByLabel('标题').fill('e2e 无脚本草地流转')
		await page.getByLabel('项目介绍').fill('没有 JavaScript 也能挂牌：粘贴 GeoJSON 边界，面积自动计算。')
		// A self-intersecting boundary is refused with a message next to it.
		await page
			.getByLabel('地块边界（GeoJSON）')
			.fill('{"type":"Polygon","coordinates":[[[110.0,40.40],[110.01,40.41],[110.01,40.40],[110.0,40.41],[110.0,40.40]]]}')
		await page.getByLabel('土地类别').selectOption('GRASSLAND')
		await page.getByLabel('挂牌价格').fill('60')
		await page.getByRole('button', { name: '保存草稿' }).click()
		await expect(page.getByText('边界线自相交叉，请按顺序沿地块边缘点击各拐点')).toBeVisible()
		await expect(page.getByText('有 1 项需要修改')).toBeVisible()

		await page
			.getByLabel('地块边界（GeoJSON）')
			.fill('{"type":"Polygon","coordinates":[[[110.0,40.40],[110.01,40.40],[110.01,40.41],[110.0,40.41],[110.0,40.40]]]}')
		await page.getByRole('button', { name: '保存草稿' }).click()
		await expect(page).toHaveURL(/notice=created/)
		const id = new URL(page.url()).pathname.split('/').pop()!
		// About 1.1 km × 0.85 km ≈ 94 ha ≈ 1,400 mu.
		const facts = page.getByRole('region', { name: '挂牌信息' })
		await expect(facts).toContainText(/1,[34]\d\d(\.\d+)? 亩/)

		await page.getByLabel('选择照片').setInputFiles({ name: 'field.png', mimeType: 'image/png', buffer: await png(320, 240) })
		await page.getByRole('button', { name: '上传照片' }).click()
		await expect(page).toHaveURL(/photo=added/)
		await expect(page.getByTestId('photo-list').getByRole('listitem')).toHaveCount(1)
		// Deleted by a plain form post, then uploaded again.
		await page.getByRole('button', { name: '删除第 1 张照片' }).click()
		await expect(page.getByText('照片已删除。')).toBeVisible()
		await expect(page.getByTestId('photo-list').getByRole('listitem')).toHaveCount(0)
		await page.getByLabel('选择照片').setInputFiles({ name: 'field.png', mimeType: 'image/png', buffer: await png(320, 240) })
		await page.getByRole('button', { name: '上传照片' }).click()
		await expect(page.getByTestId('photo-list').getByRole('listitem')).toHaveCount(1)

		await submit(page)
		await expectNotPublic(request, id)
	})
})

test('another village sees none of it: its listing pages are 404', async ({ page, browser, login }) => {
	await login(VILLAGE)
	await page.goto('/village')
	const path = (await page.getByTestId('village-listings').getByRole('link').first().getAttribute('href'))!
	expect(path).toMatch(/^\/village\/listings\/[a-z0-9]+$/)
	expect((await page.goto(path))?.status()).toBe(200)
	const other = await browser.newContext()
	await login('villageB', other)
	const otherPage = await other.newPage()
	expect((await otherPage.goto(path))?.status()).toBe(404)
	expect((await otherPage.goto(`${path}/edit`))?.status()).toBe(404)
	// Nor can it act on it, even with a valid token of its own.
	await otherPage.goto('/village')
	const csrf = (await otherPage.locator('input[name="csrf"]').first().getAttribute('value'))!
	for (const intent of ['submit', 'withdraw', 'save-decision', 'delete-photo']) {
		const res = await otherPage.request.post(path, { form: { csrf, intent, reason: '测试撤牌原因', photoId: 'x' }, maxRedirects: 0 })
		expect(res.status(), intent).toBe(404)
	}
	const upload = await otherPage.request.post(`${path}/photos`, {
		multipart: { csrf, photo: { name: 'a.png', mimeType: 'image/png', buffer: await png(64, 64) } },
		headers: { Accept: 'application/json' },
		maxRedirects: 0,
	})
	expect(upload.status()).toBe(404)
	await other.close()
})
