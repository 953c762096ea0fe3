import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import type { AxeResults } from 'axe-core'
import { matchesPattern, NOT_PAGES, PAGES, routeIds, routePattern } from './a11y-pages.ts'
import { expect, test, waitForHydration, waitForMap } from './fixtures.ts'
import { run } from './db.ts'
import { ACCOUNTS, csrfToken, one, type Who } from './session.ts'

test('every route file is in the accessibility page list or has a reason not to be', () => {
	const ids = routeIds()
	const missing = ids.filter((id) => !(id in PAGES) && !(id in NOT_PAGES))
	expect(missing, 'route files with no entry in e2e/a11y-pages.ts').toEqual([])
	const stale = [...Object.keys(PAGES), ...Object.keys(NOT_PAGES)].filter((id) => !ids.includes(id))
	expect(stale, 'entries in e2e/a11y-pages.ts with no route file').toEqual([])
	const both = Object.keys(PAGES).filter((id) => id in NOT_PAGES)
	expect(both).toEqual([])
})

test('the route pattern reader follows the flat-route naming', () => {
	expect(routePattern('_index')).toBe('/')
	expect(routePattern('$')).toBe('/*')
	expect(routePattern('review.deals_.$id')).toBe('/review/deals/:id')
	expect(routePattern('listings.$id_.bid[.]json')).toBe('/listings/:id/bid.json')
	expect(matchesPattern('/review/deals/:id', '/review/deals/abc')).toBe(true)
	expect(matchesPattern('/review/deals/:id', '/review/deals')).toBe(false)
	expect(matchesPattern('/*', '/a/b')).toBe(true)
})

/**
 * The demo data has no notifications; the buyer gets an unread and a read one (fixed ids, so the
 * parallel runs add them once) so /notifications is checked with both of its looks.
 */
function seedNotifications() {
	const { id } = one<{ id: string }>('SELECT id FROM "User" WHERE email = $1', ACCOUNTS.buyer)
	const insert = (noteId: string, body: string, readAt: Date | null, at: Date) =>
		run(
			`INSERT INTO "Notification" (id, "userId", kind, title, body, link, "readAt", "createdAt") VALUES ($1, $2, 'bidding-failed', '竞价流拍', $3, '/', $4, $5) ON CONFLICT DO NOTHING`,
			[noteId, id, body, readAt, at],
		)
	const at = new Date()
	insert('a11y-unread', '无障碍检查：未读通知', null, at)
	insert('a11y-read', '无障碍检查：已读通知', at, at)
}

/** axe-core's own build, read once and put into each audited page. */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * The audit every page gets: axe's default rules, none disabled (decision 010), in one `axe.run`
 * in the page (the pages have no frames). Only violations are reported in full: every rule still
 * runs on every node, but the details of the passing nodes are not built (decision 024). axe-core
 * is put into the page here, once per audit: @axe-core/playwright's legacy mode sent its 550 KB
 * twice per audit, and cost 0.4–0.5 s more per page than this (decision 047).
 */
async function audit(page: Page) {
	await page.evaluate(AXE_SOURCE)
	const violations = await page.evaluate(async () => {
		const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }
		const results = await axe.run(document, { resultTypes: ['violations'] })
		return results.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }))
	})
	return violations.map((v) => `${v.id} (${v.impact}, ${v.targets.length}): ${v.targets.slice(0, 4).join(' | ')}`)
}

// The audits run on SQLite; the PostgreSQL run (npm run test:pg) visits every page of every role
// once, at one size and in one language, that each answers as it should on that engine: an audit
// reads the page the browser draws, which the engine does not change (decision 024).
const AUDIT = !process.env.TEST_POSTGRES_URL

test('the audit fails on a real violation', async ({ page }) => {
	test.skip(!AUDIT, 'the audits run on SQLite')
	await page.goto('/login')
	await settle(page)
	expect(await audit(page)).toEqual([])
	await page.evaluate(() => {
		const main = document.querySelector('main') ?? document.body
		main.insertAdjacentHTML(
			'beforeend',
			'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-a11y-probe><input type="text" data-a11y-probe><p data-a11y-probe style="color:#bbb;background:#fff">low contrast</p>',
		)
	})
	const found = (await audit(page)).map((v) => v.split(' ')[0])
	expect(found).toEqual(expect.arrayContaining(['image-alt', 'label', 'color-contrast']))
})

/** Waits for React to take over the server HTML, and for what the page draws only in the browser. */
async function settle(page: Page) {
	await waitForHydration(page)
	if (await page.locator('[data-testid="listing-list"]').count()) await waitForMap(page)
}

const VIEWPORTS = {
	desktop: { viewport: { width: 1440, height: 900 } },
	phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const
const ROLES: Who[] = ['anonymous', 'buyer', 'villageA', 'villageB', 'reviewerX', 'admin']

for (const [name, viewport] of Object.entries(VIEWPORTS).filter(([name]) => AUDIT || name === 'desktop')) {
	test.describe(`axe on every page, ${name}`, () => {
		test.use(viewport)
		for (const who of ROLES) {
			// Chinese at both sizes; English, the same markup with other words, at one (the phone's
			// menus and switches are audited in Chinese).
			for (const lng of AUDIT && name === 'desktop' ? (['zh', 'en'] as const) : (['zh'] as const)) {
				test(`${who}, ${lng}: ${AUDIT ? 'no violations' : 'every page answers'}`, async ({ page, context, login }) => {
					const visits = Object.values(PAGES)
						.flat()
						.filter((v) => v.who === who)
					// Each axe run takes a few seconds on a busy machine.
					test.setTimeout(60_000 + visits.length * 20_000)
					if (who !== 'anonymous') await login(who)
					if (who === 'buyer') seedNotifications()
					const res = await context.request.post('/language', { form: { csrf: await csrfToken(context.request), lng, redirectTo: '/' }, maxRedirects: 0 })
					expect(res.status()).toBe(302)
					const found: string[] = []
					for (const [id, visits] of Object.entries(PAGES)) {
						for (const visit of visits.filter((v) => v.who === who)) {
							const url = visit.url()
							expect(matchesPattern(routePattern(id), new URL(url, 'http://x').pathname), `${url} is a URL of ${id}`).toBe(true)
							const response = await page.goto(url)
							expect(response?.status(), url).toBe(visit.status ?? 200)
							await expect(page.locator('html')).toHaveAttribute('lang', lng === 'en' ? 'en' : 'zh-CN')
							await settle(page)
							if (AUDIT) for (const v of await audit(page)) found.push(`${url} ${v}`)
						}
					}
					expect(found).toEqual([])
				})
			}
		}
	})
}
