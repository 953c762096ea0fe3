// The views of a bidding round. On the public page (/listings/:id/bid): its status badge, the
// price panel with the live countdown, the outcome, the anonymised bid history (竞买人N) and the
// round's facts. The round's rules and why it failed are shown the same way on the village's page.
import { Link } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Countdown } from '~/components/countdown.tsx'
import { Fact } from '~/components/fact.tsx'
import { Notice } from '~/components/village-ui.tsx'
import type { PriceUnit } from '~/domain/listing.ts'
import { formatDateTime, formatMoney, formatPrice, formatTimeToSecond } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import type { LiveRoundState } from '~/utils/use-live-round.ts'

export type PublicRound = NonNullable<LiveRoundState['round']>
type Price = (amount: number) => string

export function RoundBadge({ round }: { round: PublicRound }) {
	const { t } = useTranslation('bidding')
	// Past the deadline but not yet closed: the outcome is being decided.
	const key = round.status === 'OPEN' && !round.open ? 'ENDING' : round.status
	const tone = round.status === 'OPEN' ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : round.status === 'CLOSED_WON' ? 'bg-stone-800 text-white ring-stone-800' : 'bg-amber-50 text-amber-900 ring-amber-300'
	return (
		<span data-testid="round-status" className={`rounded px-2 py-0.5 font-medium ring-1 ${tone}`}>
			{t(`roundStatus.${key}`)}
		</span>
	)
}

/** The current price, the minimum next bid and the deadline with the time left. */
export function PricePanel({ round, serverNow, unit, areaMu, onEnd }: { round: PublicRound; serverNow: string; unit: PriceUnit; areaMu: number; onEnd: () => void }) {
	const { t } = useTranslation('bidding')
	const locale = useLocale()
	return (
		<section aria-labelledby="price-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
			<h2 id="price-heading" className="sr-only">
				{t('facts.currentPrice')}
			</h2>
			<div className="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,1fr)]">
				<div>
					<p className="text-sm text-stone-500">{t('facts.currentPrice')}</p>
					<p className="text-3xl font-bold text-brand-700" data-testid="current-price" aria-live="polite">
						{round.currentPrice === null ? <span className="text-xl text-stone-500">{t('facts.noBidsYet')}</span> : formatPrice(round.currentPrice, unit, locale)}
					</p>
					{round.currentPrice !== null && unit === 'YUAN_PER_MU_YEAR' ? (
						<p className="text-sm text-stone-600">{t('facts.totalPerYear', { total: formatMoney(round.currentPrice * areaMu, locale) })}</p>
					) : null}
				</div>
				{round.status === 'OPEN' ? (
					<div>
						<p className="text-sm text-stone-500">{t('facts.minimumNext')}</p>
						<p className="text-xl font-semibold text-stone-900" data-testid="minimum-next">
							{formatPrice(round.minimumNext, unit, locale)}
						</p>
					</div>
				) : null}
				<div>
					<p className="text-sm text-stone-500">{t('facts.deadline')}</p>
					<p className="font-semibold text-stone-900" data-testid="deadline">
						{formatDateTime(round.deadline, locale)}
					</p>
					{round.status === 'OPEN' ? <Countdown deadline={round.deadline} serverNow={serverNow} onEnd={onEnd} /> : null}
				</div>
			</div>
			{round.status === 'OPEN' ? (
				<p className="mt-3 flex flex-wrap items-center gap-2 text-xs text-stone-500">
					<span>{t('page.live')}</span>
					<Link to="." reloadDocument className="underline underline-offset-2">
						{t('page.refresh')}
					</Link>
				</p>
			) : null}
		</section>
	)
}

export function RoundOutcome({ round, price }: { round: PublicRound; price: Price }) {
	const { t } = useTranslation('bidding')
	if (round.status === 'CLOSED_WON' && round.winner) {
		return (
			<Notice tone="ok">
				{t('page.wonBy', { alias: t('alias', { n: round.winner.alias }), amount: price(round.winner.amount) })}
				{round.paymentDueAt ? <PaymentDue at={round.paymentDueAt} /> : null}
			</Notice>
		)
	}
	if (round.status === 'FAILED') return <Notice tone="warn">{failedText(t, round.minBidders, round.qualified, round.bids.length)}</Notice>
	return null
}

/** Why a round failed: too few bidders with a deposit, no bid, or else the listing became unavailable. */
export function failedText(t: TFunction<'bidding'>, minBidders: number, qualified: number, bids: number) {
	const reason = qualified < minBidders ? 'tooFewBidders' : bids === 0 ? 'noBids' : 'listingUnavailable'
	return t('page.failed', { reason: t(`failReasons.${reason}`, { min: minBidders }) })
}

// Dates from a loader (single fetch keeps them), strings from the live JSON poll.
type Rules = { startPrice: number; increment: number; deposit: number; startsAt: Date | string; deadline: Date | string; depositDueAt?: Date | string | null; extendMinutes: number; minBidders: number }

/** The rules a round was opened with, as facts of a `<dl>` (the start time only where asked). */
export function RoundRules({ round, price, withStart = false }: { round: Rules; price: Price; withStart?: boolean }) {
	const { t } = useTranslation('bidding')
	const locale = useLocale()
	return (
		<>
			<Fact label={t('facts.startPrice')}>{price(round.startPrice)}</Fact>
			<Fact label={t('facts.increment')}>{price(round.increment)}</Fact>
			<Fact label={t('facts.deposit')}>{formatMoney(round.deposit, locale)}</Fact>
			{round.deposit > 0 ? (
				<Fact label={t('facts.depositDue')}>
					<span data-testid="deposit-due">{formatDateTime(round.depositDueAt ?? round.deadline, locale)}</span>
				</Fact>
			) : null}
			{withStart ? <Fact label={t('facts.startsAt')}>{formatDateTime(round.startsAt, locale)}</Fact> : null}
			<Fact label={t('facts.deadline')}>{formatDateTime(round.deadline, locale)}</Fact>
			<Fact label={t('facts.extend')}>{round.extendMinutes > 0 ? t('facts.extendRule', { count: round.extendMinutes }) : t('facts.noExtend')}</Fact>
			<Fact label={t('facts.minBidders')}>{t('facts.minBiddersValue', { count: round.minBidders })}</Fact>
		</>
	)
}

/** Every bid, highest first, by alias only; the viewer's own are marked. */
export function BidHistory({ round, me, price }: { round: PublicRound; me: number | null; price: Price }) {
	const { t } = useTranslation('bidding')
	const locale = useLocale()
	return (
		<section aria-labelledby="history-heading">
			<h2 id="history-heading" className="mb-2 text-lg font-semibold">
				{t('page.history')}
			</h2>
			{round.bids.length === 0 ? (
				<p className="text-sm text-stone-600">{t('page.historyEmpty')}</p>
			) : (
				<div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
					<table className="w-full text-sm" data-testid="bid-history">
						<thead className="bg-stone-50 text-stone-600">
							<tr>
								<th scope="col" className="px-3 py-2 text-left font-semibold">
									{t('page.bidder')}
								</th>
								<th scope="col" className="px-3 py-2 text-right font-semibold">
									{t('page.amount')}
								</th>
								<th scope="col" className="px-3 py-2 text-right font-semibold">
									{t('page.time')}
								</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-stone-100">
							{round.bids.map((b, i) => (
								<tr key={`${b.alias}-${b.amount}`} className={i === 0 ? 'bg-emerald-50/60' : ''}>
									<td className="whitespace-nowrap px-3 py-2">
										{t('alias', { n: b.alias })}
										{b.alias === me ? <span className="text-brand-700">{t('page.you')}</span> : null}
										{i === 0 && round.status === 'OPEN' ? <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800">{t('page.leading')}</span> : null}
									</td>
									<td className="whitespace-nowrap px-3 py-2 text-right font-medium tabular-nums">{price(b.amount)}</td>
									<td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-stone-600">
										<time dateTime={b.at}>{formatTimeToSecond(b.at, locale)}</time>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</section>
	)
}

/** The round's rules and head counts. */
export function RoundFacts({ round, price }: { round: PublicRound; price: Price }) {
	const { t } = useTranslation('bidding')
	return (
		<section aria-labelledby="facts-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="facts-heading" className="text-lg font-semibold">
				{t('title')}
			</h2>
			<dl className="mt-2 divide-y divide-stone-100 border-t border-stone-100 text-sm" data-testid="round-facts">
				<RoundRules round={round} price={price} withStart />
				<Fact label={t('facts.registered')}>{t('facts.registeredValue', { registered: round.registered, qualified: round.qualified })}</Fact>
			</dl>
		</section>
	)
}

/** The winner's deadline to sign and pay (issue 12), in China time. */
function PaymentDue({ at }: { at: string }) {
	const { t } = useTranslation('deadlines')
	const locale = useLocale()
	return (
		<span className="mt-1 block" data-testid="payment-due">
			{t('payment.due', { date: formatDateTime(at, locale) })}
		</span>
	)
}
