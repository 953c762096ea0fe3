// /village/listings/:id/edit — change a draft or a returned listing (the file name's `$id_`
// keeps this page out of the listing page's layout). Another village's listing is a 404.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ListingSteps, Notice, StatusBadge } from '~/components/village-ui.tsx'
import { VillageListingForm } from '~/components/village-listing-form.tsx'
import type { ListingStatus, ListingType } from '~/domain/listing.ts'
import { EDITABLE } from '~/models/listing-workflow.server.ts'
import { listingParcelIds, villagePickerParcels } from '~/models/parcel.server.ts'
import { getVillageListing, saveListingForm, villagePlace } from '~/models/village.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { useRootData } from '~/utils/root-data.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	invariantResponse(user.villageId)
	const listing = await getVillageListing(user.villageId, params.id)
	invariantResponse(listing)
	if (!EDITABLE.includes(listing.status as ListingStatus)) throw redirect(`/village/listings/${listing.id}?notice=notEditable`)
	const place = await villagePlace(user.villageId)
	const str = (v: number | string | null) => (v === null ? '' : String(v))
	const isLand = listing.type === 'LAND'
	return {
		parcels: isLand ? await villagePickerParcels(user.villageId, listing.id) : [],
		id: listing.id,
		type: listing.type as ListingType,
		status: listing.status as ListingStatus,
		latestOpinion: listing.status === 'RETURNED' ? (listing.reviews[0]?.opinion ?? null) : null,
		center: [place.lat, place.lng] as [number, number],
		defaultValue: {
			title: listing.title,
			description: listing.description,
			lat: str(listing.lat),
			lng: str(listing.lng),
			boundary: str(listing.boundary),
			area: str(listing.area),
			landClass: str(listing.landClass),
			price: str(listing.price),
			priceUnit: listing.priceUnit,
			transferMode: listing.transferMode,
			tradingMode: listing.tradingMode,
			termYears: str(listing.termYears),
			listingDays: str(listing.listingDays),
			contactName: str(listing.contactName),
			contactPhone: str(listing.contactPhone),
			parcelIds: isLand ? await listingParcelIds(user.villageId, listing.id) : [],
		},
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	invariantResponse(typeof params.id === 'string')
	const result = await saveListingForm(user, formData, params.id)
	if (!result.ok) return data(result.reply, { status: result.status })
	return redirect(`/village/listings/${result.id}?notice=saved`)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function EditListing() {
	const { id, type, status, latestOpinion, center, defaultValue, parcels } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const root = useRootData()
	const { t } = useTranslation('village')
	return (
		<div className="grid gap-6 lg:grid-cols-[minmax(0,48rem)_minmax(0,18rem)]">
			<div className="min-w-0">
				<p className="text-sm">
					<Link to={`/village/listings/${id}`} className="text-brand-700 underline-offset-2 hover:underline">
						<span aria-hidden="true">← </span>
						{t('edit.back')}
					</Link>
				</p>
				<div className="mt-2 flex flex-wrap items-center gap-2">
					<h1 className="text-2xl font-bold">{t('edit.title')}</h1>
					<StatusBadge status={status} />
				</div>
				{latestOpinion ? (
					<div className="mt-4">
						<Notice tone="warn" title={t('detail.returnedTitle')}>
							<p className="whitespace-pre-line">{latestOpinion}</p>
						</Notice>
					</div>
				) : null}
				<div className="mt-5">
					<VillageListingForm mode="edit" type={type} lastResult={lastResult} defaultValue={defaultValue} center={center} env={root?.ENV} cancelTo={`/village/listings/${id}`} parcels={parcels} />
				</div>
			</div>
			<div className="lg:pt-16">
				<ListingSteps type={type} />
			</div>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const page = metaT(locale, 'village')('edit.title')
	return [{ title: pageTitle(locale, data ? `${page}: ${data.defaultValue.title}` : page) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
