// /review — the Party-organisation reviewer's workspace: which town they review for, and a sub-nav.
// Every child loader and action checks the permission itself too (loaders run in parallel).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { useLocale } from '~/utils/root-data.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'review:listing:town')
	return { town: user.town }
}

export const shouldRevalidate = revalidateAfterRefusal

export default function ReviewLayout() {
	const { town } = useLoaderData<typeof loader>()
	const { t } = useTranslation('review')
	const locale = useLocale()
	const townName = town ? (locale === 'en' ? town.nameEn : town.name) : ''
	const navClass = ({ isActive }: { isActive: boolean }) =>
		`whitespace-nowrap border-b-2 px-1 py-2.5 text-sm font-medium ${isActive ? 'border-brand-700 text-brand-800' : 'border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900'}`
	return (
		<div>
			<div className="border-b border-stone-200 bg-white">
				<div className="mx-auto flex max-w-6xl flex-wrap items-end justify-between gap-x-6 px-4 pt-3">
					<p className="pb-2.5 text-sm text-stone-600">
						<span className="font-medium text-stone-900">{t('layout.eyebrow')}</span>
						{townName ? (
							<>
								<span aria-hidden="true"> · </span>
								{t('layout.town', { town: townName })}
							</>
						) : null}
					</p>
					<nav aria-label={t('nav.label')} className="flex w-full max-w-full gap-5 overflow-x-auto sm:w-auto">
						<NavLink to="/review" end className={navClass}>
							{t('nav.queue')}
						</NavLink>
						<NavLink to="/review/deals" className={navClass}>
							{t('deal:queue.heading')}
						</NavLink>
						<NavLink to="/review/filings" className={navClass}>
							{t('filing:nav.queue')}
						</NavLink>
						<NavLink to="/review/warnings" className={navClass}>
							{t('deadlines:warnings.heading')}
						</NavLink>
						<NavLink to="/review/register" className={navClass}>
							{t('filing:nav.register')}
						</NavLink>
						<NavLink to="/notifications" className={navClass}>
							{t('nav.notifications')}
						</NavLink>
					</nav>
				</div>
			</div>
			<Outlet />
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'review')('title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
