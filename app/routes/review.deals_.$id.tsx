// Over 300 lines: not split here on purpose. Issue 9 splits the long routes in one step (server
// code into siblings, shared views such as the listing facts into components used by several
// routes); splitting this one alone would make the copies that step removes.
// /review/deals/:id — one deal of the reviewer's own town with everything a decision needs: the
// parties, the terms against the listing's asking terms, the signed contract, the buyer's inquiry,
// the objections and the history. Decisions always carry a written opinion: a recorded deal is
// approved (the public notice starts) or rejected; an objected deal's objection is upheld (the deal
// is rejected, the listing on offer again) or dismissed (the notice goes on). A deal of another
// town is a 404 (the town is in the query's `where`).
import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { requirePermission } from '~/utils/permissions.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, TextareaField } from '~/components/forms.tsx'
import { type DealStatus } from '~/domain/deal.ts'
import type { AreaUnit, ListingType, PriceUnit, TransferMode } from '~/domain/listing.ts'
import { resources } from '~/i18n.ts'
import { decideObjection, getDealForReview, isDealId, reviewDeal } from '~/models/deal.server.ts'
import type { loader as rootLoader } from '~/root.tsx'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatArea, formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
import { opinionText } from '~/utils/review-opinion.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'review:deal:town')
	const deal = await getDealForReview(user, params.id)
	if (!deal) throw new Response('Not found', { status: 404 })
	return json({ deal })
}

const DecisionSchema = z.object({
	intent: z.enum(['approve', 'reject', 'uphold', 'dismiss'], { errorMap: () => ({ message: 'invalidIntent' }) }),
	opinion: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(2000, 'tooLong'),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'review:deal:town')
	if (!isDealId(params.id)) throw new Response('Not found', { status: 404 })
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: DecisionSchema })
	if (submission.status !== 'success') return json({ result: submission.reply(), conflict: false }, { status: 400 })
	const { intent, opinion } = submission.value
	const result =
		intent === 'approve' || intent === 'reject'
			? await reviewDeal(user, params.id, intent === 'approve' ? 'APPROVE' : 'REJECT', opinion, now())
			: await decideObjection(user, params.id, intent === 'uphold' ? 'UPHOLD' : 'DISMISS', opinion, now())
	if (!result.ok) {
		if (result.problem === 'notFound') throw new Response('Not found', { status: 404 })
		// Decided meanwhile (another reviewer, or the deal moved on): the deal as it is now.
		return json({ result: submission.reply({ resetForm: true }), conflict: true })
	}
	return redirect(`/review/deals?decided=${params.id}`)
}

type Deal = ReturnType<typeof useLoaderData<typeof loader>>['deal']

function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-3 py-2">
			<dt className="text-stone-500">{label}</dt>
			<dd className="break-words text-stone-900">{children}</dd>
		</div>
	)
}

export default function ReviewDealRoute() {
	const { deal } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale: Locale = i18n.language === 'en' ? 'en' : 'zh'
	const l = deal.listing
	const place = locale === 'en' ? `${l.village.nameEn}, ${l.town.nameEn}` : `${l.town.name} · ${l.village.name}`
	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<Link to="/review/deals" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('review.back')}
			</Link>
			<header className="mt-3">
				<p className="flex flex-wrap items-center gap-2 text-sm">
					<span className="rounded bg-stone-800 px-2 py-0.5 font-medium text-white" data-testid="deal-status">
						{t(`status.${deal.status as DealStatus}`)}
					</span>
					<span className="text-stone-600">
						{tc(`types.${l.type as ListingType}`)} · {place} · {tc(`tradingModes.${deal.tradingMode as 'NEGOTIATED' | 'BIDDING'}`)}
					</span>
				</p>
				<h1 className="mt-2 break-words text-2xl font-bold sm:text-3xl">{l.title}</h1>
				<p className="mt-1 text-sm text-stone-600">{t('review.recordedOn', { date: formatDate(deal.createdAt, locale) })}</p>
			</header>
			<div className="mt-5 grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
				<div className="min-w-0 space-y-6">
					<Terms deal={deal} locale={locale} />
					<Objections deal={deal} locale={locale} />
					<History deal={deal} locale={locale} />
					<DecisionForm deal={deal} />
				</div>
				<aside className="space-y-6">
					<Parties deal={deal} locale={locale} />
					{deal.inquiry ? (
						<section aria-labelledby="inquiry-heading" className="rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm">
							<h2 id="inquiry-heading" className="text-lg font-semibold">
								{t('review.inquiry')}
							</h2>
							<dl className="mt-2 divide-y divide-stone-100">
								<Fact label={t('review.inquiryDate')}>{formatDate(deal.inquiry.createdAt, locale)}</Fact>
								<Fact label={t('review.intendedUse')}>{deal.inquiry.intendedUse}</Fact>
								<Fact label={t('fields.term')}>{deal.inquiry.termYears ? tc('units.years', { count: deal.inquiry.termYears }) : '—'}</Fact>
								<Fact label={t('review.offeredPrice')}>{deal.inquiry.offeredPrice ? formatMoney(deal.inquiry.offeredPrice, locale) : '—'}</Fact>
								<Fact label={t('review.message')}>
									<span className="whitespace-pre-line">{deal.inquiry.message}</span>
								</Fact>
								<Fact label={t('review.contact')}>{deal.inquiry.contact}</Fact>
							</dl>
						</section>
					) : null}
				</aside>
			</div>
		</div>
	)
}

function Terms({ deal, locale }: { deal: Deal; locale: Locale }) {
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const l = deal.listing
	return (
		<section aria-labelledby="terms-heading" className="rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm">
			<h2 id="terms-heading" className="text-lg font-semibold">
				{t('review.terms')}
			</h2>
			<dl className="mt-2 divide-y divide-stone-100">
				<Fact label={t('fields.price')}>
					<span className="font-semibold">{formatPrice(deal.price, deal.priceUnit as PriceUnit, locale)}</span>
					<span className="text-stone-500"> · {t('review.asking', { price: formatPrice(l.price, l.priceUnit as PriceUnit, locale) })}</span>
				</Fact>
				<Fact label={t('fields.total')}>{formatMoney(deal.totalValueYuan, locale)}</Fact>
				<Fact label={t('fields.area')}>{formatArea(deal.area, deal.areaUnit as AreaUnit, locale)}</Fact>
				<Fact label={t('fields.term')}>{deal.termYears ? tc('units.years', { count: deal.termYears }) : '—'}</Fact>
				<Fact label={t('fields.transferMode')}>{tc(`transferModes.${deal.transferMode as TransferMode}`)}</Fact>
				<Fact label={t('fields.contractDate')}>{formatDate(deal.contractDate, locale)}</Fact>
				<Fact label={t('fields.contract')}>
					{deal.contractFile ? (
						<a href={`/deals/${deal.id}/contract`} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline" data-testid="contract-link">
							{t('review.openContract', { kind: deal.contractFile.split('.').pop()?.toUpperCase() })}
						</a>
					) : (
						t('review.noContract')
					)}
				</Fact>
				{deal.noticeStartsAt ? (
					<Fact label={t('fields.noticePeriod')}>
						{formatDate(deal.noticeStartsAt, locale)} – {formatDate(deal.noticeEndsAt, locale)}
					</Fact>
				) : null}
				<Fact label={t('fields.listing')}>
					<Link to={`/review/listings/${l.id}`} className="text-brand-700 underline">
						{l.title}
					</Link>
					<span className="text-stone-500"> · {tc(`status.${l.status as 'PUBLISHED'}`)}</span>
				</Fact>
			</dl>
		</section>
	)
}

function Parties({ deal, locale }: { deal: Deal; locale: Locale }) {
	const { t } = useTranslation('deal')
	const l = deal.listing
	return (
		<section aria-labelledby="parties-heading" className="rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm">
			<h2 id="parties-heading" className="text-lg font-semibold">
				{t('review.parties')}
			</h2>
			<dl className="mt-2 divide-y divide-stone-100">
				<Fact label={t('fields.seller')}>
					{locale === 'en' ? l.village.nameEn : l.village.name}
					{l.village.contactName ? <span className="block text-stone-500">{[l.village.contactName, l.village.contactPhone].filter(Boolean).join(' · ')}</span> : null}
				</Fact>
				<Fact label={t('fields.buyer')}>
					{deal.buyer ? (
						<>
							{deal.buyer.name} <span className="text-stone-500">· {t('review.registered')}</span>
							<span className="block text-stone-500">{[deal.buyer.phone, deal.buyer.email].filter(Boolean).join(' · ')}</span>
						</>
					) : (
						<>
							{deal.outsideBuyerName} <span className="text-stone-500">· {t('review.outside')}</span>
							<span className="block font-mono text-stone-700">{deal.outsideBuyerIdNumber}</span>
						</>
					)}
				</Fact>
			</dl>
		</section>
	)
}

function Objections({ deal, locale }: { deal: Deal; locale: Locale }) {
	const { t } = useTranslation('deal')
	if (deal.objections.length === 0) return null
	return (
		<section aria-labelledby="objections-heading">
			<h2 id="objections-heading" className="mb-2 text-lg font-semibold">
				{t('review.objections')}
			</h2>
			<ol className="space-y-3" data-testid="objections">
				{deal.objections.map((o) => (
					<li key={o.id} className={`rounded-lg border p-3 text-sm ${o.status === 'OPEN' ? 'border-amber-300 bg-amber-50' : 'border-stone-200 bg-white'}`}>
						<p className="flex flex-wrap gap-2 text-stone-600">
							<span className="font-semibold text-stone-900">{t(`objectionStatus.${o.status as 'OPEN'}`)}</span>
							<span>{t('review.objectedBy', { name: o.user.name, date: formatDate(o.createdAt, locale) })}</span>
						</p>
						<p className="mt-1 whitespace-pre-line break-words text-stone-900">{o.reason}</p>
					</li>
				))}
			</ol>
		</section>
	)
}

function History({ deal, locale }: { deal: Deal; locale: Locale }) {
	const { t } = useTranslation('deal')
	return (
		<section aria-labelledby="history-heading">
			<h2 id="history-heading" className="mb-2 text-lg font-semibold">
				{t('review.history')}
			</h2>
			{deal.reviews.length === 0 ? (
				<p className="text-sm text-stone-600">{t('review.noHistory')}</p>
			) : (
				<ol className="space-y-3" data-testid="deal-reviews">
					{deal.reviews.map((r) => (
						<li key={r.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
							<p className="flex flex-wrap gap-2 text-stone-600">
								<span className="font-semibold text-stone-900">
									{t(`reviewKinds.${r.kind as 'DEAL'}`)} · {t(`decisions.${r.decision as 'APPROVE'}`)}
								</span>
								<span>{t('review.by', { name: r.reviewer.name, date: formatDate(r.createdAt, locale) })}</span>
							</p>
							<p className="mt-1 whitespace-pre-line break-words text-stone-900">{opinionText(t, r)}</p>
						</li>
					))}
				</ol>
			)}
		</section>
	)
}

function DecisionForm({ deal }: { deal: Deal }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation('deal')
	const [form, fields] = useForm({
		id: `deal-review-${deal.id}`,
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const busy = navigation.state !== 'idle'
	const pending = deal.status === 'PENDING_REVIEW'
	const objected = deal.status === 'OBJECTED'
	const button = 'inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60'
	return (
		<section id="decide" aria-labelledby="decide-heading" className="rounded-lg border border-stone-300 bg-white p-4 shadow-sm sm:p-5">
			<h2 id="decide-heading" className="text-lg font-semibold">
				{objected ? t('review.decideObjection') : t('review.decide')}
			</h2>
			{actionData?.conflict ? (
				<p role="alert" className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
					{t('review.conflict', { status: t(`status.${deal.status as DealStatus}`) })}
				</p>
			) : null}
			{pending || objected ? (
				<Form method="post" {...getFormProps(form)} className="mt-2 space-y-4">
					<AuthenticityTokenInput name="csrf" />
					<p className="text-sm text-stone-600">{objected ? t('review.objectionIntro') : t('review.intro')}</p>
					<TextareaField label={t('review.opinion')} {...getTextareaProps(fields.opinion)} rows={4} maxLength={2000} errors={fields.opinion.errors} />
					<ErrorList errors={fields.intent.errors?.map(() => t('review.invalidIntent'))} />
					<div className="flex flex-col gap-2 sm:flex-row">
						<button type="submit" name="intent" value={pending ? 'approve' : 'dismiss'} disabled={busy} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
							{pending ? t('review.approve') : t('review.dismiss')}
						</button>
						<button type="submit" name="intent" value={pending ? 'reject' : 'uphold'} disabled={busy} className={`${button} border border-red-300 bg-white text-red-800 hover:bg-red-50 sm:ml-auto`}>
							{pending ? t('review.reject') : t('review.uphold')}
						</button>
					</div>
				</Form>
			) : (
				<p className="mt-2 text-sm text-stone-700">{t('review.notOpen', { status: t(`status.${deal.status as DealStatus}`) })}</p>
			)}
		</section>
	)
}

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ data, matches }) => {
	const locale = matches.find((m) => m.id === 'root')?.data?.locale === 'en' ? 'en' : 'zh'
	const s = resources[locale]
	return [{ title: `${s.deal.review.title}${data ? ` · ${data.deal.listing.title}` : ''} | ${s.common.appName}` }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
