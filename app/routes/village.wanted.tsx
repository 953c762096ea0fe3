// /village/wanted — the published wanted posts (求租 / 求购, issue 13) that name the village's town,
// with the buyer's contact, and which of the village's own listings match each one.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { EmptyQueue } from '~/components/review-queue.tsx'
import { WantedCard } from '~/components/wanted-views.tsx'
import { villageWanted } from '~/models/wanted.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

export const handle = { i18n: ['village', 'wanted'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'wanted:contact:own-town')
	return { posts: await villageWanted(user) }
}

export default function VillageWanted() {
	const { posts } = useLoaderData<typeof loader>()
	const { t } = useTranslation('wanted')
	return (
		<div className="space-y-4">
			<div className="max-w-3xl">
				<h1 className="text-2xl font-bold">{t('village.heading')}</h1>
				<p className="mt-1 text-sm text-stone-600">{t('village.intro')}</p>
			</div>
			{posts.length === 0 ? (
				<EmptyQueue>{t('village.empty')}</EmptyQueue>
			) : (
				<ul className="space-y-3" data-testid="village-wanted">
					{posts.map((post) => (
						<WantedCard key={post.id} post={post} href={`/wanted/${post.id}`}>
							<p className="mt-2 text-sm text-stone-700">{post.intendedUse}</p>
							<p className="mt-2 text-sm" data-testid="wanted-contact">
								<span className="text-stone-500">{t('village.contact')}</span> <span className="font-medium">{post.contactName ?? post.buyer.name}</span>{' '}
								<a href={`tel:${post.contactPhone.replace(/[^0-9+]/g, '')}`} className="font-medium text-brand-700 underline">
									{post.contactPhone}
								</a>
							</p>
							<p className="mt-1 text-sm">
								{post.matching.length ? (
									<>
										<span className="text-emerald-800">{t('village.matching')}</span>
										{post.matching.map((l, i) => (
											<span key={l.id}>
												{i > 0 ? '、' : ''}
												<Link to={`/village/listings/${l.id}`} className="text-brand-700 underline">
													{l.title}
												</Link>
											</span>
										))}
									</>
								) : (
									<span className="text-stone-500">{t('village.noMatching')}</span>
								)}
							</p>
						</WantedCard>
					))}
				</ul>
			)}
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'wanted')('meta.village')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
