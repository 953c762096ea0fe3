import { describe, expect, it } from 'vitest'
import { placeName } from './listing-facts.tsx'

describe('placeName', () => {
	const listing = { town: { name: '树林召镇', nameEn: 'Shulinzhao' }, village: { name: '新胜村', nameEn: 'Xinsheng' } }
	it('names the town, then the village, in the reader’s language', () => {
		expect(placeName(listing, 'zh')).toBe('树林召镇 · 新胜村')
		expect(placeName(listing, 'en')).toBe('Shulinzhao · Xinsheng')
	})
})
