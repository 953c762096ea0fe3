// /village/listings/:id/bidding — the village offers its own published listing for competitive
// bidding (竞价): start price, increment, deposit, deadline (China time), extension and minimum
// bidders. Afterwards it follows the round — registrations and bids by alias, the outcome, the
// resulting deal — and after a failed round opens a new one or switches the listing to 协议.
// Another village's listing, or an unknown id, is a 404: every query is scoped to the village.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import type { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field, SubmitButton, useValidatedForm } from '~/components/forms.tsx'
import { Notice, StatusBadge } from '~/components/village-ui.tsx'
import { VillageRoundView } from '~/components/village-round.tsx'
import type { ListingStatus, PriceUnit } from '~/domain/listing.ts'
import { closeDueRounds, villageBidding } from '~/models/bidding.server.ts'
import { OpenRoundSchema } from '~/utils/bidding-form.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { openIntent, readNotice, roundFormSetup, switchIntent } from './village.listings.$id_.bidding.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	invariantResponse(user.villageId)
	await closeDueRounds()
	const page = await villageBidding(user.villageId, params.id)
	invariantResponse(page)
	return { ...page, ...roundFormSetup(page.listing.price), notice: readNotice(request) }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	invariantResponse(user.villageId && params.id && (await villageBidding(user.villageId, params.id)))
	await closeDueRounds()
	const intent = formData.get('intent')
	invariantResponse(intent === 'open' || intent === 'switch-to-negotiated', 'Unknown intent', { status: 400 })
	return intent === 'open' ? openIntent(user, params.id, formData) : switchIntent(user, params.id)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function VillageBiddingPage() {
	const { listing, rounds, activeDeal, canOpen, canSwitch, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation('bidding')
	const { t: tc } = useTranslation('common')
	const unit = listing.priceUnit as PriceUnit
	const latest = rounds[0] ?? null
	const busy = navigation.state !== 'idle' ? navigation.formData?.get('intent') : null

	return (
		<div>
			<p className="text-sm">
				<Link to={`/village/listings/${listing.id}`} className="text-brand-700 underline-offset-2 hover:underline">
					<span aria-hidden="true">← </span>
					{t('village.back')}
				</Link>
			</p>
			<header className="mt-3">
				<div className="flex flex-wrap items-center gap-2 text-sm">
					<StatusBadge status={listing.status as ListingStatus} />
					<span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700 ring-1 ring-stone-200" data-testid="trading-mode">
						{tc(`tradingModes.${listing.tradingMode}`)}
					</span>
				</div>
				<h1 className="mt-2 break-words text-2xl font-bold leading-snug">{t('village.headingOf', { title: listing.title })}</h1>
			</header>

			<div className="mt-4 space-y-3">
				{notice ? <Notice tone="ok">{t(`villageNotices.${notice}`)}</Notice> : null}
				{actionData?.problem ? <Notice tone="error">{t(`open.problems.${actionData.problem}`)}</Notice> : null}
			</div>

			{latest ? <VillageRoundView round={latest} listingId={listing.id} unit={unit} current /> : <p className="mt-4 text-sm text-stone-600">{t('village.noRounds')}</p>}

			{latest?.status === 'FAILED' && (canOpen || canSwitch) ? (
				<section className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
					<p className="font-medium">{t('village.failedNext')}</p>
					{canSwitch ? (
						<Form method="post" className="mt-3 flex flex-wrap items-center gap-3">
							<AuthenticityTokenInput name="csrf" />
							<SubmitButton name="intent" value="switch-to-negotiated" className="bg-stone-700 hover:bg-stone-800" disabled={busy === 'switch-to-negotiated'}>
								{t('village.switch')}
							</SubmitButton>
							<span className="text-amber-900">{t('village.switchHint')}</span>
						</Form>
					) : null}
				</section>
			) : null}

			{canOpen ? (
				<OpenRoundForm again={!!latest} lastResult={actionData?.intent === 'open' ? actionData.result : undefined} />
			) : listing.status !== 'PUBLISHED' ? (
				<p className="mt-6 text-sm text-stone-600">{t('village.notPublished')}</p>
			) : activeDeal && !latest?.deal ? (
				<p className="mt-6 text-sm text-stone-600">{t('village.dealActive')}</p>
			) : null}

			{rounds.length > 1 ? (
				<section aria-labelledby="past-heading" className="mt-8">
					<h2 id="past-heading" className="mb-2 text-lg font-semibold">
						{t('village.pastRounds')}
					</h2>
					<div className="space-y-4">
						{rounds.slice(1).map((r) => (
							<VillageRoundView key={r.id} round={r} listingId={listing.id} unit={unit} />
						))}
					</div>
				</section>
			) : null}
		</div>
	)
}

function OpenRoundForm({ again, lastResult }: { again: boolean; lastResult?: SubmissionResult<string[]> | null }) {
	const { listing, defaults, deadlineRange } = useLoaderData<typeof loader>()
	const { t } = useTranslation('bidding')
	const unitLabel = t(`units.${listing.priceUnit}`)
	const [form, fields] = useValidatedForm<z.input<typeof OpenRoundSchema>>({
		id: 'open-round',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: OpenRoundSchema }),
		defaultValue: {
			startPrice: String(defaults.startPrice),
			deposit: '0',
			deadline: defaults.deadline,
			extendMinutes: String(defaults.extendMinutes),
			minBidders: String(defaults.minBidders),
		},
	})
	const mine = (errors?: string[]) => errors?.map((e) => (['tooSoon', 'tooLate', 'date', 'depositDate', 'depositPast', 'depositLate'].includes(e) ? t(`open.errors.${e}`) : e))
	return (
		<section aria-labelledby="open-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="open-heading" className="text-lg font-semibold">
				{again ? t('open.again') : t('open.heading')}
			</h2>
			<p className="mt-1 text-sm text-stone-600">{t('open.intro', { unit: unitLabel })}</p>
			<Form method="post" {...getFormProps(form)} className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
				<AuthenticityTokenInput name="csrf" />
				<Field label={t('open.startPrice', { unit: unitLabel })} {...getInputProps(fields.startPrice, { type: 'text' })} inputMode="decimal" errors={fields.startPrice.errors} />
				<Field label={t('open.increment', { unit: unitLabel })} {...getInputProps(fields.increment, { type: 'text' })} inputMode="decimal" errors={fields.increment.errors} />
				<Field label={t('open.deposit')} hint={t('open.depositHint')} {...getInputProps(fields.deposit, { type: 'text' })} inputMode="decimal" errors={fields.deposit.errors} />
				<Field
					label={t('open.deadline')}
					hint={t('open.deadlineHint')}
					{...getInputProps(fields.deadline, { type: 'datetime-local' })}
					min={deadlineRange.min}
					max={deadlineRange.max}
					errors={mine(fields.deadline.errors)}
				/>
				<Field
					label={t('open.depositDue')}
					hint={t('open.depositDueHint')}
					{...getInputProps(fields.depositDue, { type: 'datetime-local' })}
					min={deadlineRange.min}
					max={deadlineRange.max}
					errors={mine(fields.depositDue.errors)}
				/>
				<Field label={t('open.extendMinutes')} hint={t('open.extendHint')} {...getInputProps(fields.extendMinutes, { type: 'text' })} inputMode="numeric" errors={fields.extendMinutes.errors} />
				<Field label={t('open.minBidders')} hint={t('open.minBiddersHint')} {...getInputProps(fields.minBidders, { type: 'text' })} inputMode="numeric" errors={fields.minBidders.errors} />
				<ErrorList errors={form.errors} />
				<div className="sm:col-span-2 lg:col-span-3">
					<SubmitButton name="intent" value="open">
						{t('open.submit')}
					</SubmitButton>
				</div>
			</Form>
		</section>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'bidding')
	return [{ title: pageTitle(locale, data ? `${t('village.heading')} · ${data.listing.title}` : t('village.heading')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
