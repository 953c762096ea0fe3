// /me/wanted — the buyer's own wanted posts (求租 / 求购, issue 13): each with its status and the
// listings that matched it, how many are open of the per-account limit, and the way to a new one.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { EmptyQueue } from '~/components/review-queue.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { WantedCard, WantedStatusBadge } from '~/components/wanted-views.tsx'
import { WANTED_LIMITS } from '~/domain/wanted.ts'
import { buyerWanted, openWantedCount } from '~/models/wanted.server.ts'
import { formatDate } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'

export const handle = { i18n: ['wanted'] }

const DONE = ['saved', 'submitted', 'closed'] as const

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'wanted:post:own')
	const [posts, open] = await Promise.all([buyerWanted(user), openWantedCount(user)])
	const done = new URL(request.url).searchParams.get('done')
	return { posts, open, max: WANTED_LIMITS.openPerAccount, done: (DONE as readonly string[]).includes(done ?? '') ? (done as (typeof DONE)[number]) : null }
}

export default function MyWanted() {
	const { posts, open, max, done } = useLoaderData<typeof loader>()
	const { t } = useTranslation('wanted')
	const locale = useLocale()
	return (
		<div className="mx-auto max-w-4xl space-y-5 px-4 py-6">
			<Link to="/me" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('common:nav.me')}
			</Link>
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div className="max-w-2xl">
					<h1 className="text-2xl font-bold text-stone-900">{t('me.heading')}</h1>
					<p className="mt-1 text-sm text-stone-600">{t('me.intro')}</p>
				</div>
				<div className="flex items-center gap-3">
					<span className="text-sm text-stone-600" data-testid="wanted-open">
						{t('me.open', { open, max })}
					</span>
					{open < max ? (
						<Link to="/me/wanted/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
							{t('me.new')}
						</Link>
					) : null}
				</div>
			</div>
			{done ? <Notice tone="ok">{t(`me.done.${done}`)}</Notice> : null}
			{open >= max ? <Notice tone="warn">{t('me.limit', { max })}</Notice> : null}
			{posts.length === 0 ? (
				<EmptyQueue>{t('me.empty')}</EmptyQueue>
			) : (
				<ul className="space-y-3">
					{posts.map((post) => (
						<WantedCard key={post.id} post={post} href={`/me/wanted/${post.id}`} aside={<WantedStatusBadge status={post.status} />}>
							<p className="mt-2 flex flex-wrap gap-x-4 text-xs text-stone-500">
								<span>{t('me.updated', { date: formatDate(post.updatedAt, locale) })}</span>
								{post._count.matches ? <span className="font-medium text-emerald-800">{t('me.matches', { count: post._count.matches })}</span> : null}
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
	return [{ title: pageTitle(locale, metaT(locale, 'wanted')('meta.mine')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
