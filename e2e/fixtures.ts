import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import { collectConsoleErrors } from './console-errors.ts'
import { copySeed, notifyLogFile, startServer, type AppServer } from './server.ts'
import { createSession, type Account } from './session.ts'
import { startTileServer } from './tile-server.ts'

/** Logs the test's browser context (or `into`, another one) in as `who`, without the login form. */
export type Login = (who: Account, into?: BrowserContext) => Promise<void>
type Fixtures = { consoleErrors: string[]; login: Login }
type WorkerFixtures = { server: AppServer }

export const test = base.extend<Fixtures, WorkerFixtures>({
	// Each worker runs its own server on its own copy of the seeded database and uploads: specs in
	// parallel never see each other's writes, and a moved clock stays in the worker that moved it.
	// A worker replaced after a failure starts again from the seed.
	server: [
		// Playwright reads a fixture's dependencies from this pattern: none.
		// eslint-disable-next-line no-empty-pattern
		async ({}, use, workerInfo) => {
			const files = copySeed(`worker-${workerInfo.workerIndex}`)
			// The test's own database reads (session.ts, the *-helpers.ts) go to this worker's copy.
			process.env.DATABASE_URL = files.databaseUrl
			process.env.UPLOAD_DIR = files.uploadDir
			process.env.E2E_NOTIFY_LOG = notifyLogFile(files.dir)
			const port = Number(process.env.E2E_PORT ?? 4310) + 100 * (workerInfo.parallelIndex + 1)
			// The map's tiles, from this worker (e2e/tile-server.ts): every server this worker starts
			// (its own, the action and instance servers) is given this MAP_TILE_URL.
			const tiles = await startTileServer(port + 90)
			process.env.MAP_TILE_URL = tiles.url
			try {
				const server = await startServer({
					...files,
					port,
					env: {
						// Lets tests move the application clock (app/utils/clock.server.ts).
						E2E_TEST_HOOKS: '1',
						// Requests from the test runner itself may say which client address they stand for
						// (X-Forwarded-For), so login limits can be tested for many addresses (e2e/login-limits.spec.ts).
						TRUST_PROXY: 'loopback',
					},
				})
				await use(server)
				await server.stop()
			} finally {
				await tiles.stop()
				files.drop()
			}
		},
		{ scope: 'worker', auto: true, timeout: 90_000 },
	],
	baseURL: async ({ server }, use) => use(server.baseURL),
	login: async ({ context, server }, use) => {
		await use((who, into = context) => createSession(into, who, server))
	},
	// Any error in the browser console fails the test (as in the Epic Stack).
	consoleErrors: [
		async ({ page }, use) => {
			const errors = collectConsoleErrors(page)
			await use(errors)
			expect(errors, 'console errors').toEqual([])
		},
		{ auto: true },
	],
})

export { expect }

/** Waits until React has taken over the server's HTML (the body's fiber is set once the whole page has rendered). */
export async function waitForHydration(page: Page) {
	await page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith('__reactFiber')))
}

/**
 * Turns to the home page's map until Leaflet's live map is there. The page draws its map on the
 * server first and loads Leaflet when the pointer moves over it (decision 045), so the pointer
 * moves there, as a visitor's would, until the live map is in (a move before hydration does
 * nothing). The drawn view goes away once the live map has drawn, so every step is bounded: an
 * unbounded wait for the drawn view's box, begun just as it went, waited out the whole bound
 * (the map tests that failed their first try in CI).
 */
export async function openLiveMap(page: Page) {
	const first = page.getByTestId('map-first-view')
	const live = page.locator('.leaflet-container').first()
	let step = 0
	await expect(async () => {
		if (!(await live.isVisible())) {
			const box = await first.boundingBox({ timeout: 500 }).catch(() => null)
			if (box) await page.mouse.move(box.x + box.width / 2 + (step++ % 2) * 8, box.y + 12)
		}
		await expect(live).toBeVisible({ timeout: 600 })
	}).toPass({ intervals: [100], timeout: 30_000 })
}

/** Waits until the live map is drawn and shows its first markers. */
export async function waitForMap(page: Page) {
	await openLiveMap(page)
	await expect(page.locator('.cluster-marker, .listing-marker').first()).toBeVisible()
}

/**
 * Stages the race of a click made as the live map comes in: the live map's chunk waits until the
 * returned `clicked` is called, and the data of the navigation `data` matches waits until that map
 * has drawn and had time to report its view, so the click's navigation is still under way then.
 */
export async function holdLiveMapUntilClicked(page: Page, data: RegExp) {
	let clicked = () => {}
	const click = new Promise<void>((resolve) => (clicked = resolve))
	await page.route(/listings-map\.client-[^/]+\.js$/, async (route) => {
		await click
		await route.continue()
	})
	await page.route(data, async (route) => {
		await expect(page.locator('.leaflet-container')).toBeVisible({ timeout: 30_000 })
		await expect(page.locator('.cluster-marker, .listing-marker').first()).toBeVisible()
		await page.waitForTimeout(1_500)
		// Superseded (the bug the callers test for), the request is gone.
		await route.continue().catch(() => {})
	})
	return () => clicked()
}

export const BANNER_BBOX = '108.95,39.85,110.8,40.55'
