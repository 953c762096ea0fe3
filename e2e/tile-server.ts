// The map's base tiles in the e2e tests: a transparent PNG for every tile, served on 127.0.0.1 by
// the Playwright worker (the app's MAP_TILE_URL points here). Nothing leaves the machine, and no
// request has to be intercepted: Playwright's routing paused every request of a page, scripts and
// data included, for a round trip to the test process (about a sixth of the e2e run's CPU).
import http from 'node:http'

const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

/** Starts the tile server on `port`; resolves to the tile URL template and a stop function. */
export async function startTileServer(port: number): Promise<{ url: string; stop: () => Promise<void> }> {
	const server = http.createServer((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': BLANK_PNG.length, 'Cache-Control': 'public, max-age=86400' })
		res.end(BLANK_PNG)
	})
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject)
		server.listen(port, '127.0.0.1', resolve)
	})
	return {
		url: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	}
}
