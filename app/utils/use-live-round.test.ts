import { describe, expect, it } from 'vitest'
import { freshest } from './use-live-round.ts'

const page = { serverNow: '2026-11-30T06:00:00.000Z', listing: { id: 'a' }, price: 1 }

describe('freshest', () => {
	it('keeps the page data until a newer poll of the same listing arrives', () => {
		expect(freshest(page, null)).toBe(page)
		const newer = { ...page, serverNow: '2026-11-30T06:00:03.000Z', price: 2 }
		expect(freshest(page, newer)).toBe(newer)
	})
	it('ignores an older poll (the page reloaded meanwhile) and a poll of another listing', () => {
		expect(freshest(page, { ...page, serverNow: '2026-11-30T05:59:57.000Z', price: 0 })).toBe(page)
		expect(freshest(page, { ...page, serverNow: '2026-11-30T06:00:03.000Z', listing: { id: 'b' } })).toBe(page)
	})
})
