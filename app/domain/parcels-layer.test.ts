import { describe, expect, it } from 'vitest'
import { clipToMaxSpan, PARCELS_MAX_SPAN } from './parcels-layer.ts'

describe('clipToMaxSpan', () => {
	it('keeps a viewport within the limit, inside it', () => {
		const box = { west: 110.0, south: 40.4, east: 110.05, north: 40.42 }
		const clipped = clipToMaxSpan(box)
		expect(clipped.west).toBeGreaterThanOrEqual(box.west)
		expect(clipped.east).toBeLessThanOrEqual(box.east)
		expect(clipped.east - clipped.west).toBeCloseTo(0.05, 4)
	})
	it('cuts a very large screen to the limit around its centre', () => {
		const clipped = clipToMaxSpan({ west: 109, south: 40, east: 111, north: 41 })
		expect(clipped.east - clipped.west).toBeLessThanOrEqual(PARCELS_MAX_SPAN.lng)
		expect(clipped.north - clipped.south).toBeLessThanOrEqual(PARCELS_MAX_SPAN.lat)
		expect((clipped.west + clipped.east) / 2).toBeCloseTo(110, 4)
		expect((clipped.south + clipped.north) / 2).toBeCloseTo(40.5, 4)
	})
})
