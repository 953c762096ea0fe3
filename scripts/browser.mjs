// Finds a Chromium for the end-to-end tests without downloading anything:
// $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own browser if installed.
import fs from 'node:fs'

export async function findChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)
	for (const path of candidates) if (fs.existsSync(path)) return path
	try {
		const { chromium } = await import('@playwright/test')
		const own = chromium.executablePath()
		if (own && fs.existsSync(own)) return own
	} catch {
		// fall through to the message below
	}
	return null
}

export const NO_BROWSER_MESSAGE = `No Chromium found for the end-to-end tests.
  • Debian/Ubuntu: sudo apt-get install chromium   (then run npm test again)
  • or point CHROMIUM_PATH at a Chrome/Chromium binary
  • or, with internet access: npx playwright install chromium`
