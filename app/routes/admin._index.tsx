// /admin — overview: accounts per role, listings per status, recent reviews and whether the
// audit log's hash chain verifies.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { LISTING_STATUSES } from '~/domain/listing.ts'
import { ROLES } from '~/domain/permissions.ts'
import { getAdminOverview } from '~/models/admin.server.ts'
import { formatDateTime, formatNumber, type Locale } from '~/utils/format.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:users')
	return { overview: await getAdminOverview() }
}

const th = 'px-3 py-2 text-left font-semibold whitespace-nowrap'
const td = 'px-3 py-2 whitespace-nowrap'
const num = 'px-3 py-2 text-right tabular-nums whitespace-nowrap'

function problemKey(problem: string) {
	if (/missing/.test(problem)) return 'missing'
	if (/prevHash/.test(problem)) return 'prevHash'
	return 'contents'
}

export default function AdminOverview() {
	const { overview } = useLoaderData<typeof loader>()
	const locale: Locale = useLocale()
	const { t } = useTranslation('admin')
	const { t: tc } = useTranslation('common')
	const n = (v: number) => formatNumber(v, locale)
	const userCount = (role: string, disabled: boolean) => overview.users.find((u) => u.role === role && u.disabled === disabled)?.count ?? 0
	const listingCount = (status: string) => overview.listings.find((l) => l.status === status)?.count ?? 0
	const { chain, lastEntry, pending } = overview.audit
	return (
		<div>
			<h1 className="text-2xl font-bold">{t('overview.title')}</h1>
			<p className="mt-1 text-sm text-stone-600">{t('overview.intro')}</p>

			<section
				aria-labelledby="audit-status"
				className={`mt-6 rounded-lg border p-4 ${chain.ok ? 'border-green-200 bg-green-50 text-green-900' : 'border-red-300 bg-red-50 text-red-900'}`}
			>
				<h2 id="audit-status" className="font-semibold">
					{t('overview.audit')}
				</h2>
				<p className="mt-1 text-sm" data-testid="chain-status">
					{chain.ok
						? t('overview.chainOk', { count: chain.count })
						: t('overview.chainBroken', { seq: chain.firstBrokenSeq, problem: t(`audit.problems.${problemKey(chain.problem)}`) })}
				</p>
				{lastEntry ? (
					<p className="mt-1 text-xs opacity-80">
						{t('overview.lastEntry', {
							seq: lastEntry.seq,
							time: formatDateTime(lastEntry.createdAt, locale),
						})}
					</p>
				) : null}
				{pending > 0 ? (
					<p className="mt-1 text-xs" data-testid="chain-pending">
						{t('overview.pendingEntries', { count: pending })}
					</p>
				) : null}
				<Link to="/admin/audit" className="mt-2 inline-block text-sm font-medium underline">
					{t('overview.openAudit')}
				</Link>
			</section>

			<div className="mt-6 grid gap-6 lg:grid-cols-3">
				<Panel id="users-by-role" title={t('overview.users')} link={{ to: '/admin/users', label: t('overview.manageUsers') }}>
					<table className="min-w-full text-sm">
						<thead className="bg-stone-100 text-stone-700">
							<tr>
								<th scope="col" className={th}>
									{t('overview.role')}
								</th>
								<th scope="col" className={`${th} text-right`}>
									{t('overview.active')}
								</th>
								<th scope="col" className={`${th} text-right`}>
									{t('overview.disabled')}
								</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-stone-100">
							{ROLES.map((role) => (
								<tr key={role}>
									<th scope="row" className={`${td} text-left font-medium`}>
										<Link to={`/admin/users?role=${role}`} className="text-brand-700 hover:underline">
											{tc(`roles.${role}`)}
										</Link>
									</th>
									<td className={num}>{n(userCount(role, false))}</td>
									<td className={num}>{n(userCount(role, true))}</td>
								</tr>
							))}
						</tbody>
					</table>
				</Panel>

				<Panel id="listings-by-status" title={t('overview.listings')} link={{ to: '/admin/listings', label: t('overview.browseListings') }}>
					<table className="min-w-full text-sm">
						<thead className="bg-stone-100 text-stone-700">
							<tr>
								<th scope="col" className={th}>
									{t('overview.status')}
								</th>
								<th scope="col" className={`${th} text-right`}>
									{t('overview.count')}
								</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-stone-100">
							{LISTING_STATUSES.map((status) => (
								<tr key={status}>
									<th scope="row" className={`${td} text-left font-medium`}>
										<Link to={`/admin/listings?status=${status}`} className="text-brand-700 hover:underline">
											{tc(`status.${status}`)}
										</Link>
									</th>
									<td className={num}>{n(listingCount(status))}</td>
								</tr>
							))}
						</tbody>
						<tfoot className="border-t-2 border-stone-200 font-semibold">
							<tr>
								<th scope="row" className={`${td} text-left`}>
									{t('overview.total')}
								</th>
								<td className={num}>{n(overview.listings.reduce((s, l) => s + l.count, 0))}</td>
							</tr>
						</tfoot>
					</table>
				</Panel>

				<Panel id="recent-reviews" title={t('overview.reviews')}>
					{overview.reviews.length === 0 ? (
						<p className="px-3 py-4 text-sm text-stone-500">{t('overview.reviewsEmpty')}</p>
					) : (
						<table className="min-w-full text-sm">
							<thead className="bg-stone-100 text-stone-700">
								<tr>
									<th scope="col" className={th}>
										{t('overview.kind')}
									</th>
									<th scope="col" className={th}>
										{t('overview.decision')}
									</th>
									<th scope="col" className={`${th} text-right`}>
										{t('overview.count')}
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-stone-100">
								{overview.reviews.map((r) => (
									<tr key={`${r.kind}-${r.decision}`}>
										<td className={td}>{t(`reviewKinds.${r.kind}`, { defaultValue: r.kind })}</td>
										<td className={td}>{t(`decisions.${r.decision}`, { defaultValue: r.decision })}</td>
										<td className={num}>{n(r.count)}</td>
									</tr>
								))}
							</tbody>
						</table>
					)}
				</Panel>
			</div>
		</div>
	)
}

function Panel({ id, title, link, children }: { id: string; title: string; link?: { to: string; label: string }; children: ReactNode }) {
	return (
		<section aria-labelledby={id} className="overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm">
			<div className="flex items-baseline justify-between gap-2 border-b border-stone-200 px-3 py-2">
				<h2 id={id} className="font-semibold">
					{title}
				</h2>
				{link ? (
					<Link to={link.to} className="text-sm text-brand-700 hover:underline">
						{link.label}
					</Link>
				) : null}
			</div>
			<div className="overflow-x-auto">{children}</div>
		</section>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'admin')('overview.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
