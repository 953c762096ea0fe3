// /admin — the service centre's administration area: a sub-navigation over its pages.
// Every child route checks its own permission as well; this gate keeps the layout itself closed.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:users')
	return {}
}

const SECTIONS = [
	{ to: '/admin', key: 'overview', end: true },
	{ to: '/admin/places', key: 'places', end: false },
	{ to: '/admin/users', key: 'users', end: false },
	{ to: '/admin/listings', key: 'listings', end: false },
	{ to: '/admin/certifications', key: 'certifications', end: false },
	{ to: '/admin/deposits', key: 'deposits', end: false },
	{ to: '/admin/imports/parcels', key: 'parcelImports', end: false },
	{ to: '/admin/imports/ledger', key: 'ledgerImports', end: false },
	{ to: '/admin/warnings', key: 'warnings', end: false },
	{ to: '/admin/register', key: 'register', end: false },
	{ to: '/admin/contracts', key: 'contracts', end: false },
	{ to: '/admin/audit', key: 'audit', end: false },
] as const

export const shouldRevalidate = revalidateAfterRefusal

export default function AdminLayout() {
	const { t } = useTranslation('admin')
	const linkClass = ({ isActive }: { isActive: boolean }) =>
		`whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium ${isActive ? 'border-brand-700 text-brand-800' : 'border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900'}`
	return (
		<div>
			<div className="border-b border-stone-200 bg-white">
				<nav aria-label={t('nav.label')} className="mx-auto flex max-w-screen-xl gap-1 overflow-x-auto px-4">
					{SECTIONS.map((s) => (
						<NavLink key={s.key} to={s.to} end={s.end} className={linkClass} prefetch="intent">
							{t(`nav.${s.key}`)}
						</NavLink>
					))}
				</nav>
			</div>
			<div className="mx-auto max-w-screen-xl px-4 py-6">
				<Outlet />
			</div>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'admin')('title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
