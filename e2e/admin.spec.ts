// The centre's administrator at work: a new town, a village in it and the village's account;
// that account logs in; it is disabled (its open session ends, its login is refused), enabled
// again and given a new password; the audit log shows every step and its hash chain verifies.
import { logout, secondBrowser, unfold } from './admin-helpers.ts'
import { expect, test } from './fixtures.ts'
import { loginWithForm } from './session.ts'

test('admin manages a town, a village and its account; the audit log records it all and verifies', async ({ page, browser, login }, testInfo) => {
	test.setTimeout(120_000)
	const suffix = `${Date.now().toString(36)}${testInfo.workerIndex}`
	const town = { name: `测试镇${suffix}`, code: `e2e-town-${suffix}` }
	const village = { name: `测试村${suffix}`, code: `e2e-village-${suffix}` }
	const account = { name: `测试村委会${suffix}`, email: `village-${suffix}@example.com`, password: 'first-pass-2026', newPassword: 'second-pass-2026' }

	await test.step('admin opens the overview', async () => {
		await login('admin')
		await page.goto('/admin')
		await expect(page.getByRole('heading', { name: '管理概览' })).toBeVisible()
		await expect(page.getByTestId('chain-status')).toContainText('哈希链完整')
	})

	await test.step('creates a town; coordinates outside China are refused next to the field', async () => {
		await page.getByRole('navigation', { name: '管理后台导航' }).getByRole('link', { name: '苏木镇与嘎查村' }).click()
		const form = await unfold(page, '新增苏木镇')
		await form.getByLabel('名称', { exact: true }).fill(town.name)
		await form.getByLabel('英文名称').fill(`Test Town ${suffix}`)
		await form.getByLabel('代码').fill(town.code)
		await form.getByLabel('类型').selectOption('SUMU')
		await form.getByLabel('纬度').fill('4.05')
		await form.getByLabel('经度').fill('109.9')
		await form.getByRole('button', { name: '新增苏木镇' }).click()
		await expect(form.getByText('坐标不在中国境内')).toBeVisible()
		await form.getByLabel('纬度').fill('40.05')
		await form.getByRole('button', { name: '新增苏木镇' }).click()
		await expect(page.getByRole('status')).toHaveText('已新增苏木镇。')
		await expect(page.getByRole('region', { name: '苏木镇' }).getByRole('rowheader', { name: town.name })).toBeVisible()
	})

	await test.step('creates a village in it, then edits its contact', async () => {
		const form = await unfold(page, '新增嘎查村')
		await form.getByLabel('所属苏木镇').selectOption({ label: town.name })
		await form.getByLabel('名称', { exact: true }).fill(village.name)
		await form.getByLabel('英文名称').fill(`Test Village ${suffix}`)
		await form.getByLabel('代码').fill(village.code)
		await form.getByLabel('纬度').fill('40.06')
		await form.getByLabel('经度').fill('109.91')
		await form.getByLabel('联系人').fill('测试主任')
		await form.getByRole('button', { name: '新增嘎查村' }).click()
		await expect(page.getByRole('status')).toHaveText('已新增嘎查村。')
		const villages = page.getByRole('region', { name: '嘎查村' })
		await villages.getByRole('link', { name: `编辑 ${village.name}` }).click()
		const edit = page.locator('#edit')
		await edit.getByLabel('联系电话').fill('0477-5000000')
		await edit.getByRole('button', { name: '保存' }).click()
		await expect(page.getByRole('status')).toHaveText('已保存嘎查村的修改。')
		await expect(villages.getByRole('row', { name: new RegExp(village.name) })).toContainText('测试主任 · 0477-5000000')
	})

	await test.step('opens a village account: refused without a village, created with one', async () => {
		await page.getByRole('navigation', { name: '管理后台导航' }).getByRole('link', { name: '账号' }).click()
		const form = await unfold(page, '开通账号')
		await form.getByLabel('姓名或单位').fill(account.name)
		await form.getByLabel('角色').selectOption('VILLAGE')
		await form.getByLabel('邮箱').fill(account.email)
		await form.getByLabel('初始密码').fill(account.password)
		await form.getByRole('button', { name: '开通账号' }).click()
		await expect(form.getByText('嘎查村账号必须选择所属嘎查村')).toBeVisible()
		await form.getByLabel('嘎查村').selectOption({ label: village.name })
		await form.getByRole('button', { name: '开通账号' }).click()
		await expect(page.getByRole('status')).toContainText('账号已开通')
		await expect(page.getByRole('heading', { name: `账号：${account.name}` })).toBeVisible()
		await expect(page.getByTestId('account-state')).toHaveText('启用')
	})
	const accountUrl = page.url().replace(/\?.*$/, '')

	const other = await secondBrowser(browser)
	try {
		await test.step('the new account logs in and lands on its workspace', async () => {
			await loginWithForm(other.page, account.email, account.password)
			await expect(other.page).toHaveURL(/\/village$/)
		})

		await test.step('admin disables it: its open session ends and its login is refused', async () => {
			await page.goto(accountUrl)
			await page.getByLabel('原因（记入审计日志）').fill('村委会换届，暂停使用')
			await page.getByRole('button', { name: '停用账号' }).click()
			await expect(page.getByRole('status')).toHaveText('账号已停用，其所有登录会话已结束。')
			await expect(page.getByTestId('account-state')).toHaveText('已停用')

			await other.page.goto('/village')
			await expect(other.page).toHaveURL(/\/login\?redirectTo=%2Fvillage/)
			await loginWithForm(other.page, account.email, account.password)
			await expect(other.page.getByRole('alert')).toHaveText(/该账号已被停用/)
			await expect(other.page).toHaveURL(/\/login/)
		})

		await test.step('admin enables it and resets its password; only the new password works', async () => {
			await page.getByRole('button', { name: '启用账号' }).click()
			await expect(page.getByRole('status')).toHaveText('账号已重新启用。')
			await page.getByLabel('新密码').fill('short')
			await page.getByRole('button', { name: '重置密码' }).click()
			await expect(page.getByText('密码至少 8 位').first()).toBeVisible()
			await page.getByLabel('新密码').fill(account.newPassword)
			await page.getByRole('button', { name: '重置密码' }).click()
			await expect(page.getByRole('status')).toHaveText('密码已重置，该账号的所有登录会话已结束。')

			await loginWithForm(other.page, account.email, account.password)
			await expect(other.page.getByRole('alert')).toHaveText(/不正确/)
			await loginWithForm(other.page, account.email, account.newPassword)
			await expect(other.page).toHaveURL(/\/village$/)
		})
		expect(other.errors, 'console errors of the second browser').toEqual([])
	} finally {
		await other.context.close()
	}

	await test.step('an admin cannot disable their own account', async () => {
		await page.goto('/admin/users?q=admin%40demo.local')
		await page.getByRole('main').getByRole('link', { name: '贾明' }).click()
		await expect(page.getByText('这是您自己的账号，不能停用。')).toBeVisible()
		await expect(page.getByRole('button', { name: '停用账号' })).toHaveCount(0)
	})

	await test.step('the audit log shows every step, and its hash chain verifies', async () => {
		await page.goto(`${accountUrl}`)
		await page.getByRole('link', { name: '在审计日志中查看' }).click()
		await expect(page).toHaveURL(/entityType=USER/)
		const log = page.getByRole('region', { name: '审计日志' })
		// Each action in the reader's language, not its code (009).
		for (const action of ['创建', '停用账号', '启用账号', '重置密码']) {
			await expect(log.getByRole('cell', { name: action, exact: true })).toBeVisible()
		}
		await expect(log).toContainText('村委会换届，暂停使用')
		await expect(log).not.toContainText(account.newPassword)

		await page.getByLabel('对象类型').selectOption('TOWN')
		await page.getByLabel('对象编号').fill('')
		await page.getByRole('button', { name: '筛选' }).click()
		await expect(page).toHaveURL(/entityType=TOWN/)
		await expect(log).toContainText(`代码：${town.code}`)

		await page.getByRole('button', { name: '校验哈希链' }).click()
		await expect(page.getByTestId('verify-result')).toHaveText(/^校验通过：共 \d+ 条记录，哈希链完整。$/)
	})
})

test('the admin pages are closed to everyone but administrators', async ({ page, login }) => {
	for (const path of ['/admin', '/admin/places', '/admin/users', '/admin/listings', '/admin/audit']) {
		await page.goto(path)
		await expect(page, path).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('redirectTo') === path)
	}
	await login('reviewerX')
	await page.goto('/review')
	await expect(page.getByRole('link', { name: '管理后台' })).toHaveCount(0)
	// Asked directly (the session cookie goes along), every admin page and action answers 403.
	for (const path of ['/admin', '/admin/places', '/admin/users', '/admin/listings', '/admin/audit']) {
		const res = await page.request.get(path, { maxRedirects: 0 })
		expect(res.status(), path).toBe(403)
	}
	const res = await page.request.post('/admin/audit', { form: { intent: 'verify' }, maxRedirects: 0 })
	expect(res.status()).toBe(403)
	await logout(page)
})

test('every listing of every status, with its reviews and audit entries', async ({ page, login }) => {
	await login('admin')
	await page.goto('/admin/listings?status=REJECTED')
	const table = page.getByRole('region', { name: '全部挂牌' })
	const row = table.getByRole('row').nth(1)
	await expect(row).toContainText('不予通过')
	await row.getByText('条审核意见').click()
	await expect(row.getByRole('listitem').first()).toBeVisible()
	await row.getByRole('link').first().click()
	await expect(page.getByTestId('listing-status')).toHaveText('不予通过')
	await expect(page.getByRole('heading', { name: '审核意见' })).toBeVisible()
	await expect(page.getByRole('heading', { name: '审计记录' })).toBeVisible()
})
