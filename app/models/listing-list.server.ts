// The server-rendered list beside the map: the listings of the current view and filters, paged.
import { prisma } from '~/utils/db.server.ts'
import type { ListingQuery } from '~/utils/listing-query.ts'
import { inBBox, sortedCatalog } from './listing-catalog.server.ts'

export const PAGE_SIZE = 20

export async function listListings(query: ListingQuery) {
	const entries = await sortedCatalog(query, query.sort)
	const inView = query.bbox ? entries.filter((e) => inBBox(e, query.bbox)) : entries
	const pageCount = Math.max(1, Math.ceil(inView.length / PAGE_SIZE))
	const page = Math.min(query.page, pageCount)
	const pageEntries = inView.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
	const photos = await prisma.listingPhoto.findMany({
		where: { listingId: { in: pageEntries.map((e) => e.id) }, sort: 0 },
		select: { listingId: true, thumbFile: true },
	})
	const thumbs = new Map(photos.map((p) => [p.listingId, p.thumbFile]))
	return {
		total: inView.length,
		totalAll: entries.length,
		page,
		pageCount,
		items: pageEntries.map((e) => ({
			id: e.id,
			type: e.type,
			title: e.title,
			town: e.town,
			townEn: e.townEn,
			village: e.village,
			villageEn: e.villageEn,
			area: e.area,
			areaUnit: e.areaUnit,
			price: e.price,
			priceUnit: e.priceUnit,
			transferMode: e.transferMode,
			publishedAt: new Date(e.publishedAt).toISOString(),
			thumb: thumbs.get(e.id) ?? null,
			lat: e.lat,
			lng: e.lng,
		})),
	}
}
export type ListItem = Awaited<ReturnType<typeof listListings>>['items'][number]
