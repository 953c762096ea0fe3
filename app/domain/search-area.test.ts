import { describe, expect, it } from 'vitest'
import { parseSearchPolygon, polygonBBox, polygonContains, type SearchPolygon } from './search-area.ts'

describe('polygonContains', () => {
	// An L-shaped (concave) polygon: the notch must be outside.
	const L: SearchPolygon = [
		[0, 0],
		[2, 0],
		[2, 1],
		[1, 1],
		[1, 2],
		[0, 2],
	]
	it('tells inside from outside, including a concave notch', () => {
		expect(polygonContains(L, 0.5, 0.5)).toBe(true)
		expect(polygonContains(L, 1.5, 0.5)).toBe(true)
		expect(polygonContains(L, 0.5, 1.5)).toBe(true)
		expect(polygonContains(L, 1.5, 1.5)).toBe(false)
		expect(polygonContains(L, 3, 0.5)).toBe(false)
		expect(polygonContains(L, -0.1, 1)).toBe(false)
	})
	it('gives the bounding box', () => {
		expect(polygonBBox(L)).toEqual([0, 0, 2, 2])
	})
	it('drops a closing repeat of the first point', () => {
		expect(parseSearchPolygon('0,0;1,0;1,1;0,0').polygon).toEqual([
			[0, 0],
			[1, 0],
			[1, 1],
		])
	})
})
