import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { LISTING_TYPES } from '~/domain/listing.ts'
import { ledgerSearch, ledgerTowns, listLedger, parseLedgerQuery, type LedgerQuery } from '~/models/ledger.server.ts'
import { formatArea, formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
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
		pages: {
			prev: ledger.page > 1 ? `/ledger${ledgerSearch(query, ledger.page - 1)}` : null,
			next: ledger.page < ledger.pageCount ? `/ledger${ledgerSearch(query, ledger.page + 1)}` : null,
		},
	})
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Row = Data['ledger']['rows'][number]

const STATUS_STYLES: Record<string, string> = {
	IN_NOTICE: 'bg-amber-50 text-amber-900 ring-amber-300',
	OBJECTED: 'bg-red-50 text-red-800 ring-red-200',
	AWAITING_CERTIFICATION: 'bg-sky-50 text-sky-800 ring-sky-200',
	COMPLETED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
}
const INVALID_LABELS: Record<string, string> = {
	town: 'filters.town',
	type: 'filters.type',
	status: 'filters.status',
	dateBy: 'filters.dateField',
	from: 'filters.from',
	to: 'filters.to',
	page: 'pagination.label',
}

export default function LedgerPage() {
	const { query, invalid, ledger, towns, exportSearch, pages } = useLoaderData<typeof loader>()
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

			<LedgerFilters query={query} towns={towns} locale={locale} />
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
				<LedgerTable rows={ledger.rows} locale={locale} />
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

const field = 'w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600'
const label = 'mb-1 block text-xs font-medium text-stone-600'

/** A plain GET form: it filters before JavaScript loads, and the URL carries every filter. */
function LedgerFilters({ query, towns, locale }: { query: LedgerQuery; towns: Data['towns']; locale: Locale }) {
	const { t } = useTranslation('ledger')
	return (
		<Form method="get" action="/ledger" aria-label={t('filters.label')} className="mt-5 grid grid-cols-2 gap-x-3 gap-y-2 rounded-lg border border-stone-200 bg-white p-3 shadow-sm sm:grid-cols-3 lg:grid-cols-8">
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
			<div className="flex items-end gap-2">
				<button type="submit" className="rounded-md bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1">
					{t('filters.submit')}
				</button>
				<Link to="/ledger" className="px-1 py-1.5 text-sm whitespace-nowrap text-stone-600 underline hover:text-stone-900">
					{t('filters.reset')}
				</Link>
			</div>
		</Form>
	)
}

/**
 * A table on wide screens; below `lg` each row becomes a card whose cells carry their own
 * labels (data-label), so phones need no sideways scrolling and there is one copy of the data.
 */
function LedgerTable({ rows, locale }: { rows: Row[]; locale: Locale }) {
	const { t } = useTranslation('ledger')
	const th = 'px-3 py-2 text-left font-semibold whitespace-nowrap'
	const td =
		'block px-3 py-1 text-sm lg:table-cell lg:py-2 lg:align-top before:mr-2 before:text-xs before:text-stone-500 before:content-[attr(data-label)] lg:before:content-none'
	const date = (d: string | null) => formatDate(d, locale)
	return (
		<div className="mt-3 lg:overflow-x-auto lg:rounded-lg lg:border lg:border-stone-200 lg:bg-white lg:shadow-sm">
			<table className="block w-full text-sm lg:table">
				<caption className="sr-only">{t('caption')}</caption>
				<thead className="hidden bg-stone-100 text-stone-700 lg:table-header-group">
					<tr>
						<th scope="col" className={th}>{t('columns.title')}</th>
						<th scope="col" className={th}>{t('columns.place')}</th>
						<th scope="col" className={th}>{t('columns.mode')}</th>
						<th scope="col" className={`${th} text-right`}>{t('columns.price')}</th>
						<th scope="col" className={`${th} text-right`}>{t('columns.area')}</th>
						<th scope="col" className={`${th} text-right`}>{t('columns.totalValue')}</th>
						<th scope="col" className={th}>{t('columns.buyer')}</th>
						<th scope="col" className={th}>{t('columns.notice')}</th>
						<th scope="col" className={th}>{t('columns.certificate')}</th>
						<th scope="col" className={th}>{t('columns.status')}</th>
					</tr>
				</thead>
				<tbody className="block space-y-3 lg:table-row-group lg:space-y-0 lg:divide-y lg:divide-stone-100">
					{rows.map((row) => (
						<tr key={row.id} data-deal={row.id} className="block rounded-lg border border-stone-200 bg-white py-2 shadow-sm lg:table-row lg:rounded-none lg:border-0 lg:py-0 lg:shadow-none lg:hover:bg-stone-50">
							<th scope="row" className="block px-3 py-1 text-left font-medium lg:table-cell lg:max-w-72 lg:py-2 lg:align-top">
								<Link to={`/deals/${row.id}`} className="text-brand-700 underline decoration-brand-100 underline-offset-2 hover:text-brand-800 hover:decoration-brand-700">
									{row.listing.title}
								</Link>
								<span className="mt-0.5 block text-xs font-normal text-stone-500">{t(`common:types.${row.listing.type}`)}</span>
							</th>
							<td className={td} data-label={t('columns.place')}>
								{locale === 'en' ? `${row.village.nameEn}, ${row.town.nameEn}` : `${row.town.name} · ${row.village.name}`}
							</td>
							<td className={`${td} lg:whitespace-nowrap`} data-label={t('columns.mode')}>
								{t(`common:transferModes.${row.transferMode}`)} · {t(`common:tradingModes.${row.tradingMode}`)}
							</td>
							<td className={`${td} tabular-nums lg:text-right lg:whitespace-nowrap`} data-label={t('columns.price')}>
								{formatPrice(row.price, row.priceUnit, locale)}
								{row.termYears ? <span className="ml-1 text-xs text-stone-500 lg:ml-0 lg:block">{t('term', { count: row.termYears })}</span> : null}
							</td>
							<td className={`${td} tabular-nums lg:text-right lg:whitespace-nowrap`} data-label={t('columns.area')}>
								{formatArea(row.area, row.areaUnit, locale)}
							</td>
							<td className={`${td} font-medium tabular-nums lg:text-right lg:whitespace-nowrap`} data-label={t('columns.totalValue')}>
								{formatMoney(row.totalValueYuan, locale)}
							</td>
							<td className={td} data-label={t('columns.buyer')}>
								{row.buyerMasked || '—'}
							</td>
							<td className={`${td} lg:whitespace-nowrap`} data-label={t('columns.notice')}>
								{row.noticeStartsAt ? t('notice.range', { start: date(row.noticeStartsAt), end: date(row.noticeEndsAt) }) : '—'}
								<NoticeNote row={row} />
							</td>
							<td className={`${td} lg:whitespace-nowrap`} data-label={t('columns.certificate')}>
								{row.origin !== 'PLATFORM' ? (
									// Done outside the platform (023): no public notice, no certificate.
									<span data-testid="offline-mark" title={t('filing:offlineMarkHint')} className="inline-block rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-violet-800 ring-1 ring-inset ring-violet-200">
										{t('filing:offlineMark')}
									</span>
								) : row.certifiedAt ? (
									<>
										{date(row.certifiedAt)}
										<span className="ml-1 font-mono text-xs text-stone-600 lg:ml-0 lg:block">{row.certificateNo}</span>
									</>
								) : (
									<span className="text-stone-500">{t('notCertified')}</span>
								)}
							</td>
							<td className={td} data-label={t('columns.status')}>
								<span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_STYLES[row.status] ?? ''}`}>
									{t(`status.${row.status}`)}
								</span>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

function NoticeNote({ row }: { row: Row }) {
	const { t } = useTranslation('ledger')
	const note = 'ml-1 text-xs lg:ml-0 lg:block'
	if (row.status === 'OBJECTED') return <span className={`${note} text-red-700`}>{t('notice.suspended')}</span>
	if (row.status !== 'IN_NOTICE' || row.noticeDaysLeft === null) return null
	if (row.noticeDaysLeft === 0) return <span className={`${note} text-sky-800`}>{t('notice.ended')}</span>
	return <span className={`${note} font-medium text-amber-800`}>{t('notice.daysLeft', { count: row.noticeDaysLeft })}</span>
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'ledger')
	return [{ title: pageTitle(locale, t('title')) }, { name: 'description', content: t('metaDescription') }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
