// /review/wanted/:id — a wanted post (求租 / 求购, issue 13) whose first town is the reviewer's: its
// facts with the buyer and contact, the record of decisions, and the same decision form as a
// listing's (approve / return / reject, always with an opinion). Another town's post is a 404.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Fact } from '~/components/fact.tsx'
import { REVIEW_INTENTS, ReviewDecisionForm, ReviewDecisionSchema } from '~/components/review-decision-form.tsx'
import { ReviewHistory } from '~/components/review-history.tsx'
import { WantedFacts, WantedStatusBadge } from '~/components/wanted-views.tsx'
import type { WantedStatus } from '~/domain/wanted.ts'
import { getWantedForReview, isWantedInReviewerTown, reviewWanted } from '~/models/wanted.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'wanted:review:town')
	const post = await getWantedForReview(user, params.id)
	invariantResponse(post)
	return { post }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'wanted:review:town')
	// Another town's post is a 404 before anything in the form is looked at.
	invariantResponse(await isWantedInReviewerTown(user, params.id))
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: ReviewDecisionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), conflict: false }, { status: 400 })
	const { intent, opinion } = submission.value
	const result = await reviewWanted(user, params.id!, REVIEW_INTENTS[intent], opinion)
	if (!result.ok) {
		invariantResponse(result.problem !== 'notFound')
		// Another reviewer decided first: the post as it is now, with a notice.
		return { result: submission.reply({ resetForm: true }), conflict: true }
	}
	return redirect(`/review?${new URLSearchParams({ decidedWanted: params.id!, status: result.status })}`)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function ReviewWanted() {
	const { post } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('wanted')
	const locale = useLocale()
	const statusLabel = t(`status.${post.status as WantedStatus}`)
	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<Link to="/review" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('review.back')}
			</Link>
			<header className="mt-3">
				<div className="flex flex-wrap items-center gap-3">
					<h1 className="min-w-0 break-words text-2xl font-bold text-stone-900">{post.title}</h1>
					<WantedStatusBadge status={post.status} />
				</div>
				<p className="mt-1 text-sm text-stone-600">{t('review.submittedBy', { buyer: post.buyer.name, date: formatDate(post.submittedAt, locale) })}</p>
			</header>
			<div className="mt-5 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
				<div className="min-w-0 space-y-6">
					<ReviewHistory reviews={post.reviews} />
					<ReviewDecisionForm
						listing={{ id: post.id, status: post.status, decisionStatus: 'notApplicable' }}
						actionData={actionData}
						subject={{ statusLabel, notOpen: t('review.notOpen', { status: statusLabel }), conflict: t('review.conflict'), intro: t('review.intro'), publicHref: `/wanted/${post.id}` }}
					/>
				</div>
				<aside className="lg:row-start-1 lg:col-start-2">
					<WantedFacts post={post}>
						<Fact label={t('facts.buyer')}>{post.buyer.name}</Fact>
						<Fact label={t('facts.contact')}>
							{post.contactName ? `${post.contactName} ` : ''}
							{post.contactPhone}
						</Fact>
					</WantedFacts>
				</aside>
			</div>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'wanted')
	return [{ title: pageTitle(locale, data?.post ? t('meta.review', { title: data.post.title }) : t('meta.notFound')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
