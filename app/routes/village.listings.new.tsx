// /village/listings/new — first the kind of listing (a link per type, so it works without
// JavaScript), then its form. Saving creates a draft and opens its page.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { VillageListingForm } from '~/components/village-listing-form.tsx'
import { ListingSteps } from '~/components/village-ui.tsx'
import { isListingType, LISTING_TYPES } from '~/domain/listing.ts'
import { villagePickerParcels } from '~/models/parcel.server.ts'
import { saveListingForm, villagePlace } from '~/models/village.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { useRootData } from '~/utils/root-data.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	invariantResponse(user.villageId)
	const type = new URL(request.url).searchParams.get('type')
	const place = await villagePlace(user.villageId)
	const listingType = isListingType(type) ? type : null
	return {
		type: listingType,
		parcels: listingType === 'LAND' ? await villagePickerParcels(user.villageId) : [],
		center: [place.lat, place.lng] as [number, number],
		contact: { name: place.contactName ?? '', phone: place.contactPhone ?? '' },
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const result = await saveListingForm(user, formData)
	if (!result.ok) return data(result.reply, { status: result.status })
	return redirect(`/village/listings/${result.id}?notice=created`)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function NewListing() {
	const { type, center, contact, parcels } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const root = useRootData()
	const { t } = useTranslation('village')
	const { t: tc } = useTranslation('common')

	if (!type) {
		return (
			<div>
				<h1 className="text-2xl font-bold">{t('new.title')}</h1>
				<p className="mt-1 text-stone-600">{t('new.chooseType')}</p>
				<ul className="mt-5 grid gap-4 sm:grid-cols-3">
					{LISTING_TYPES.map((ty) => (
						<li key={ty}>
							<Link
								to={`?type=${ty}`}
								className="block h-full rounded-lg border border-stone-200 border-t-4 bg-white p-4 shadow-sm hover:border-stone-300 hover:shadow"
								style={{ borderTopColor: TYPE_COLORS[ty] }}
							>
								<span className="text-lg font-semibold" style={{ color: TYPE_COLORS[ty] }}>
									{tc(`types.${ty}`)}
								</span>
								<span className="mt-1 block text-sm text-stone-600">{t(`new.typeHelp.${ty}`)}</span>
							</Link>
						</li>
					))}
				</ul>
			</div>
		)
	}

	return (
		<div className="grid gap-6 lg:grid-cols-[minmax(0,48rem)_minmax(0,18rem)]">
			<div className="min-w-0">
				<h1 className="text-2xl font-bold">{t('new.titleOf', { type: tc(`types.${type}`) })}</h1>
				<p className="mt-1 text-sm text-stone-600">
					{t(`new.typeHelp.${type}`)}{' '}
					<Link to="/village/listings/new" className="text-brand-700 underline underline-offset-2">
						{t('new.otherType')}
					</Link>
				</p>
				<div className="mt-5">
					<VillageListingForm
						key={type}
						type={type}
						lastResult={lastResult}
						center={center}
						env={root?.ENV}
						defaultValue={{ contactName: contact.name, contactPhone: contact.phone }}
						cancelTo="/village"
						parcels={parcels}
					/>
				</div>
			</div>
			<div className="lg:pt-16">
				<ListingSteps type={type} />
			</div>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'village')('new.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
