// Saved searches (issue 13): the words that describe a search, and the count of its new matches
// (/me/searches and the map page's save form, save-search-form.tsx).
import { useTranslation } from 'react-i18next'
import type { ListingFilters } from '~/utils/listing-query.ts'
import { formatArea, formatNumber, formatPrice, type Locale } from '~/utils/format.ts'

export type TownName = { code: string; name: string; nameEn: string }

/** Short phrases for what a search asks: types, place, ranges, words, area. */
export function useSearchSummary() {
	const { t } = useTranslation('searches')
	return (f: ListingFilters, hasBox: boolean, towns: TownName[], locale: Locale) => {
		const parts: string[] = []
		if (f.types.length) parts.push(f.types.map((type) => t(`common:types.${type}`)).join(locale === 'zh' ? '、' : ', '))
		const town = f.town ? towns.find((tw) => tw.code === f.town) : null
		if (town) parts.push(locale === 'en' ? town.nameEn : town.name)
		if (f.mode) parts.push(t(`common:transferModes.${f.mode}`))
		const range = (min: number | null, max: number | null, fmt: (n: number) => string) => (min !== null && max !== null ? `${fmt(min)} – ${fmt(max)}` : min !== null ? `≥ ${fmt(min)}` : `≤ ${fmt(max!)}`)
		if (f.minArea !== null || f.maxArea !== null) parts.push(t('filters.area', { range: range(f.minArea, f.maxArea, (n) => formatArea(n, f.areaUnit, locale)) }))
		if (f.minPrice !== null || f.maxPrice !== null) parts.push(t('filters.price', { range: range(f.minPrice, f.maxPrice, (n) => formatPrice(n, f.priceUnit, locale)) }))
		if (f.q) parts.push(t('filters.q', { q: f.q }))
		if (f.polygon) parts.push(t('filters.polygon'))
		else if (hasBox) parts.push(t('filters.bbox'))
		return parts
	}
}

/** "3 new" as a badge. */
export function NewCount({ count, locale }: { count: number; locale: Locale }) {
	const { t } = useTranslation('searches')
	if (count === 0) return null
	return <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs font-medium text-white">{t('page.newMatches', { count, n: formatNumber(count, locale) })}</span>
}
