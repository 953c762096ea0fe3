// The save-this-search form on the map page (issue 13), for a buyer: a plain form posting to
// /me/searches, so it works before JavaScript. Loaded apart from the map page (save-search.tsx),
// with its words, so visitors who are not logged in do not download them.
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { FREQUENCIES, MAX_NAME_LENGTH } from '~/domain/saved-search.ts'
import { holdMapViews } from '~/utils/home-url.ts'
import { filterKey, filtersToParams, type ListingQuery } from '~/utils/listing-query.ts'
import type { Locale } from '~/utils/format.ts'
import { inputClass, SubmitButton } from './forms.tsx'
import { SAVE_SEARCH_PART } from './save-search.tsx'
import { useSearchSummary, type TownName } from './saved-search.tsx'

/** A name for a new search from its filters (the buyer may change it). */
function defaultName(parts: string[], fallback: string) {
	const name = parts.join(' · ') || fallback
	return Array.from(name).slice(0, MAX_NAME_LENGTH).join('')
}

/** The map page's "save this search" for a buyer: the current filters and view, a name and the alert frequency. */
export default function SaveSearchForm({ query, towns, locale }: { query: ListingQuery; towns: TownName[]; locale: Locale }) {
	const { t } = useTranslation('searches')
	const summary = useSearchSummary()
	const params = filtersToParams({ ...query, page: 1, sort: 'newest' }).toString()
	const parts = summary(query, query.bbox !== null, towns, locale)
	const area = query.polygon ? 'polygon' : query.bbox ? 'bbox' : 'anywhere'
	return (
		<details className="mt-2 rounded-md border border-stone-200 bg-stone-50 text-sm" data-testid="save-search" data-part={SAVE_SEARCH_PART}>
			<summary className="cursor-pointer px-3 py-1.5 font-medium text-brand-800">{t('save.heading')}</summary>
			{/* Keyed by the filters (not the view, which the map moves), so the default name follows them. */}
			<Form key={filterKey(query)} method="post" action="/me/searches" onSubmit={holdMapViews} className="grid gap-2 px-3 pb-3 pt-1 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)_auto] sm:items-end">
				<p className="text-stone-600 sm:col-span-3">
					{/* Without a map area (a phone's map until it moves, or no view in the link) the search is not bounded: the words say so. */}
					{t(area === 'anywhere' ? 'save.introAnywhere' : 'save.intro')} <span className="text-stone-800">{t(`save.area.${area}`)}</span>
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
