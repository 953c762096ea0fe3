// Over 300 lines: not split here on purpose. Issue 9 splits the long routes in one step (server
// code into siblings, shared views such as the listing facts into components used by several
// routes); splitting this one alone would make the copies that step removes.
// /listings/:id/bid — the public page of a listing's current (or last) bidding round: the prices,
// the deadline with a live countdown, and the anonymised bid history (竞买人1, 竞买人2, …). A
// logged-in buyer registers here and, once the centre has received the deposit, bids; a refused
// bid says why next to the amount. While the round is open the page polls
// /listings/:id/bid.json every 3 s; without JavaScript a reload shows the same.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useFetcher, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { requirePermission } from '~/utils/permissions.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { inputClass, SubmitButton } from '~/components/forms.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { useLocale } from '~/utils/root-data.ts'
import { depositLabel, type BidRefusal } from '~/domain/bidding.ts'
import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import { areaInMu } from '~/domain/units.ts'
import i18next from '~/i18next.server.ts'
import { closeDueRounds, placeBid, publicRoundState, registerForRound } from '~/models/bidding.server.ts'
import { getUser } from '~/utils/auth.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
import type { loader as jsonLoader } from './listings.$id_.bid[.]json.ts'

const NOTICES = ['registered', 'placed', 'extended'] as const
const POLL_MS = 3000

export async function loader({ request, params }: LoaderFunctionArgs) {
	await closeDueRounds()
	const user = await getUser(request)
	const state = await publicRoundState(params.id, user)
	if (!state) throw new Response('Not found', { status: 404 })
	const notice = new URL(request.url).searchParams.get('notice')
	const t = await i18next.getFixedT(request, ['bidding', 'common'])
	return json(
		{
			state,
			notice: (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as (typeof NOTICES)[number]) : null,
			title: `${t('bidding:page.heading', { title: state.listing.title })} · ${t('common:appName')}`,
		},
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

type ActionData = { intent: 'register'; problem: string } | { intent: 'bid'; refusal: { reason: BidRefusal | 'priceChanged'; minimum?: number }; amount: string }

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'bid:place')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const id = params.id ?? ''
	await closeDueRounds()
	const back = (notice: (typeof NOTICES)[number]) => redirect(`/listings/${encodeURIComponent(id)}/bid?notice=${notice}#join`)
	switch (formData.get('intent')) {
		case 'register': {
			const result = await registerForRound(user, id)
			if (result.ok) return back('registered')
			return json<ActionData>({ intent: 'register', problem: result.problem }, { status: result.problem === 'noRound' ? 404 : 409 })
		}
		case 'bid': {
			const raw = String(formData.get('amount') ?? '').trim().replace(/[,，\s]/g, '')
			const amount = /^\d+(\.\d{1,2})?$/.test(raw) ? Number(raw) : Number.NaN
			const seen = Number(formData.get('version'))
			if (!Number.isFinite(amount) || amount <= 0 || amount > 1e12) return json<ActionData>({ intent: 'bid', refusal: { reason: 'notNumber' }, amount: raw.slice(0, 20) }, { status: 400 })
			const result = await placeBid(user, id, amount, { seenVersion: Number.isInteger(seen) && seen >= 0 ? seen : undefined })
			if (result.ok) return back(result.extended ? 'extended' : 'placed')
			return json<ActionData>({ intent: 'bid', refusal: { reason: result.reason, minimum: result.minimum }, amount: raw }, { status: 409 })
		}
		default:
			throw new Response('Unknown intent', { status: 400 })
	}
}

type State = ReturnType<typeof useLoaderData<typeof loader>>['state']
type Round = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['state']['round']>

/** The freshest of the page's own data and the last poll; polls while the round is open. */
function useLiveState(initial: State) {
	const fetcher = useFetcher<typeof jsonLoader>({ key: `bid-${initial.listing.id}` })
	const polled = fetcher.data && 'round' in fetcher.data ? fetcher.data : null
	const state = polled && polled.listing.id === initial.listing.id && polled.serverNow > initial.serverNow ? polled : initial
	const ref = useRef(fetcher)
	ref.current = fetcher
	const open = state.round?.status === 'OPEN'
	const url = `/listings/${initial.listing.id}/bid.json`
	useEffect(() => {
		if (!open) return
		const timer = window.setInterval(() => {
			if (document.visibilityState === 'visible' && ref.current.state === 'idle') ref.current.load(url)
		}, POLL_MS)
		return () => window.clearInterval(timer)
	}, [open, url])
	return { state, refresh: () => ref.current.load(url) }
}

export default function BidPage() {
	const data = useLoaderData<typeof loader>()
	const { state, refresh } = useLiveState(data.state)
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const { t } = useTranslation('bidding')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const { listing, round } = state
	const unit = listing.priceUnit as PriceUnit
	const price = (n: number) => formatPrice(n, unit, locale)

	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<p className="text-sm">
				<Link to={`/listings/${listing.id}`} className="text-brand-700 underline-offset-2 hover:underline">
					<span aria-hidden="true">← </span>
					{t('page.back')}
				</Link>
			</p>
			<header className="mt-3">
				<div className="flex flex-wrap items-center gap-2 text-sm">
					<span className="rounded bg-stone-100 px-2 py-0.5 text-stone-700 ring-1 ring-stone-200">{tc(`types.${listing.type}`)}</span>
					{round ? <RoundBadge round={round} /> : null}
				</div>
				<h1 className="mt-2 break-words text-2xl font-bold leading-snug sm:text-3xl">{t('page.heading', { title: listing.title })}</h1>
				<p className="mt-1 text-stone-600">{locale === 'en' ? `${listing.village.nameEn}, ${listing.town.nameEn}` : `${listing.town.name} ${listing.village.name}`}</p>
				<p className="mt-2 max-w-3xl text-sm text-stone-600">{t('page.intro')}</p>
			</header>

			{data.notice ? (
				<div className="mt-4">
					<Notice tone="ok">{t(`notices.${data.notice}`, { deadline: round ? formatDateTime(round.deadline, locale) : '' })}</Notice>
				</div>
			) : null}

			{!round ? (
				<p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-center text-stone-600">{t('page.noRound')}</p>
			) : (
				<div className="mt-5 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
					<div className="min-w-0 space-y-6">
						<PricePanel round={round} serverNow={state.serverNow} unit={unit} areaMu={areaInMu(listing.area, listing.areaUnit as AreaUnit)} onEnd={refresh} />
						<Outcome round={round} price={price} />
						<JoinPanel state={state} round={round} actionData={actionData} />
						<History round={round} me={state.me?.alias ?? null} price={price} />
					</div>
					<aside>
						<Facts round={round} locale={locale} price={price} />
					</aside>
				</div>
			)}
		</div>
	)
}

function RoundBadge({ round }: { round: Round }) {
	const { t } = useTranslation('bidding')
	const key = round.status === 'OPEN' && !round.open ? 'ENDING' : round.status
	const tone = round.status === 'OPEN' ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : round.status === 'CLOSED_WON' ? 'bg-stone-800 text-white ring-stone-800' : 'bg-amber-50 text-amber-900 ring-amber-300'
	return (
		<span data-testid="round-status" className={`rounded px-2 py-0.5 font-medium ring-1 ${tone}`}>
			{t(`roundStatus.${key}`)}
		</span>
	)
}

function PricePanel({ round, serverNow, unit, areaMu, onEnd }: { round: Round; serverNow: string; unit: PriceUnit; areaMu: number; onEnd: () => void }) {
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

/** Time left, ticking every second from the server's clock (the first render matches the server's). */
function Countdown({ deadline, serverNow, onEnd }: { deadline: string; serverNow: string; onEnd: () => void }) {
	const { t } = useTranslation('bidding')
	const [nowMs, setNowMs] = useState(() => Date.parse(serverNow))
	const ended = useRef(false)
	useEffect(() => {
		const skew = Date.parse(serverNow) - Date.now()
		ended.current = false
		const tick = () => setNowMs(Date.now() + skew)
		tick()
		const timer = window.setInterval(tick, 1000)
		return () => window.clearInterval(timer)
	}, [serverNow])
	const left = Date.parse(deadline) - nowMs
	useEffect(() => {
		if (left <= 0 && !ended.current) {
			ended.current = true
			onEnd()
		}
	}, [left, onEnd])
	let text = t('countdown.ended')
	if (left > 0) {
		const s = Math.floor(left / 1000)
		const days = Math.floor(s / 86400)
		const hms = t('countdown.time', { h: Math.floor((s % 86400) / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0'), s: String(s % 60).padStart(2, '0') })
		text = days > 0 ? `${t('countdown.days', { count: days })} ${hms}` : hms
	}
	return (
		<p className="mt-0.5 text-sm text-stone-600" data-testid="countdown">
			{left > 0 ? `${t('countdown.label')} ` : ''}
			<span className={left > 0 && left < 5 * 60_000 ? 'font-semibold text-red-700' : ''}>{text}</span>
		</p>
	)
}

function Outcome({ round, price }: { round: Round; price: (n: number) => string }) {
	const { t } = useTranslation('bidding')
	if (round.status === 'CLOSED_WON' && round.winner) {
		return <Notice tone="ok">{t('page.wonBy', { alias: t('alias', { n: round.winner.alias }), amount: price(round.winner.amount) })}</Notice>
	}
	if (round.status === 'FAILED') {
		const reason = round.qualified < round.minBidders ? 'tooFewBidders' : round.bids.length === 0 ? 'noBids' : 'listingUnavailable'
		return <Notice tone="warn">{t('page.failed', { reason: t(`failReasons.${reason}`, { min: round.minBidders }) })}</Notice>
	}
	return null
}

function JoinPanel({ state, round, actionData }: { state: State; round: Round; actionData?: ActionData }) {
	const { t } = useTranslation('bidding')
	const locale = useLocale()
	const location = useLocation()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle' ? navigation.formData?.get('intent') : null
	const unit = state.listing.priceUnit as PriceUnit
	const { me, viewer } = state
	const refusal = actionData?.intent === 'bid' ? actionData.refusal : null
	const registerProblem = actionData?.intent === 'register' ? actionData.problem : null

	let body: React.ReactNode
	if (round.status !== 'OPEN') {
		body = (
			<div className="space-y-1 text-sm">
				{me ? (
					<p className="font-medium text-stone-800" data-testid="my-registration">
						{t('join.youAre', { alias: t('alias', { n: me.alias }), status: t(`depositStatus.${depositLabel(me.depositStatus, round.deposit)}`) })}
					</p>
				) : null}
				<p className="text-stone-600">{t('join.closedNote')}</p>
			</div>
		)
	} else if (!viewer) {
		body = (
			<div className="space-y-3 text-sm">
				<p className="text-stone-700">{t('join.loginFirst')}</p>
				<Link to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`} className="inline-flex rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
					{t('join.login')}
				</Link>
			</div>
		)
	} else if (!viewer.canRegister) {
		body = <p className="text-sm text-stone-600">{t('join.notBuyer')}</p>
	} else if (!me) {
		body = round.open ? (
			<Form method="post" className="space-y-3" preventScrollReset>
				<AuthenticityTokenInput name="csrf" />
				<p className="text-sm text-stone-700">{t('join.registerIntro', { deposit: formatMoney(round.deposit, locale) })}</p>
				{registerProblem ? <Notice tone="error">{t(`problems.${registerProblem}`)}</Notice> : null}
				<SubmitButton name="intent" value="register" disabled={busy === 'register'}>
					{t('join.register')}
				</SubmitButton>
			</Form>
		) : (
			<p className="text-sm text-stone-600">{t('join.registrationClosed')}</p>
		)
	} else {
		const refusalText = refusal
			? refusal.reason === 'priceChanged' && refusal.minimum === undefined
				? t('refusals.priceChangedNoMinimum')
				: t(`refusals.${refusal.reason}`, { minimum: refusal.minimum !== undefined ? formatPrice(refusal.minimum, unit, locale) : '' })
			: null
		body = (
			<div className="space-y-3">
				<p className="text-sm font-medium text-stone-800" data-testid="my-registration">
					{t('join.youAre', { alias: t('alias', { n: me.alias }), status: t(`depositStatus.${depositLabel(me.depositStatus, round.deposit)}`) })}
				</p>
				{me.depositStatus === 'PENDING' ? <p className="text-sm text-stone-600">{t('join.waitDeposit')}</p> : null}
				{me.depositStatus === 'RECEIVED' && round.open ? (
					<Form method="post" className="flex flex-wrap items-start gap-3" preventScrollReset>
						<AuthenticityTokenInput name="csrf" />
						<input type="hidden" name="version" value={round.version} />
						<div className="min-w-0 flex-1 basis-56">
							<label htmlFor="bid-amount" className="mb-1 block text-sm font-medium text-stone-700">
								{t('join.bidLabel', { unit: t(`units.${unit}`) })}
							</label>
							<input
								id="bid-amount"
								name="amount"
								type="text"
								inputMode="decimal"
								autoComplete="off"
								required
								// Remounts only between "after a refusal" (keeps the refused amount, also without JavaScript) and
								// "fresh" (empty after an accepted bid): the live updates never wipe what the bidder is typing.
								key={refusal ? 'refused' : 'fresh'}
								defaultValue={actionData?.intent === 'bid' ? actionData.amount : ''}
								placeholder={String(round.minimumNext)}
								aria-invalid={refusalText ? true : undefined}
								aria-describedby={refusalText ? 'bid-amount-error' : 'bid-amount-hint'}
								className={inputClass}
							/>
							{refusalText ? (
								<p id="bid-amount-error" role="alert" className="mt-1 text-sm text-red-700" data-testid="bid-refusal">
									{refusalText}
								</p>
							) : (
								<p id="bid-amount-hint" className="mt-1 text-xs text-stone-500">
									{t('join.bidHint', { minimum: formatPrice(round.minimumNext, unit, locale) })}
								</p>
							)}
						</div>
						<SubmitButton name="intent" value="bid" className="mt-6" disabled={busy === 'bid'}>
							{t('join.bid')}
						</SubmitButton>
					</Form>
				) : null}
			</div>
		)
	}
	return (
		<section id="join" aria-labelledby="join-heading" className="scroll-mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
			<h2 id="join-heading" className="mb-3 text-lg font-semibold">
				{t('join.heading')}
			</h2>
			{body}
		</section>
	)
}

function History({ round, me, price }: { round: Round; me: number | null; price: (n: number) => string }) {
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
										<time dateTime={b.at}>{formatBidTime(b.at, locale)}</time>
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

function Facts({ round, locale, price }: { round: Round; locale: Locale; price: (n: number) => string }) {
	const { t } = useTranslation('bidding')
	const rows: [string, string][] = [
		[t('facts.startPrice'), price(round.startPrice)],
		[t('facts.increment'), price(round.increment)],
		[t('facts.deposit'), formatMoney(round.deposit, locale)],
		[t('facts.startsAt'), formatDateTime(round.startsAt, locale)],
		[t('facts.deadline'), formatDateTime(round.deadline, locale)],
		[t('facts.extend'), round.extendMinutes > 0 ? t('facts.extendRule', { count: round.extendMinutes }) : t('facts.noExtend')],
		[t('facts.minBidders'), t('facts.minBiddersValue', { count: round.minBidders })],
		[t('facts.registered'), t('facts.registeredValue', { registered: round.registered, qualified: round.qualified })],
	]
	return (
		<section aria-labelledby="facts-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="facts-heading" className="text-lg font-semibold">
				{t('title')}
			</h2>
			<dl className="mt-2 divide-y divide-stone-100 border-t border-stone-100 text-sm" data-testid="round-facts">
				{rows.map(([label, value]) => (
					<div key={label} className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-3 py-2">
						<dt className="text-stone-500">{label}</dt>
						<dd className="break-words text-stone-900">{value}</dd>
					</div>
				))}
			</dl>
		</section>
	)
}

const tag = (locale: Locale) => (locale === 'en' ? 'en-US' : 'zh-CN')

function formatDateTime(value: string, locale: Locale) {
	const d = new Date(value)
	if (Number.isNaN(d.getTime())) return ''
	return new Intl.DateTimeFormat(tag(locale), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }).format(d)
}

/** Bids are seconds apart: month, day and time to the second, in China time. */
function formatBidTime(value: string, locale: Locale) {
	const d = new Date(value)
	if (Number.isNaN(d.getTime())) return ''
	return new Intl.DateTimeFormat(tag(locale), { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }).format(d)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '竞价' }]

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
