import { prisma } from '~/utils/db.server.ts'
import { getCatalog } from './listing-catalog.server.ts'

type Towns = Awaited<ReturnType<typeof loadTowns>>
let cache: { generation: number; towns: Towns } | null = null

/**
 * Towns with their villages, for filters and map labels (a few dozen rows), cached as long as the
 * listing catalogue is: the admin's changes to places invalidate both.
 */
export async function getTownsWithVillages() {
	const { generation } = await getCatalog()
	if (cache?.generation !== generation) cache = { generation, towns: await loadTowns() }
	return cache.towns
}

function loadTowns() {
	return prisma.town.findMany({
		select: {
			code: true,
			name: true,
			nameEn: true,
			kind: true,
			lat: true,
			lng: true,
			villages: { select: { code: true, name: true, nameEn: true, isDemo: true, lat: true, lng: true }, orderBy: { code: 'asc' } },
		},
		orderBy: { code: 'asc' },
	})
}
