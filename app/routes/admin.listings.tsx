// /admin/listings — every listing of every village in every state, filtered by status, type and
// town, each with its review opinions (expandable); the detail page adds its audit entries.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminTable, FilterForm, FilterSearch, FilterSelect, Pager, tdTop } from '~/components/admin-ui.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { LISTING_STATUSES, LISTING_TYPES } from '~/domain/listing.ts'
import { listAllListings } from '~/models/admin.server.ts'
import { getTownsWithVillages } from '~/models/town.server.ts'
import { formatDate } from '~/utils/format.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

const PAGE_SIZE = 25

function filtersFrom(url: URL) {
	const p = url.searchParams
	const status = p.get('status') ?? ''
	const type = p.get('type') ?? ''
	const page = Number(p.get('page'))
	return {
		status: (LISTING_STATUSES as readonly string[]).includes(status) ? status : undefined,
		type: (LISTING_TYPES as readonly string[]).includes(type) ? type : undefined,
		townCode: p.get('town')?.trim().slice(0, 64) || undefined,
		q: p.get('q')?.trim().slice(0, 100) || undefined,
		page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
	}
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:listings')
	const filters = filtersFrom(new URL(request.url))
	const [listings, towns] = await Promise.all([listAllListings({ ...filters, pageSize: PAGE_SIZE }), getTownsWithVillages()])
	return {
		listings,
		towns: towns.map((x) => ({ code: x.code, name: x.name, nameEn: x.nameEn })),
	}
}


const STATUS_STYLES: Record<string, string> = {
	DRAFT: 'bg-stone-100 text-stone-700',
	SUBMITTED: 'bg-amber-100 text-amber-900',
	PUBLISHED: 'bg-green-100 text-green-800',
	RETURNED: 'bg-orange-100 text-orange-900',
	REJECTED: 'bg-red-100 text-red-800',
	TRADED: 'bg-blue-100 text-blue-800',
	WITHDRAWN: 'bg-stone-200 text-stone-700',
	EXPIRED: 'bg-stone-200 text-stone-700',
}

export default function AdminListings() {
	const { listings, towns } = useLoaderData<typeof loader>()
	const locale = useLocale()
	const { t } = useTranslation('admin')
	const { t: tc } = useTranslation('common')
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	const pages = Math.max(1, Math.ceil(listings.total / listings.pageSize))
	return (
		<div>
			<h1 className="text-2xl font-bold">{t('listings.title')}</h1>
			<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('listings.intro')}</p>

			<FilterForm resetTo="/admin/listings" count={listings.total} columns={5}>
				<FilterSearch label={t('listings.search')} />
				<FilterSelect label={t('listings.status')} name="status">
					{LISTING_STATUSES.map((s) => (
						<option key={s} value={s}>
							{tc(`status.${s}`)}
						</option>
					))}
				</FilterSelect>
				<FilterSelect label={t('listings.type')} name="type">
					{LISTING_TYPES.map((s) => (
						<option key={s} value={s}>
							{tc(`types.${s}`)}
						</option>
					))}
				</FilterSelect>
				<FilterSelect label={t('listings.town')} name="town">
					{towns.map((x) => (
						<option key={x.code} value={x.code}>
							{name(x)}
						</option>
					))}
				</FilterSelect>
			</FilterForm>

			<AdminTable id="listings" caption={t('listings.title')} headers={[t('listings.listing'), t('listings.status'), t('listings.place'), t('listings.submittedAt'), t('listings.updatedAt'), t('listings.reviews')]}>
					<tbody className="divide-y divide-stone-100">
						{listings.rows.length === 0 ? (
							<tr>
								<td colSpan={6} className="px-3 py-6 text-center text-stone-500">
									{t('listings.empty')}
								</td>
							</tr>
						) : null}
						{listings.rows.map((l) => (
							<tr key={l.id} className="hover:bg-stone-50">
								<th scope="row" className={`${tdTop} min-w-56 max-w-md text-left font-normal`}>
									<Link to={`/admin/listings/${l.id}`} className="font-medium text-brand-700 hover:underline">
										{l.title}
									</Link>
									<div className="text-xs text-stone-500">
										{tc(`types.${l.type}`, { defaultValue: l.type })}
										{l.isDemo ? ` · ${t('common.demo')}` : ''}
									</div>
								</th>
								<td className={`${tdTop} whitespace-nowrap`}>
									<span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[l.status] ?? ''}`}>{tc(`status.${l.status}`, { defaultValue: l.status })}</span>
								</td>
								<td className={`${tdTop} whitespace-nowrap`}>
									{name(l.town)} · {name(l.village)}
								</td>
								<td className={`${tdTop} whitespace-nowrap`}>{l.submittedAt ? formatDate(l.submittedAt, locale) : t('common.none')}</td>
								<td className={`${tdTop} whitespace-nowrap`}>{formatDate(l.updatedAt, locale)}</td>
								<td className={`${tdTop} min-w-64`}>
									{l.reviews.length === 0 ? (
										<span className="text-stone-500">{t('listings.noReviews')}</span>
									) : (
										<details>
											<summary className="cursor-pointer">
												<span className="font-medium">{t(`decisions.${l.reviews[0].decision}`, { defaultValue: l.reviews[0].decision })}</span>
												<span className="text-stone-500"> · {t('listings.showReviews', { count: l.reviews.length })}</span>
											</summary>
											<ol className="mt-2 space-y-2">
												{l.reviews.map((r) => (
													<li key={r.id} className="border-l-2 border-stone-200 pl-2">
														<div className="text-xs text-stone-500">
															{formatDate(r.createdAt, locale)} · {r.reviewer.name} · {t(`decisions.${r.decision}`, { defaultValue: r.decision })}
														</div>
														<p className="whitespace-pre-line break-words">{r.opinion}</p>
													</li>
												))}
											</ol>
										</details>
									)}
								</td>
							</tr>
						))}
					</tbody>
			</AdminTable>
			<Pager page={listings.page} pages={pages} />
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'admin')('listings.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
