import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { resources } from '~/i18n.ts'
import { countdownText } from './countdown.tsx'

beforeAll(async () => {
	await i18next.init({ resources, lng: 'zh', fallbackLng: 'zh', interpolation: { escapeValue: false } })
})

const SECOND = 1000
const HOUR = 3600 * SECOND
const DAY = 24 * HOUR

describe('countdownText', () => {
	it('says hours, minutes and seconds, minutes and seconds with two digits', () => {
		const t = i18next.getFixedT('zh', 'bidding')
		expect(countdownText(HOUR + 2 * 60 * SECOND + 3 * SECOND, t)).toBe('1 小时 02 分 03 秒')
		expect(countdownText(59 * SECOND + 999, t)).toBe('0 小时 00 分 59 秒')
	})
	it('puts whole days first', () => {
		expect(countdownText(2 * DAY + 5 * HOUR, i18next.getFixedT('zh', 'bidding'))).toBe('2 天 5 小时 00 分 00 秒')
		expect(countdownText(DAY + 61 * SECOND, i18next.getFixedT('en', 'bidding'))).toBe('1 d 0 h 01 min 01 s')
	})
	it('says ended once the deadline has passed', () => {
		expect(countdownText(0, i18next.getFixedT('zh', 'bidding'))).toBe('已截止')
		expect(countdownText(-5 * SECOND, i18next.getFixedT('en', 'bidding'))).toBe('Ended')
	})
})
