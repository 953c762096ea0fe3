// /village — the village account's workspace: a heading with the village's name and a sub-nav
// around its pages. Every child loader and action checks the permission again (loaders run in
// parallel, so a layout is no gate).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	return {
		village: user.village
			? { name: user.village.name, nameEn: user.village.nameEn, town: user.village.town.name, townEn: user.village.town.nameEn }
			: null,
	}
}

export const shouldRevalidate = revalidateAfterRefusal

export default function VillageLayout() {
	const { village } = useLoaderData<typeof loader>()
	const { t } = useTranslation('village')
	const en = useLocale() === 'en'
	const tab = ({ isActive }: { isActive: boolean }) =>
		`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? 'border-brand-700 text-brand-800' : 'border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900'}`
	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<div className="flex flex-wrap items-end justify-between gap-2">
				<div>
					<p className="text-sm text-stone-500">{t('title')}</p>
					<p className="text-xl font-bold text-stone-900">
						{village ? (en ? `${village.nameEn}, ${village.townEn}` : `${village.town} ${village.name}`) : t('noVillage')}
					</p>
				</div>
			</div>
			<nav aria-label={t('nav.label')} className="mt-3 flex gap-1 overflow-x-auto border-b border-stone-200">
				<NavLink to="/village" end className={tab}>
					{t('nav.listings')}
				</NavLink>
				<NavLink to="/village/listings/new" className={tab}>
					{t('nav.new')}
				</NavLink>
				<NavLink to="/village/inquiries" className={tab}>
					{t('nav.inquiries')}
				</NavLink>
				<NavLink to="/village/filings" className={tab}>
					{t('filing:nav.filings')}
				</NavLink>
				<NavLink to="/village/wanted" className={tab}>
					{t('common:nav.wanted')}
				</NavLink>
				<NavLink to="/notifications" className={tab}>
					{t('nav.notifications')}
				</NavLink>
			</nav>
			<div className="pt-5">
				<Outlet />
			</div>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'village')('title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
