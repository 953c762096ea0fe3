// /wanted — the public list of wanted posts (求租 / 求购, issue 13): published ones only, filtered by
// town, property type and kind, 20 a page. No personal data: the buyer shows as 张** (or "a buyer"),
// never a phone; villages read the contact in their workspace.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FilterForm, FilterSelect, Pager } from '~/components/admin-ui.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { EmptyQueue } from '~/components/review-queue.tsx'
import { WantedCard } from '~/components/wanted-views.tsx'
import { isListingType, LISTING_TYPES, type ListingType } from '~/domain/listing.ts'
import { hasPermission } from '~/domain/permissions.ts'
import { WANTED_KINDS, type WantedKind } from '~/domain/wanted.ts'
import { getTownsWithVillages } from '~/models/town.server.ts'
import { publicWanted, townIdByCode } from '~/models/wanted.server.ts'
import { formatDate } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { useLocale, useOptionalUser } from '~/utils/root-data.ts'

export const handle = { i18n: ['wanted', 'admin'] }

const MAX_PAGE = 10_000

export async function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const kind = params.get('kind')
	const type = params.get('type')
	const town = params.get('town')
	const page = Number(params.get('page') ?? '1')
	invariantResponse(Number.isInteger(page) && page >= 1 && page <= MAX_PAGE, 'Bad page', { status: 400 })
	const [towns, townId] = await Promise.all([getTownsWithVillages(), town ? townIdByCode(town) : null])
	const list = await publicWanted({
		kind: (WANTED_KINDS as readonly string[]).includes(kind ?? '') ? (kind as WantedKind) : undefined,
		type: isListingType(type) ? type : undefined,
		// An unknown town finds nothing rather than everything.
		townId: town ? (townId ?? '-') : undefined,
		page,
	})
	return { ...list, page, towns: towns.map(({ code, name, nameEn }) => ({ code, name, nameEn })) }
}

export default function WantedList() {
	const { rows, total, pages, page, towns } = useLoaderData<typeof loader>()
	const { t } = useTranslation('wanted')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const user = useOptionalUser()
	return (
		<div className="mx-auto max-w-5xl px-4 py-6">
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div className="max-w-3xl">
					<h1 className="text-2xl font-bold text-stone-900">{t('public.heading')}</h1>
					<p className="mt-1 text-sm text-stone-600">{t('public.intro')}</p>
				</div>
				{!user || hasPermission(user, 'wanted:post:own') ? (
					<Link to="/me/wanted/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
						{t('public.post')}
					</Link>
				) : null}
			</div>
			<FilterForm resetTo="/wanted" count={total} columns={5}>
				<FilterSelect label={t('public.kind')} name="kind">
					{WANTED_KINDS.map((k) => (
						<option key={k} value={k}>
							{t(`kinds.${k}`)}
						</option>
					))}
				</FilterSelect>
				<FilterSelect label={t('public.type')} name="type">
					{LISTING_TYPES.map((type) => (
						<option key={type} value={type}>
							{tc(`types.${type as ListingType}`)}
						</option>
					))}
				</FilterSelect>
				<FilterSelect label={t('public.town')} name="town">
					{towns.map((town) => (
						<option key={town.code} value={town.code}>
							{locale === 'en' ? town.nameEn : town.name}
						</option>
					))}
				</FilterSelect>
			</FilterForm>
			{rows.length === 0 ? (
				<EmptyQueue>{t('public.empty')}</EmptyQueue>
			) : (
				<ul className="mt-4 space-y-3" aria-label={t('public.listLabel')} data-testid="wanted-list">
					{rows.map((post) => (
						<WantedCard key={post.id} post={post} href={`/wanted/${post.id}`} aside={<span className="text-sm text-stone-500">{formatDate(post.publishedAt, locale)}</span>}>
							<p className="mt-2 text-sm text-stone-600">
								{t('facts.buyer')}：<span data-testid="wanted-buyer">{post.buyer ?? t('buyerAnon')}</span>
							</p>
						</WantedCard>
					))}
				</ul>
			)}
			<Pager page={page} pages={pages} />
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'wanted')('meta.list')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
