// One public listing for its detail page. Public means published or already traded; any other
// state (draft, under review, rejected, withdrawn, expired) is not found, exactly like an unknown id.
import type { ListingStatus } from '~/domain/listing.ts'
import { prisma } from '~/utils/db.server.ts'
import { decisionSelect, listingCoreSelect, listingPhotosSelect } from './listing-select.server.ts'

/** What a detail page may show: published listings, and traded ones (with their 已成交 banner). */
export const DETAIL_STATUSES: readonly ListingStatus[] = ['PUBLISHED', 'TRADED']

const ID = /^[a-z0-9_-]{1,64}$/

export function isListingId(id: unknown): id is string {
	return typeof id === 'string' && ID.test(id)
}

export async function getPublicListing(id: unknown) {
	if (!isListingId(id)) return null
	return prisma.listing.findFirst({
		// The status is part of the query: a non-public listing is never loaded at all.
		// OFFLINE listings only record a deal done outside the platform (023): never public.
		where: { id, status: { in: [...DETAIL_STATUSES] }, origin: 'PLATFORM' },
		select: {
			...listingCoreSelect,
			contactName: true,
			contactPhone: true,
			publishedAt: true,
			expiresAt: true,
			isDemo: true,
			createdAt: true,
			updatedAt: true,
			townId: true,
			// Its short link's code (/s/<code>): read here, not in a query of its own.
			searchKey: true,
			// createdById is deliberately left out: who typed the listing in is not public.
			town: { select: { name: true, nameEn: true, code: true } },
			village: { select: { name: true, nameEn: true, code: true, contactName: true, contactPhone: true } },
			photos: listingPhotosSelect,
			decision: { select: decisionSelect },
		},
	})
}

export type PublicListing = NonNullable<Awaited<ReturnType<typeof getPublicListing>>>

/** Published listings, from the tallies the database keeps (decision 018): no scan at any size. */
export async function publishedListingCount() {
	const sum = await prisma.listingTally.aggregate({ where: { status: 'PUBLISHED' }, _sum: { count: true } })
	return sum._sum.count ?? 0
}
