import { describe, expect, it } from 'vitest'
import { placeLabels, type LabelBox, type Rect } from './map-labels.ts'

const box = (key: string, x: number, y: number, width = 48, height = 16): LabelBox => ({ key, x, y, width, height })
const square = (x: number, y: number, size = 40): Rect => ({ left: x - size / 2, right: x + size / 2, top: y - size / 2, bottom: y + size / 2 })

function rectOf(label: LabelBox, dx: number, dy: number): Rect {
	return { left: label.x + dx - label.width / 2, right: label.x + dx + label.width / 2, top: label.y + dy - label.height / 2, bottom: label.y + dy + label.height / 2 }
}
const intersects = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

describe('placeLabels', () => {
	it('puts a name above its point when nothing is there', () => {
		expect(placeLabels([box('a', 100, 100)], [])).toEqual([{ key: 'a', dx: 0, dy: -16 }])
	})

	it('moves a name off a cluster that sits above its point', () => {
		const label = box('a', 100, 100)
		const cluster = square(100, 80)
		const [p] = placeLabels([label], [cluster])
		expect(p.dy).toBeGreaterThan(0)
		expect(intersects(rectOf(label, p.dx, p.dy), cluster)).toBe(false)
	})

	it('never covers an obstacle, and leaves a name out when every spot is taken', () => {
		const label = box('a', 100, 100)
		// A wall of clusters around the point.
		const wall: Rect[] = []
		for (let x = 0; x <= 200; x += 20) for (let y = 0; y <= 200; y += 20) wall.push(square(x, y, 22))
		expect(placeLabels([label], wall)).toEqual([])
		// A grid with room between its clusters: every name placed is clear of every cluster.
		const grid: Rect[] = []
		for (let x = 40; x <= 600; x += 80) for (let y = 40; y <= 600; y += 80) grid.push(square(x, y, 38))
		const labels = [box('a', 120, 120), box('b', 200, 205), box('c', 333, 290, 72), box('d', 455, 460)]
		const placed = placeLabels(labels, grid)
		expect(placed.length).toBeGreaterThan(2)
		for (const p of placed) {
			const r = rectOf(labels.find((l) => l.key === p.key)!, p.dx, p.dy)
			for (const g of grid) expect(intersects(r, g)).toBe(false)
		}
	})

	it('keeps names apart, the first one keeping its spot', () => {
		const placed = placeLabels([box('big', 100, 100), box('small', 104, 100)], [])
		expect(placed[0]).toEqual({ key: 'big', dx: 0, dy: -16 })
		const [a, b] = placed.map((p, i) => rectOf([box('big', 100, 100), box('small', 104, 100)][i], p.dx, p.dy))
		expect(intersects(a, b)).toBe(false)
	})
})
