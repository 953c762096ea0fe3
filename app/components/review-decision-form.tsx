// The reviewer's decision on a listing: approve, return or reject, always with an opinion. The
// form only while the listing is SUBMITTED; after another reviewer decided first, a notice instead.
// A plain POST form: it works without JavaScript.
import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { ErrorList, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import type { ListingStatus } from '~/domain/listing.ts'
import type { DecisionStatus } from '~/models/review.server.ts'
import { HeldLine } from '~/components/parcel-views.tsx'
import type { HeldParcel } from '~/domain/parcels.ts'

/** The buttons' `intent`, and the decision each one records. */
export const REVIEW_INTENTS = { approve: 'APPROVE', return: 'RETURN', reject: 'REJECT' } as const

export const ReviewDecisionSchema = z.object({
	intent: z.enum(['approve', 'return', 'reject'], { errorMap: () => ({ message: 'invalidIntent' }) }),
	opinion: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(2000, 'tooLong'),
})

export type ReviewActionData = { result: SubmissionResult<string[]>; conflict: boolean; held?: HeldParcel[] }
type FormListing = { id: string; status: string; decisionStatus: DecisionStatus }
/** For a reviewed record other than a listing (a wanted post): its status's name, its own wording and public page. */
type Subject = { statusLabel: string; notOpen: string; conflict: string; intro: string; publicHref: string | null }

function DecisionWarning({ status }: { status: DecisionStatus }) {
	const { t } = useTranslation('review')
	if (status !== 'fail' && status !== 'missing') return null
	return (
		<div role="note" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
			<p className="font-semibold">
				<a href="#decision-heading" className="underline underline-offset-2">
					{t('decision.warningTitle')}
				</a>
			</p>
			<p>{t('decision.warningText')}</p>
		</div>
	)
}

export function ReviewDecisionForm({ listing, actionData, subject }: { listing: FormListing; actionData?: ReviewActionData; subject?: Subject }) {
	const navigation = useNavigation()
	const { t } = useTranslation('review')
	const { t: tc } = useTranslation('common')
	const [form, fields] = useValidatedForm({
		id: `review-${listing.id}`,
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewDecisionSchema }),
	})
	const busy = navigation.state !== 'idle' && navigation.formMethod?.toLowerCase() === 'post'
	const status = subject?.statusLabel ?? tc(`status.${listing.status as ListingStatus}`)
	const isPublic = listing.status === 'PUBLISHED' || listing.status === 'TRADED'
	const publicHref = subject ? subject.publicHref : `/listings/${listing.id}`
	const publicLink = isPublic && publicHref ? (
		<Link to={publicHref} className="mt-1 inline-block font-medium underline underline-offset-2">
			{t('listing.viewPublic')}
		</Link>
	) : null

	return (
		<section id="decide" aria-labelledby="decide-heading" className="scroll-mt-4 rounded-lg border border-stone-300 bg-white p-4 shadow-sm sm:p-5">
			<h2 id="decide-heading" className="text-lg font-semibold">
				{t('decide.heading')}
			</h2>
			{actionData?.held?.length ? (
				<ul role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="review-held">
					{actionData.held.map((h) => (
						<HeldLine key={h.code} {...h} />
					))}
				</ul>
			) : null}
			{actionData?.conflict ? (
				<div role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
					<p className="font-semibold">{subject?.conflict ?? t('listing.conflict')}</p>
					<p className="text-sm">{t('listing.conflictStatus', { status })}</p>
					{publicLink}
				</div>
			) : listing.status !== 'SUBMITTED' ? (
				<div className="mt-2 text-sm text-stone-700">
					<p>{subject?.notOpen ?? t('listing.notOpen', { status })}</p>
					{publicLink}
				</div>
			) : null}
			{listing.status === 'SUBMITTED' ? (
				<Form method="post" {...getFormProps(form)} className="mt-2 space-y-4">
					<AuthenticityTokenInput name="csrf" />
					<p className="text-sm text-stone-600">{subject?.intro ?? t('decide.intro')}</p>
					<DecisionWarning status={listing.decisionStatus} />
					<TextareaField
						label={t('decide.opinion')}
						hint={t('decide.opinionHint')}
						{...getTextareaProps(fields.opinion)}
						rows={5}
						maxLength={2000}
						errors={fields.opinion.errors}
					/>
					<ErrorList errors={fields.intent.errors?.map((e) => (e === 'invalidIntent' ? t('decide.invalidIntent') : e))} />
					<div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
						<button
							type="submit"
							name="intent"
							value="approve"
							disabled={busy}
							className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 disabled:opacity-60"
						>
							{t('decide.approve')}
						</button>
						<button
							type="submit"
							name="intent"
							value="return"
							disabled={busy}
							className="inline-flex items-center justify-center rounded-md border border-orange-300 bg-orange-50 px-4 py-2 text-sm font-medium text-orange-900 hover:bg-orange-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:ring-offset-2 disabled:opacity-60"
						>
							{t('decide.return')}
						</button>
						<button
							type="submit"
							name="intent"
							value="reject"
							disabled={busy}
							className="inline-flex items-center justify-center rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 disabled:opacity-60 sm:ml-auto"
						>
							{t('decide.reject')}
						</button>
					</div>
				</Form>
			) : null}
		</section>
	)
}
