// The facts of one listing, for every page that shows them: the public detail page shows what a
// buyer needs; the staff's pages (the reviewer's, the village's) show every field, with the dates
// to the minute and both contacts.
import { useTranslation } from 'react-i18next'
import { Fact } from '~/components/fact.tsx'
import { SurveyBadge } from '~/components/parcel-views.tsx'
import { allowedTransferModes, type AreaUnit, type ListingType, type PriceUnit, type TransferMode } from '~/domain/listing.ts'
import { formatAreaBoth, formatDate, formatDateTime, formatMoney, formatNumber, formatPrice, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

type Contact = { contactName: string | null; contactPhone: string | null }
type Place = { name: string; nameEn: string }

export type FactsListing = Contact & {
	type: string
	area: number
	areaUnit: string
	landClass: string | null
	price: number
	priceUnit: string
	priceYuan: number
	transferMode: string
	tradingMode: string
	termYears: number | null
	lat: number
	lng: number
	publishedAt: Date | string | null
	expiresAt: Date | string | null
	town: Place
	village: Place & Contact
}

/** The staff's view adds these; `createdBy` only where the page loads it. */
export type FullFactsListing = FactsListing & {
	boundary: string | null
	listingDays: number
	createdAt: Date | string
	updatedAt: Date | string
	submittedAt: Date | string | null
	createdBy?: { name: string } | null
}

/** "树林召镇 · 新胜村" / "Shulinzhao · Xinsheng": the listing's town and village in the reader's language. */
export function placeName(listing: { town: Place; village: Place }, locale: Locale) {
	return locale === 'en' ? `${listing.town.nameEn} · ${listing.village.nameEn}` : `${listing.town.name} · ${listing.village.name}`
}

/** `surveyed`: the area is the sum of 确权 parcels' surveyed areas, so the area carries the survey's badge. */
export function ListingFacts(props: ({ view: 'public'; listing: FactsListing } | { view: 'full'; listing: FullFactsListing }) & { surveyed?: boolean }) {
	const { t } = useTranslation('listing')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const { listing } = props
	const full = props.view === 'full' ? props.listing : null
	const priceUnit = listing.priceUnit as PriceUnit
	const notSet = t('facts.notSet')
	return (
		<section aria-labelledby="facts-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="facts-heading" className={full ? 'mb-2 text-lg font-semibold' : 'sr-only'}>
				{full ? t('facts.headingFull') : t('facts.heading')}
			</h2>
			<p className="text-sm text-stone-500">{t('facts.price')}</p>
			<p className="text-2xl font-bold text-brand-700">{formatPrice(listing.price, priceUnit, locale)}</p>
			{!full && priceUnit === 'YUAN_PER_MU_YEAR' ? (
				<p className="text-sm text-stone-600">{t('facts.priceTotal', { total: formatMoney(listing.priceYuan, locale) })}</p>
			) : null}
			<dl className="mt-3 divide-y divide-stone-100 border-t border-stone-100 text-sm">
				{full ? (
					<Fact label={t('facts.priceYuan')}>
						{t(priceUnit === 'WAN_YUAN' ? 'facts.priceYuanTotal' : 'facts.priceYuanPerYear', { total: formatMoney(listing.priceYuan, locale) })}
					</Fact>
				) : null}
				<Fact label={t('facts.location')}>{placeName(listing, locale)}</Fact>
				{full ? (
					<Fact label={t('facts.coordinates')}>{t('map.coordinates', { lat: formatNumber(listing.lat, locale, 5), lon: formatNumber(listing.lng, locale, 5) })}</Fact>
				) : null}
				<Fact label={t('facts.area')}>
					{formatAreaBoth(listing.area, listing.areaUnit as AreaUnit, locale)}
					{props.surveyed ? (
						<span className="mt-0.5 block">
							<SurveyBadge />
						</span>
					) : full?.boundary ? (
						<span className="block text-xs text-stone-500">{t('facts.areaFromBoundary')}</span>
					) : null}
				</Fact>
				{listing.type === 'LAND' ? <Fact label={t('facts.landClass')}>{listing.landClass ? tc(`landClasses.${listing.landClass}`) : notSet}</Fact> : null}
				<Fact label={t('facts.transferMode')}>
					{tc(`transferModes.${listing.transferMode}`)}
					{full && !allowedTransferModes(listing.type as ListingType).includes(listing.transferMode as TransferMode) ? (
						<span role="note" className="mt-0.5 block text-xs font-medium text-red-700">
							{t('facts.transferModeNotAllowed')}
						</span>
					) : null}
				</Fact>
				<Fact label={t('facts.tradingMode')}>{tc(`tradingModes.${listing.tradingMode}`)}</Fact>
				<Fact label={t('facts.term')}>{listing.termYears ? t('facts.termYears', { count: listing.termYears }) : notSet}</Fact>
				{full ? <StaffDates listing={full} locale={locale} /> : null}
				{full && !full.publishedAt ? null : <Fact label={t('facts.publishedAt')}>{formatDate(listing.publishedAt, locale) || notSet}</Fact>}
				{full && !full.expiresAt ? null : <Fact label={t('facts.expiresAt')}>{formatDate(listing.expiresAt, locale) || notSet}</Fact>}
			</dl>
			<h3 className="mt-4 border-t border-stone-200 pt-3 font-semibold">{t('contact.heading')}</h3>
			{full ? <StaffContacts listing={full} /> : <PublicContact listing={listing} />}
		</section>
	)
}

function StaffDates({ listing, locale }: { listing: FullFactsListing; locale: Locale }) {
	const { t } = useTranslation('listing')
	const notSet = t('facts.notSet')
	return (
		<>
			<Fact label={t('facts.listingDays')}>{t('facts.listingDaysValue', { count: listing.listingDays })}</Fact>
			{listing.createdBy !== undefined ? <Fact label={t('facts.createdBy')}>{listing.createdBy?.name ?? notSet}</Fact> : null}
			<Fact label={t('facts.createdAt')}>{formatDateTime(listing.createdAt, locale)}</Fact>
			<Fact label={t('facts.submittedAt')}>{formatDateTime(listing.submittedAt, locale) || notSet}</Fact>
			<Fact label={t('facts.updatedAt')}>{formatDateTime(listing.updatedAt, locale)}</Fact>
		</>
	)
}

/** A buyer sees one contact: the listing's own, else the village's. */
function PublicContact({ listing }: { listing: FactsListing }) {
	const { t } = useTranslation('listing')
	const contactName = listing.contactName || listing.village.contactName
	const contactPhone = listing.contactPhone || listing.village.contactPhone
	if (!contactName && !contactPhone) return <p className="mt-1 text-sm text-stone-600">{t('contact.none')}</p>
	return (
		<dl className="mt-1 text-sm">
			{contactName ? <Fact label={t('contact.name')}>{contactName}</Fact> : null}
			{contactPhone ? (
				<Fact label={t('contact.phone')}>
					<Phone phone={contactPhone} />
				</Fact>
			) : null}
		</dl>
	)
}

/** Staff see the listing's contact and the village's, side by side. */
function StaffContacts({ listing }: { listing: FullFactsListing }) {
	const { t } = useTranslation('listing')
	const line = ({ contactName, contactPhone }: Contact) =>
		contactName || contactPhone ? (
			<>
				{contactName}
				{contactName && contactPhone ? ' · ' : null}
				{contactPhone ? <Phone phone={contactPhone} /> : null}
			</>
		) : (
			t('contact.notGiven')
		)
	return (
		<dl className="mt-1 text-sm">
			<Fact label={t('contact.listing')}>{line(listing)}</Fact>
			<Fact label={t('contact.village')}>{line(listing.village)}</Fact>
		</dl>
	)
}

function Phone({ phone }: { phone: string }) {
	const { t } = useTranslation('listing')
	return (
		<a href={`tel:${phone.replace(/[^\d+]/g, '')}`} className="font-medium text-brand-700 underline underline-offset-2" aria-label={t('contact.call', { phone })}>
			{phone}
		</a>
	)
}
