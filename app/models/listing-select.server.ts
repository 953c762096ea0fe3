// Select fragments shared by the pages that show a whole listing (public detail, village
// workspace, review) or a deal's terms (review, ledger, certificate, /me): one list of fields,
// so a new column is added in one place.
import type { Prisma } from '@prisma/client'

export const listingCoreSelect = {
	id: true,
	type: true,
	status: true,
	title: true,
	description: true,
	lat: true,
	lng: true,
	boundary: true,
	area: true,
	areaUnit: true,
	landClass: true,
	price: true,
	priceUnit: true,
	priceYuan: true,
	transferMode: true,
	tradingMode: true,
	termYears: true,
} satisfies Prisma.ListingSelect

/** A listing as a card or a column shows it (favourites, compare): what, its state, size and price. */
export const listingSummarySelect = {
	id: true,
	type: true,
	status: true,
	title: true,
	area: true,
	areaUnit: true,
	price: true,
	priceUnit: true,
	tradingMode: true,
} satisfies Prisma.ListingSelect

/** The first photo's thumbnail, in gallery order. */
export const firstThumbSelect = {
	orderBy: [{ sort: 'asc' }, { createdAt: 'asc' }],
	take: 1,
	select: { thumbFile: true },
} satisfies Prisma.Listing$photosArgs

export const listingPhotosSelect = {
	orderBy: [{ sort: 'asc' }, { createdAt: 'asc' }],
	select: { id: true, file: true, thumbFile: true, width: true, height: true, caption: true },
} satisfies Prisma.Listing$photosArgs

/** The 四议两公开 record as shown on every listing page. */
export const decisionSelect = {
	proposalDate: true,
	committeeDate: true,
	partyMeetingDate: true,
	partyMembersTotal: true,
	partyMembersPresent: true,
	partyVotesFor: true,
	villagersMeetingDate: true,
	villagersTotal: true,
	villagersPresent: true,
	villagersVotesFor: true,
	resolutionText: true,
	resolutionPublicDate: true,
	resultPublicDate: true,
} satisfies Prisma.DemocraticDecisionSelect

/** What was agreed in a deal: price and its unit, the total, area, term and modes. */
export const dealTermsSelect = {
	price: true,
	priceUnit: true,
	totalValueYuan: true,
	area: true,
	areaUnit: true,
	termYears: true,
	transferMode: true,
	tradingMode: true,
} satisfies Prisma.DealSelect
