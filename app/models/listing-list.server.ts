// The server-rendered list beside the map: the listings of the current view and filters, paged.
import { prisma } from '~/utils/db.server.ts'
import type { ListingQuery } from '~/utils/listing-query.ts'
import { catalogPage } from './listing-catalog.server.ts'

export const PAGE_SIZE = 20

export async function listListings(query: ListingQuery) {
	const page = await catalogPage(query, PAGE_SIZE)
	const photos = await prisma.listingPhoto.findMany({
		where: { listingId: { in: page.items.map((e) => e.id) }, sort: 0 },
		select: { listingId: true, thumbFile: true },
	})
	const thumbs = new Map(photos.map((p) => [p.listingId, p.thumbFile]))
	return { ...page, items: page.items.map((e) => ({ ...e, thumb: thumbs.get(e.id) ?? null })) }
}
export type ListItem = Awaited<ReturnType<typeof listListings>>['items'][number]
