// Finds a Chromium without downloading anything: $CHROMIUM_PATH, then Debian's browser, then
// Playwright's own if installed. The end-to-end tests ask for the headless shell first (Debian's
// chromium-headless-shell, the browser Playwright itself runs headless tests in): it draws the same
// pages for about half the CPU of the full browser (decision 042).
import fs from 'node:fs'

/** @param {{ headlessShell?: boolean }} [options] */
export async function findChromium({ headlessShell = false } = {}) {
	const candidates = [
		process.env.CHROMIUM_PATH,
		headlessShell ? '/usr/bin/chromium-headless-shell' : null,
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
	].filter(Boolean)
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
  • Debian/Ubuntu: sudo apt-get install chromium chromium-headless-shell   (then run npm test again)
  • or point CHROMIUM_PATH at a Chrome/Chromium binary
  • or, with internet access: npx playwright install chromium`
