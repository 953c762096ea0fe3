// /listings/:id/bid — the public page of a listing's current (or last) bidding round: the prices,
// the deadline with a live countdown, and the anonymised bid history (竞买人1, 竞买人2, …). A
// logged-in buyer registers here and, once the centre has received the deposit, bids; a refused
// bid says why next to the amount. While the round is open the page polls
// /listings/:id/bid.json every 3 s (useLiveRound); without JavaScript a reload shows the same.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { BidHistory, PricePanel, RoundBadge, RoundFacts, RoundOutcome, type PublicRound } from '~/components/bid-round.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { inputClass, SubmitButton, useValidatedForm } from '~/components/forms.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { depositLabel } from '~/domain/bidding.ts'
import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import { areaInMu } from '~/domain/units.ts'
import { closeDueRounds, publicRoundState } from '~/models/bidding.server.ts'
import { getUser } from '~/utils/auth.server.ts'
import { BidSchema } from '~/utils/bidding-form.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDateTime, formatMoney, formatPrice } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { useLiveRound, type LiveRoundState } from '~/utils/use-live-round.ts'
import { bidIntent, readNotice, registerIntent } from './listings.$id_.bid.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await closeDueRounds()
	const user = await getUser(request)
	const state = await publicRoundState(params.id, user)
	invariantResponse(state)
	return data({ state, notice: readNotice(request) }, { headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'bid:place')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const intent = formData.get('intent')
	invariantResponse(intent === 'register' || intent === 'bid', 'Unknown intent', { status: 400 })
	await closeDueRounds()
	const id = params.id ?? ''
	return intent === 'register' ? registerIntent(user, id) : bidIntent(user, id, formData)
}

/** Live prices are never cached: single fetch sends the loader's headers only through this. */
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ 'Cache-Control': loaderHeaders.get('Cache-Control') ?? 'no-store' })

export const shouldRevalidate = revalidateAfterRefusal

export default function BidPage() {
	const data = useLoaderData<typeof loader>()
	const { state, refresh } = useLiveRound(data.state)
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
						<RoundOutcome round={round} price={price} />
						<JoinPanel state={state} round={round} />
						<BidHistory round={round} me={state.me?.alias ?? null} price={price} />
					</div>
					<aside>
						<RoundFacts round={round} price={price} />
					</aside>
				</div>
			)}
		</div>
	)
}

/** Registering and bidding: what the viewer may do now, from logging in to placing a bid. */
function JoinPanel({ state, round }: { state: LiveRoundState; round: PublicRound }) {
	const { t } = useTranslation('bidding')
	const locale = useLocale()
	const location = useLocation()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle' ? navigation.formData?.get('intent') : null
	const { me, viewer } = state
	const youAre = me ? t('join.youAre', { alias: t('alias', { n: me.alias }), status: t(`depositStatus.${depositLabel(me.depositStatus, round.deposit)}`) }) : null

	let body: React.ReactNode
	if (round.status !== 'OPEN') {
		body = (
			<div className="space-y-1 text-sm">
				{youAre ? (
					<p className="font-medium text-stone-800" data-testid="my-registration">
						{youAre}
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
		const problem = actionData?.intent === 'register' ? actionData.problem : null
		body = round.open ? (
			<Form method="post" className="space-y-3" preventScrollReset>
				<AuthenticityTokenInput name="csrf" />
				<p className="text-sm text-stone-700">{t('join.registerIntro', { deposit: formatMoney(round.deposit, locale) })}</p>
				{problem ? <Notice tone="error">{t(`problems.${problem}`)}</Notice> : null}
				<SubmitButton name="intent" value="register" disabled={busy === 'register'}>
					{t('join.register')}
				</SubmitButton>
			</Form>
		) : (
			<p className="text-sm text-stone-600">{t('join.registrationClosed')}</p>
		)
	} else {
		body = (
			<div className="space-y-3">
				<p className="text-sm font-medium text-stone-800" data-testid="my-registration">
					{youAre}
				</p>
				{me.depositStatus === 'PENDING' ? <p className="text-sm text-stone-600">{t('join.waitDeposit')}</p> : null}
				{me.depositStatus === 'RECEIVED' && round.open ? <BidForm round={round} unit={state.listing.priceUnit as PriceUnit} busy={busy === 'bid'} /> : null}
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

/** The amount, checked by BidSchema in the browser and again by the action; the model's refusal shows in the same place. */
function BidForm({ round, unit, busy }: { round: PublicRound; unit: PriceUnit; busy: boolean }) {
	const { t } = useTranslation('bidding')
	const locale = useLocale()
	const actionData = useActionData<typeof action>()
	const bidData = actionData?.intent === 'bid' ? actionData : null
	const [form, fields] = useValidatedForm({
		id: 'bid',
		lastResult: bidData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: BidSchema }),
	})
	const reason = fields.amount.errors?.[0]
	const minimum = bidData?.minimum ?? null
	const refusal = !reason
		? null
		: reason === 'priceChanged' && minimum === null
			? t('refusals.priceChangedNoMinimum')
			: t(`refusals.${reason}`, { minimum: minimum !== null ? formatPrice(minimum, unit, locale) : '' })
	const typed = bidData?.result?.initialValue?.amount
	return (
		<Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-3" preventScrollReset>
			<AuthenticityTokenInput name="csrf" />
			<input type="hidden" name="version" value={round.version} />
			<div className="min-w-0 flex-1 basis-56">
				<label htmlFor={fields.amount.id} className="mb-1 block text-sm font-medium text-stone-700">
					{t('join.bidLabel', { unit: t(`units.${unit}`) })}
				</label>
				<input
					{...getInputProps(fields.amount, { type: 'text', ariaDescribedBy: refusal ? undefined : 'bid-amount-hint' })}
					// Remounts only between "after a refusal" (keeps the refused amount, also without JavaScript) and
					// "fresh" (empty after an accepted bid): the live updates never wipe what the bidder is typing.
					key={bidData ? 'refused' : 'fresh'}
					defaultValue={typeof typed === 'string' ? typed : ''}
					inputMode="decimal"
					autoComplete="off"
					required
					placeholder={String(round.minimumNext)}
					className={inputClass}
				/>
				{refusal ? (
					<p id={fields.amount.errorId} role="alert" className="mt-1 text-sm text-red-700" data-testid="bid-refusal">
						{refusal}
					</p>
				) : (
					<p id="bid-amount-hint" className="mt-1 text-xs text-stone-500">
						{t('join.bidHint', { minimum: formatPrice(round.minimumNext, unit, locale) })}
					</p>
				)}
			</div>
			<SubmitButton name="intent" value="bid" className="mt-6" disabled={busy}>
				{t('join.bid')}
			</SubmitButton>
		</Form>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'bidding')
	return [{ title: pageTitle(locale, data ? t('page.heading', { title: data.state.listing.title }) : t('title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
