import { BUDGETS_KB, formatReport, measureScripts } from '../scripts/page-weight.mjs'
import { expect, test } from './fixtures.ts'

// The JavaScript a visitor downloads (gzip), with its budget (scripts/page-weight.mjs).
for (const [path, budget] of Object.entries(BUDGETS_KB)) {
	test(`${path} loads at most ${budget} KB of JavaScript, only its language, and no form validation`, async ({ page, baseURL }) => {
		const result = await measureScripts(page, new URL(path, baseURL).toString())
		await test.info().attach('scripts', { body: formatReport(result), contentType: 'text/plain' })
		expect(result.totalKb).toBeLessThanOrEqual(budget)
		const loaded = (marker: string) => result.files.filter((f) => f.text.includes(marker)).map((f) => f.url)
		// zod's error code: forms' validation stays off a page without forms.
		expect(loaded('invalid_type')).toEqual([])
		// A Chinese page loads no English (the map's English page title) and no admin strings.
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
		expect(loaded('Find property on the map')).toEqual([])
		expect(loaded(asciiEscaped('地图找房找地'))).not.toEqual([])
	})
}

// esbuild writes non-ASCII text as \uXXXX escapes.
function asciiEscaped(text: string) {
	return [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('')
}
