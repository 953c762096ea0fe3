// The administrator imports a 确权 parcel layer: a file with a broken .prj is refused with its
// reason; the sample shapefile (EPSG:4546, GBK attributes) previews with its counts, its Chinese
// names and a map; once its two employer codes are matched to villages it commits and the progress
// finishes; importing the same file again reports every parcel unchanged and adds nothing.
import path from 'node:path'
import { one } from './db.ts'
import { expect, test } from './fixtures.ts'

const FIXTURES = path.resolve('tests/fixtures/imports')
const SAMPLE_CODES = '1506211002%'
const parcelCount = () => one<{ n: number }>(`SELECT COUNT(*) AS n FROM "Parcel" WHERE "code" LIKE $1`, [SAMPLE_CODES]).n

test('admin imports the sample shapefile, commits it, and a re-import adds nothing', async ({ page, login }) => {
	test.setTimeout(120_000)
	await login('admin')
	const before = parcelCount()

	await test.step('a broken .prj is refused with its reason, nothing staged', async () => {
		await page.goto('/admin')
		await page.getByRole('navigation', { name: '管理后台导航' }).getByRole('link', { name: '确权地块导入' }).click()
		await expect(page.getByRole('heading', { name: '确权地块导入' })).toBeVisible()
		await page.getByLabel('地块文件').setInputFiles(path.join(FIXTURES, 'broken-prj.zip'))
		await page.getByRole('button', { name: '上传并预览' }).click()
		await expect(page.getByRole('alert')).toContainText('.prj 文件无法识别为坐标系定义（内容为“坐标系：不详”）')
		expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM "DataImport" WHERE "fileName" = $1`, ['broken-prj.zip']).n).toBe(0)
	})

	await test.step('the sample previews: counts, Chinese names, CRS, the map', async () => {
		await page.getByLabel('地块文件').setInputFiles(path.join(FIXTURES, 'parcels-4546.zip'))
		await page.getByRole('button', { name: '上传并预览' }).click()
		await expect(page.getByRole('heading', { name: '导入预览：parcels-4546.zip' })).toBeVisible()
		const counts = page.getByTestId('import-counts')
		await expect(counts).toContainText('要素总数12')
		await expect(counts).toContainText('新增12')
		await expect(page.getByText('EPSG:4546')).toBeVisible()
		await expect(page.getByRole('region', { name: /地块示例/ }).getByRole('cell', { name: '新胜村河滩地1号' })).toBeVisible()
		await expect(page.getByRole('region', { name: '将导入的地块地图' })).toBeVisible()
		await expect(page.locator('path.import-parcel')).toHaveCount(12)
		await expect(page.getByText('所有要素都通过了检查。')).toBeVisible()
	})

	await test.step('the employers are matched to villages, then the import commits', async () => {
		await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled()
		await page.getByLabel('所属村 15062110020101').selectOption({ label: '树林召镇 · 新胜村' })
		await page.getByLabel('所属村 15062110020201').selectOption({ label: '树林召镇 · 柳林村' })
		await page.getByRole('button', { name: '保存并重新检查' }).click()
		await expect(page.getByText('已按新的对应关系重新检查。')).toBeVisible()
		await page.getByRole('button', { name: '确认导入' }).click()
		await expect(page.getByTestId('import-result')).toHaveText('已导入：新增 12 个，更新 0 个，无变化 0 个。', { timeout: 30_000 })
		expect(parcelCount()).toBe(before + 12)
		const parcel = one<{ name: string; villageName: string }>(
			`SELECT p."name", v."name" AS "villageName" FROM "Parcel" p JOIN "Village" v ON v."id" = p."villageId" WHERE p."code" = $1`,
			['1506211002010100001'],
		)
		expect(parcel).toEqual({ name: '新胜村河滩地1号', villageName: '新胜村' })
	})

	await test.step('the same file again: all unchanged, nothing added', async () => {
		await page.goto('/admin/imports/parcels')
		await page.getByLabel('地块文件').setInputFiles(path.join(FIXTURES, 'parcels-4546.zip'))
		await page.getByRole('button', { name: '上传并预览' }).click()
		const counts = page.getByTestId('import-counts')
		await expect(counts).toContainText('新增0')
		await expect(counts).toContainText('无变化12')
		await expect(page.getByText('没有需要写入的地块')).toBeVisible()
		await page.getByRole('button', { name: '确认导入' }).click()
		await expect(page.getByTestId('import-result')).toHaveText('已导入：新增 0 个，更新 0 个，无变化 12 个。', { timeout: 30_000 })
		expect(parcelCount()).toBe(before + 12)
	})
})
