// The reviewer's queue of listing applications (/review): a table on wide screens, the same rows as
// cards on a phone. Each row links to the listing's review page.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { AreaUnit, ListingType, PriceUnit } from '~/domain/listing.ts'
import type { DecisionStatus } from '~/models/review.server.ts'
import { formatArea, formatDate, formatPrice, type Locale } from '~/utils/format.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'

type QueueRow = {
	id: string
	type: string
	title: string
	area: number
	areaUnit: string
	price: number
	priceUnit: string
	submittedAt: Date | string | null
	waitingDays: number
	decisionStatus: DecisionStatus
	village: { name: string; nameEn: string }
}

function Waiting({ days }: { days: number }) {
	const { t } = useTranslation('review')
	return <span className={days >= 7 ? 'font-medium text-amber-700' : 'text-stone-700'}>{days === 0 ? t('queue.today') : t('queue.waitingDays', { count: days })}</span>
}

function DecisionBadge({ status }: { status: DecisionStatus }) {
	const { t } = useTranslation('review')
	if (status === 'notApplicable') return <span className="text-stone-600">{t('decisionStatus.notApplicable')}</span>
	const ok = status === 'pass'
	return (
		<span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${ok ? 'bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200' : 'bg-red-50 text-red-800 ring-1 ring-red-200'}`}>
			<span aria-hidden="true">{ok ? '✓' : '✗'}</span>
			{t(`decisionStatus.${status}`)}
		</span>
	)
}

function TypeLabel({ type }: { type: string }) {
	const { t } = useTranslation('common')
	return (
		<span className="inline-flex items-center gap-1.5 whitespace-nowrap">
			<span aria-hidden="true" className="inline-block size-2.5 rounded-full" style={{ backgroundColor: TYPE_COLORS[type as ListingType] }} />
			{t(`types.${type as ListingType}`)}
		</span>
	)
}

function village(row: QueueRow, locale: Locale) {
	return locale === 'en' ? row.village.nameEn : row.village.name
}

export function ListingQueueTable({ rows, locale }: { rows: QueueRow[]; locale: Locale }) {
	const { t } = useTranslation('review')
	const th = 'px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-stone-500'
	return (
		<div className="mt-3 hidden overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm md:block">
			<table className="w-full text-sm" data-testid="listing-queue">
				<caption className="sr-only">{t('queue.listings.caption')}</caption>
				<thead className="bg-stone-50">
					<tr>
						<th scope="col" className={th}>
							{t('queue.columns.type')}
						</th>
						<th scope="col" className={th}>
							{t('queue.columns.title')}
						</th>
						<th scope="col" className={th}>
							{t('queue.columns.village')}
						</th>
						<th scope="col" className={`${th} text-right`}>
							{t('queue.columns.area')}
						</th>
						<th scope="col" className={`${th} text-right`}>
							{t('queue.columns.price')}
						</th>
						<th scope="col" className={th}>
							{t('queue.columns.submittedAt')}
						</th>
						<th scope="col" className={th}>
							{t('queue.columns.waiting')}
						</th>
						<th scope="col" className={th}>
							{t('queue.columns.decision')}
						</th>
					</tr>
				</thead>
				<tbody className="divide-y divide-stone-100">
					{rows.map((row) => (
						<tr key={row.id} className="hover:bg-brand-50/40">
							<td className="px-3 py-2.5">
								<TypeLabel type={row.type} />
							</td>
							<th scope="row" className="max-w-xs px-3 py-2.5 text-left font-medium">
								<Link to={`/review/listings/${row.id}`} className="text-brand-700 underline-offset-2 hover:underline" aria-label={t('queue.openLabel', { title: row.title })}>
									{row.title}
								</Link>
							</th>
							<td className="px-3 py-2.5 text-stone-700">{village(row, locale)}</td>
							<td className="whitespace-nowrap px-3 py-2.5 text-right tabular-nums">{formatArea(row.area, row.areaUnit as AreaUnit, locale)}</td>
							<td className="whitespace-nowrap px-3 py-2.5 text-right tabular-nums">{formatPrice(row.price, row.priceUnit as PriceUnit, locale)}</td>
							<td className="whitespace-nowrap px-3 py-2.5 text-stone-700">{formatDate(row.submittedAt, locale)}</td>
							<td className="whitespace-nowrap px-3 py-2.5">
								<Waiting days={row.waitingDays} />
							</td>
							<td className="px-3 py-2.5">
								<DecisionBadge status={row.decisionStatus} />
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

/** The same rows as cards on a phone. */
export function ListingQueueCards({ rows, locale }: { rows: QueueRow[]; locale: Locale }) {
	const { t } = useTranslation('review')
	return (
		<ul className="mt-3 space-y-3 md:hidden">
			{rows.map((row) => (
				// The link is the title, so its name holds its visible text; it stretches over the whole card.
				<li key={row.id} className="relative rounded-lg border border-stone-200 bg-white p-4 shadow-sm hover:border-brand-600">
					<div className="flex items-center justify-between gap-2 text-xs">
						<TypeLabel type={row.type} />
						<Waiting days={row.waitingDays} />
					</div>
					<p className="mt-1 font-semibold text-brand-700">
						<Link
							to={`/review/listings/${row.id}`}
							aria-label={t('queue.openLabel', { title: row.title })}
							className="after:absolute after:inset-0 after:rounded-lg focus:outline-none focus-visible:after:ring-2 focus-visible:after:ring-brand-600"
						>
							{row.title}
						</Link>
					</p>
					<p className="text-sm text-stone-600">{village(row, locale)}</p>
					<p className="mt-1 flex flex-wrap gap-x-3 text-sm">
						<span className="font-medium text-stone-900">{formatPrice(row.price, row.priceUnit as PriceUnit, locale)}</span>
						<span className="text-stone-700">{formatArea(row.area, row.areaUnit as AreaUnit, locale)}</span>
					</p>
					<div className="mt-2 flex items-center justify-between gap-2 text-xs text-stone-500">
						<span>
							{t('queue.columns.submittedAt')} {formatDate(row.submittedAt, locale)}
						</span>
						{row.decisionStatus === 'notApplicable' ? null : <DecisionBadge status={row.decisionStatus} />}
					</div>
				</li>
			))}
		</ul>
	)
}
