// Wanted posts (求租 / 求购, issue 13) in a real browser: a buyer posts one (absurd ranges refused
// beside their fields first, nothing saved), submits it to 树林召镇; that town's reviewer approves it
// from the queue; 树林召镇's village sees it with the contact in its workspace; the public /wanted
// shows it with the buyer masked and no phone; and when the village's matching listing is approved,
// the buyer is notified.
import { expect, test } from './fixtures.ts'
import { run } from './db.ts'
import { insertSubmittedListing } from './review-helpers.ts'
import { one } from './session.ts'

const BUYER = 'buyer2@demo.local' // 张丽华
const TITLE = `求租耕地种青贮玉米 ${Date.now().toString(36)}`
const PHONE = '13911112222'

test.describe.configure({ mode: 'serial' })

test('a buyer posts, the reviewer approves, the village sees the contact, the public sees it masked', async ({ page, browser, login }) => {
	await login(BUYER)
	await page.goto('/me')
	await page.getByRole('link', { name: '我的求租求购' }).click()
	await expect(page.getByRole('heading', { level: 1, name: '我的求租求购' })).toBeVisible()
	await page.getByRole('link', { name: '发布求租求购' }).click()
	await expect(page).toHaveURL('/me/wanted/new')

	// Absurd input first: refused next to the fields, nothing written.
	const before = one<{ n: number }>('SELECT COUNT(*) AS n FROM "WantedPost"').n
	await page.getByLabel('标题').fill(TITLE)
	await page.getByLabel('首选乡镇').selectOption({ label: '树林召镇' })
	await page.getByLabel('最小面积').fill('500')
	await page.getByLabel('最大面积').fill('200000')
	await page.getByLabel('最高预算').fill('-5')
	await page.getByLabel('年限（年）').fill('80')
	await page.getByLabel('用途').fill('种植青贮玉米，发展养殖')
	await page.getByLabel('联系电话').fill(PHONE)
	await page.getByRole('button', { name: '提交审核' }).click()
	await expect(page.getByText('面积超出合理范围（最多 10 万亩或 100 万平方米）')).toBeVisible()
	await expect(page.getByText('不能为负数')).toBeVisible()
	await expect(page.getByText('年限最长 70 年')).toBeVisible()
	expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM "WantedPost"').n).toBe(before)

	// Without JavaScript's check the server refuses the same (400), and says the minimum is above the maximum.
	const csrf = await page.locator('input[name="csrf"]').first().inputValue()
	const res = await page.request.post('/me/wanted/new', {
		form: { csrf, intent: 'submit', kind: 'RENT', title: TITLE, types: 'LAND', town: 'shulinzhao', areaUnit: 'mu', areaMin: '300', areaMax: '100', priceUnit: 'YUAN_PER_MU_YEAR', intendedUse: '种植玉米', contactPhone: PHONE },
		maxRedirects: 0,
	})
	expect(res.status()).toBe(400)
	expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM "WantedPost"').n).toBe(before)

	await page.getByLabel('最小面积').fill('100')
	await page.getByLabel('最大面积').fill('300')
	await page.getByLabel('最高预算').fill('900')
	await page.getByLabel('年限（年）').fill('10')
	await page.getByRole('button', { name: '提交审核' }).click()
	await expect(page.getByText('已提交审核，审核通过后公开。')).toBeVisible()
	await expect(page.getByTestId('wanted-status')).toHaveText('待审核')
	const id = new URL(page.url()).pathname.split('/').pop()!

	// 树林召镇's reviewer finds it in the queue and approves it.
	const reviewer = await browser.newContext()
	await login('reviewerX', reviewer)
	const rp = await reviewer.newPage()
	await rp.goto('/review')
	await rp.getByTestId('wanted-queue').getByRole('link', { name: TITLE }).click()
	await expect(rp).toHaveURL(`/review/wanted/${id}`)
	await expect(rp.getByText(PHONE)).toBeVisible()
	await rp.getByLabel('审核意见').fill('需求明确，同意发布。')
	await rp.getByRole('button', { name: '通过并发布' }).click()
	await expect(rp).toHaveURL(/\/review\?decidedWanted=/)
	await expect(rp.getByRole('status')).toContainText(TITLE)
	await reviewer.close()

	// The buyer hears of it (a fresh tab: the first one's page may still be revalidating).
	const inbox = await page.context().newPage()
	await inbox.goto('/notifications')
	await expect(inbox.getByText('求租求购信息已审核发布').first()).toBeVisible()
	await inbox.close()

	// The village of 树林召镇 sees it with the contact.
	const village = await browser.newContext()
	await login('villageA', village)
	const vp = await village.newPage()
	await vp.goto('/village')
	await vp.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '求租求购' }).click()
	await expect(vp).toHaveURL('/village/wanted')
	const card = vp.getByTestId('wanted-card').filter({ hasText: TITLE })
	await expect(card.getByTestId('wanted-contact')).toContainText(PHONE)
	await village.close()

	// The public: listed and shown, masked, without the phone.
	const visitor = await browser.newContext()
	const pub = await visitor.newPage()
	await pub.goto('/')
	await pub.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '求租求购' }).click()
	await expect(pub).toHaveURL('/wanted')
	const row = pub.getByTestId('wanted-card').filter({ hasText: TITLE })
	await expect(row.getByTestId('wanted-buyer')).toHaveText('张**')
	await row.getByRole('link', { name: TITLE }).click()
	await expect(pub.getByRole('heading', { level: 1 })).toHaveText(TITLE)
	await expect(pub.getByTestId('wanted-buyer')).toHaveText('张**')
	expect(await pub.content()).not.toContain(PHONE)
	expect(await pub.content()).not.toContain('张丽华')
	await visitor.close()
})

test('a matching listing approved by the reviewer notifies the buyer', async ({ page, browser, login }) => {
	// The post asks for farmhouses too, yearly rent up to ¥10,000: the village submits one at ¥9,000.
	const post = one<{ id: string; townId: string }>(`SELECT id, "townId" FROM "WantedPost" WHERE title = $1`, TITLE)
	run(`INSERT INTO "WantedTarget" ("wantedPostId", "townId", type, position) VALUES ($1, $2, 'FARMHOUSE', 0)`, [post.id, post.townId])
	run(`UPDATE "WantedPost" SET "areaUnit" = 'm2', "areaMin" = 100, "areaMax" = 400, "priceUnit" = 'YUAN_PER_YEAR', "budgetMax" = 10000 WHERE id = $1`, [post.id])
	const title = `院子出租（求租匹配）${Date.now().toString(36)}`
	const listing = insertSubmittedListing('village.shulinzhao@demo.local', title)

	const reviewer = await browser.newContext()
	await login('reviewerX', reviewer)
	const rp = await reviewer.newPage()
	await rp.goto(`/review/listings/${listing}`)
	await rp.getByLabel('审核意见').fill('材料齐全，同意挂牌。')
	await rp.getByRole('button', { name: '通过并发布' }).click()
	await expect(rp).toHaveURL(/\/review\?decided=/)
	await reviewer.close()

	await login(BUYER)
	await page.goto('/notifications')
	const note = page.getByRole('listitem').filter({ hasText: '有符合您需求的新挂牌' }).filter({ hasText: title })
	await expect(note).toHaveCount(1)
	await page.goto(`/me/wanted/${post.id}`)
	await expect(page.getByTestId('wanted-matches')).toContainText(title)
})
