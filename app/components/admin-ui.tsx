// Pieces the admin pages share: a scrollable table with a caption, the filter form and its fields,
// and the pager. Tables scroll sideways inside their own region on a phone.
import { Form, Link, useLocation, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, SelectField } from '~/components/forms.tsx'
import { useLocale } from '~/utils/root-data.ts'

export const th = 'px-3 py-2 text-left font-semibold whitespace-nowrap'
export const td = 'px-3 py-2 whitespace-nowrap'
export const tdTop = 'px-3 py-2 align-top'
export const num = 'px-3 py-2 text-right tabular-nums whitespace-nowrap'

/** `rightAligned`: the indexes of the columns of numbers, whose headers align with their figures. */
export function AdminTable({ id, caption, headers, rightAligned = [], children }: { id: string; caption: string; headers: ReactNode[]; rightAligned?: number[]; children: ReactNode }) {
	const { t } = useTranslation('admin')
	return (
		<>
			<p className="mt-3 text-xs text-stone-500 sm:hidden">{t('common.scrollHint')}</p>
			<div
				role="region"
				aria-labelledby={`${id}-caption`}
				tabIndex={0}
				className="relative mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
			>
				<table className="min-w-full text-sm">
					<caption id={`${id}-caption`} className="sr-only">
						{caption}
					</caption>
					<thead className="bg-stone-100 text-stone-700">
						<tr>
							{headers.map((h, i) => (
								<th key={i} scope="col" className={rightAligned.includes(i) ? `${th} text-right` : th}>
									{h}
								</th>
							))}
						</tr>
					</thead>
					{children}
				</table>
			</div>
		</>
	)
}

// Whole class names, so Tailwind sees them: the fields per row on a wide screen, and the actions' span.
const GRID = { 2: '', 5: 'lg:grid-cols-5', 6: 'lg:grid-cols-6' } as const
const SPAN = { 2: '', 5: 'lg:col-span-5', 6: 'lg:col-span-6' } as const

/**
 * A list's filter form: a plain GET form (it works without JavaScript and the URL keeps the
 * filters), two fields a row on a phone, `columns` on a wide screen, then apply, reset and the
 * number of results. Keyed by the search, so Back shows the filters of the list it shows.
 */
export function FilterForm({ resetTo, count, columns, children }: { resetTo: string; count: number; columns: keyof typeof GRID; children: ReactNode }) {
	const [params] = useSearchParams()
	return (
		<Form method="get" key={params.toString()} className={`mt-6 grid grid-cols-2 gap-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm ${GRID[columns]}`}>
			{children}
			<FilterActions resetTo={resetTo} count={count} className={SPAN[columns]} />
		</Form>
	)
}

/** A bidding round's listing in a money table: its title (to the round's page) and where it is. */
export function RoundListingCell({ listing }: { listing: { id: string; title: string; town: PlaceNames; village: PlaceNames } }) {
	const locale = useLocale()
	return (
		<td className={`${tdTop} min-w-[12rem]`}>
			<Link to={`/listings/${listing.id}/bid`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
				{listing.title}
			</Link>
			<div className="text-xs text-stone-500">{locale === 'en' ? `${listing.village.nameEn}, ${listing.town.nameEn}` : `${listing.town.name} ${listing.village.name}`}</div>
		</td>
	)
}
type PlaceNames = { name: string; nameEn: string }

/** The free-text search of a filter form (`q`), two columns wide. */
export function FilterSearch({ label }: { label: string }) {
	const [params] = useSearchParams()
	return <Field className="col-span-2" label={label} name="q" type="search" defaultValue={params.get('q') ?? ''} maxLength={100} />
}

/** A select of a filter form, "all" first, showing the value in the URL. */
export function FilterSelect({ label, name, children }: { label: string; name: string; children: ReactNode }) {
	const [params] = useSearchParams()
	const { t } = useTranslation('admin')
	return (
		<SelectField label={label} name={name} defaultValue={params.get(name) ?? ''}>
			<option value="">{t('common.all')}</option>
			{children}
		</SelectField>
	)
}

/** The filter form's buttons: apply, reset to the bare page, and the number of results. */
function FilterActions({ resetTo, count, className }: { resetTo: string; count: number; className: string }) {
	const { t } = useTranslation('admin')
	return (
		<div className={`col-span-2 flex items-center gap-3 ${className}`}>
			<button type="submit" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-50">
				{t('common.filter')}
			</button>
			<Link to={resetTo} className="text-sm text-stone-600 underline">
				{t('common.reset')}
			</Link>
			<span className="ml-auto text-sm text-stone-500" role="status">
				{t('common.results', { count })}
			</span>
		</div>
	)
}

/** Translates a form's error codes (admin:errors.*); an unknown code shows as it is. */
export function useAdminErrors() {
	const { t, i18n } = useTranslation('admin')
	return (errors?: string[]) => errors?.map((e) => (i18n.exists(`admin:errors.${e}`) ? t(`errors.${e}`) : e))
}

/** Previous / next links that keep every other search parameter. */
export function Pager({ page, pages }: { page: number; pages: number }) {
	const { t } = useTranslation('admin')
	const location = useLocation()
	if (pages <= 1) return null
	const link = (p: number) => {
		const params = new URLSearchParams(location.search)
		params.set('page', String(p))
		return `${location.pathname}?${params}`
	}
	return (
		<nav aria-label={t('common.pagination')} className="mt-4 flex items-center justify-between text-sm">
			{page > 1 ? (
				<Link to={link(page - 1)} className="text-brand-700 underline">
					← {t('common.prev')}
				</Link>
			) : (
				<span />
			)}
			<span className="text-stone-600">{t('common.page', { page, pages })}</span>
			{page < pages ? (
				<Link to={link(page + 1)} className="text-brand-700 underline">
					{t('common.next')} →
				</Link>
			) : (
				<span />
			)}
		</nav>
	)
}
