// /review/deals/:id — one deal of the reviewer's own town with everything a decision needs: the
// parties, the terms against the listing's asking terms, the signed contract, the buyer's inquiry,
// the objections and the history. Decisions always carry a written opinion: a recorded deal is
// approved (the public notice starts) or rejected; an objected deal's objection is upheld (the deal
// is rejected, the listing on offer again) or dismissed (the notice goes on). A deal of another
// town is a 404 (the town is in the query's `where`).
import { getFormProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { DealInquiry, DealObjections, DealParties, DealReviews, DealTerms } from '~/components/deal-views.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import type { DealStatus } from '~/domain/deal.ts'
import type { ListingType } from '~/domain/listing.ts'
import { decideObjection, getDealForReview, isDealId, reviewDeal } from '~/models/deal.server.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'review:deal:town')
	const deal = await getDealForReview(user, params.id)
	invariantResponse(deal)
	return { deal }
}

const DecisionSchema = z.object({
	intent: z.enum(['approve', 'reject', 'uphold', 'dismiss'], { errorMap: () => ({ message: 'invalidIntent' }) }),
	opinion: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(2000, 'tooLong'),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'review:deal:town')
	invariantResponse(isDealId(params.id))
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: DecisionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), conflict: false }, { status: 400 })
	const { intent, opinion } = submission.value
	const result =
		intent === 'approve' || intent === 'reject'
			? await reviewDeal(user, params.id, intent === 'approve' ? 'APPROVE' : 'REJECT', opinion, now())
			: await decideObjection(user, params.id, intent === 'uphold' ? 'UPHOLD' : 'DISMISS', opinion, now())
	if (!result.ok) {
		invariantResponse(result.problem !== 'notFound')
		// Decided meanwhile (another reviewer, or the deal moved on): the deal as it is now.
		return { result: submission.reply({ resetForm: true }), conflict: true }
	}
	return redirect(`/review/deals?decided=${params.id}`)
}

type Deal = ReturnType<typeof useLoaderData<typeof loader>>['deal']

export const shouldRevalidate = revalidateAfterRefusal

export default function ReviewDealRoute() {
	const { deal } = useLoaderData<typeof loader>()
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
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
					<DealTerms deal={deal} />
					<DealObjections objections={deal.objections} />
					<DealReviews reviews={deal.reviews} />
					<DecisionForm deal={deal} />
				</div>
				<aside className="space-y-6">
					<DealParties deal={deal} />
					{deal.inquiry ? <DealInquiry inquiry={deal.inquiry} /> : null}
				</aside>
			</div>
		</div>
	)
}

function DecisionForm({ deal }: { deal: Deal }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation('deal')
	const [form, fields] = useValidatedForm({
		id: `deal-review-${deal.id}`,
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
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

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const title = metaT(locale, 'deal')('review.title')
	return [{ title: pageTitle(locale, data ? `${title} · ${data.deal.listing.title}` : title) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
