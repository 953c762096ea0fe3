// Notifications beyond the web page (issue 12, decision 032) in a real browser: a buyer turns the
// e-mail of one kind off on /notifications/settings (with and without JavaScript), and the server's
// delivery run then e-mails the kinds left on (the e2e servers' log sender writes the messages to
// a file) and not the one turned off; the web page keeps both.
import crypto from 'node:crypto'
import fs from 'node:fs'
import { run } from './db.ts'
import { expect, test } from './fixtures.ts'
import { ACCOUNTS, one } from './session.ts'

type Logged = { channel: string; to: string; subject: string; text: string; kind: string }
const logged = (): Logged[] => {
	const file = process.env.E2E_NOTIFY_LOG!
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Logged) : []
}

/** A notification as any part of the platform writes it (notify()): kind and parameters, delivery pending. */
function notifyBuyer(kind: string, params: Record<string, unknown>) {
	const user = one<{ id: string }>('SELECT id FROM "User" WHERE email = $1', ACCOUNTS.buyer)
	run(`INSERT INTO "Notification" (id, "userId", kind, params, link, "createdAt", "deliveryAttempts") VALUES ($1, $2, $3, $4, NULL, $5, 0)`, [`e2e${crypto.randomBytes(10).toString('hex')}`, user.id, kind, JSON.stringify(params), new Date()])
}

test('a buyer turns one kind’s e-mail off; the delivery run e-mails the others and not that one', async ({ page, login, browser }) => {
	// The buyer last read the site in Chinese (another spec of this worker may have switched it to English).
	run(`UPDATE "User" SET locale = 'zh' WHERE email = $1`, [ACCOUNTS.buyer])
	await login('buyer')
	await page.goto('/notifications')
	await page.getByTestId('notification-settings-link').click()
	await expect(page.getByRole('heading', { level: 1, name: '通知设置' })).toBeVisible()
	await expect(page.getByTestId('contact')).toContainText(ACCOUNTS.buyer)
	await expect(page.getByText('您的账号没有手机号码')).toBeVisible()
	const receivedEmail = page.getByRole('checkbox', { name: '保证金已确认，可以出价：电子邮件' })
	const refundedEmail = page.getByRole('checkbox', { name: '保证金已退还：电子邮件' })
	await expect(receivedEmail).toBeChecked()
	await expect(page.getByRole('checkbox', { name: '保证金已退还：短信' })).not.toBeChecked()
	await receivedEmail.uncheck()
	await page.getByRole('button', { name: '保存设置' }).click()
	await expect(page.getByRole('status').filter({ hasText: '通知设置已保存。' })).toBeVisible()
	await page.reload()
	await expect(receivedEmail).not.toBeChecked()
	await expect(refundedEmail).toBeChecked()

	const listing = `e2e 通知 ${crypto.randomBytes(3).toString('hex')}`
	notifyBuyer('deposit-received', { listingId: 'x', listing })
	notifyBuyer('deposit-refunded', { listingId: 'x', listing, deposit: 2000 })
	// The delivery run goes every 10 s in the sweeping process.
	await expect.poll(() => logged().filter((m) => m.text.includes(listing)).map((m) => [m.channel, m.to, m.kind]), { timeout: 30_000 }).toEqual([['email', ACCOUNTS.buyer, 'deposit-refunded']])
	expect(logged().find((m) => m.text.includes(listing))?.subject).toContain('保证金已退还')
	await page.goto('/notifications')
	await expect(page.locator('main')).toContainText('保证金已确认，可以出价')

	// Without JavaScript the form saves the same way; a forged field is refused.
	const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' })
	await login('buyer', noJs)
	const plain = await noJs.newPage()
	await plain.goto('/notifications/settings')
	await plain.getByRole('checkbox', { name: '保证金已确认，可以出价：电子邮件' }).check()
	await plain.getByRole('button', { name: '保存设置' }).click()
	await expect(plain.getByRole('status').filter({ hasText: '通知设置已保存。' })).toBeVisible()
	await expect(plain.getByRole('checkbox', { name: '保证金已确认，可以出价：电子邮件' })).toBeChecked()
	const csrf = (await plain.locator('input[name=csrf]').first().inputValue())!
	const forged = await plain.request.post('/notifications/settings', { form: { csrf, intent: 'save', 'email:not-a-kind': 'on' } })
	expect(forged.status()).toBe(400)
	await noJs.close()
})

test('after switching the site to English, the e-mails go out in English', async ({ page, login }) => {
	await login('buyer')
	await page.goto('/notifications/settings')
	await page.getByRole('button', { name: /English/ }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Notification settings' })).toBeVisible()
	await expect.poll(() => one<{ locale: string | null }>('SELECT locale FROM "User" WHERE email = $1', ACCOUNTS.buyer).locale).toBe('en')
	const listing = `e2e language ${crypto.randomBytes(3).toString('hex')}`
	notifyBuyer('deposit-refunded', { listingId: 'x', listing, deposit: 2000 })
	await expect.poll(() => logged().find((m) => m.text.includes(listing))?.subject, { timeout: 30_000 }).toBe('[Shulinzhao Town Rural Property Service Centre] Your deposit was refunded')
	// Back to Chinese for the other tests of this worker.
	await page.getByRole('button', { name: /中文/ }).click()
	await expect.poll(() => one<{ locale: string | null }>('SELECT locale FROM "User" WHERE email = $1', ACCOUNTS.buyer).locale).toBe('zh')
})
