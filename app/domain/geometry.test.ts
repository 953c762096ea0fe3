import { describe, expect, it } from 'vitest'
import { areaMu, parseBoundary } from './geometry.ts'

const square = (lng: number, lat: number, d: number) => ({
	type: 'Polygon',
	coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
})

describe('land boundaries', () => {
	it('computes the area of a square near Shulinzhao in mu', () => {
		const { polygon, problem } = parseBoundary(square(110, 40.4, 0.01))
		expect(problem).toBeNull()
		// ≈ 1.11 km × 0.848 km ≈ 0.944 km² ≈ 1,416 mu
		expect(areaMu(polygon!)).toBeGreaterThan(1380)
		expect(areaMu(polygon!)).toBeLessThan(1450)
	})
	it('closes an open ring and accepts JSON text', () => {
		const open = JSON.stringify({ type: 'Polygon', coordinates: [[[110, 40], [110.01, 40], [110.01, 40.01]]] })
		const { polygon } = parseBoundary(open)
		expect(polygon!.coordinates[0]).toHaveLength(4)
	})
	it('refuses a self-intersecting bow tie', () => {
		const bowTie = { type: 'Polygon', coordinates: [[[110, 40], [110.01, 40.01], [110.01, 40], [110, 40.01], [110, 40]]] }
		expect(parseBoundary(bowTie).problem).toBe('selfIntersecting')
	})
	it('refuses 100,000 points, garbage, and places outside China', () => {
		const many = { type: 'Polygon', coordinates: [Array.from({ length: 100_000 }, (_, i) => [110 + Math.cos(i) / 100, 40 + Math.sin(i) / 100])] }
		expect(parseBoundary(many).problem).toBe('tooManyPoints')
		expect(parseBoundary(JSON.stringify(many)).problem).toBe('tooManyPoints')
		expect(parseBoundary('not json').problem).toBe('invalid')
		expect(parseBoundary({ type: 'Point', coordinates: [110, 40] }).problem).toBe('invalid')
		expect(parseBoundary(square(-3, 51, 0.01)).problem).toBe('outsideRegion')
		expect(parseBoundary({ type: 'Polygon', coordinates: [[[110, 40], [110.01, 40], [110, 40]]] }).problem).toBe('tooFewPoints')
	})
})
