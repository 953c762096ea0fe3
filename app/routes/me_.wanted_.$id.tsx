// /me/wanted/:id — one of the buyer's own wanted posts: its facts, status, the reviewers' opinions
// and the listings that matched it; while a draft or returned, the form to change and (re)submit it;
// while open, a button to close it. Someone else's post is a 404 (the buyer is in every `where`).
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Fact } from '~/components/fact.tsx'
import { ReviewHistory } from '~/components/review-history.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { WantedForm, wantedDefaults } from '~/components/wanted-form.tsx'
import { WantedFacts, WantedStatusBadge } from '~/components/wanted-views.tsx'
import { CLOSABLE_WANTED, EDITABLE_WANTED, type WantedStatus } from '~/domain/wanted.ts'
import { getTownsWithVillages } from '~/models/town.server.ts'
import { closeWanted, getOwnWanted, isWantedId, submitWanted, updateWanted } from '~/models/wanted.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'
import { WantedFormSchema } from '~/utils/wanted-form.ts'

export const handle = { i18n: ['wanted', 'review'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'wanted:post:own')
	const [post, towns] = await Promise.all([getOwnWanted(user, params.id ?? ''), getTownsWithVillages()])
	invariantResponse(post)
	const done = new URL(request.url).searchParams.get('done')
	return { post, towns: towns.map(({ code, name, nameEn }) => ({ code, name, nameEn })), done: done === 'saved' || done === 'submitted' ? done : null }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'wanted:post:own')
	const id = params.id ?? ''
	invariantResponse(isWantedId(id) && (await getOwnWanted(user, id)))
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	if (formData.get('intent') === 'close') {
		invariantResponse(await closeWanted(user, id), 'This post cannot be closed now.', { status: 409 })
		return redirect('/me/wanted?done=closed')
	}
	const submission = parseWithZod(formData, { schema: WantedFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const saved = await updateWanted(user, id, submission.value)
	if (!saved.ok) {
		if (saved.problem === 'unknownTown') return data({ result: submission.reply({ fieldErrors: { town: ['unknownTown'] } }) }, { status: 400 })
		invariantResponse(saved.problem !== 'notFound')
		return data({ result: submission.reply({ formErrors: ['notEditable'] }) }, { status: 409 })
	}
	if (submission.value.intent === 'submit') {
		invariantResponse(await submitWanted(user, id), 'This post cannot be submitted now.', { status: 409 })
		return redirect(`/me/wanted/${id}?done=submitted`)
	}
	return redirect(`/me/wanted/${id}?done=saved`)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function OwnWanted() {
	const { post, towns, done } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('wanted')
	const locale = useLocale()
	const status = post.status as WantedStatus
	const editable = EDITABLE_WANTED.includes(status)
	return (
		<div className="mx-auto max-w-6xl px-4 py-6">
			<Link to="/me/wanted" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('detail.back')}
			</Link>
			<header className="mt-3 flex flex-wrap items-center gap-3">
				<h1 className="min-w-0 break-words text-2xl font-bold text-stone-900">{post.title}</h1>
				<WantedStatusBadge status={post.status} />
			</header>
			{done ? (
				<div className="mt-4">
					<Notice tone="ok">{t(`me.done.${done}`)}</Notice>
				</div>
			) : null}
			<div className="mt-5 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
				<div className="min-w-0 space-y-6">
					{editable ? (
						<section aria-labelledby="edit-heading">
							<h2 id="edit-heading" className="mb-3 text-lg font-semibold">
								{t('form.headingEdit')}
							</h2>
							<WantedForm towns={towns} lastResult={actionData?.result} defaultValue={wantedDefaults(post)} />
						</section>
					) : (
						<WantedFacts post={post}>
							<Fact label={t('facts.contact')}>
								{post.contactName ? `${post.contactName} ` : ''}
								{post.contactPhone}
							</Fact>
						</WantedFacts>
					)}
					<ReviewHistory reviews={post.reviews} />
				</div>
				<aside className="space-y-6">
					{status === 'PUBLISHED' ? (
						<Link to={`/wanted/${post.id}`} className="inline-block text-sm font-medium text-brand-700 underline">
							{t('detail.viewPublic')}
						</Link>
					) : null}
					{status === 'SUBMITTED' ? <Notice tone="info">{t('detail.waiting')}</Notice> : null}
					<section aria-labelledby="matches-heading">
						<h2 id="matches-heading" className="mb-2 text-lg font-semibold">
							{t('detail.matches')}
						</h2>
						{post.matches.length === 0 ? (
							<p className="text-sm text-stone-600">{t('detail.noMatches')}</p>
						) : (
							<ul className="space-y-2 text-sm" data-testid="wanted-matches">
								{post.matches.map((m) => (
									<li key={m.listing.id} className="flex justify-between gap-2">
										<Link to={`/listings/${m.listing.id}`} className="min-w-0 break-words text-brand-700 underline">
											{m.listing.title}
										</Link>
										<span className="shrink-0 text-stone-500">{formatDate(m.createdAt, locale)}</span>
									</li>
								))}
							</ul>
						)}
					</section>
					{CLOSABLE_WANTED.includes(status) ? (
						<Form method="post" className="rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm">
							<AuthenticityTokenInput name="csrf" />
							<p className="text-stone-600">{t('detail.closeHint')}</p>
							<button type="submit" name="intent" value="close" className="mt-3 rounded-md border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50">
								{t('detail.close')}
							</button>
						</Form>
					) : null}
				</aside>
			</div>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, data?.post.title ?? metaT(locale, 'wanted')('meta.notFound')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
