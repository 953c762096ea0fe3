// 确权 parcels in a real browser (issue 11): the village builds a land listing from two demo parcels
// (one clicked on the map, one ticked in the list) and sees their summed surveyed area; a second
// draft names one of them too; the first is submitted and approved; the buyer's page shows the
// parcels table and the survey badge; the second draft is then refused at submission with a link
// to the listing holding the parcel, and the picker shows that parcel as taken. /api/parcels gives
// outlines at zoom 15 and refuses zoom 8.
import { expect, test } from './fixtures.ts'
import { all } from './db.ts'
import { one } from './session.ts'

test.describe.configure({ mode: 'serial' })

type ParcelRow = { id: string; code: string; surveyedAreaM2: number; minLng: number; minLat: number; maxLng: number; maxLat: number }

const villageId = () => one<{ v: string }>(`SELECT "villageId" AS v FROM "User" WHERE email = 'village.shulinzhao@demo.local'`).v
/** The village's first two parcels by code: neighbours in the first strip of the demo survey. */
const firstTwo = () =>
	all<ParcelRow>(`SELECT id, code, "surveyedAreaM2", "minLng", "minLat", "maxLng", "maxLat" FROM "Parcel" WHERE "villageId" = $1 ORDER BY code LIMIT 2`, [villageId()])

async function fillTerms(page: import('@playwright/test').Page, title: string) {
	await page.getByLabel('标题').fill(title)
	await page.getByLabel('项目介绍').fill(`${title}：确权地块，四至清楚，通电通水，可整片流转。`)
	await page.getByLabel('挂牌价格').fill('450')
}

let listingA = ''
let listingB = ''

test('the village builds a land listing from two surveyed parcels; the area is their sum', async ({ page, login }) => {
	const [p1, p2] = firstTwo()
	expect(p1 && p2, 'the demo seed gives the village parcels').toBeTruthy()
	await login('villageA')
	await page.goto('/village/listings/new?type=LAND')
	await expect(page.getByRole('heading', { name: '确权地块' })).toBeVisible()
	await expect(page.locator('path.parcel-outline').first()).toBeVisible()

	// The first by its checkbox, the second by clicking its outline on the map.
	await page.getByRole('checkbox', { name: p1.code }).check()
	await page.locator(`path.parcel-${p2.code}`).click()
	await expect(page.getByRole('checkbox', { name: p2.code })).toBeChecked()

	const expectedMu = Math.round(((p1.surveyedAreaM2 + p2.surveyedAreaM2) / (10000 / 15)) * 100) / 100
	await expect(page.getByTestId('parcel-selection')).toContainText('已选 2 块地')
	await expect(page.getByLabel('面积（亩）')).toHaveValue(String(expectedMu))
	await expect(page.getByTestId('parcel-land-class')).not.toHaveText('请选择')

	await fillTerms(page, '新胜村 确权地块整片流转')
	await page.getByRole('button', { name: '保存草稿' }).click()
	await expect(page).toHaveURL(/\/village\/listings\/[a-z0-9]+\?notice=created/)
	listingA = new URL(page.url()).pathname.split('/').pop()!
	await expect(page.getByTestId('listing-parcels')).toContainText(p1.code)
	await expect(page.getByTestId('survey-badge').first()).toBeVisible()
	const stored = one<{ area: number; n: number }>(`SELECT area, (SELECT count(*) FROM "ListingParcel" WHERE "listingId" = $1) AS n FROM "Listing" WHERE id = $1`, listingA)
	expect(stored.area).toBeCloseTo(expectedMu, 2)
	expect(Number(stored.n)).toBe(2)

	// A second draft names the second parcel too (drafts may), then the first is submitted.
	await page.goto('/village/listings/new?type=LAND')
	// The map drawn means the page is hydrated: a box ticked before would be reset by React.
	await expect(page.locator('path.parcel-outline').first()).toBeVisible()
	await page.getByRole('checkbox', { name: p2.code }).check()
	await fillTerms(page, '新胜村 确权地块单块流转')
	await page.getByRole('button', { name: '保存草稿' }).click()
	await expect(page).toHaveURL(/notice=created/)
	listingB = new URL(page.url()).pathname.split('/').pop()!

	await page.goto(`/village/listings/${listingA}`)
	await page.getByRole('button', { name: /提交审核/ }).click()
	await expect(page).toHaveURL(/notice=submitted/)
})

test('the reviewer approves it; the buyer sees the parcels and the survey badge', async ({ page, login }) => {
	const [p1, p2] = firstTwo()
	await login('reviewerX')
	await page.goto(`/review/listings/${listingA}`)
	await expect(page.getByTestId('listing-parcels')).toContainText(p2.code)
	await page.getByLabel('审核意见').fill('确权地块编码、面积核对无误，同意挂牌。')
	await page.getByRole('button', { name: '通过并发布' }).click()
	await expect(page).toHaveURL(/status=PUBLISHED/)

	await page.context().clearCookies()
	await page.goto(`/listings/${listingA}`)
	const table = page.getByTestId('listing-parcels')
	await expect(table.getByRole('rowheader', { name: p1.code })).toBeVisible()
	await expect(table.getByRole('rowheader', { name: p2.code })).toBeVisible()
	await expect(table).toContainText('基本农田')
	await expect(page.getByTestId('survey-badge').first()).toHaveText('面积来自确权数据')
	// The surveyor's name (ZJRXM) is personal: never on the page.
	const surveyor = one<{ v: string }>(`SELECT "surveyorName" AS v FROM "Parcel" WHERE id = $1`, p1.id).v
	await expect(page.locator('main')).not.toContainText(surveyor)
})

test('listing a parcel again is refused with a link to the listing that holds it', async ({ page, login }) => {
	const [, p2] = firstTwo()
	await login('villageA')
	await page.goto(`/village/listings/${listingB}`)
	await page.getByRole('button', { name: /提交审核/ }).click()
	const held = page.getByTestId('submit-held')
	await expect(held).toContainText(`地块 ${p2.code} 已在挂牌“新胜村 确权地块整片流转”中`)
	await expect(held.getByRole('link', { name: '查看该挂牌' })).toHaveAttribute('href', `/listings/${listingA}`)
	expect(one<{ v: string }>(`SELECT status AS v FROM "Listing" WHERE id = $1`, listingB).v).toBe('DRAFT')

	// The picker shows it as taken, with the same link, and its box cannot be ticked.
	await page.goto(`/village/listings/${listingB}/edit`)
	await expect(page.getByRole('checkbox', { name: p2.code })).toBeDisabled()
	const row = page.getByTestId('parcel-list').getByRole('row').filter({ hasText: p2.code })
	await expect(row.getByRole('link', { name: '已在挂牌中' })).toHaveAttribute('href', `/listings/${listingA}`)
})

test('/api/parcels answers outlines at zoom 15 and refuses zoom 8', async ({ page }) => {
	const [p1] = firstTwo()
	const bbox = [p1.minLng - 0.002, p1.minLat - 0.002, p1.maxLng + 0.002, p1.maxLat + 0.002].join(',')
	const res = await page.request.get(`/api/parcels?bbox=${bbox}&zoom=15`)
	expect(res.status()).toBe(200)
	const body = (await res.json()) as { features: Array<{ properties: { code: string }; geometry: { type: string } }> }
	expect(body.features.map((f) => f.properties.code)).toContain(p1.code)
	expect(body.features[0].geometry.type).toMatch(/Polygon/)
	expect((await page.request.get(`/api/parcels?bbox=${bbox}&zoom=8`)).status()).toBe(400)
	expect((await page.request.get(`/api/parcels?bbox=109,39,111,41&zoom=15`)).status()).toBe(400)

	// On the map at zoom 15 the layer draws them (on a canvas: the page still works without tiles).
	const c = [(p1.minLng + p1.maxLng) / 2, (p1.minLat + p1.maxLat) / 2]
	await page.goto(`/?bbox=${[c[0] - 0.01, c[1] - 0.006, c[0] + 0.01, c[1] + 0.006].join(',')}`)
	await expect(page.getByTestId('parcels-layer')).toHaveAttribute('data-state', 'shown')
	await expect(page.locator('.leaflet-parcels-pane canvas')).toHaveCount(1)
})
