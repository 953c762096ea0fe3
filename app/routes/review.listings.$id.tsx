// /review/listings/:id — one listing of the reviewer's own town, everything about it, and the
// decision form (approve / return / reject, always with an opinion). A listing of another town is
// a 404 (the town is in the query's `where`); an own-town listing that is no longer SUBMITTED shows
// its state and reviews without the form. Works without JavaScript: a plain POST form.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ListingFacts, placeName } from '~/components/listing-facts.tsx'
import { ListingMapSection } from '~/components/listing-map-section.tsx'
import { REVIEW_INTENTS, ReviewDecisionForm, ReviewDecisionSchema } from '~/components/review-decision-form.tsx'
import { ReviewDecisionRecord } from '~/components/review-decision-record.tsx'
import { ReviewHistory } from '~/components/review-history.tsx'
import type { ListingStatus, ListingType } from '~/domain/listing.ts'
import { isListingId } from '~/models/listing.server.ts'
import { reviewListing } from '~/models/listing-workflow.server.ts'
import { getListingForReview, isInReviewerTown } from '~/models/review.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'
import { ListingParcelsTable } from '~/components/parcel-views.tsx'
import { PriceFlagPill, PriceReferenceSection } from '~/components/price-reference.tsx'
import { listingPriceReference } from '~/models/price-reference.server.ts'
import { holderHref, listingParcels } from '~/models/parcel.server.ts'
import { now } from '~/utils/clock.server.ts'

const MAP_HEIGHT = 280

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'review:listing:town')
	const listing = await getListingForReview(user, params.id)
	invariantResponse(listing)
	const prices = await listingPriceReference({ ...listing, townId: user.townId! })
	return { listing, parcels: listing.type === 'LAND' ? await listingParcels(listing.id) : [], prices }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'review:listing:town')
	// Another town's listing is a 404 before anything in the form is looked at.
	invariantResponse(isListingId(params.id) && (await isInReviewerTown(user, params.id)))
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: ReviewDecisionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), conflict: false }, { status: 400 })
	const { intent, opinion } = submission.value
	const result = await reviewListing(user, params.id, REVIEW_INTENTS[intent], opinion, now())
	if (!result.ok) {
		invariantResponse(result.problem !== 'notFound')
		if (result.problem === 'parcelHeld') {
			// Another listing took one of its parcels first: it cannot be published as it is.
			const held = result.holders.map((h) => ({ code: h.code, title: h.title, href: holderHref(h) }))
			return data({ result: submission.reply(), conflict: false, held }, { status: 409 })
		}
		// Another reviewer decided first: not an error page, the listing as it is now with a notice
		// (200, so Remix reloads the loader's data after the action).
		return { result: submission.reply({ resetForm: true }), conflict: true }
	}
	return redirect(`/review?${new URLSearchParams({ decided: params.id, status: result.status })}`)
}

type Listing = ReturnType<typeof useLoaderData<typeof loader>>['listing']

export const shouldRevalidate = revalidateAfterRefusal

export default function ReviewListingRoute() {
	const { listing, parcels, prices } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const locale = useLocale()
	const { t } = useTranslation('review')
	const { t: tc } = useTranslation('common')
	const type = listing.type as ListingType

	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<Link to="/review" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('listing.back')}
			</Link>

			<header className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
				<div className="min-w-0">
					<div className="flex flex-wrap items-center gap-2 text-sm">
						<span className="rounded px-2 py-0.5 font-medium text-white" style={{ backgroundColor: TYPE_COLORS[type] }}>
							{tc(`types.${type}`)}
						</span>
						<StatusPill status={listing.status} />
						{listing.isDemo ? <span className="rounded bg-stone-100 px-2 py-0.5 text-stone-600 ring-1 ring-stone-200">{t('listing.demoBadge')}</span> : null}
						<PriceFlagPill flag={prices?.flag ?? null} />
					</div>
					<h1 className="mt-2 break-words text-2xl font-bold leading-snug text-stone-900 sm:text-3xl">{listing.title}</h1>
					<p className="mt-1 text-sm text-stone-600">
						{t('listing.submittedBy', { village: placeName(listing, locale), date: formatDate(listing.submittedAt, locale) || t('listing:facts.notSet') })}
						{listing.waitingDays !== null ? (
							<>
								<span aria-hidden="true"> · </span>
								<span className={listing.waitingDays >= 7 ? 'font-medium text-amber-700' : undefined}>{t('listing.waiting', { count: listing.waitingDays })}</span>
							</>
						) : null}
					</p>
				</div>
				{listing.status === 'SUBMITTED' ? (
					<a href="#decide" className="inline-flex shrink-0 items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
						{t('decide.heading')}
						<span aria-hidden="true"> ↓</span>
					</a>
				) : null}
			</header>

			<div className="mt-5 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:grid-rows-[auto_1fr]">
				<Photos listing={listing} />

				<aside className="space-y-6 lg:col-start-2 lg:row-span-2 lg:row-start-1">
					<ListingFacts view="full" listing={listing} surveyed={parcels.length > 0} />
					{prices ? <PriceReferenceSection data={prices} locale={locale} /> : null}
					<ListingMapSection
						listing={listing}
						heading={t('listing.map.heading')}
						height={MAP_HEIGHT}
						note={listing.boundary ? t('listing.map.boundary') : t('listing.map.noBoundary')}
					/>
				</aside>

				<div className="min-w-0 space-y-6 lg:col-start-1">
					<section aria-labelledby="description-heading">
						<h2 id="description-heading" className="mb-2 text-lg font-semibold">
							{t('listing.description')}
						</h2>
						<p className="whitespace-pre-line break-words leading-relaxed text-stone-800">{listing.description}</p>
					</section>
					<ListingParcelsTable parcels={parcels} />
					{type === 'COLLECTIVE_ASSET' ? <ReviewDecisionRecord decision={listing.decision} rules={listing.decisionRules} /> : null}
					<ReviewHistory reviews={listing.reviews} />
					<ReviewDecisionForm listing={listing} actionData={actionData} />
				</div>
			</div>
		</div>
	)
}

function Photos({ listing }: { listing: Listing }) {
	const { t } = useTranslation('review')
	const photos = listing.photos
	return (
		<section aria-labelledby="photos-heading" className="min-w-0">
			<h2 id="photos-heading" className="mb-2 text-lg font-semibold">
				{t('listing.photos.heading')} <span className="text-sm font-normal text-stone-500">{t('listing.photos.count', { count: photos.length })}</span>
			</h2>
			{photos.length === 0 ? (
				<p className="flex h-32 items-center justify-center rounded-lg border border-dashed border-stone-300 bg-stone-100 text-stone-500">{t('listing.photos.none')}</p>
			) : (
				<ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
					{photos.map((photo, i) => (
						<li key={photo.id} className={i === 0 ? 'col-span-2 sm:row-span-2' : undefined}>
							<a href={`/uploads/${photo.file}`} title={t('listing.photos.openFull')} className="block overflow-hidden rounded-md bg-stone-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
								<img
									src={`/uploads/${i === 0 ? photo.file : photo.thumbFile}`}
									width={photo.width}
									height={photo.height}
									alt={photo.caption || t('listing.photos.alt', { title: listing.title, n: i + 1 })}
									loading={i === 0 ? undefined : 'lazy'}
									className="aspect-[4/3] h-auto w-full object-cover"
								/>
							</a>
							{photo.caption ? <p className="mt-0.5 truncate text-xs text-stone-600">{photo.caption}</p> : null}
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

const STATUS_STYLES: Partial<Record<ListingStatus, string>> = {
	SUBMITTED: 'bg-amber-50 text-amber-900 ring-amber-200',
	PUBLISHED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	RETURNED: 'bg-orange-50 text-orange-800 ring-orange-200',
	REJECTED: 'bg-red-50 text-red-800 ring-red-200',
}

function StatusPill({ status }: { status: string }) {
	const { t } = useTranslation('common')
	return (
		<span className={`rounded px-2 py-0.5 text-sm font-medium ring-1 ${STATUS_STYLES[status as ListingStatus] ?? 'bg-stone-100 text-stone-700 ring-stone-200'}`} data-testid="listing-status">
			{t(`status.${status as ListingStatus}`)}
		</span>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'review')
	return [{ title: pageTitle(locale, data?.listing ? t('meta.listing', { title: data.listing.title }) : t('meta.notFound')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
