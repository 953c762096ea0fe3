import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import { m2ToMu, muToM2 } from '~/domain/units.ts'

export type Locale = 'zh' | 'en'

const tags: Record<Locale, string> = { zh: 'zh-CN', en: 'en-US' }

// Intl formatters are made once each: making one costs tens of microseconds, and a list page
// formats hundreds of numbers and dates (it was a tenth of the server's time per page).
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()
function numberFormat(locale: Locale, maximumFractionDigits: number) {
	const key = `n${locale}${maximumFractionDigits}`
	let f = formatters.get(key) as Intl.NumberFormat | undefined
	if (!f) formatters.set(key, (f = new Intl.NumberFormat(tags[locale], { maximumFractionDigits })))
	return f
}
type DateStyle = 'day' | 'minute' | 'second' | 'timeToSecond'
function dateFormat(locale: Locale, style: DateStyle) {
	const key = `d${locale}${style}`
	let f = formatters.get(key) as Intl.DateTimeFormat | undefined
	if (!f) {
		const zone = { timeZone: 'Asia/Shanghai' } as const
		const day = { year: 'numeric', month: locale === 'zh' ? 'long' : 'short', day: 'numeric', ...zone } as const
		const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const
		const options: Record<DateStyle, Intl.DateTimeFormatOptions> = {
			day,
			minute: { ...day, ...time },
			second: { ...day, ...time, second: '2-digit' },
			timeToSecond: { month: '2-digit', day: '2-digit', ...time, second: '2-digit', ...zone },
		}
		f = new Intl.DateTimeFormat(tags[locale], options[style])
		formatters.set(key, f)
	}
	return f
}

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 2) {
	return numberFormat(locale, maximumFractionDigits).format(value)
}

/** Money: 万元 in Chinese from ten thousand yuan up, plain yuan in English. */
export function formatMoney(yuan: number, locale: Locale) {
	if (locale === 'zh') {
		if (Math.abs(yuan) >= 10000) return `${formatNumber(yuan / 10000, locale, 2)} 万元`
		return `${formatNumber(yuan, locale, 0)} 元`
	}
	return `¥${formatNumber(yuan, locale, 0)}`
}

export function formatArea(area: number, unit: AreaUnit, locale: Locale) {
	if (unit === 'mu') return locale === 'zh' ? `${formatNumber(area, locale, 2)} 亩` : `${formatNumber(area, locale, 2)} mu`
	return `${formatNumber(area, locale, 1)} m²`
}

/** The area in its own unit with the other unit beside it: "120 亩（80,000 m²）". */
export function formatAreaBoth(area: number, unit: AreaUnit, locale: Locale) {
	const other = unit === 'mu' ? formatArea(Math.round(muToM2(area)), 'm2', locale) : formatArea(m2ToMu(area), 'mu', locale)
	const open = locale === 'zh' ? '（' : ' ('
	const close = locale === 'zh' ? '）' : ')'
	return `${formatArea(area, unit, locale)}${open}≈ ${other}${close}`
}

export function formatPrice(price: number, unit: PriceUnit, locale: Locale) {
	const n = formatNumber(price, locale, 2)
	if (locale === 'zh') {
		if (unit === 'YUAN_PER_YEAR') return `${n} 元/年`
		if (unit === 'YUAN_PER_MU_YEAR') return `${n} 元/亩·年`
		return `${n} 万元`
	}
	if (unit === 'YUAN_PER_YEAR') return `¥${n} / year`
	if (unit === 'YUAN_PER_MU_YEAR') return `¥${n} / mu / year`
	return `¥${formatNumber(price * 10000, locale, 0)}`
}

export function formatDate(date: Date | string | null | undefined, locale: Locale) {
	if (!date) return ''
	const d = typeof date === 'string' ? new Date(date) : date
	if (Number.isNaN(d.getTime())) return ''
	return dateFormat(locale, 'day').format(d)
}

/**
 * A moment, in China time to the minute: "2026年11月30日 14:05" / "Nov 30, 2026, 14:05";
 * with `seconds` (the audit log, where entries a few seconds apart must read apart) to the second.
 */
export function formatDateTime(date: Date | string | null | undefined, locale: Locale, { seconds = false } = {}) {
	if (!date) return ''
	const d = typeof date === 'string' ? new Date(date) : date
	if (Number.isNaN(d.getTime())) return ''
	return dateFormat(locale, seconds ? 'second' : 'minute').format(d)
}

/** Month, day and time to the second, in China time: bids can be seconds apart. */
export function formatTimeToSecond(date: Date | string | null | undefined, locale: Locale) {
	if (!date) return ''
	const d = typeof date === 'string' ? new Date(date) : date
	if (Number.isNaN(d.getTime())) return ''
	return dateFormat(locale, 'timeToSecond').format(d)
}
