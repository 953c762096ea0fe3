// /review — the reviewer's queue. One section per kind of thing to review, each with its own rows
// from app/models/review.server.ts: listing applications today; deal reviews and objections are
// further sections of the same page (another loader key and another <section>).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ListingQueueCards, ListingQueueTable } from '~/components/listing-queue.tsx'
import { DecidedNotice, EmptyQueue, QueueHeader } from '~/components/review-queue.tsx'
import type { ChangeKind } from '~/domain/deal-change.ts'
import { pendingChanges } from '~/models/deal-change.server.ts'
import { dealQueueCounts } from '~/models/deal.server.ts'
import { DECIDED_WINDOW_DAYS, decidedListing, listingQueue, queueCounts } from '~/models/review.server.ts'
import { WantedReviewQueue } from '~/components/wanted-views.tsx'
import { decidedWanted, wantedQueue } from '~/models/wanted.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { formatDate } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'review:listing:town')
	const url = new URL(request.url)
	const now = new Date()
	const [listings, counts, deals, decided, wanted, wantedDecided, changes] = await Promise.all([
		listingQueue(user, now),
		queueCounts(user, now),
		dealQueueCounts(user),
		// The confirmation after a decision (?decided=<id>): the listing's state as it is now.
		url.searchParams.has('decided') ? decidedListing(user, url.searchParams.get('decided')) : null,
		// Wanted posts (issue 13) whose first town is the reviewer's.
		wantedQueue(user),
		url.searchParams.has('decidedWanted') ? decidedWanted(user, url.searchParams.get('decidedWanted')) : null,
		// Certified deals' changes, early ends and disputes (decision 033).
		user.townId ? pendingChanges(user.townId) : [],
	])
	return { listings, counts, deals, decided, wanted, wantedDecided, changes, decidedWindowDays: DECIDED_WINDOW_DAYS }
}

export default function ReviewQueue() {
	const { listings, counts, deals, decided, wanted, wantedDecided, changes, decidedWindowDays } = useLoaderData<typeof loader>()
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

			{wantedDecided && wantedDecided.status !== 'SUBMITTED' ? (
				<DecidedNotice>
					{t(`wanted:review.decided.${wantedDecided.status as 'PUBLISHED' | 'RETURNED' | 'REJECTED'}`, { defaultValue: '' })}
					<Link to={`/review/wanted/${wantedDecided.id}`} className="font-medium underline underline-offset-2">
						{wantedDecided.title}
					</Link>
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
				<h3 className="mt-4 font-semibold">{t('deal:changes.queue.heading')}</h3>
				{changes.length === 0 ? (
					<p className="mt-1 text-sm text-stone-600">{t('deal:changes.queue.empty')}</p>
				) : (
					<ul className="mt-1 space-y-1 text-sm" data-testid="change-queue">
						{changes.map((c) => (
							<li key={c.id}>
								<Link to={`/deals/${c.dealId}/changes`} className="text-brand-700 underline">
									{t(`deal:changes.kinds.${c.kind as ChangeKind}`)} · {c.deal.listing.title}
								</Link>
								<span className="text-stone-500"> · {t('deal:changes.queue.filed', { date: formatDate(c.createdAt, locale) })}</span>
							</li>
						))}
					</ul>
				)}
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
			<WantedReviewQueue rows={wanted.rows} waiting={wanted.waiting} />
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'review')('meta.queue')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
