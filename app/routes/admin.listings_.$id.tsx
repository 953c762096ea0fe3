// /admin/listings/:id (a sibling of the list, hence `listings_`) — one listing in any state, as the
// centre sees it: its facts, every review with its opinion, and its audit entries.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import i18next from '~/i18next.server.ts'
import { getListingForAdmin } from '~/models/admin.server.ts'
import { AUDIT_NAMESPACES, withAuditText } from '~/utils/audit-text.ts'
import { formatAreaBoth, formatDate, formatDateTime, formatPrice } from '~/utils/format.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { opinionText } from '~/utils/review-opinion.ts'
import { useLocale } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { Fact } from '~/components/fact.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:listings')
	const found = params.id && params.id.length <= 64 ? await getListingForAdmin(params.id) : null
	invariantResponse(found)
	const [ta, locale] = await Promise.all([i18next.getFixedT(request, AUDIT_NAMESPACES), i18next.getLocale(request)])
	return { ...found, audit: withAuditText(ta, locale, found.audit) }
}

export default function AdminListing() {
	const { listing, audit } = useLoaderData<typeof loader>()
	const locale = useLocale()
	const { t } = useTranslation('admin')
	const { t: tc } = useTranslation('common')
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	const d = (v: Date | null) => (v ? formatDate(v, locale) : t('common.none'))
	const isPublic = listing.status === 'PUBLISHED' || listing.status === 'TRADED'
	const th = 'px-3 py-2 text-left font-semibold whitespace-nowrap'
	const td = 'px-3 py-2 align-top'
	return (
		<div>
			<Link to="/admin/listings" className="text-sm text-brand-700 hover:underline">
				← {t('listing.back')}
			</Link>
			<h1 className="mt-2 text-2xl font-bold break-words">{listing.title}</h1>
			<p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-600">
				<span className="rounded bg-stone-100 px-1.5 py-0.5 font-medium text-stone-800" data-testid="listing-status">
					{tc(`status.${listing.status}`, { defaultValue: listing.status })}
				</span>
				<span>{tc(`types.${listing.type}`, { defaultValue: listing.type })}</span>
				<span>
					{name(listing.town)} · {name(listing.village)}
				</span>
				{listing.isDemo ? <span className="rounded bg-amber-100 px-1 text-xs text-amber-900">{t('common.demo')}</span> : null}
				{isPublic ? (
					<Link to={`/listings/${listing.id}`} className="text-brand-700 underline">
						{t('listing.publicPage')}
					</Link>
				) : null}
			</p>

			<div className="mt-6 grid gap-6 lg:grid-cols-2">
				<section aria-labelledby="facts" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
					<h2 id="facts" className="font-semibold">
						{t('listing.facts')}
					</h2>
					<dl className="mt-2 divide-y divide-stone-100 text-sm">
						<Fact labelWidth="7rem" label={t('listing.area')}>{formatAreaBoth(listing.area, listing.areaUnit as AreaUnit, locale)}</Fact>
						<Fact labelWidth="7rem" label={t('listing.price')}>{formatPrice(listing.price, listing.priceUnit as PriceUnit, locale)}</Fact>
						<Fact labelWidth="7rem" label={t('listing.transferMode')}>{tc(`transferModes.${listing.transferMode}`, { defaultValue: listing.transferMode })}</Fact>
						<Fact labelWidth="7rem" label={t('listing.tradingMode')}>{tc(`tradingModes.${listing.tradingMode}`, { defaultValue: listing.tradingMode })}</Fact>
						<Fact labelWidth="7rem" label={t('listing.term')}>{listing.termYears ? tc('units.years', { count: listing.termYears }) : t('common.none')}</Fact>
						<Fact labelWidth="7rem" label={t('listing.contact')}>{[listing.contactName, listing.contactPhone].filter(Boolean).join(' · ') || t('common.none')}</Fact>
						<Fact labelWidth="7rem" label={t('listing.createdBy')}>
							{listing.createdBy ? (
								<Link to={`/admin/users/${listing.createdBy.id}`} className="text-brand-700 hover:underline">
									{listing.createdBy.name}
								</Link>
							) : (
								t('common.none')
							)}
						</Fact>
						<Fact labelWidth="7rem" label={t('listing.createdAt')}>{d(listing.createdAt)}</Fact>
						<Fact labelWidth="7rem" label={t('listing.submittedAt')}>{d(listing.submittedAt)}</Fact>
						<Fact labelWidth="7rem" label={t('listing.publishedAt')}>{d(listing.publishedAt)}</Fact>
						<Fact labelWidth="7rem" label={t('listing.expiresAt')}>{d(listing.expiresAt)}</Fact>
						<Fact labelWidth="7rem" label={t('listing.photos')}>{listing._count.photos}</Fact>
						<Fact labelWidth="7rem" label={t('listing.inquiries')}>{listing._count.inquiries}</Fact>
						<Fact labelWidth="7rem" label={t('listing.deals')}>{listing._count.deals}</Fact>
						{listing.type === 'COLLECTIVE_ASSET' ? (
							<Fact labelWidth="7rem" label={t('listing.decision')}>
								{listing.decision?.villagersMeetingDate ? t('listing.decisionDone', { date: d(listing.decision.villagersMeetingDate) }) : t('listing.decisionMissing')}
							</Fact>
						) : null}
					</dl>
					<h3 className="mt-4 text-sm font-semibold">{t('listing.description')}</h3>
					<p className="mt-1 whitespace-pre-line break-words text-sm text-stone-700">{listing.description}</p>
				</section>

				<section aria-labelledby="reviews" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
					<h2 id="reviews" className="font-semibold">
						{t('listing.reviews')}
					</h2>
					{listing.reviews.length === 0 ? (
						<p className="mt-2 text-sm text-stone-500">{t('listing.reviewsEmpty')}</p>
					) : (
						<ol className="mt-3 space-y-3">
							{listing.reviews.map((r) => (
								<li key={r.id} className="rounded-md border border-stone-200 p-3 text-sm">
									<div className="flex flex-wrap gap-x-3 text-stone-600">
										<span className="font-semibold text-stone-900">{t(`decisions.${r.decision}`, { defaultValue: r.decision })}</span>
										<span>{t(`reviewKinds.${r.kind}`, { defaultValue: r.kind })}</span>
										<span>
											{t('listing.reviewer')}{' '}
											<Link to={`/admin/users/${r.reviewer.id}`} className="text-brand-700 hover:underline">
												{r.reviewer.name}
											</Link>
										</span>
										<time dateTime={r.createdAt.toISOString()}>{formatDateTime(r.createdAt, locale)}</time>
									</div>
									<p className="mt-1 whitespace-pre-line break-words">{opinionText(t, r)}</p>
								</li>
							))}
						</ol>
					)}
				</section>
			</div>

			{/* Not a landmark of its own: the scrollable table inside is the region with this name. */}
			<section className="mt-8">
				<h2 id="audit" className="text-lg font-semibold">
					{t('listing.audit')}
				</h2>
				{audit.length === 0 ? (
					<p className="mt-2 text-sm text-stone-500">{t('listing.auditEmpty')}</p>
				) : (
					<div
						role="region"
						aria-labelledby="audit"
						tabIndex={0}
						className="mt-3 relative overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
					>
						<table className="min-w-full text-sm">
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
										{t('audit.action')}
									</th>
									<th scope="col" className={th}>
										{t('audit.change')}
									</th>
									<th scope="col" className={th}>
										{t('audit.reason')}
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-stone-100">
								{audit.map((e) => (
									<tr key={e.seq}>
										<td className={`${td} font-mono text-xs`}>{e.seq}</td>
										<td className={`${td} whitespace-nowrap tabular-nums`}>{formatDateTime(e.createdAt, locale)}</td>
										<td className={`${td} whitespace-nowrap`}>{e.actor ? `${e.actor.name} · ${tc(`roles.${e.actor.role}`, { defaultValue: e.actor.role })}` : t('common.system')}</td>
										<td className={`${td} whitespace-nowrap font-medium`} title={e.action}>
											{e.text.action}
										</td>
										<td className={`${td} whitespace-nowrap`}>{e.text.change || t('common.none')}</td>
										<td className={`${td} min-w-48 max-w-md whitespace-pre-line break-words`}>
											{e.text.details ? <div>{e.text.details}</div> : null}
											{e.text.reason ? <div>{e.text.reason}</div> : null}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
				<Link to={`/admin/audit?entityType=LISTING&entityId=${listing.id}`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
					{t('listing.allAudit')}
				</Link>
			</section>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const page = metaT(locale, 'admin')('listings.title')
	return [{ title: pageTitle(locale, data ? `${data.listing.title} · ${page}` : page) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
