import { describe, expect, it } from 'vitest'
import { containsBBox, fitZoom, type BBox } from './map-view.ts'

const BANNER: BBox = [108.95, 39.85, 110.8, 40.55]

describe('fitZoom', () => {
	it('picks the largest whole zoom at which the box fits, as Leaflet does', () => {
		// 1.85° of longitude is 1.316 px at zoom 0: 768 px hold it up to zoom 9.19.
		expect(fitZoom(BANNER, 768, 650)).toBe(9)
		// A phone's narrow map: 390 px hold it up to zoom 8.2.
		expect(fitZoom(BANNER, 390, 460)).toBe(8)
		// Height limits a flat, wide window.
		expect(fitZoom(BANNER, 4000, 200)).toBe(8)
		expect(fitZoom([109.98, 40.37, 110.08, 40.43], 768, 650)).toBe(13)
	})

	it('keeps to the zoom range and survives an empty box', () => {
		expect(fitZoom([0, 0, 360, 80], 100, 100, 5, 18)).toBe(5)
		expect(fitZoom([110, 40, 110, 40], 768, 650, 5, 18)).toBe(18)
	})
})

describe('containsBBox', () => {
	it('says whether one box holds another', () => {
		expect(containsBBox([108, 39, 111, 41], BANNER)).toBe(true)
		expect(containsBBox(BANNER, BANNER)).toBe(true)
		expect(containsBBox(BANNER, [108.9, 39.85, 110.8, 40.55])).toBe(false)
	})
})
