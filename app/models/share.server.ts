// Short links (/s/<code>) and the compare table (issue 13). Only public listings (published or
// traded, listed on the platform) are ever found: anything else is as unknown as a bad code.
import { distanceKm } from '~/domain/favourites.ts'
import { parseShortCode } from '~/domain/share.ts'
import { prisma } from '~/utils/db.server.ts'
import { DETAIL_STATUSES } from './listing.server.ts'
import { firstThumbSelect, listingSummarySelect } from './listing-select.server.ts'

const PUBLIC = { status: { in: [...DETAIL_STATUSES] }, origin: 'PLATFORM' }

/** The listing a short code names, if it is public. */
export async function listingIdForCode(code: unknown) {
	const searchKey = parseShortCode(code)
	if (searchKey === null) return null
	const listing = await prisma.listing.findFirst({ where: { searchKey, ...PUBLIC }, select: { id: true } })
	return listing?.id ?? null
}

/** The search key behind a public listing's short code (set by the database on insert). */
export async function listingSearchKey(listingId: string) {
	const listing = await prisma.listing.findFirst({ where: { id: listingId, ...PUBLIC }, select: { searchKey: true } })
	return listing?.searchKey ?? null
}

/**
 * The public listings of a selection, in its order, with what the compare table shows: terms,
 * the distance from the listing to its town's seat (the Town record's coordinates), and the
 * 确权 parcels it is made of. Ids that are unknown or not public are counted as dropped.
 */
export async function compareListings(ids: readonly string[]) {
	if (ids.length === 0) return { listings: [], dropped: 0 }
	const rows = await prisma.listing.findMany({
		where: { id: { in: [...ids] }, ...PUBLIC },
		select: {
			...listingSummarySelect,
			landClass: true,
			transferMode: true,
			termYears: true,
			lat: true,
			lng: true,
			town: { select: { name: true, nameEn: true, lat: true, lng: true } },
			village: { select: { name: true, nameEn: true } },
			photos: firstThumbSelect,
			parcels: {
				orderBy: { parcel: { code: 'asc' } },
				select: { parcel: { select: { code: true, landUse: true, basicFarmland: true, surveyedAreaMu: true } } },
			},
		},
	})
	const byId = new Map(rows.map((r) => [r.id, r]))
	const listings = ids.flatMap((id) => {
		const r = byId.get(id)
		if (!r) return []
		const { parcels, lat, lng, town, ...rest } = r
		return [{ ...rest, town: { name: town.name, nameEn: town.nameEn }, distanceKm: distanceKm({ lat, lng }, town), parcels: parcels.map((p) => p.parcel) }]
	})
	return { listings, dropped: ids.length - listings.length }
}
