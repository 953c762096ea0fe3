import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FILTER_FIELD, FILTER_LABEL } from '~/components/forms.tsx'
import { LISTING_TYPES } from '~/domain/listing.ts'
import { LedgerTable, type LedgerSort } from '~/components/ledger-table.tsx'
import { ledgerSearch, ledgerTowns, listLedger, parseLedgerQuery, type LedgerQuery } from '~/models/ledger.server.ts'
import { nextSort, SORT_KEYS, type SortKey } from '~/utils/ledger-sort.ts'
import { formatMoney, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	// Bad filters are ignored (and named on the page); the rest still apply.
	const { query, errors } = parseLedgerQuery(url.searchParams)
	const [ledger, towns] = await Promise.all([listLedger(query, { paged: true, withBuyer: true }), ledgerTowns()])
	return json({
		query,
		invalid: Object.keys(errors),
		ledger,
		towns,
		exportSearch: ledgerSearch(query),
		sort: {
			sort: query.sort,
			dir: query.dir,
			// Each column's header link (page 1 of that order).
			links: Object.fromEntries(
				SORT_KEYS.map((key) => [key, `/ledger${ledgerSearch({ ...query, ...nextSort(query, key) })}`]),
			) as Record<SortKey, string>,
		} satisfies LedgerSort,
		pages: {
			prev: ledger.page > 1 ? `/ledger${ledgerSearch(query, ledger.page - 1)}` : null,
			next: ledger.page < ledger.pageCount ? `/ledger${ledgerSearch(query, ledger.page + 1)}` : null,
		},
	})
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

const INVALID_LABELS: Record<string, string> = {
	town: 'filters.town',
	type: 'filters.type',
	status: 'filters.status',
	dateBy: 'filters.dateField',
	from: 'filters.from',
	to: 'filters.to',
	page: 'pagination.label',
	sort: 'sort.label',
	dir: 'sort.dirLabel',
}

export default function LedgerPage() {
	const { query, invalid, ledger, towns, exportSearch, pages, sort } = useLoaderData<typeof loader>()
	const locale: Locale = useLocale()
	const { t } = useTranslation('ledger')
	return (
		<div className="mx-auto max-w-screen-2xl px-4 py-6">
			<header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
				<div>
					<h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{t('title')}</h1>
					<p className="mt-2 max-w-3xl text-sm text-stone-600">{t('intro')}</p>
				</div>
				<Link to="/stats" className="text-sm text-brand-700 underline hover:text-brand-800">
					{t('statsLink')}
				</Link>
			</header>

			{/* Keyed by the URL's filters: after a header link (a client navigation) the form shows the new sort. */}
			<LedgerFilters key={exportSearch} query={query} towns={towns} locale={locale} />
			{invalid.length > 0 ? (
				<p role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
					{t('filters.invalid', { fields: invalid.map((f) => t(INVALID_LABELS[f] ?? f)).join(locale === 'zh' ? '、' : ', ') })}
				</p>
			) : null}

			<div className="mt-5 flex flex-wrap items-center justify-between gap-3">
				<p className="text-sm text-stone-700" aria-live="polite">
					{t('summary', { count: ledger.total, value: formatMoney(ledger.totalValueYuan, locale) })}
				</p>
				<nav aria-label={t('export.label')} className="flex gap-2">
					<a href={`/ledger.csv${exportSearch}`} download className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 hover:bg-stone-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
						{t('export.csv')}
					</a>
					<a href={`/ledger.xlsx${exportSearch}`} download className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 hover:bg-stone-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
						{t('export.xlsx')}
					</a>
				</nav>
			</div>

			{ledger.rows.length === 0 ? (
				<p className="mt-4 rounded-lg border border-stone-200 bg-white px-4 py-10 text-center text-stone-500">{t('empty')}</p>
			) : (
				<LedgerTable rows={ledger.rows} locale={locale} sort={sort} />
			)}

			{ledger.pageCount > 1 ? (
				<nav aria-label={t('pagination.label')} className="mt-4 flex items-center justify-between text-sm">
					{pages.prev ? (
						<Link to={pages.prev} rel="prev" className="rounded border border-stone-300 bg-white px-3 py-1 hover:bg-stone-100">
							{t('pagination.prev')}
						</Link>
					) : (
						<span />
					)}
					<span className="text-stone-600">{t('pagination.page', { page: ledger.page, pageCount: ledger.pageCount })}</span>
					{pages.next ? (
						<Link to={pages.next} rel="next" className="rounded border border-stone-300 bg-white px-3 py-1 hover:bg-stone-100">
							{t('pagination.next')}
						</Link>
					) : (
						<span />
					)}
				</nav>
			) : null}
		</div>
	)
}

const field = FILTER_FIELD
const label = FILTER_LABEL

/** A plain GET form: it filters before JavaScript loads, and the URL carries every filter. */
function LedgerFilters({ query, towns, locale }: { query: LedgerQuery; towns: Data['towns']; locale: Locale }) {
	const { t } = useTranslation('ledger')
	return (
		<Form method="get" action="/ledger" aria-label={t('filters.label')} className="mt-5 grid grid-cols-2 gap-x-3 gap-y-2 rounded-lg border border-stone-200 bg-white p-3 shadow-sm sm:grid-cols-3 lg:grid-cols-5 xl:grid-cols-11">
			<div>
				<label htmlFor="l-town" className={label}>
					{t('filters.town')}
				</label>
				<select id="l-town" name="town" defaultValue={query.town ?? ''} className={field}>
					<option value="">{t('filters.anyTown')}</option>
					{towns.map((town) => (
						<option key={town.code} value={town.code}>
							{locale === 'en' ? town.nameEn : town.name}
						</option>
					))}
				</select>
			</div>
			<div>
				<label htmlFor="l-type" className={label}>
					{t('filters.type')}
				</label>
				<select id="l-type" name="type" defaultValue={query.type ?? ''} className={field}>
					<option value="">{t('filters.anyType')}</option>
					{LISTING_TYPES.map((type) => (
						<option key={type} value={type}>
							{t(`common:types.${type}`)}
						</option>
					))}
				</select>
			</div>
			{/* Two columns on wide screens: the status names are the longest in either language. */}
			<div className="col-span-2 sm:col-span-1 lg:col-span-2">
				<label htmlFor="l-status" className={label}>
					{t('filters.status')}
				</label>
				<select id="l-status" name="status" defaultValue={query.status ?? ''} className={field}>
					<option value="">{t('filters.anyStatus')}</option>
					<option value="notice">{t('filters.statuses.notice')}</option>
					<option value="completed">{t('filters.statuses.completed')}</option>
				</select>
			</div>
			<div>
				<label htmlFor="l-date-by" className={label}>
					{t('filters.dateField')}
				</label>
				<select id="l-date-by" name="dateBy" defaultValue={query.dateBy} className={field}>
					<option value="notice">{t('filters.dateBy.notice')}</option>
					<option value="certified">{t('filters.dateBy.certified')}</option>
				</select>
			</div>
			<div>
				<label htmlFor="l-from" className={label}>
					{t('filters.from')}
				</label>
				<input id="l-from" type="date" name="from" defaultValue={query.from ?? ''} className={field} />
			</div>
			<div>
				<label htmlFor="l-to" className={label}>
					{t('filters.to')}
				</label>
				<input id="l-to" type="date" name="to" defaultValue={query.to ?? ''} className={field} />
			</div>
			<div>
				<label htmlFor="l-sort" className={label}>
					{t('sort.label')}
				</label>
				<select id="l-sort" name="sort" defaultValue={query.sort} className={field}>
					{SORT_KEYS.map((key) => (
						<option key={key} value={key}>
							{t(`sort.keys.${key}`)}
						</option>
					))}
				</select>
			</div>
			<div>
				<label htmlFor="l-dir" className={label}>
					{t('sort.dirLabel')}
				</label>
				<select id="l-dir" name="dir" defaultValue={query.dir} className={field}>
					<option value="desc">{t('sort.dir.desc')}</option>
					<option value="asc">{t('sort.dir.asc')}</option>
				</select>
			</div>
			<div className="flex items-end gap-2 xl:col-span-2">
				<button type="submit" className="whitespace-nowrap rounded-md bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1">
					{t('filters.submit')}
				</button>
				<Link to="/ledger" className="px-1 py-1.5 text-sm whitespace-nowrap text-stone-600 underline hover:text-stone-900">
					{t('filters.reset')}
				</Link>
			</div>
		</Form>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'ledger')
	return [{ title: pageTitle(locale, t('title')) }, { name: 'description', content: t('metaDescription') }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
