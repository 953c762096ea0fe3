// /wanted/:id — one published wanted post (求租 / 求购, issue 13) as the public sees it: what is
// wanted, where, the buyer masked (张**), no contact. Anything not published is a 404.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Fact } from '~/components/fact.tsx'
import { WantedFacts } from '~/components/wanted-views.tsx'
import { publicWantedPost } from '~/models/wanted.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

export const handle = { i18n: ['wanted'] }

export async function loader({ params }: LoaderFunctionArgs) {
	const post = await publicWantedPost(params.id)
	invariantResponse(post)
	return { post }
}

export default function WantedPost() {
	const { post } = useLoaderData<typeof loader>()
	const { t } = useTranslation('wanted')
	return (
		<div className="mx-auto max-w-3xl space-y-5 px-4 py-6">
			<Link to="/wanted" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('public.back')}
			</Link>
			<h1 className="break-words text-2xl font-bold text-stone-900">{post.title}</h1>
			<WantedFacts post={post}>
				<Fact label={t('facts.buyer')}>
					<span data-testid="wanted-buyer">{post.buyer ?? t('buyerAnon')}</span>
				</Fact>
			</WantedFacts>
			<p className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">{t('public.contactNote')}</p>
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
