// /review — the reviewer's queue. One section per kind of thing to review, each with its own rows
// from app/models/review.server.ts: listing applications today; deal reviews and objections are
// further sections of the same page (another loader key and another <section>).
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { DecidedNotice, EmptyQueue, QueueHeader } from '~/components/review-queue.tsx'
import type { AreaUnit, ListingType, PriceUnit } from '~/domain/listing.ts'
import { dealQueueCounts } from '~/models/deal.server.ts'
import { DECIDED_WINDOW_DAYS, decidedListing, listingQueue, queueCounts, type DecisionStatus } from '~/models/review.server.ts'
import { formatArea, formatDate, formatPrice, type Locale } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { useLocale } from '~/utils/root-data.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'review:listing:town')
	const url = new URL(request.url)
	const now = new Date()
	const [listings, counts, deals, decided] = await Promise.all([
		listingQueue(user, now),
		queueCounts(user, now),
		dealQueueCounts(user),
		// The confirmation after a decision (?decided=<id>): the listing's state as it is now.
		url.searchParams.has('decided') ? decidedListing(user, url.searchParams.get('decided')) : null,
	])
	return json({ listings, counts, deals, decided, decidedWindowDays: DECIDED_WINDOW_DAYS })
}

type QueueRow = ReturnType<typeof useLoaderData<typeof loader>>['listings'][number]

export default function ReviewQueue() {
	const { listings, counts, deals, decided, decidedWindowDays } = useLoaderData<typeof loader>()
	const { t } = useTranslation('review')
	const locale = useLocale()
	return (
		<div className="mx-auto max-w-6xl px-4 py-6">
			<QueueHeader
				heading={t('queue.heading')}
				intro={t('queue.intro')}
				countsLabel={t('queue.counts.label')}
				counts={[
					{ label: t('queue.counts.waiting'), value: counts.waiting, testId: 'count-waiting', tone: 'brand' },
					{ label: t('queue.counts.decided', { days: decidedWindowDays }), value: counts.decidedRecently, testId: 'count-decided', tone: 'stone' },
				]}
			/>

			{decided && decided.status !== 'SUBMITTED' ? (
				<DecidedNotice>
					{t(`queue.decided.${decided.status as 'PUBLISHED' | 'RETURNED' | 'REJECTED'}`, { defaultValue: '' })}
					<Link to={`/review/listings/${decided.id}`} className="font-medium underline underline-offset-2">
						{decided.title}
					</Link>
					{decided.status === 'PUBLISHED' ? (
						<>
							<span aria-hidden="true"> · </span>
							<Link to={`/listings/${decided.id}`} className="underline underline-offset-2">
								{t('queue.decided.view')}
							</Link>
						</>
					) : null}
				</DecidedNotice>
			) : null}

			{/* Deals and objections wait beside the listings; their queue is /review/deals. */}
			<section aria-labelledby="deals-heading" className="mt-8 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
				<h2 id="deals-heading" className="text-lg font-semibold">
					{t('deal:queue.heading')}
				</h2>
				<p className="mt-1 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm text-stone-700">
					<span>
						{t('deal:queue.pending')} <strong data-testid="count-deals-pending">{deals.pending}</strong>
					</span>
					<span>
						{t('deal:queue.objected')} <strong data-testid="count-deals-objected">{deals.objected}</strong>
					</span>
					<Link to="/review/deals" className="font-medium text-brand-700 underline">
						{t('deal:queue.heading')} →
					</Link>
				</p>
			</section>

			<section aria-labelledby="listings-heading" className="mt-8">
				<h2 id="listings-heading" className="flex items-baseline gap-2 text-lg font-semibold">
					{t('queue.listings.heading')}
					<span className="rounded-full bg-stone-200 px-2 text-sm font-medium text-stone-700">{counts.waiting}</span>
				</h2>
				{listings.length === 0 ? (
					<EmptyQueue>{t('queue.listings.empty')}</EmptyQueue>
				) : (
					<>
						<ListingQueueTable rows={listings} locale={locale} />
						<ListingQueueCards rows={listings} locale={locale} />
						{counts.waiting > listings.length ? (
							<p className="mt-2 text-sm text-stone-500">{t('queue.listings.more', { shown: listings.length, total: counts.waiting })}</p>
						) : null}
					</>
				)}
			</section>
		</div>
	)
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

function ListingQueueTable({ rows, locale }: { rows: QueueRow[]; locale: Locale }) {
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
function ListingQueueCards({ rows, locale }: { rows: QueueRow[]; locale: Locale }) {
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

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'review')('meta.queue')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
