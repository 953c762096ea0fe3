// /listings/:id — a published (or traded) listing: photos, facts, the village's contact,
// the 四议两公开 record of a collective asset, and a small map. Everything but the map and the
// photo switcher is plain server-rendered HTML, so the page works before JavaScript loads.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CompareButton, SharePanel, StarButton } from '~/components/buyer-tools.tsx'
import { DecisionSteps, decisionSteps } from '~/components/decision-steps.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ListingFacts } from '~/components/listing-facts.tsx'
import { ListingMapSection } from '~/components/listing-map-section.tsx'
import { ListingParcelsTable } from '~/components/parcel-views.tsx'
import { PhotoGallery } from '~/components/photo-gallery.tsx'
import { PriceFlagPill, PriceReferenceSection } from '~/components/price-reference.tsx'
import type { AreaUnit, ListingType, PriceUnit } from '~/domain/listing.ts'
import { myActiveInquiry } from '~/models/inquiry.server.ts'
import { getPublicListing } from '~/models/listing.server.ts'
import { listingParcels } from '~/models/parcel.server.ts'
import { listingPriceReference } from '~/models/price-reference.server.ts'
import { getUser } from '~/utils/auth.server.ts'
import { formatAreaBoth, formatDate, formatNumber, formatPrice, type Locale } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { mapHrefFrom } from '~/utils/listing-query.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale, useOptionalUser, useRootData } from '~/utils/root-data.ts'
import { buyerTools, starAction } from './listings.$id.server.ts'

const MAP_HEIGHT = 260

// The translation namespaces the browser loads before hydrating this page (app/entry.client.tsx).
export const handle = { i18n: ['listing', 'inquiry', 'parcels', 'prices', 'favourites'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const listing = await getPublicListing(params.id)
	invariantResponse(listing)
	const user = await getUser(request)
	// A buyer who already inquired sees that instead of being invited to inquire again.
	const myInquiry = await myActiveInquiry(user, listing.id)
	// Back to the map with the filters and view the listing was opened from.
	const backHref = mapHrefFrom(new URL(request.url).searchParams.get('from'))
	const parcels = listing.type === 'LAND' ? await listingParcels(listing.id) : []
	// Land only: what comparable completed deals were agreed at (issue 13).
	const prices = await listingPriceReference(listing)
	return { listing, myInquiry, backHref, parcels, prices, tools: await buyerTools(request, user, listing) }
}

/** Star or unstar (issue 13). */
export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'favourite:manage:own')
	return starAction(request, user, params.id)
}

type Listing = ReturnType<typeof useLoaderData<typeof loader>>['listing']
type Decision = NonNullable<Listing['decision']>

export default function ListingRoute() {
	const { listing, backHref, parcels, prices, tools } = useLoaderData<typeof loader>()
	const env = useRootData()?.ENV
	const locale = useLocale()
	const { t } = useTranslation('listing')
	const { t: tc } = useTranslation('common')
	const type = listing.type as ListingType
	const traded = listing.status === 'TRADED'
	const town = locale === 'en' ? listing.town.nameEn : listing.town.name
	const village = locale === 'en' ? listing.village.nameEn : listing.village.name

	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<nav aria-label={t('breadcrumb.label')} className="text-sm text-stone-600">
				<ol className="flex flex-wrap items-center gap-1.5">
					<li>
						<Link to={backHref} className="text-brand-700 underline-offset-2 hover:underline">
							<span aria-hidden="true">← </span>
							{t('backToMap')}
						</Link>
					</li>
					<li aria-hidden="true">/</li>
					<li aria-current="page">{t('breadcrumb.current')}</li>
				</ol>
			</nav>

			{traded ? (
				<p className="mt-4 rounded-lg border border-stone-300 bg-stone-800 px-4 py-3 text-white">
					<strong className="mr-2 text-lg">{tc('status.TRADED')}</strong>
					<span className="text-sm text-white/85">{t('tradedBanner')}</span>
				</p>
			) : null}

			<header className="mt-4">
				<div className="flex flex-wrap items-center gap-2 text-sm">
					<span className="rounded px-2 py-0.5 font-medium text-white" style={{ backgroundColor: TYPE_COLORS[type] }}>
						{tc(`types.${type}`)}
					</span>
					<span
						className={`rounded px-2 py-0.5 font-medium ${traded ? 'bg-stone-200 text-stone-800' : 'bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200'}`}
					>
						{tc(`status.${listing.status}`)}
					</span>
					{listing.isDemo ? <span className="rounded bg-amber-50 px-2 py-0.5 text-amber-800 ring-1 ring-amber-200">{t('demoBadge')}</span> : null}
					{traded ? null : <PriceFlagPill flag={prices?.flag ?? null} />}
				</div>
				<h1 className="mt-2 text-2xl font-bold leading-snug text-stone-900 sm:text-3xl">{listing.title}</h1>
				<p className="mt-1 text-stone-600">
					{town}
					<span aria-hidden="true"> · </span>
					{village}
				</p>
				<div className="mt-3 flex flex-wrap items-start gap-2" data-testid="buyer-tools">
					<StarButton starred={tools.starred} canStar={tools.canStar} />
					<CompareButton listingId={listing.id} compare={tools.compare} />
					<SharePanel shortUrl={tools.share.shortUrl} qrSrc={tools.share.qrSrc} />
				</div>
			</header>

			{/* Phone: photos, facts, description, in that order. Desktop: the facts column spans both rows. */}
			<div className="mt-5 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:grid-rows-[auto_1fr]">
				<PhotoGallery photos={listing.photos} title={listing.title} />

				<aside className="space-y-6 lg:col-start-2 lg:row-span-2 lg:row-start-1">
					<ListingFacts view="public" listing={listing} surveyed={parcels.length > 0} />
					{prices ? <PriceReferenceSection data={traded ? { ...prices, flag: null } : prices} locale={locale} /> : null}
					{listing.status === 'PUBLISHED' ? <InquiryCallToAction id={listing.id} bidding={listing.tradingMode === 'BIDDING'} /> : null}
					<ListingMapSection
						listing={listing}
						heading={t('map.heading')}
						height={MAP_HEIGHT}
						note={env?.MAP_APPROVAL_NUMBER ? t('map.approval', { number: env.MAP_APPROVAL_NUMBER }) : null}
					/>
				</aside>

				<div className="min-w-0 space-y-6 lg:col-start-1">
					<section aria-labelledby="description-heading">
						<h2 id="description-heading" className="mb-2 text-lg font-semibold">
							{t('description')}
						</h2>
						<p className="whitespace-pre-line break-words leading-relaxed text-stone-800">{listing.description}</p>
					</section>
					<ListingParcelsTable parcels={parcels} />
					{type === 'COLLECTIVE_ASSET' ? <DecisionRecord decision={listing.decision} locale={locale} /> : null}
				</div>
			</div>
		</div>
	)
}

/** Inquiry (and, for a bidding listing, bidding) links for buyers and visitors; visitors log in first. */
function InquiryCallToAction({ id, bidding }: { id: string; bidding: boolean }) {
	const { t } = useTranslation('inquiry')
	const locale = useLocale()
	const { myInquiry } = useLoaderData<typeof loader>()
	const user = useOptionalUser()
	if (user && user.role !== 'BUYER') return null
	const button = 'inline-flex w-full items-center justify-center rounded-md px-4 py-2 text-sm font-medium'
	return (
		<section aria-labelledby="inquire-heading" data-testid="listing-cta" className="rounded-lg border border-brand-100 bg-brand-50 p-4">
			<h2 id="inquire-heading" className="font-semibold text-stone-900">
				{t('cta.heading')}
			</h2>
			{myInquiry ? (
				<p className="mt-1 text-sm text-stone-800" data-testid="my-inquiry">
					{t('cta.alreadyInquired', { date: formatDate(myInquiry.createdAt, locale), status: t(`status.${myInquiry.status as 'OPEN'}`) })}{' '}
					<Link to="/me" className="font-medium text-brand-700 underline underline-offset-2">
						{t('cta.seeInquiry')}
					</Link>
				</p>
			) : (
				<p className="mt-1 text-sm text-stone-700">{t('cta.intro')}</p>
			)}
			{myInquiry?.status === 'OPEN' ? null : (
				<Link to={`/listings/${id}/inquire`} className={`${button} mt-3 bg-brand-700 text-white hover:bg-brand-800`}>
					{t('cta.inquire')}
				</Link>
			)}
			{user ? null : <p className="mt-1.5 text-center text-xs text-stone-600">{t('cta.loginFirst')}</p>}
			{bidding ? (
				<>
					<p className="mt-3 border-t border-brand-100 pt-3 text-sm text-stone-700">{t('cta.bidIntro')}</p>
					<Link to={`/listings/${id}/bid`} className={`${button} mt-2 border border-brand-700 bg-white text-brand-800 hover:bg-brand-100`}>
						{t('cta.bid')}
					</Link>
				</>
			) : null}
		</section>
	)
}

function DecisionRecord({ decision, locale }: { decision: Decision | null; locale: Locale }) {
	const { t } = useTranslation('listing')
	if (!decision) {
		return (
			<section aria-labelledby="decision-heading">
				<h2 id="decision-heading" className="mb-2 text-lg font-semibold">
					{t('decision.heading')}
				</h2>
				<p className="text-stone-600">{t('decision.missing')}</p>
			</section>
		)
	}
	const date = (d: Date | string | null) => formatDate(d, locale) || t('decision.noDate')
	const meeting = (total: number | null, present: number | null, votesFor: number | null) => {
		const parts: string[] = []
		if (total != null && present != null) parts.push(t('decision.attendance', { total: formatNumber(total, locale), present: formatNumber(present, locale) }))
		if (votesFor != null) parts.push(t('decision.votesFor', { count: votesFor }))
		return parts.length ? parts.join(locale === 'zh' ? '，' : ', ') : null
	}
	const steps = decisionSteps(decision, { label: (step) => t(`decision.${step}`), date, meeting, pending: t('decision.pending') })
	return (
		<section aria-labelledby="decision-heading" className="rounded-lg border border-stone-200 bg-white p-4">
			<h2 id="decision-heading" className="text-lg font-semibold">
				{t('decision.heading')}
			</h2>
			<p className="mt-1 text-sm text-stone-600">{t('decision.intro')}</p>
			<DecisionSteps steps={steps} resolution={{ label: t('decision.resolution'), text: decision.resolutionText ?? '' }} />
		</section>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	if (!data?.listing) return [{ title: pageTitle(locale, metaT(locale, 'listing')('meta.notFound')) }]
	const { listing, tools } = data
	const description = listingDescription(listing, locale) || metaT(locale, 'listing')('meta.fallbackDescription')
	const facts = `${formatPrice(listing.price, listing.priceUnit as PriceUnit, locale)} · ${formatAreaBoth(listing.area, listing.areaUnit as AreaUnit, locale)}`
	const image = tools.share.imageUrl
	// Open Graph and Twitter cards, so a link pasted into a chat app previews with its price and photo.
	return [
		{ title: pageTitle(locale, listing.title) },
		{ name: 'description', content: description },
		{ property: 'og:type', content: 'website' },
		{ property: 'og:url', content: tools.share.pageUrl },
		{ property: 'og:title', content: `${listing.title} · ${facts}` },
		{ property: 'og:description', content: description },
		{ property: 'og:locale', content: locale === 'en' ? 'en_US' : 'zh_CN' },
		...(image ? [{ property: 'og:image', content: image }] : []),
		{ name: 'twitter:card', content: image ? 'summary_large_image' : 'summary' },
		{ name: 'twitter:title', content: `${listing.title} · ${facts}` },
		{ name: 'twitter:description', content: description },
		...(image ? [{ name: 'twitter:image', content: image }] : []),
	]
}

/** The search engines' summary: type, place, area and price, then the start of the description. */
function listingDescription(listing: Listing, locale: Locale) {
	const common = metaT(locale, 'common')
	const place = locale === 'en' ? `${listing.village.nameEn}, ${listing.town.nameEn}` : `${listing.town.name}${listing.village.name}`
	const facts = [
		common(`types.${listing.type as ListingType}`),
		place,
		formatAreaBoth(listing.area, listing.areaUnit as AreaUnit, locale),
		formatPrice(listing.price, listing.priceUnit as PriceUnit, locale),
	].join(' · ')
	const text = listing.description.replace(/\s+/g, ' ').trim()
	const stop = locale === 'zh' ? '。' : '. '
	return text ? `${facts}${stop}${text.length > 120 ? `${text.slice(0, 120)}…` : text}` : facts
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
