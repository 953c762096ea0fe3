import { describe, expect, it } from 'vitest'
import { formatSearchPolygon, parseSearchPolygon, polygonContains } from '~/domain/search-area.ts'
import { addVertex, bboxAround, insetPolygon, rectanglePolygon, sameBBox } from './map-view.ts'

describe('bboxAround', () => {
	it('centres on the place and halves the span per zoom step', () => {
		const b = bboxAround(110, 40.2, 12, [109, 39.8, 111, 40.6], 10)
		expect((b[0] + b[2]) / 2).toBeCloseTo(110, 5)
		expect((b[1] + b[3]) / 2).toBeCloseTo(40.2, 5)
		expect(b[2] - b[0]).toBeCloseTo(0.5, 5)
		expect(b[3] - b[1]).toBeCloseTo(0.2, 5)
	})
	it('stays inside the world', () => {
		const b = bboxAround(179.9, 89.9, 3, [170, 80, 180, 90], 5)
		expect(b[2]).toBe(180)
		expect(b[3]).toBe(90)
	})
})

describe('sameBBox', () => {
	it('ignores rounding below the URL’s five decimals, not a real move', () => {
		expect(sameBBox([109, 40, 110, 41], [109.000001, 40, 110, 41.000004])).toBe(true)
		expect(sameBBox([109, 40, 110, 41], [109.001, 40, 110, 41])).toBe(false)
	})
})

describe('rectanglePolygon', () => {
	it('orders corners whichever way the drag went, and round-trips through the URL', () => {
		const p = rectanglePolygon([110.2, 40.1], [109.9, 40.4])
		expect(p).toEqual([
			[109.9, 40.1],
			[110.2, 40.1],
			[110.2, 40.4],
			[109.9, 40.4],
		])
		expect(parseSearchPolygon(formatSearchPolygon(p)).polygon).toEqual(p)
		expect(polygonContains(p, 110, 40.2)).toBe(true)
		expect(polygonContains(p, 110.3, 40.2)).toBe(false)
	})
})

describe('insetPolygon', () => {
	it('keeps the middle of the view and leaves out its edges', () => {
		const p = insetPolygon([100, 30, 110, 40], 0.1)
		expect(polygonContains(p, 105, 35)).toBe(true)
		expect(polygonContains(p, 100.5, 35)).toBe(false)
		expect(p[0]).toEqual([101, 31])
		expect(p[2]).toEqual([109, 39])
	})
})

describe('addVertex', () => {
	it('adds clicks, ignores a repeat on the last point and closes on the first', () => {
		let s = addVertex([], [0, 0])
		s = addVertex(s.points, [100, 0])
		s = addVertex(s.points, [100, 3])
		expect(s.points).toHaveLength(2)
		s = addVertex(s.points, [100, 100])
		expect(s).toEqual({ points: [[0, 0], [100, 0], [100, 100]], closed: false })
		expect(addVertex(s.points, [4, 5]).closed).toBe(true)
	})
	it('does not close a shape of two points', () => {
		const s = addVertex([[0, 0], [50, 50]], [2, 2])
		expect(s.closed).toBe(false)
		expect(s.points).toHaveLength(3)
	})
})
