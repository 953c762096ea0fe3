// One bidding round as the village follows it on /village/listings/:id/bidding: its status, the
// resulting deal (and whether its contract is still due), why it failed, its rules, and for the
// current round the registrations and bids by alias.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { failedText, RoundRules } from '~/components/bid-round.tsx'
import { Fact } from '~/components/fact.tsx'
import { depositLabel } from '~/domain/bidding.ts'
import { ACTIVE_STATUSES } from '~/domain/deal.ts'
import type { PriceUnit } from '~/domain/listing.ts'
import type { villageBidding } from '~/models/bidding.server.ts'
import { formatDateTime, formatPrice } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import type { SerializeFrom } from '@remix-run/node'

export type VillageRound = SerializeFrom<NonNullable<Awaited<ReturnType<typeof villageBidding>>>>['rounds'][number]

export function VillageRoundView({ round, listingId, unit, current = false }: { round: VillageRound; listingId: string; unit: PriceUnit; current?: boolean }) {
	const { t } = useTranslation('bidding')
	const locale = useLocale()
	const price = (n: number) => formatPrice(n, unit, locale)
	// A voided winner forfeited the win: the round's winner is the best bid of the others.
	const winner = round.status === 'CLOSED_WON' ? round.bids.find((b) => b.registration.depositStatus !== 'FORFEITED') ?? null : null
	const { t: td } = useTranslation('deadlines')
	const qualified = round.registrations.filter((r) => r.depositStatus !== 'PENDING').length
	return (
		<section aria-label={current ? t('village.currentRound') : undefined} className={`${current ? 'mt-5' : ''} rounded-lg border border-stone-200 bg-white p-4 shadow-sm`} data-testid={current ? 'current-round' : 'past-round'}>
			<div className="flex flex-wrap items-center justify-between gap-2">
				<h2 className={current ? 'text-lg font-semibold' : 'font-semibold'}>
					{current ? t('village.currentRound') : formatDateTime(round.createdAt, locale)}{' '}
					<span data-testid="round-status" className="ml-1 rounded bg-stone-100 px-1.5 py-0.5 text-sm font-medium text-stone-800 ring-1 ring-stone-200">
						{t(`roundStatus.${round.status}`)}
					</span>
				</h2>
				<Link to={`/listings/${listingId}/bid`} className="text-sm text-brand-700 underline underline-offset-2">
					{t('village.publicPage')}
				</Link>
			</div>
			{winner && round.deal ? (
				<p className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200" data-testid="round-deal">
					{t('village.deal', { alias: t('alias', { n: winner.registration.alias }), amount: price(winner.amount), status: t(`dealStatus.${round.deal.status}`) })}
					{round.deal.contractFile || !(ACTIVE_STATUSES as readonly string[]).includes(round.deal.status) ? null : (
						<>
							{' '}
							<Link to={`/village/listings/${listingId}/deal`} className="font-medium underline underline-offset-2" data-testid="contract-due">
								{t('village.contractDue')}
							</Link>
						</>
					)}
					{round.paymentDueAt && !round.paidAt && round.deal.status === 'PENDING_REVIEW' ? (
						<span className="mt-1 block" data-testid="payment-due">
							{td('payment.due', { date: formatDateTime(round.paymentDueAt, locale) })}
						</span>
					) : null}
				</p>
			) : null}
			{round.status === 'FAILED' ? <p className="mt-3 text-sm text-amber-900">{failedText(t, round.minBidders, qualified, round.bids.length)}</p> : null}
			<dl className="mt-3 grid grid-cols-1 gap-x-6 text-sm sm:grid-cols-2 [&>div]:border-t [&>div]:border-stone-100">
				<RoundRules round={round} price={price} />
				<Fact label={t('facts.currentPrice')}>{round.currentPrice === null ? t('facts.noBidsYet') : price(round.currentPrice)}</Fact>
			</dl>
			{current ? (
				<div className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-2">
					<div>
						<h3 className="mb-1 font-semibold">{t('village.registrations')}</h3>
						{round.registrations.length === 0 ? (
							<p className="text-sm text-stone-600">{t('village.registrationsEmpty')}</p>
						) : (
							<ul className="divide-y divide-stone-100 rounded-md border border-stone-200 text-sm" data-testid="registrations">
								{round.registrations.map((r) => (
									<li key={r.id} className="flex flex-wrap justify-between gap-2 px-3 py-1.5">
										<span>{t('alias', { n: r.alias })}</span>
										<span className="text-stone-600">
											{t('village.depositStatus')}：{t(`depositStatus.${depositLabel(r.depositStatus, round.deposit)}`)}
										</span>
									</li>
								))}
							</ul>
						)}
					</div>
					<div>
						<h3 className="mb-1 font-semibold">{t('village.bids')}</h3>
						{round.bids.length === 0 ? (
							<p className="text-sm text-stone-600">{t('page.historyEmpty')}</p>
						) : (
							<ul className="divide-y divide-stone-100 rounded-md border border-stone-200 text-sm" data-testid="village-bids">
								{round.bids.map((b) => (
									<li key={b.id} className="flex flex-wrap justify-between gap-2 px-3 py-1.5">
										<span>{t('alias', { n: b.registration.alias })}</span>
										<span className="font-medium tabular-nums">{price(b.amount)}</span>
										<span className="tabular-nums text-stone-500">{formatDateTime(b.createdAt, locale)}</span>
									</li>
								))}
							</ul>
						)}
					</div>
				</div>
			) : null}
		</section>
	)
}
