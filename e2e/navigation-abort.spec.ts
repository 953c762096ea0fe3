// A navigation superseded by a newer one has its request aborted; single fetch can leave that
// rejection unhandled (remix-run/react-router#14203, seen once in units.spec on PostgreSQL). The
// page lets an unhandled AbortError go (app/entry.client.tsx) and still reports anything else.
import { BANNER_BBOX, expect, test, waitForMap } from './fixtures.ts'

test('an aborted request left unhandled is not reported as an error; any other rejection still is', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL })
	const page = await context.newPage()
	const errors: string[] = []
	page.on('pageerror', (e) => errors.push(e.message))
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	await page.evaluate(() => {
		void Promise.reject(new DOMException('signal is aborted without reason', 'AbortError'))
		void Promise.reject(new Error('a real failure'))
	})
	await expect.poll(() => errors).toEqual(['a real failure'])
	await context.close()
})
