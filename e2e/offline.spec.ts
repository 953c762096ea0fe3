// The tests never touch the network (decision 036): the browser sends every address but
// 127.0.0.1 to a proxy that is not there, so a request elsewhere fails at once, by name or by IP,
// from any context a test opens; the app's own server and the map's tiles (the worker's tile
// server, MAP_TILE_URL) still load.
import { BANNER_BBOX, expect, test, waitForMap } from './fixtures.ts'

test('every address but 127.0.0.1 is refused by the browser; the app and its map tiles load', async ({ page, browser }) => {
	const tiles: string[] = []
	page.on('requestfinished', (r) => {
		if (r.resourceType() === 'image' && /\/\d+\/\d+\/\d+\.png$/.test(r.url())) tiles.push(r.url())
	})
	await page.goto(`/?bbox=${BANNER_BBOX}`)
	await waitForMap(page)
	await expect.poll(() => tiles.length).toBeGreaterThan(0)
	expect(tiles.every((u) => u.startsWith('http://127.0.0.1:'))).toBe(true)

	const context = await browser.newContext()
	const other = await context.newPage()
	for (const url of ['http://example.com/', 'https://tile.openstreetmap.org/1/1/1.png', 'http://93.184.215.14/']) {
		const error = await other.goto(url).then(
			() => 'loaded',
			(e: Error) => e.message,
		)
		expect(error, url).toContain('net::ERR_PROXY_CONNECTION_FAILED')
	}
	await context.close()
})
