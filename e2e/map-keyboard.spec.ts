import type { Locator, Page } from '@playwright/test'
import { expect, test, waitForMap } from './fixtures.ts'

const zoomOf = (page: Page) => Number(new URL(page.url()).searchParams.get('zoom') ?? 0)

/** WCAG relative luminance contrast of two sRGB colours. */
function contrast(a: number[], b: number[]) {
	const lum = ([r, g, bl]: number[]) => {
		const lin = (c: number) => {
			const s = c / 255
			return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
		}
		return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl)
	}
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
	return (hi + 0.05) / (lo + 0.05)
}

/**
 * The focused element's outline and the colours on either side of it, as the browser computed them
 * (a 1 px canvas turns any CSS colour, oklch included, into sRGB bytes).
 */
function focusMark(locator: Locator) {
	return locator.evaluate((el) => {
		const canvas = document.createElement('canvas')
		canvas.width = canvas.height = 1
		const g = canvas.getContext('2d', { willReadFrequently: true })!
		const rgb = (color: string) => {
			g.clearRect(0, 0, 1, 1)
			g.fillStyle = color
			g.fillRect(0, 0, 1, 1)
			return Array.from(g.getImageData(0, 0, 1, 1).data)
		}
		const background = (from: Element | null): number[] => {
			for (let node = from; node; node = node.parentElement) {
				const c = rgb(getComputedStyle(node).backgroundColor)
				if (c[3] > 0) return c
			}
			return [255, 255, 255, 255]
		}
		const style = getComputedStyle(el)
		return {
			width: parseFloat(style.outlineWidth),
			style: style.outlineStyle,
			outline: rgb(style.outlineColor),
			inside: background(el),
			outside: background(el.parentElement),
		}
	})
}

test.describe('the map from the keyboard', () => {
	test('Enter and Space on a cluster zoom in, like a click', async ({ page }) => {
		for (const key of ['Enter', ' ']) {
			// From the banner's view each time: a cluster's members split once zoomed into.
			await page.goto('/')
			await waitForMap(page)
			const before = zoomOf(page)
			const scroll = await page.evaluate(() => window.scrollY)
			await page.locator('.cluster-marker').first().focus()
			await page.keyboard.press(key)
			await expect.poll(() => zoomOf(page), { message: `zoom after ${JSON.stringify(key)}` }).toBeGreaterThan(before)
			// Focus stays on the map (the cluster itself is replaced), and Space does not scroll the page.
			await expect(page.locator('.leaflet-container')).toBeFocused()
			expect(await page.evaluate(() => window.scrollY)).toBe(scroll)
			await waitForMap(page)
		}
	})

	test('a skip link takes the keyboard past every marker to the list', async ({ page }) => {
		await page.goto('/')
		await waitForMap(page)
		expect(await page.locator('.cluster-marker[tabindex="0"], .listing-marker[tabindex="0"]').count()).toBeGreaterThan(3)
		// The last control above the map (the link to log in and save this search), then one Tab:
		// the skip link shows up.
		await page.getByTestId('save-search-login').focus()
		await page.keyboard.press('Tab')
		const skip = page.getByRole('link', { name: '跳过地图，到挂牌列表' })
		await expect(skip).toBeFocused()
		expect((await skip.boundingBox())?.width).toBeGreaterThan(50)
		await page.keyboard.press('Enter')
		await page.keyboard.press('Tab')
		await expect(page.getByTestId('listing-list').getByRole('link').first()).toBeFocused()
	})

	test('a list card shows a focus mark of at least 3:1', async ({ page }) => {
		await page.goto('/')
		await waitForMap(page)
		const card = page.getByTestId('listing-list').getByRole('link').first()
		// Reached from the keyboard, so :focus-visible applies.
		await page.getByRole('link', { name: '跳过地图，到挂牌列表' }).focus()
		await page.keyboard.press('Enter')
		await page.keyboard.press('Tab')
		await expect(card).toBeFocused()
		const mark = await focusMark(card)
		expect(mark.style).not.toBe('none')
		expect(mark.width).toBeGreaterThanOrEqual(2)
		expect(contrast(mark.outline, mark.inside), 'outline against the focused card').toBeGreaterThanOrEqual(3)
		expect(contrast(mark.outline, mark.outside), 'outline against the list around it').toBeGreaterThanOrEqual(3)
	})
})
