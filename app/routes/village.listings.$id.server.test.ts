import { describe, expect, it } from 'vitest'
import { pageNotices } from './village.listings.$id.server.ts'

describe('the village listing page’s notices from the URL', () => {
	it('shows the notices it knows', () => {
		expect(pageNotices(new URLSearchParams('notice=submitted&photo=tooLarge'))).toEqual({ notice: 'submitted', photoOutcome: 'tooLarge' })
	})
	it('shows nothing for an unknown or missing value', () => {
		expect(pageNotices(new URLSearchParams('notice=<script>&photo=toString'))).toEqual({ notice: null, photoOutcome: null })
		expect(pageNotices(new URLSearchParams(''))).toEqual({ notice: null, photoOutcome: null })
	})
})
