import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect.ts'

describe('safeRedirect', () => {
	it('keeps local paths and refuses everything else', () => {
		expect(safeRedirect('/village?x=1')).toBe('/village?x=1')
		expect(safeRedirect('/listings/abc?q=%E8%80%95%E5%9C%B0#top')).toBe('/listings/abc?q=%E8%80%95%E5%9C%B0#top')
		expect(safeRedirect('//evil.com')).toBe('/')
		expect(safeRedirect('/\\evil.com')).toBe('/')
		expect(safeRedirect('https://evil.com')).toBe('/')
		expect(safeRedirect(null, '/review')).toBe('/review')
	})
	it('refuses paths a browser would turn into another site, or a header cannot carry', () => {
		for (const bad of ['/\t/evil.example/phish', '/\n/evil.example', '/\r\n/evil.example', '/\u000b/evil', '/\u3000/evil', '/ /evil', '/a\u0000b', 'javascript:alert(1)', `/${'a'.repeat(2001)}`]) {
			expect(safeRedirect(bad), JSON.stringify(bad)).toBe('/')
		}
	})
})
