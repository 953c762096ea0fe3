import { prisma } from '~/utils/db.server.ts'
import { catalogGeneration } from './listing-catalog.server.ts'

type Towns = Awaited<ReturnType<typeof loadTowns>>
let cache: { generation: number; at: number; towns: Towns } | null = null
/** Another process's edit to places shows here within this time. */
const TOWNS_TTL_MS = 10_000

/**
 * Towns with their villages, for filters (the map's, the ledger's) and map labels (a few dozen
 * rows): cached, dropped at once when this process edits places, and after a few seconds for
 * another process's edits.
 */
export async function getTownsWithVillages() {
	const generation = catalogGeneration()
	if (cache?.generation !== generation || Date.now() - cache.at > TOWNS_TTL_MS) cache = { generation, at: Date.now(), towns: await loadTowns() }
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
