// /deals/:id — one deal of the public ledger (成交公示), from its public notice on: the listing,
// place, mode, price, area, the notice dates and the days left, and the buyer's name masked (never
// an ID number or a contact). Until the Party approves it, a deal is not found here, exactly like
// an unknown id. While the notice runs, any logged-in user may raise an objection with a reason;
// it sends the deal back to the town's reviewer.
import { getFormProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, SubmitButton, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import { isOutsideOrigin, type DealStatus } from '~/domain/deal.ts'
import type { AreaUnit, ListingType, PriceUnit, TransferMode } from '~/domain/listing.ts'
import { getPublicDeal, isDealId, promoteEndedNotices, raiseObjection } from '~/models/deal.server.ts'
import { getUser, requireUser } from '~/utils/auth.server.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatArea, formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
import { useLocale, useOptionalUser } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await getUser(request)
	// A notice that has run out shows as waiting for certification, not as a notice with 0 days left.
	await promoteEndedNotices(now())
	const deal = await getPublicDeal(params.id, user?.id ?? null, now())
	invariantResponse(deal)
	return { deal, objected: new URL(request.url).searchParams.has('objected') }
}

/** An objection's reason: long enough to say what is wrong, as the model requires too. */
const OBJECTION_LIMITS = { min: 10, max: 2000 }

const ObjectionSchema = z.object({
	intent: z.literal('object', { errorMap: () => ({ message: 'invalid' }) }),
	reason: z.string({ required_error: 'required' }).trim().min(OBJECTION_LIMITS.min, 'tooShort').max(OBJECTION_LIMITS.max, 'tooLong'),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	invariantResponse(isDealId(params.id))
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: ObjectionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const result = await raiseObjection(user, params.id, submission.value.reason, now())
	if (!result.ok) {
		invariantResponse(result.problem !== 'notFound')
		return data({ result: submission.reply({ formErrors: [result.problem] }) }, { status: 409 })
	}
	return redirect(`/deals/${params.id}?objected=1`)
}

type Deal = ReturnType<typeof useLoaderData<typeof loader>>['deal']

const STATUS_STYLE: Partial<Record<DealStatus, string>> = {
	IN_NOTICE: 'bg-amber-100 text-amber-900 ring-amber-300',
	OBJECTED: 'bg-orange-100 text-orange-900 ring-orange-300',
	AWAITING_CERTIFICATION: 'bg-sky-100 text-sky-900 ring-sky-300',
	COMPLETED: 'bg-stone-800 text-white ring-stone-800',
}

export const shouldRevalidate = revalidateAfterRefusal

export default function PublicDealRoute() {
	const { deal, objected } = useLoaderData<typeof loader>()
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale: Locale = useLocale()
	const l = deal.listing
	const status = deal.status as DealStatus
	const outside = isOutsideOrigin(deal.origin)
	const place = locale === 'en' ? `${l.village.nameEn}, ${l.town.nameEn}` : `${l.town.name} · ${l.village.name}`
	return (
		<div className="mx-auto max-w-4xl px-4 py-5 sm:py-6">
			<p className="text-sm text-stone-600">{t('notice.eyebrow')}</p>
			<header className="mt-2">
				<p className="flex flex-wrap items-center gap-2 text-sm">
					<span className={`rounded px-2 py-0.5 font-semibold ring-1 ${STATUS_STYLE[status] ?? 'bg-stone-100 text-stone-700 ring-stone-200'}`} data-testid="deal-status">
						{t(`status.${status}`)}
					</span>
					{deal.standing !== 'ACTIVE' ? (
						<span className="rounded bg-amber-100 px-2 py-0.5 font-semibold text-amber-900 ring-1 ring-amber-300" data-testid="deal-standing">
							{deal.standing === 'TERMINATED' ? t('changes.terminatedOn', { date: formatDate(deal.terminatedOn, locale) }) : t(`changes.standing.${deal.standing}`)}
						</span>
					) : null}
					{deal.daysLeft !== null ? (
						<span className="font-medium text-amber-800" data-testid="days-left">
							{t('notice.daysLeft', { count: deal.daysLeft })}
						</span>
					) : null}
				</p>
				<h1 className="mt-2 break-words text-2xl font-bold leading-snug sm:text-3xl">{l.title}</h1>
				<p className="mt-1 text-stone-600">
					{tc(`types.${l.type as ListingType}`)} · {place}
				</p>
			</header>
			{objected ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t('notice.objectionSent')}
				</p>
			) : null}
			<div className="mt-5 grid gap-6 md:grid-cols-[minmax(0,1fr)_18rem]">
				<section aria-labelledby="deal-facts" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
					<h2 id="deal-facts" className="text-lg font-semibold">
						{t('notice.facts')}
					</h2>
					<dl className="mt-2 grid gap-x-6 text-sm sm:grid-cols-2">
						<Item label={t('fields.price')}>{formatPrice(deal.price, deal.priceUnit as PriceUnit, locale)}</Item>
						<Item label={t('fields.total')}>{formatMoney(deal.totalValueYuan, locale)}</Item>
						<Item label={t('fields.area')}>{formatArea(deal.area, deal.areaUnit as AreaUnit, locale)}</Item>
						<Item label={t('fields.term')}>{deal.termYears ? tc('units.years', { count: deal.termYears }) : '—'}</Item>
						<Item label={t('fields.transferMode')}>{tc(`transferModes.${deal.transferMode as TransferMode}`)}</Item>
						<Item label={t('fields.tradingMode')}>{tc(`tradingModes.${deal.tradingMode as 'NEGOTIATED'}`)}</Item>
						<Item label={t('fields.buyer')}>
							<span data-testid="buyer-masked">{deal.buyerMasked}</span>
						</Item>
						<Item label={t('fields.contractDate')}>{formatDate(deal.contractDate, locale)}</Item>
						{outside ? (
							// Done outside the platform (023): filed, with no public notice, certificate or listing page.
							<Item label={t('filing:offlineMark')}>
								<span data-testid="offline-mark">{formatDate(deal.filedAt, locale)}</span>
							</Item>
						) : (
							<>
								<Item label={t('fields.noticeStart')}>{formatDate(deal.noticeStartsAt, locale)}</Item>
								<Item label={t('fields.noticeEnd')}>{formatDate(deal.noticeEndsAt, locale)}</Item>
							</>
						)}
						{deal.certifiedAt ? <Item label={t('fields.certifiedAt')}>{formatDate(deal.certifiedAt, locale)}</Item> : null}
						{deal.certificateNo ? (
							<Item label={t('fields.certificateNo')}>
								<Link to={`/verify/${encodeURIComponent(deal.certificateNo)}`} className="font-mono text-brand-700 underline" data-testid="certificate-verify-link">
									{deal.certificateNo}
								</Link>
							</Item>
						) : null}
					</dl>
					{outside ? (
						<p className="mt-3 text-sm text-stone-600">{t('filing:offlineMarkHint')}</p>
					) : (
						<p className="mt-3 text-sm">
							<Link to={`/listings/${l.id}`} className="text-brand-700 underline">
								{t('notice.viewListing')}
							</Link>
						</p>
					)}
				</section>
				<aside className="space-y-3 text-sm text-stone-700">
					{outside ? null : <p>{t(`notice.explain.${status}`, { defaultValue: '' })}</p>}
					<p className="text-xs text-stone-500">{t('notice.privacy')}</p>
				</aside>
			</div>
			<ObjectionSection deal={deal} />
		</div>
	)
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
	return (
		<div className="border-b border-stone-100 py-2">
			<dt className="text-stone-500">{label}</dt>
			<dd className="font-medium text-stone-900">{children}</dd>
		</div>
	)
}

function ObjectionSection({ deal }: { deal: Deal }) {
	const user = useOptionalUser()
	const location = useLocation()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('deal')
	const locale: Locale = useLocale()
	const [form, fields] = useValidatedForm({
		id: `objection-${deal.id}`,
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ObjectionSchema }),
	})
	if (!deal.objectionOpen) return null
	// One objection per account and deal (the newest comes first): open, or already decided.
	const mine = deal.myObjections[0]
	return (
		<section aria-labelledby="objection-heading" className="mt-8 rounded-lg border border-stone-300 bg-white p-4 shadow-sm sm:p-5">
			<h2 id="objection-heading" className="text-lg font-semibold">
				{t('notice.objectHeading')}
			</h2>
			<p className="mt-1 text-sm text-stone-600">{t('notice.objectIntro', { date: formatDate(deal.noticeEndsAt, locale) })}</p>
			{!user ? (
				<p className="mt-3 text-sm">
					<Link to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`} className="font-medium text-brand-700 underline">
						{t('notice.loginToObject')}
					</Link>
				</p>
			) : mine ? (
				<p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="my-objection">
					{t(mine.status === 'OPEN' ? 'notice.alreadyObjected' : 'notice.objectionDecided', { date: formatDate(mine.createdAt, locale) })}
				</p>
			) : (
				<Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
					<AuthenticityTokenInput name="csrf" />
					<TextareaField
						label={t('notice.reason')}
						hint={t('notice.reasonHint', { min: OBJECTION_LIMITS.min, max: OBJECTION_LIMITS.max })}
						{...getTextareaProps(fields.reason)}
						rows={4}
						maxLength={OBJECTION_LIMITS.max}
						errors={fields.reason.errors}
					/>
					<ErrorList errors={form.errors?.map((e) => t(`notice.problems.${e}`, { defaultValue: e }))} />
					<SubmitButton name="intent" value="object">
						{t('notice.submitObjection')}
					</SubmitButton>
				</Form>
			)}
		</section>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	if (!data) return [{ title: pageTitle(locale, metaT(locale, 'common')('errors.notFoundTitle')) }]
	return [{ title: pageTitle(locale, `${metaT(locale, 'deal')('notice.title')} · ${data.deal.listing.title}`) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
