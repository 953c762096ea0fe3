// /review/deals — the Party reviewer's queue of deals of their own town: recorded deals waiting for
// the review (待审核) and deals whose public notice drew an objection (异议), the longest-waiting
// first, with the counts. After a decision the reviewer lands here with a confirmation.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '~/utils/permissions.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { DecidedNotice, EmptyQueue, QueueHeader } from '~/components/review-queue.tsx'
import type { DealStatus } from '~/domain/deal.ts'
import type { ListingType, PriceUnit } from '~/domain/listing.ts'
import { dealQueueCounts, dealReviewQueue, getDealForReview } from '~/models/deal.server.ts'
import { now } from '~/utils/clock.server.ts'
import { formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { useLocale } from '~/utils/root-data.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'review:deal:town')
	const decidedId = new URL(request.url).searchParams.get('decided')
	const [rows, counts, decided] = await Promise.all([dealReviewQueue(user, now()), dealQueueCounts(user), decidedId ? getDealForReview(user, decidedId) : null])
	return { rows, counts, decided: decided ? { id: decided.id, status: decided.status, title: decided.listing.title } : null }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

export default function DealQueue() {
	const { rows, counts, decided } = useLoaderData<typeof loader>()
	const { t } = useTranslation('deal')
	const locale = useLocale()
	return (
		<div className="mx-auto max-w-6xl px-4 py-6">
			<QueueHeader
				heading={t('queue.heading')}
				intro={t('queue.intro')}
				countsLabel={t('queue.countsLabel')}
				counts={[
					{ label: t('queue.pending'), value: counts.pending, testId: 'count-pending', tone: 'brand' },
					{ label: t('queue.objected'), value: counts.objected, testId: 'count-objected', tone: 'amber' },
				]}
			/>

			{decided ? (
				<DecidedNotice>
					{t('queue.decided', { status: t(`status.${decided.status as DealStatus}`) })}
					<Link to={`/review/deals/${decided.id}`} className="font-medium underline underline-offset-2">
						{decided.title}
					</Link>
				</DecidedNotice>
			) : null}

			<section aria-labelledby="deal-queue-heading" className="mt-8">
				<h2 id="deal-queue-heading" className="text-lg font-semibold">
					{t('queue.listHeading')}
				</h2>
				{rows.length === 0 ? (
					<EmptyQueue>{t('queue.empty')}</EmptyQueue>
				) : (
					<ol className="mt-3 divide-y divide-stone-200 overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm" data-testid="deal-queue">
						{rows.map((row) => (
							<QueueRow key={row.id} row={row} locale={locale} />
						))}
					</ol>
				)}
			</section>
		</div>
	)
}

function QueueRow({ row, locale }: { row: Row; locale: Locale }) {
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const objected = row.status === 'OBJECTED'
	const village = locale === 'en' ? row.listing.village.nameEn : row.listing.village.name
	return (
		<li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
			<div className="min-w-0">
				<p className="flex flex-wrap items-center gap-2 text-xs">
					<span className={`rounded px-1.5 py-0.5 font-semibold ring-1 ${objected ? 'bg-amber-50 text-amber-900 ring-amber-300' : 'bg-sky-50 text-sky-800 ring-sky-200'}`}>
						{objected ? t('queue.kindObjection', { count: row.openObjections }) : t('queue.kindReview')}
					</span>
					<span className="text-stone-500">
						{tc(`types.${row.listing.type as ListingType}`)} · {village} · {tc(`tradingModes.${row.tradingMode as 'NEGOTIATED' | 'BIDDING'}`)}
					</span>
				</p>
				<Link to={`/review/deals/${row.id}`} className="mt-1 block break-words font-medium text-stone-900 underline-offset-2 hover:underline" aria-label={t('queue.open', { title: row.listing.title })}>
					{row.listing.title}
				</Link>
				<p className="text-sm text-stone-600">
					{formatPrice(row.price, row.priceUnit as PriceUnit, locale)} · {t('fields.total')}{t('colon')}{formatMoney(row.totalValueYuan, locale)}
				</p>
			</div>
			<div className="shrink-0 text-sm text-stone-600 sm:text-right">
				<p>{t('queue.since', { date: formatDate(row.since, locale) })}</p>
				<p className={row.waitingDays >= 3 ? 'font-medium text-amber-700' : undefined}>{t('queue.waiting', { count: row.waitingDays })}</p>
			</div>
		</li>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'deal')('queue.heading')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
