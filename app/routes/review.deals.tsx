// /review/deals — the Party reviewer's queue of deals of their own town: recorded deals waiting for
// the review (待审核) and deals whose public notice drew an objection (异议), the longest-waiting
// first, with the counts. After a decision the reviewer lands here with a confirmation.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '~/utils/permissions.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import type { DealStatus } from '~/domain/deal.ts'
import type { ListingType, PriceUnit } from '~/domain/listing.ts'
import { resources } from '~/i18n.ts'
import { dealQueueCounts, dealReviewQueue, getDealForReview } from '~/models/deal.server.ts'
import type { loader as rootLoader } from '~/root.tsx'
import { now } from '~/utils/clock.server.ts'
import { formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'review:deal:town')
	const decidedId = new URL(request.url).searchParams.get('decided')
	const [rows, counts, decided] = await Promise.all([dealReviewQueue(user, now()), dealQueueCounts(user), decidedId ? getDealForReview(user, decidedId) : null])
	return json({ rows, counts, decided: decided ? { id: decided.id, status: decided.status, title: decided.listing.title } : null })
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

export default function DealQueue() {
	const { rows, counts, decided } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation('deal')
	const locale: Locale = i18n.language === 'en' ? 'en' : 'zh'
	return (
		<div className="mx-auto max-w-6xl px-4 py-6">
			<div className="flex flex-col gap-4 md:flex-row md:items-end md:justify-between">
				<div className="max-w-2xl">
					<h1 className="text-2xl font-bold text-stone-900">{t('queue.heading')}</h1>
					<p className="mt-1 text-sm text-stone-600">{t('queue.intro')}</p>
				</div>
				<dl aria-label={t('queue.countsLabel')} className="grid grid-cols-2 gap-3 md:w-96">
					<div className="rounded-lg border border-stone-200 bg-white px-4 py-3 shadow-sm">
						<dt className="text-xs text-stone-500">{t('queue.pending')}</dt>
						<dd className="text-2xl font-bold text-brand-700" data-testid="count-pending">
							{counts.pending}
						</dd>
					</div>
					<div className="rounded-lg border border-stone-200 bg-white px-4 py-3 shadow-sm">
						<dt className="text-xs text-stone-500">{t('queue.objected')}</dt>
						<dd className="text-2xl font-bold text-amber-700" data-testid="count-objected">
							{counts.objected}
						</dd>
					</div>
				</dl>
			</div>

			{decided ? (
				<p role="status" className="mt-5 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t('queue.decided', { status: t(`status.${decided.status as DealStatus}`) })}
					<Link to={`/review/deals/${decided.id}`} className="font-medium underline underline-offset-2">
						{decided.title}
					</Link>
				</p>
			) : null}

			<section aria-labelledby="deal-queue-heading" className="mt-8">
				<h2 id="deal-queue-heading" className="text-lg font-semibold">
					{t('queue.listHeading')}
				</h2>
				{rows.length === 0 ? (
					<p className="mt-3 rounded-lg border border-dashed border-stone-300 bg-white px-4 py-8 text-center text-stone-600">{t('queue.empty')}</p>
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

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => {
	const locale = matches.find((m) => m.id === 'root')?.data?.locale === 'en' ? 'en' : 'zh'
	return [{ title: `${resources[locale].deal.queue.heading} | ${resources[locale].common.appName}` }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
