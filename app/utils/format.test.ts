import { describe, expect, it } from 'vitest'
import { formatAreaBoth, formatDate, formatDateTime, formatMoney, formatPrice, formatTimeToSecond } from './format.ts'

describe('format', () => {
	it('writes money in 万元 for Chinese and yuan for English', () => {
		expect(formatMoney(5_230_000, 'zh')).toBe('523 万元')
		expect(formatMoney(8_500, 'zh')).toBe('8,500 元')
		expect(formatMoney(5_230_000, 'en')).toBe('¥5,230,000')
	})
	it('shows both area units', () => {
		expect(formatAreaBoth(120, 'mu', 'zh')).toBe('120 亩（≈ 80,000 m²）')
		expect(formatAreaBoth(666.67, 'm2', 'en')).toBe('666.7 m² (≈ 1 mu)')
	})
	it('writes every price unit', () => {
		expect(formatPrice(300, 'YUAN_PER_MU_YEAR', 'zh')).toBe('300 元/亩·年')
		expect(formatPrice(12000, 'YUAN_PER_YEAR', 'zh')).toBe('12,000 元/年')
		expect(formatPrice(45.5, 'WAN_YUAN', 'zh')).toBe('45.5 万元')
		expect(formatPrice(45.5, 'WAN_YUAN', 'en')).toBe('¥455,000')
		expect(formatPrice(300, 'YUAN_PER_MU_YEAR', 'en')).toBe('¥300 / mu / year')
	})
	it('formats dates in China time', () => {
		expect(formatDate('2026-03-01T20:00:00Z', 'zh')).toBe('2026年3月2日')
		expect(formatDate('2026-03-01T20:00:00Z', 'en')).toBe('Mar 2, 2026')
		expect(formatDate(null, 'en')).toBe('')
	})
})

describe('formatDateTime', () => {
	it('shows China time to the minute in either language', () => {
		expect(formatDateTime('2026-11-30T06:05:00Z', 'zh')).toBe('2026年11月30日 14:05')
		expect(formatDateTime(new Date('2026-11-30T16:30:00Z'), 'en')).toBe('Dec 1, 2026, 00:30')
	})
	it('shows the seconds when asked', () => {
		expect(formatDateTime('2026-11-30T06:05:09Z', 'zh', { seconds: true })).toBe('2026年11月30日 14:05:09')
		expect(formatDateTime('2026-11-30T06:05:09Z', 'en', { seconds: true })).toBe('Nov 30, 2026, 14:05:09')
	})
	it('shows nothing for a missing or broken value', () => {
		expect(formatDateTime(null, 'zh')).toBe('')
		expect(formatDateTime('not a date', 'en')).toBe('')
	})
})

describe('formatTimeToSecond', () => {
	it('shows month, day and China time to the second', () => {
		expect(formatTimeToSecond('2026-11-30T16:00:07Z', 'zh')).toBe('12/01 00:00:07')
		expect(formatTimeToSecond('2026-11-30T06:05:09Z', 'en')).toBe('11/30, 14:05:09')
		expect(formatTimeToSecond('broken', 'zh')).toBe('')
	})
})
