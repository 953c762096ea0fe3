// An in-memory catalogue of published listings, the basis of the map and the list.
// Why in memory: clustering needs every matching point, and at 100,000 listings a database scan
// plus clustering per request costs hundreds of milliseconds; filtering an array and asking a
// cached supercluster index costs a few. The catalogue reloads when this process changes a
// listing (invalidateCatalog) or another process writes to the database (data_version).
import Supercluster from 'supercluster'
import type { AreaUnit, ListingType, PriceUnit, TransferMode } from '~/domain/listing.ts'
import { comparePrice, muToM2 } from '~/domain/units.ts'
import { prisma } from '~/utils/db.server.ts'
import type { ClusterFeature, ListingFeature, ListingFeatureCollection } from '~/utils/listing-features.ts'
import { filterKey, listingMatcher, type BBox, type ListingFilters, type ListingQuery, type Sort } from '~/utils/listing-query.ts'
import { externalChangeCounter, searchListingIds } from './listing-search.server.ts'

export type CatalogEntry = {
	id: string
	type: ListingType
	title: string
	townCode: string
	town: string
	townEn: string
	villageCode: string
	village: string
	villageEn: string
	area: number
	areaUnit: AreaUnit
	/** The area in m², so land (亩) and buildings (m²) sort in one unit. */
	areaM2: number
	price: number
	priceUnit: PriceUnit
	transferMode: TransferMode
	lat: number
	lng: number
	publishedAt: number
	boundary: number[][][] | null
}

type Catalog = {
	entries: CatalogEntry[]
	byId: Map<string, CatalogEntry>
	loadedAt: number
	dataVersion: number
	generation: number
}

type PointProps = { i: number }
type ClusterProps = { f: number; l: number; a: number }

const state = {
	catalog: null as Catalog | null,
	loading: null as Promise<Catalog> | null,
	generation: 0,
	indexes: new Map<string, { generation: number; index: Supercluster<PointProps, ClusterProps>; entries: CatalogEntry[] }>(),
	searches: new Map<string, { generation: number; ids: Set<string> | null }>(),
	sorted: new Map<string, { generation: number; entries: CatalogEntry[] }>(),
}

const INDEX_CACHE_SIZE = 24
const SEARCH_CACHE_SIZE = 64
const SORTED_CACHE_SIZE = 16
/** Below this zoom, land boundaries are not sent: they would be specks. */
export const BOUNDARY_MIN_ZOOM = 13
export const CLUSTER_MAX_ZOOM = 16

/** Call after any change to a listing's status, place or public fields. */
export function invalidateCatalog() {
	state.generation++
	state.catalog = null
}

async function load(): Promise<Catalog> {
	const generation = state.generation
	const dataVersion = await externalChangeCounter()
	const [towns, villages, rows] = await Promise.all([
		prisma.town.findMany({ select: { id: true, code: true, name: true, nameEn: true } }),
		prisma.village.findMany({ select: { id: true, code: true, name: true, nameEn: true } }),
		prisma.listing.findMany({
			where: { status: 'PUBLISHED' },
			select: {
				id: true,
				type: true,
				title: true,
				townId: true,
				villageId: true,
				area: true,
				areaUnit: true,
				price: true,
				priceUnit: true,
				transferMode: true,
				lat: true,
				lng: true,
				publishedAt: true,
				boundary: true,
			},
			orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
		}),
	])
	const townById = new Map(towns.map((t) => [t.id, t]))
	const villageById = new Map(villages.map((v) => [v.id, v]))
	const entries: CatalogEntry[] = []
	for (const r of rows) {
		const town = townById.get(r.townId)
		const village = villageById.get(r.villageId)
		if (!town || !village) continue
		entries.push({
			id: r.id,
			type: r.type as ListingType,
			title: r.title,
			townCode: town.code,
			town: town.name,
			townEn: town.nameEn,
			villageCode: village.code,
			village: village.name,
			villageEn: village.nameEn,
			area: r.area,
			areaUnit: r.areaUnit as AreaUnit,
			areaM2: r.areaUnit === 'mu' ? muToM2(r.area) : r.area,
			price: r.price,
			priceUnit: r.priceUnit as PriceUnit,
			transferMode: r.transferMode as TransferMode,
			lat: r.lat,
			lng: r.lng,
			publishedAt: r.publishedAt?.getTime() ?? 0,
			boundary: parseBoundary(r.boundary),
		})
	}
	return { entries, byId: new Map(entries.map((e) => [e.id, e])), loadedAt: Date.now(), dataVersion, generation }
}

function parseBoundary(raw: string | null): number[][][] | null {
	if (!raw) return null
	try {
		const geometry = JSON.parse(raw) as { type?: string; coordinates?: number[][][] }
		return geometry.type === 'Polygon' && Array.isArray(geometry.coordinates) ? geometry.coordinates : null
	} catch {
		return null
	}
}

export async function getCatalog(): Promise<Catalog> {
	const current = state.catalog
	if (current && current.generation === state.generation) {
		if ((await externalChangeCounter()) === current.dataVersion) return current
		invalidateCatalog()
	}
	// One load at a time: concurrent requests wait for the same promise.
	if (!state.loading) {
		state.loading = load().finally(() => {
			state.loading = null
		})
	}
	const loaded = await state.loading
	if (loaded.generation === state.generation) {
		if (state.catalog !== loaded) {
			state.catalog = loaded
			state.indexes.clear()
			state.searches.clear()
			state.sorted.clear()
		}
		return loaded
	}
	return getCatalog()
}

async function searchIds(q: string, generation: number) {
	const cached = state.searches.get(q)
	if (cached && cached.generation === generation) return cached.ids
	const ids = await searchListingIds(q)
	state.searches.set(q, { generation, ids })
	if (state.searches.size > SEARCH_CACHE_SIZE) state.searches.delete(state.searches.keys().next().value!)
	return ids
}

/** Published listings matching the filters, newest first. */
export async function filterCatalog(filters: ListingFilters) {
	const catalog = await getCatalog()
	const ids = filters.q ? await searchIds(filters.q, catalog.generation) : null
	const { types, town, village, minArea, maxArea, minPrice, maxPrice, mode } = filters
	const unfiltered = types.length === 0 && !town && !village && minArea === null && maxArea === null && minPrice === null && maxPrice === null && !mode && !filters.q
	// No filters (the common case): the catalogue itself, newest first, without a copy.
	if (unfiltered) return { catalog, entries: catalog.entries }
	const matches = listingMatcher(filters)
	const entries = catalog.entries.filter((e) => matches(e) && (!filters.q || (ids !== null && ids.has(e.id))))
	return { catalog, entries }
}

// Array.prototype.sort is stable: equal prices or areas stay newest first.
const SORTERS: Record<Sort, ((a: CatalogEntry, b: CatalogEntry) => number) | null> = {
	newest: null, // the catalogue is already newest first
	priceAsc: (a, b) => comparePrice(a, b, 'asc'),
	priceDesc: (a, b) => comparePrice(a, b, 'desc'),
	areaDesc: (a, b) => b.areaM2 - a.areaM2,
}

/**
 * Published listings matching the filters in the list's order. A sort runs once per filters and
 * order and is cached: each view then only picks its listings from the sorted array.
 */
export async function sortedCatalog(filters: ListingFilters, sort: Sort) {
	const compare = SORTERS[sort]
	if (!compare) return (await filterCatalog(filters)).entries
	const key = `${sort}:${filterKey(filters)}`
	// A cached order spares the filter pass too.
	const cached = state.sorted.get(key)
	if (cached && cached.generation === (await getCatalog()).generation) return cached.entries
	const { catalog, entries } = await filterCatalog(filters)
	const sorted = [...entries].sort(compare)
	state.sorted.set(key, { generation: catalog.generation, entries: sorted })
	if (state.sorted.size > SORTED_CACHE_SIZE) state.sorted.delete(state.sorted.keys().next().value!)
	return sorted
}

async function clusterIndex(filters: ListingFilters) {
	const key = filterKey(filters)
	const cached = state.indexes.get(key)
	// A cached index spares the filter pass: moving the map only asks the index.
	if (cached && cached.generation === (await getCatalog()).generation) {
		// Refresh its place in the LRU order.
		state.indexes.delete(key)
		state.indexes.set(key, cached)
		return cached
	}
	const { catalog, entries } = await filterCatalog(filters)
	const index = new Supercluster<PointProps, ClusterProps>({
		radius: 60,
		maxZoom: CLUSTER_MAX_ZOOM,
		minPoints: 3,
		map: (p) => {
			const type = entries[p.i].type
			return { f: type === 'FARMHOUSE' ? 1 : 0, l: type === 'LAND' ? 1 : 0, a: type === 'COLLECTIVE_ASSET' ? 1 : 0 }
		},
		reduce: (acc, p) => {
			acc.f += p.f
			acc.l += p.l
			acc.a += p.a
		},
	})
	index.load(
		entries.map((e, i) => ({
			type: 'Feature' as const,
			properties: { i },
			geometry: { type: 'Point' as const, coordinates: [e.lng, e.lat] },
		})),
	)
	const value = { generation: catalog.generation, index, entries }
	state.indexes.set(key, value)
	if (state.indexes.size > INDEX_CACHE_SIZE) state.indexes.delete(state.indexes.keys().next().value!)
	return value
}

const round = (n: number) => Math.round(n * 1e6) / 1e6

export function toFeature(e: CatalogEntry, withBoundary: boolean): ListingFeature {
	return {
		type: 'Feature',
		id: e.id,
		geometry: { type: 'Point', coordinates: [round(e.lng), round(e.lat)] },
		properties: {
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
			status: 'PUBLISHED',
			...(withBoundary && e.boundary ? { boundary: e.boundary } : {}),
		},
	}
}

/** The GeoJSON of `/api/listings`: clusters at low zoom, single listings once they separate. */
export async function listingFeatures(
	query: Pick<ListingQuery, keyof ListingFilters | 'bbox' | 'zoom'>,
): Promise<ListingFeatureCollection> {
	const bbox: BBox = query.bbox ?? [-180, -85, 180, 85]
	const { index, entries } = await clusterIndex(query)
	const withBoundary = query.zoom >= BOUNDARY_MIN_ZOOM
	const features: Array<ListingFeature | ClusterFeature> = []
	for (const f of index.getClusters(bbox, query.zoom)) {
		const [lng, lat] = f.geometry.coordinates
		if ('cluster' in f.properties && f.properties.cluster) {
			const p = f.properties as unknown as Supercluster.ClusterProperties & ClusterProps
			features.push({
				type: 'Feature',
				id: `cluster-${p.cluster_id}`,
				geometry: { type: 'Point', coordinates: [round(lng), round(lat)] },
				properties: {
					cluster: true,
					clusterId: p.cluster_id,
					count: p.point_count,
					expansionZoom: Math.min(index.getClusterExpansionZoom(p.cluster_id), CLUSTER_MAX_ZOOM + 1),
					types: { FARMHOUSE: p.f, LAND: p.l, COLLECTIVE_ASSET: p.a },
				},
			})
		} else {
			features.push(toFeature(entries[(f.properties as PointProps).i], withBoundary))
		}
	}
	return { type: 'FeatureCollection', total: entries.length, features }
}

export function inBBox(e: CatalogEntry, bbox: BBox | null) {
	if (!bbox) return true
	return e.lng >= bbox[0] && e.lat >= bbox[1] && e.lng <= bbox[2] && e.lat <= bbox[3]
}
