import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect.ts'

describe('safeRedirect', () => {
	it('keeps local paths and refuses everything else', () => {
		expect(safeRedirect('/village?x=1')).toBe('/village?x=1')
		expect(safeRedirect('//evil.com')).toBe('/')
		expect(safeRedirect('/\\evil.com')).toBe('/')
		expect(safeRedirect('https://evil.com')).toBe('/')
		expect(safeRedirect(null, '/review')).toBe('/review')
	})
})
