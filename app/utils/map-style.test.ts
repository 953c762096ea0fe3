import { describe, expect, it } from 'vitest'
import { clusterIconHtml, clusterIconSize, clusterLabel, CLUSTER_SHADOW } from './map-style.ts'

// The shadow's reach past the disc: its blur plus its offset (box-shadow: x y blur).
function shadowReach() {
	const [, y, blur] = /0 (\d+)px (\d+)px/.exec(CLUSTER_SHADOW)!.map(Number)
	return { top: blur - y, bottom: blur + y }
}

describe('cluster icons', () => {
	it('fit between neighbours 56 px apart with their shadow, and stay above a 24 px target', () => {
		const { top, bottom } = shadowReach()
		for (const count of [1, 9, 10, 99, 100, 999, 1000, 250_000]) {
			const size = clusterIconSize(count)
			expect(size).toBeGreaterThanOrEqual(24)
			expect(size + top + bottom).toBeLessThanOrEqual(52)
		}
	})
	it('grow with the count', () => {
		const sizes = [5, 50, 500, 5000].map(clusterIconSize)
		expect([...sizes].sort((a, b) => a - b)).toEqual(sizes)
		expect(new Set(sizes).size).toBe(4)
	})
	it('keep the ring split by type', () => {
		const html = clusterIconHtml(10, { FARMHOUSE: 5, LAND: 3, COLLECTIVE_ASSET: 2 })
		expect(html).toContain('#c2410c 0 50%')
		expect(html).toContain('#15803d 50% 80%')
		expect(html).toContain('#1d4ed8 80% 100%')
		expect(html).toContain('>10</span>')
	})
	it('shorten big counts', () => {
		expect(clusterLabel(9999)).toBe('9999')
		expect(clusterLabel(123_456)).toBe('123k')
	})
})
