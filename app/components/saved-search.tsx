// Saved searches (issue 13): the form on the map page that saves the current search (a plain form
// posting to /me/searches, so it works before JavaScript), and the words that describe a search.
import { Form, Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { FREQUENCIES, MAX_NAME_LENGTH } from '~/domain/saved-search.ts'
import { hasPermission } from '~/domain/permissions.ts'
import { holdMapViews } from '~/utils/home-url.ts'
import { filterKey, filtersToParams, type ListingFilters, type ListingQuery } from '~/utils/listing-query.ts'
import { formatArea, formatNumber, formatPrice, type Locale } from '~/utils/format.ts'
import { useOptionalUser } from '~/utils/root-data.ts'
import { inputClass, SubmitButton } from './forms.tsx'

type TownName = { code: string; name: string; nameEn: string }

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

/** A name for a new search from its filters (the buyer may change it). */
function defaultName(parts: string[], fallback: string) {
	const name = parts.join(' · ') || fallback
	return Array.from(name).slice(0, MAX_NAME_LENGTH).join('')
}

/** The map page's "save this search": the current filters and view, a name and the alert frequency. */
export function SaveSearch({ query, towns, locale }: { query: ListingQuery; towns: TownName[]; locale: Locale }) {
	const { t } = useTranslation('searches')
	const user = useOptionalUser()
	const location = useLocation()
	const summary = useSearchSummary()
	if (user && !hasPermission(user, 'search:save:own')) return null
	if (!user) {
		const redirectTo = location.pathname + location.search
		return (
			<p className="mt-2 text-sm">
				<Link to={`/login?${new URLSearchParams({ redirectTo })}`} className="font-medium text-brand-700 underline" data-testid="save-search-login">
					{t('save.login')}
				</Link>
			</p>
		)
	}
	const params = filtersToParams({ ...query, page: 1, sort: 'newest' }).toString()
	const parts = summary(query, query.bbox !== null, towns, locale)
	const area = query.polygon ? 'polygon' : query.bbox ? 'bbox' : 'anywhere'
	return (
		<details className="mt-2 rounded-md border border-stone-200 bg-stone-50 text-sm" data-testid="save-search">
			<summary className="cursor-pointer px-3 py-1.5 font-medium text-brand-800">{t('save.heading')}</summary>
			{/* Keyed by the filters (not the view, which the map moves), so the default name follows them. */}
			<Form key={filterKey(query)} method="post" action="/me/searches" onSubmit={holdMapViews} className="grid gap-2 px-3 pb-3 pt-1 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)_auto] sm:items-end">
				<p className="text-stone-600 sm:col-span-3">
					{t('save.intro')} <span className="text-stone-800">{t(`save.area.${area}`)}</span>
				</p>
				<AuthenticityTokenInput name="csrf" />
				<input type="hidden" name="query" value={params} />
				<label className="block">
					<span className="mb-1 block font-medium text-stone-700">{t('save.name')}</span>
					<input name="name" required maxLength={MAX_NAME_LENGTH} defaultValue={defaultName(parts, t('save.defaultName'))} className={inputClass} />
				</label>
				<label className="block">
					<span className="mb-1 block font-medium text-stone-700">{t('save.frequency')}</span>
					<select name="frequency" defaultValue="INSTANT" className={inputClass}>
						{FREQUENCIES.map((f) => (
							<option key={f} value={f}>
								{t(`save.frequencies.${f}`)}
							</option>
						))}
					</select>
				</label>
				<SubmitButton name="intent" value="create">
					{t('save.submit')}
				</SubmitButton>
			</Form>
		</details>
	)
}

/** "3 new" as a badge. */
export function NewCount({ count, locale }: { count: number; locale: Locale }) {
	const { t } = useTranslation('searches')
	if (count === 0) return null
	return <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs font-medium text-white">{t('page.newMatches', { count, n: formatNumber(count, locale) })}</span>
}
