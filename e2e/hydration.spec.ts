// What a person types before the scripts have arrived (a slow line) is still there once React has
// taken over, and it is what the form sends. React 18 put a <textarea> back to its server text
// when it hydrated (app/utils/typed-before-hydration.ts); inputs it always left alone.
import { expect, test, waitForHydration } from './fixtures.ts'
import { one } from './session.ts'

test('text typed into a textarea before hydration is kept, and sent', async ({ page, login }) => {
	await login('admin')
	// The scripts are held back until the text is typed: the page is the server's HTML meanwhile.
	let release!: () => void
	const scripts = new Promise<void>((resolve) => (release = resolve))
	await page.route('**/build/**/*.js', async (route) => {
		await scripts
		await route.continue()
	})
	await page.goto('/admin/contracts?kind=ASSET_TRANSFER', { waitUntil: 'domcontentloaded' })
	const body = page.getByLabel('合同正文')
	const title = page.getByLabel('合同标题')
	const text = await body.inputValue()
	expect(text).toContain('{{contractNo}}')
	await body.fill(`${text}\n乙方代表：{{buyerName}}`)
	await title.fill('农村集体资产转让合同（修订）')
	release()
	await waitForHydration(page)
	// Hydrated: both fields hold what was typed, not the server's text.
	await expect(body).toHaveValue(`${text}\n乙方代表：{{buyerName}}`)
	await expect(title).toHaveValue('农村集体资产转让合同（修订）')

	// And it is what the form checks: the unknown placeholder typed before hydration is refused.
	const before = Number(one<{ n: number }>(`SELECT count(*) AS n FROM "ContractTemplate" WHERE kind = 'ASSET_TRANSFER'`).n)
	await page.getByRole('button', { name: '保存为新版本' }).click()
	await expect(page.getByText('未知的占位符：buyerName')).toBeVisible()
	await expect(body).toHaveAttribute('aria-invalid', 'true')
	expect(Number(one<{ n: number }>(`SELECT count(*) AS n FROM "ContractTemplate" WHERE kind = 'ASSET_TRANSFER'`).n)).toBe(before)
})
