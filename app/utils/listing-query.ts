// Parses the public listing filters (page `/`, `/api/listings`) from a URL. Pure: the same rules
// for the server, the browser and the tests. Bad values are refused with a message or clamped;
// they never reach a query unchecked.
import { isListingType, isTransferMode, PRICE_UNITS, type AreaUnit, type ListingType, type PriceUnit, type TransferMode } from '~/domain/listing.ts'
import { formatSearchPolygon, parseSearchPolygon, polygonContains, type SearchPolygon } from '~/domain/search-area.ts'
import { areaIn } from '~/domain/units.ts'

export const SORTS = ['newest', 'priceAsc', 'priceDesc', 'areaDesc'] as const
export type Sort = (typeof SORTS)[number]

export type BBox = [west: number, south: number, east: number, north: number]

export type ListingFilters = {
	types: ListingType[]
	town: string | null
	village: string | null
	minArea: number | null
	maxArea: number | null
	/** minArea/maxArea are in this unit; every listing's area is converted to it to compare. */
	areaUnit: AreaUnit
	minPrice: number | null
	maxPrice: number | null
	/**
	 * minPrice/maxPrice are in this unit and match only listings priced in it: a yearly rent, a
	 * rent per mu and year and a one-off price do not compare (docs/decisions/007).
	 */
	priceUnit: PriceUnit
	mode: TransferMode | null
	q: string | null
	/** "Search this area": only listings inside this drawn polygon (app/domain/search-area.ts). */
	polygon: SearchPolygon | null
}

export type ListingQuery = ListingFilters & {
	bbox: BBox | null
	zoom: number
	page: number
	sort: Sort
}

export type ParseResult = { query: ListingQuery; errors: Record<string, string> }

export const MAX_ZOOM = 20
export const MAX_PAGE = 500
export const MAX_Q_LENGTH = 100
const MAX_NUMBER = 1e9
const CODE = /^[a-z0-9-]{1,64}$/
export const AREA_UNITS: readonly AreaUnit[] = ['mu', 'm2']

/** Without a unit in the URL: land alone is measured in mu, anything else in m². */
export function defaultAreaUnit(types: readonly ListingType[]): AreaUnit {
	return types.length === 1 && types[0] === 'LAND' ? 'mu' : 'm2'
}

/** Without a unit in the URL: land alone is priced per mu and year, anything else by the year. */
export function defaultPriceUnit(types: readonly ListingType[]): PriceUnit {
	return types.length === 1 && types[0] === 'LAND' ? 'YUAN_PER_MU_YEAR' : 'YUAN_PER_YEAR'
}

function oneOf<T extends string>(raw: string | null, values: readonly T[]): T | null | undefined {
	const v = raw?.trim()
	if (!v) return null
	return (values as readonly string[]).includes(v) ? (v as T) : undefined
}

function num(raw: string | null, name: string, errors: Record<string, string>): number | null {
	if (raw === null || raw.trim() === '') return null
	const value = Number(raw.trim())
	if (!Number.isFinite(value)) {
		errors[name] = `${name} must be a number`
		return null
	}
	if (value < 0) {
		errors[name] = `${name} must not be negative`
		return null
	}
	return Math.min(value, MAX_NUMBER)
}

export function parseBBox(raw: string | null, errors: Record<string, string>): BBox | null {
	if (raw === null || raw.trim() === '') return null
	const parts = raw.split(',').map((p) => Number(p.trim()))
	if (parts.length !== 4 || raw.length > 200 || parts.some((p) => !Number.isFinite(p))) {
		errors.bbox = 'bbox must be four numbers: west,south,east,north'
		return null
	}
	let [west, south, east, north] = parts
	if (west >= east || south >= north) {
		errors.bbox = 'bbox corners are reversed: expected west < east and south < north'
		return null
	}
	west = Math.max(-180, west)
	east = Math.min(180, east)
	south = Math.max(-90, south)
	north = Math.min(90, north)
	if (west >= east || south >= north) {
		errors.bbox = 'bbox lies outside the world'
		return null
	}
	return [west, south, east, north]
}

function all(params: URLSearchParams, name: string) {
	return params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

export function parseListingQuery(params: URLSearchParams): ParseResult {
	const errors: Record<string, string> = {}

	const types: ListingType[] = []
	for (const t of all(params, 'type').slice(0, 10)) {
		if (isListingType(t)) {
			if (!types.includes(t)) types.push(t)
		} else errors.type = 'type must be FARMHOUSE, LAND or COLLECTIVE_ASSET'
	}

	const code = (name: 'town' | 'village') => {
		const raw = params.get(name)?.trim()
		if (!raw) return null
		if (!CODE.test(raw)) {
			errors[name] = `unknown ${name}`
			return null
		}
		return raw
	}

	const modeRaw = params.get('mode')?.trim() || null
	let mode: TransferMode | null = null
	if (modeRaw) {
		if (isTransferMode(modeRaw)) mode = modeRaw
		else errors.mode = 'mode must be LEASE, SUBCONTRACT, SHARE, COOPERATION or TRANSFER'
	}

	let minArea = num(params.get('minArea'), 'minArea', errors)
	let maxArea = num(params.get('maxArea'), 'maxArea', errors)
	if (minArea !== null && maxArea !== null && minArea > maxArea) [minArea, maxArea] = [maxArea, minArea]
	let minPrice = num(params.get('minPrice'), 'minPrice', errors)
	let maxPrice = num(params.get('maxPrice'), 'maxPrice', errors)
	if (minPrice !== null && maxPrice !== null && minPrice > maxPrice) [minPrice, maxPrice] = [maxPrice, minPrice]
	const areaUnit = oneOf(params.get('areaUnit'), AREA_UNITS)
	if (areaUnit === undefined) errors.areaUnit = 'areaUnit must be mu or m2'
	const priceUnit = oneOf(params.get('priceUnit'), PRICE_UNITS)
	if (priceUnit === undefined) errors.priceUnit = 'priceUnit must be YUAN_PER_MU_YEAR, YUAN_PER_YEAR or WAN_YUAN'

	// Long text is cut, not refused: a pasted paragraph still searches its beginning.
	const qRaw = params.get('q')?.trim() ?? ''
	const q = qRaw ? Array.from(qRaw).slice(0, MAX_Q_LENGTH).join('') : null

	const zoomRaw = params.get('zoom')
	let zoom = 10
	if (zoomRaw !== null && zoomRaw.trim() !== '') {
		const z = Number(zoomRaw)
		if (Number.isFinite(z)) zoom = Math.max(0, Math.min(MAX_ZOOM, Math.floor(z)))
		else errors.zoom = 'zoom must be a number'
	}

	const pageRaw = Number(params.get('page') ?? '1')
	const page = Number.isFinite(pageRaw) ? Math.max(1, Math.min(MAX_PAGE, Math.floor(pageRaw))) : 1
	const sortRaw = params.get('sort')
	const sort: Sort = (SORTS as readonly string[]).includes(sortRaw ?? '') ? (sortRaw as Sort) : 'newest'

	const area = parseSearchPolygon(params.get('polygon')?.slice(0, 4000) ?? null)
	if (area.error) errors.polygon = area.error

	return {
		query: {
			types,
			town: code('town'),
			village: code('village'),
			minArea,
			maxArea,
			areaUnit: areaUnit ?? defaultAreaUnit(types),
			minPrice,
			maxPrice,
			priceUnit: priceUnit ?? defaultPriceUnit(types),
			mode,
			q,
			polygon: area.polygon,
			bbox: parseBBox(params.get('bbox'), errors),
			zoom,
			page,
			sort,
		},
		errors,
	}
}

export type Matchable = {
	type: ListingType
	townCode: string
	villageCode: string
	area: number
	areaUnit: AreaUnit
	price: number
	priceUnit: PriceUnit
	transferMode: TransferMode
	lat: number
	lng: number
}

/**
 * Whether a listing meets the filters (all but the text search, which the database answers).
 * Areas are compared in the filter's unit; a price range only matches listings priced in the
 * filter's unit, by the number they show (docs/decisions/007).
 */
export function listingMatcher(f: ListingFilters) {
	const { types, town, village, minArea, maxArea, areaUnit, minPrice, maxPrice, priceUnit, mode, polygon } = f
	const byArea = minArea !== null || maxArea !== null
	const byPrice = minPrice !== null || maxPrice !== null
	return (e: Matchable) =>
		(types.length === 0 || types.includes(e.type)) &&
		(!town || e.townCode === town) &&
		(!village || e.villageCode === village) &&
		(!byArea || inRange(areaIn(e.area, e.areaUnit, areaUnit), minArea, maxArea)) &&
		(!byPrice || (e.priceUnit === priceUnit && inRange(e.price, minPrice, maxPrice))) &&
		(!mode || e.transferMode === mode) &&
		(!polygon || polygonContains(polygon, e.lng, e.lat))
}

function inRange(value: number, min: number | null, max: number | null) {
	return (min === null || value >= min) && (max === null || value <= max)
}

/** A stable key of the filters that change which listings match (not the viewport or page). */
export function filterKey(f: ListingFilters) {
	return JSON.stringify([
		[...f.types].sort(),
		f.town,
		f.village,
		f.minArea,
		f.maxArea,
		// A unit changes the result only when its range is set.
		f.minArea !== null || f.maxArea !== null ? f.areaUnit : null,
		f.minPrice,
		f.maxPrice,
		f.minPrice !== null || f.maxPrice !== null ? f.priceUnit : null,
		f.mode,
		f.q,
		f.polygon ? formatSearchPolygon(f.polygon) : null,
	])
}

/** The filters back to URL parameters (for links that keep the current view). */
export function filtersToParams(f: Partial<ListingQuery>) {
	const p = new URLSearchParams()
	if (f.bbox) p.set('bbox', f.bbox.map((n) => +n.toFixed(5)).join(','))
	if (f.zoom !== undefined && f.bbox) p.set('zoom', String(f.zoom))
	for (const t of f.types ?? []) p.append('type', t)
	if (f.town) p.set('town', f.town)
	if (f.village) p.set('village', f.village)
	if (f.minArea != null) p.set('minArea', String(f.minArea))
	if (f.maxArea != null) p.set('maxArea', String(f.maxArea))
	// Units are written when a range uses them or they differ from the type's own: links stay short.
	const types = f.types ?? []
	if (f.areaUnit && (f.minArea != null || f.maxArea != null || f.areaUnit !== defaultAreaUnit(types))) p.set('areaUnit', f.areaUnit)
	if (f.minPrice != null) p.set('minPrice', String(f.minPrice))
	if (f.maxPrice != null) p.set('maxPrice', String(f.maxPrice))
	if (f.priceUnit && (f.minPrice != null || f.maxPrice != null || f.priceUnit !== defaultPriceUnit(types))) p.set('priceUnit', f.priceUnit)
	if (f.mode) p.set('mode', f.mode)
	if (f.q) p.set('q', f.q)
	if (f.polygon) p.set('polygon', formatSearchPolygon(f.polygon))
	if (f.sort && f.sort !== 'newest') p.set('sort', f.sort)
	if (f.page && f.page > 1) p.set('page', String(f.page))
	return p
}

/** A listing's page, remembering the map's filters and view for its back link. */
export function listingHref(id: string, query: Partial<ListingQuery>) {
	const from = filtersToParams(query).toString()
	return `/listings/${encodeURIComponent(id)}${from ? `?${new URLSearchParams({ from })}` : ''}`
}

/**
 * The map link back from a listing's page. The `from` it was opened with is parsed and written
 * again, so only known filters pass (never another site or path); bad values are dropped.
 */
export function mapHrefFrom(from: string | null) {
	if (!from) return '/'
	const { query } = parseListingQuery(new URLSearchParams(from.slice(0, 4000)))
	const params = filtersToParams(query).toString()
	return params ? `/?${params}` : '/'
}
