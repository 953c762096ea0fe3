// The certificate's print log (issue 12): the print button numbers each print; every print after
// the first is marked 补打 with its number; the certificate carries the QR code of its /verify
// address; only the deal's parties may print.
import { all, one } from './db.ts'
import { expect, test } from './fixtures.ts'

test('printing a certificate logs each copy; a re-print is marked 补打; the QR code is there', async ({ page, login, browser, server }) => {
	const { no, id } = one<{ no: string; id: string }>(`SELECT "certificateNo" AS no, id FROM "Deal" WHERE status = 'COMPLETED' AND "certificateNo" IS NOT NULL ORDER BY "certifiedAt" DESC, id LIMIT 1`)
	const before = all<{ copy: number }>(`SELECT copy FROM "CertificatePrint" WHERE "dealId" = $1`, [id]).length
	await login('admin')
	await page.goto(`/certificates/${no}`)
	await expect(page.getByTestId('certificate-qr').locator('svg path, svg rect').first()).toBeAttached()
	await expect(page.getByRole('img', { name: '扫码核验' })).toBeVisible()
	await page.getByRole('button', { name: '打印' }).click()
	await expect(page).toHaveURL(new RegExp(`/certificates/${no}\\?copy=${before + 1}$`))
	if (before === 0) await expect(page.getByTestId('reprint-mark')).toHaveCount(0)
	await page.getByRole('button', { name: '打印' }).click()
	await expect(page).toHaveURL(new RegExp(`\\?copy=${before + 2}$`))
	await expect(page.getByTestId('reprint-mark')).toHaveText(`补打（第 ${before + 1} 次）`)
	await expect(page.getByTestId('print-count')).toContainText(`已打印 ${before + 2} 次`)
	expect(all<{ copy: number }>(`SELECT copy FROM "CertificatePrint" WHERE "dealId" = $1 ORDER BY copy`, [id]).map((r) => r.copy)).toEqual(Array.from({ length: before + 2 }, (_, i) => i + 1))
	// A copy number nobody printed is not drawn as one.
	await page.goto(`/certificates/${no}?copy=99`)
	await expect(page.getByTestId('reprint-mark')).toHaveCount(0)

	// Someone who is not a party: the page and the print are both a 404, and nothing is logged.
	const other = await browser.newContext({ baseURL: server.baseURL })
	const outsider = one<{ email: string }>(
		`SELECT email FROM "User" WHERE role = 'BUYER' AND email LIKE 'buyer%@demo.local' AND id <> COALESCE((SELECT "buyerId" FROM "Deal" WHERE id = $1), '') ORDER BY email LIMIT 1`,
		[id],
	).email as `${string}@${string}`
	await login(outsider, other)
	const res = await other.request.get(`/certificates/${no}`, { failOnStatusCode: false })
	expect(res.status()).toBe(404)
	await other.close()
	expect(all(`SELECT copy FROM "CertificatePrint" WHERE "dealId" = $1`, [id])).toHaveLength(before + 2)
})
