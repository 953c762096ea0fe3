// /admin/audit — the append-only audit log, newest first, filtered by entity, each entry rendered
// in the reader's language (009); and the check of its hash chain, which names the first entry
// that was edited or removed.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FilterForm, FilterSelect } from '~/components/admin-ui.tsx'
import { Field, SubmitButton } from '~/components/forms.tsx'
import i18next from '~/i18next.server.ts'
import { listAudit, verifyAuditChain } from '~/models/audit.server.ts'
import { AUDIT_NAMESPACES, withAuditText } from '~/utils/audit-text.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { formatDateTime } from '~/utils/format.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

const PAGE_SIZE = 50
const ENTITY_TYPES = ['LISTING', 'DEAL', 'INQUIRY', 'OBJECTION', 'BIDDING_ROUND', 'BID_REGISTRATION', 'BID', 'USER', 'TOWN', 'VILLAGE', 'IMPORT', 'WANTED', 'CONTRACT_TEMPLATE'] as const

function filtersFrom(url: URL) {
	const p = url.searchParams
	const entityType = p.get('entityType') ?? ''
	const page = Number(p.get('page'))
	return {
		entityType: (ENTITY_TYPES as readonly string[]).includes(entityType) ? entityType : undefined,
		entityId: p.get('entityId')?.trim().slice(0, 64) || undefined,
		page: Number.isInteger(page) && page > 0 && page < 1_000_000 ? page : 1,
	}
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:audit')
	const filters = filtersFrom(new URL(request.url))
	const [log, ta, locale] = await Promise.all([listAudit({ ...filters, pageSize: PAGE_SIZE }), i18next.getFixedT(request, AUDIT_NAMESPACES), i18next.getLocale(request)])
	return { total: log.total, rows: withAuditText(ta, locale, log.rows), page: filters.page, pageSize: PAGE_SIZE }
}

export async function action({ request }: ActionFunctionArgs) {
	await requirePermission(request, 'admin:audit')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	invariantResponse(formData.get('intent') === 'verify', 'Unknown intent', { status: 400 })
	return { verify: await verifyAuditChain() }
}

function problemKey(problem: string) {
	if (/missing/.test(problem)) return 'missing'
	if (/prevHash/.test(problem)) return 'prevHash'
	return 'contents'
}

function entityLink(type: string, id: string) {
	if (type === 'LISTING') return `/admin/listings/${id}`
	if (type === 'USER') return `/admin/users/${id}`
	if (type === 'TOWN') return `/admin/places?editTown=${id}#edit`
	if (type === 'VILLAGE') return `/admin/places?editVillage=${id}#edit`
	return null
}

const th = 'px-3 py-2 text-left font-semibold whitespace-nowrap'
const td = 'px-3 py-2 align-top'

export const shouldRevalidate = revalidateAfterRefusal

export default function AdminAudit() {
	const { rows, total, page, pageSize } = useLoaderData<typeof loader>()
	const data = useActionData<typeof action>()
	const navigation = useNavigation()
	const [params] = useSearchParams()
	const locale = useLocale()
	const { t } = useTranslation('admin')
	const { t: tc } = useTranslation('common')
	const pages = Math.max(1, Math.ceil(total / pageSize))
	const pageLink = (n: number) => {
		const p = new URLSearchParams(params)
		p.set('page', String(n))
		return `?${p}`
	}
	const verifying = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'verify'
	const report = data?.verify
	return (
		<div>
			<h1 className="text-2xl font-bold">{t('audit.title')}</h1>
			<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('audit.intro')}</p>

			<section aria-labelledby="verify-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
				<h2 id="verify-heading" className="font-semibold">
					{t('audit.verify')}
				</h2>
				<p className="mt-1 text-sm text-stone-600">{t('audit.verifyIntro')}</p>
				<Form method="post" className="mt-3">
					<AuthenticityTokenInput name="csrf" />
					<SubmitButton name="intent" value="verify" disabled={verifying}>
						{t('audit.verify')}
					</SubmitButton>
				</Form>
				{report ? (
					<p
						role="status"
						data-testid="verify-result"
						className={`mt-3 rounded-md px-3 py-2 text-sm ${report.ok ? 'bg-green-50 text-green-900' : 'bg-red-50 font-medium text-red-900'}`}
					>
						{report.ok ? t('audit.ok', { count: report.count }) : t('audit.broken', { seq: report.firstBrokenSeq, problem: t(`audit.problems.${problemKey(report.problem)}`) })}
					</p>
				) : null}
			</section>

			<FilterForm resetTo="/admin/audit" count={total} columns={2}>
				<FilterSelect label={t('audit.entityType')} name="entityType">
					{ENTITY_TYPES.map((type) => (
						<option key={type} value={type}>
							{t(`audit.entityTypes.${type}`)}
						</option>
					))}
				</FilterSelect>
				<Field label={t('audit.entityId')} name="entityId" defaultValue={params.get('entityId') ?? ''} maxLength={64} autoComplete="off" spellCheck={false} />
			</FilterForm>

			<p className="mt-3 text-xs text-stone-500 sm:hidden">{t('common.scrollHint')}</p>
			<div
				role="region"
				aria-labelledby="audit-caption"
				tabIndex={0}
				className="mt-2 relative overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
			>
				<table className="min-w-full text-sm">
					<caption id="audit-caption" className="sr-only">
						{t('audit.title')}
					</caption>
					<thead className="bg-stone-100 text-stone-700">
						<tr>
							<th scope="col" className={th}>
								{t('audit.seq')}
							</th>
							<th scope="col" className={th}>
								{t('audit.time')}
							</th>
							<th scope="col" className={th}>
								{t('audit.actor')}
							</th>
							<th scope="col" className={th}>
								{t('audit.entity')}
							</th>
							<th scope="col" className={th}>
								{t('audit.action')}
							</th>
							<th scope="col" className={th}>
								{t('audit.change')}
							</th>
							<th scope="col" className={th}>
								{t('audit.reason')}
							</th>
							<th scope="col" className={th}>
								{t('audit.hash')}
							</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-stone-100">
						{rows.length === 0 ? (
							<tr>
								<td colSpan={8} className="px-3 py-6 text-center text-stone-500">
									{t('audit.empty')}
								</td>
							</tr>
						) : null}
						{rows.map((e) => {
							const link = entityLink(e.entityType, e.entityId)
							return (
								<tr key={e.seq} className="hover:bg-stone-50">
									<td className={`${td} font-mono text-xs`}>{e.seq}</td>
									<td className={`${td} whitespace-nowrap tabular-nums`}>
										<time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt, locale, { seconds: true })}</time>
									</td>
									<td className={`${td} whitespace-nowrap`}>
										{e.actor ? (
											<>
												<Link to={`/admin/users/${e.actor.id}`} className="text-brand-700 hover:underline">
													{e.actor.name}
												</Link>
												<div className="text-xs text-stone-500">{tc(`roles.${e.actor.role}`, { defaultValue: e.actor.role })}</div>
											</>
										) : (
											<span className="text-stone-500">{t('common.system')}</span>
										)}
									</td>
									<td className={`${td} whitespace-nowrap`}>
										<div>{t(`audit.entityTypes.${e.entityType}`, { defaultValue: e.entityType })}</div>
										{link ? (
											<Link to={link} className="font-mono text-xs text-brand-700 hover:underline">
												{e.entityId.slice(0, 12)}
											</Link>
										) : (
											<span className="font-mono text-xs text-stone-500">{e.entityId.slice(0, 12)}</span>
										)}
									</td>
									<td className={`${td} whitespace-nowrap font-medium`} title={e.action}>
										{e.text.action}
									</td>
									<td className={`${td} whitespace-nowrap`}>{e.text.change}</td>
									<td className={`${td} min-w-48 max-w-md whitespace-pre-line break-words`}>
										{e.text.details ? <div>{e.text.details}</div> : null}
										{e.text.reason ? <div>{e.text.reason}</div> : null}
									</td>
									<td className={`${td} font-mono text-xs text-stone-500`} title={e.hash}>
										{e.hash.slice(0, 10)}
									</td>
								</tr>
							)
						})}
					</tbody>
				</table>
			</div>
			{pages > 1 ? (
				<nav aria-label={t('common.pagination')} className="mt-4 flex items-center justify-between text-sm">
					{page > 1 ? (
						<Link to={pageLink(page - 1)} className="text-brand-700 underline">
							← {t('common.prev')}
						</Link>
					) : (
						<span />
					)}
					<span className="text-stone-600">{t('common.page', { page, pages })}</span>
					{page < pages ? (
						<Link to={pageLink(page + 1)} className="text-brand-700 underline">
							{t('common.next')} →
						</Link>
					) : (
						<span />
					)}
				</nav>
			) : null}
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'admin')('audit.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
