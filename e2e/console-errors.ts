// What counts as an error in a page's console, for every browser a test opens (the fixture's page
// and the second browsers specs open themselves): one rule, so a known library log is not an error
// in one spec and a failure in another.
import type { Page } from '@playwright/test'

/** Whether a console error is behaviour under test or a known library log, not a fault. */
export function expectedConsoleError(text: string) {
	// Deliberate 4xx answers (a 404 page, a refused form, a rate limit) are behaviour under test,
	// logged by the browser as failed loads; server errors (5xx) still fail the test.
	if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return true
	// Remix's single fetch logs (console.error, then drops) a navigation's or a revalidation's request
	// that a newer navigation aborted (@remix-run/react single-fetch.js, around decodeViaTurboStream).
	// The newer one wins, as it should; the stack names the router's navigate that aborted it.
	return text.startsWith('AbortError: signal is aborted without reason') && text.includes('[as navigate]')
}

/** Collects the page's uncaught errors and console errors, but for the expected ones. */
export function collectConsoleErrors(page: Page): string[] {
	const errors: string[] = []
	page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
	page.on('console', (m) => {
		if (m.type() === 'error' && !expectedConsoleError(m.text())) errors.push(m.text())
	})
	return errors
}
