import enCommon from './locales/en/common.ts'
import enListing from './locales/en/listing.ts'
import enMap from './locales/en/map.ts'
import enStats from './locales/en/stats.ts'
import zhCommon from './locales/zh/common.ts'
import zhListing from './locales/zh/listing.ts'
import zhMap from './locales/zh/map.ts'
import zhStats from './locales/zh/stats.ts'

// Every visible string goes through i18next. Resources are bundled (they are small), so the
// server and the browser translate from the same objects without a fetch.
export const resources = {
	zh: { common: zhCommon, map: zhMap, listing: zhListing, stats: zhStats },
	en: { common: enCommon, map: enMap, listing: enListing, stats: enStats },
} as const

export const supportedLngs = ['zh', 'en'] as const
export type Lng = (typeof supportedLngs)[number]
export const fallbackLng: Lng = 'zh'
export const defaultNS = 'common'

export default {
	supportedLngs: [...supportedLngs],
	fallbackLng,
	defaultNS,
	ns: ['common', 'map', 'listing', 'stats'],
	react: { useSuspense: false },
	interpolation: { escapeValue: false },
}

export function isLng(value: unknown): value is Lng {
	return value === 'zh' || value === 'en'
}
