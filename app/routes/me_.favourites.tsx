// /me/favourites — the listings a buyer starred (issue 13), each with its status, price and area
// as they are now: a withdrawn or traded listing stays, marked, until unstarred. Unstar, or add to
// the comparison, with plain forms. Only the buyer's own stars are read (scoped in the query).
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { EmptyWithBrowse } from '~/components/buyer-tools.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { MAX_FAVOURITES } from '~/domain/favourites.ts'
import type { AreaUnit, ListingType, PriceUnit } from '~/domain/listing.ts'
import { myFavourites, unstarListing } from '~/models/favourite.server.ts'
import { DETAIL_STATUSES } from '~/models/listing.server.ts'
import { readCompareIds } from '~/utils/compare-cookie.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatArea, formatDate, formatPrice } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { knownValue } from '~/utils/page-notice.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'

export const handle = { i18n: ['favourites'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'favourite:manage:own')
	const [favourites, compareIds] = await Promise.all([myFavourites(user.id), readCompareIds(request)])
	const notice = knownValue(['unstarred'] as const, new URL(request.url).searchParams.get('notice'))
	return { favourites, compareIds, notice, publicStatuses: DETAIL_STATUSES as readonly string[] }
}

const UnstarSchema = z.object({ intent: z.literal('unstar'), id: z.string().regex(/^[a-z0-9_-]{1,64}$/) })

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'favourite:manage:own')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: UnstarSchema })
	if (submission.status !== 'success') return data({ problem: 'badRequest' }, { status: 400 })
	await unstarListing(user.id, submission.value.id)
	return redirect('/me/favourites?notice=unstarred')
}

const STATUS_BADGE: Record<string, string> = {
	PUBLISHED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	TRADED: 'bg-stone-800 text-white ring-stone-800',
	WITHDRAWN: 'bg-stone-100 text-stone-600 ring-stone-300',
	EXPIRED: 'bg-stone-100 text-stone-600 ring-stone-300',
}

export default function FavouritesPage() {
	const { favourites, compareIds, notice, publicStatuses } = useLoaderData<typeof loader>()
	const { t } = useTranslation('favourites')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<p className="text-sm">
				<Link to="/me" className="text-brand-700 underline-offset-2 hover:underline">
					<span aria-hidden="true">← </span>
					{tc('nav.me')}
				</Link>
			</p>
			<h1 className="mt-2 text-2xl font-bold text-stone-900">{t('page.title')}</h1>
			<p className="mt-1 text-sm text-stone-600">{t('page.intro')}</p>
			<p className="mt-1 text-sm text-stone-500">{t('page.count', { count: favourites.length, max: MAX_FAVOURITES })}</p>
			{notice ? (
				<p role="status" className="mt-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t(`page.${notice}`)}
				</p>
			) : null}
			{favourites.length === 0 ? (
				<EmptyWithBrowse text={t('page.empty')} browse={t('page.browse')} />
			) : (
				<ul className="mt-4 grid gap-3 sm:grid-cols-2" data-testid="favourites">
					{favourites.map(({ listing: l, createdAt }) => {
						const open = publicStatuses.includes(l.status)
						const inCompare = compareIds.includes(l.id)
						return (
							<li key={l.id} data-testid="favourite" className="flex gap-3 rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
								{l.photos[0] ? (
									<img src={`/uploads/${l.photos[0].thumbFile}`} alt="" width={96} height={72} loading="lazy" className="h-[72px] w-24 shrink-0 rounded object-cover" />
								) : (
									<div className="h-[72px] w-24 shrink-0 rounded bg-stone-100" aria-hidden="true" />
								)}
								<div className="min-w-0 flex-1">
									<div className="flex items-start justify-between gap-2">
										<h2 className="min-w-0 break-words font-semibold text-stone-900">
											{open ? (
												<Link to={`/listings/${l.id}`} className="hover:underline">
													{l.title}
												</Link>
											) : (
												l.title
											)}
										</h2>
										<span data-testid="favourite-status" className={`shrink-0 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${STATUS_BADGE[l.status] ?? STATUS_BADGE.WITHDRAWN}`}>
											{l.status === 'PUBLISHED' && l.tradingMode === 'BIDDING' ? tc('tradingModes.BIDDING') : tc(`status.${l.status as 'PUBLISHED'}`)}
										</span>
									</div>
									<p className="text-sm text-stone-600">
										{tc(`types.${l.type as ListingType}`)} · {locale === 'en' ? `${l.village.nameEn}, ${l.town.nameEn}` : `${l.town.name} · ${l.village.name}`}
									</p>
									<p className="mt-1 text-sm">
										<span className="text-stone-500">{t('page.price')}</span>{' '}
										<strong data-testid="favourite-price">{formatPrice(l.price, l.priceUnit as PriceUnit, locale)}</strong>
										<span aria-hidden="true"> · </span>
										<span className="text-stone-500">{t('page.area')}</span> {formatArea(l.area, l.areaUnit as AreaUnit, locale)}
									</p>
									{open ? null : <p className="text-xs text-stone-500">{t('page.notPublic')}</p>}
									<div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
										<span className="text-xs text-stone-500">{t('page.starredAt', { date: formatDate(createdAt, locale) })}</span>
										<Form method="post" className="ml-auto">
											<AuthenticityTokenInput name="csrf" />
											<input type="hidden" name="id" value={l.id} />
											<button type="submit" name="intent" value="unstar" aria-label={t('page.unstarLabel', { title: l.title })} className="rounded-md border border-stone-300 px-2 py-1 text-stone-700 hover:bg-stone-50">
												{t('page.unstar')}
											</button>
										</Form>
										{open && !inCompare ? (
											<Form method="post" action="/compare">
												<AuthenticityTokenInput name="csrf" />
												<input type="hidden" name="id" value={l.id} />
												<input type="hidden" name="back" value="/compare" />
												<button type="submit" name="intent" value="add" aria-label={t('page.compareLabel', { title: l.title })} className="rounded-md border border-stone-300 px-2 py-1 text-stone-700 hover:bg-stone-50">
													{t('page.compare')}
												</button>
											</Form>
										) : null}
										{inCompare ? (
											<Link to="/compare" className="text-brand-700 underline">
												{t('compare.inCompare')}
											</Link>
										) : null}
									</div>
								</div>
							</li>
						)
					})}
				</ul>
			)}
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'favourites')('page.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
