// The listing search engine behind the map and the list (docs/decisions/015). Pure: no database,
// no I/O, so it is tested against a brute-force reference on random data (engine.test.ts).
//
// - Column arrays (typed arrays) instead of one object per listing: a million listings take about
//   a hundred megabytes, and a scan is a tight loop over numbers.
// - One static spatial index (kdbush) over the rows loaded at once, plus an overlay of rows
//   changed since, scanned linearly; the host rebuilds when the overlay grows.
// - Per request, the matching points inside the viewport are aggregated into a screen grid, so a
//   request costs the same whatever the filters are: there is no per-filter index to build.
// - The list is the same scan with a bounded heap for the page: its count and order agree with
//   the map's by construction.
// - An unfiltered view reads the cells wholly inside it from aggregates kept per grid level
//   (levels.ts, decision 040): the common wide view at a million listings no longer visits them all.
import KDBush from 'kdbush'
import { LISTING_TYPES, PRICE_UNITS, TRANSFER_MODES, type AreaUnit, type ListingType, type PriceUnit, type TransferMode } from '~/domain/listing.ts'
import { polygonBBox, polygonContains, type SearchPolygon } from '~/domain/search-area.ts'
import { areaIn, muToM2, PRICE_UNIT_ORDER } from '~/domain/units.ts'
import type { BBox, ListingFilters, Sort } from '~/utils/listing-query.ts'
import { CellGrid, Levels } from './levels.ts'

/** Grid cell of the clustering, in screen pixels: a cluster's icon fits in it. */
export const CELL_PX = 80
/** A cluster's icon is kept this far inside its cell, so neighbouring icons are ≥ 2× apart. */
const ICON_MARGIN_PX = 28
/** A cell with fewer listings shows them one by one. */
export const MIN_CLUSTER = 3
/** Cells per answer at most: a huge box at a high zoom is clustered more coarsely. */
const MAX_CELLS = 4096
export const MAX_ZOOM = 20
/** From this zoom, land boundaries are sent. */
export const BOUNDARY_MIN_ZOOM = 13
const MAX_BOUNDARIES = 400
/** Below this many rows a linear scan beats building and asking a spatial index. */
const INDEX_MIN_ROWS = 4096
/** Against rounding between degrees and Mercator units (a few centimetres). */
const EPS = 1e-9

export type Place = { code: string; name: string; nameEn: string }

/** One published listing as the engine needs it: numbers and codes only (titles stay in the database). */
export type CatalogRow = {
	id: string
	type: ListingType
	townIndex: number
	villageIndex: number
	area: number
	areaUnit: AreaUnit
	price: number
	priceUnit: PriceUnit
	transferMode: TransferMode
	lat: number
	lng: number
	publishedAt: number
	hasBoundary: boolean
	/** The listing's search key: its row in the full-text index (decision 020). */
	searchKey: number
}

const TYPE_CODE = new Map<string, number>(LISTING_TYPES.map((t, i) => [t, i]))
const UNIT_CODE = new Map<string, number>(PRICE_UNITS.map((u, i) => [u, i]))
const MODE_CODE = new Map<string, number>(TRANSFER_MODES.map((m, i) => [m, i]))
const AREA_UNIT_CODE = new Map<string, number>([
	['mu', 0],
	['m2', 1],
])
/** Area units by code: the codes a source sends. */
export const AREA_UNIT_CODES: readonly AreaUnit[] = ['mu', 'm2']
const AREA_UNITS = AREA_UNIT_CODES

/**
 * A row as a loader sends it, enumerations as codes, so a million rows make no objects:
 * [id, type, town, village, area, areaUnit, price, priceUnit, transferMode, lat, lng, publishedAt (ms), hasBoundary (0|1), searchKey].
 */
export type CodedRow = [string, number, number, number, number, number, number, number, number, number, number, number, number, number]

/** A row in codes. */
export function encodeRow(r: CatalogRow): CodedRow {
	return [
		r.id,
		TYPE_CODE.get(r.type) ?? 0,
		r.townIndex,
		r.villageIndex,
		r.area,
		AREA_UNIT_CODE.get(r.areaUnit) ?? 1,
		r.price,
		UNIT_CODE.get(r.priceUnit) ?? 0,
		MODE_CODE.get(r.transferMode) ?? 0,
		r.lat,
		r.lng,
		r.publishedAt,
		r.hasBoundary ? 1 : 0,
		r.searchKey,
	]
}
/** Rank of each price unit code in a price sort (decision 007: groups, then price). */
const UNIT_RANK = Uint8Array.from(PRICE_UNITS, (u) => PRICE_UNIT_ORDER.indexOf(u))

export const lngToX = (lng: number) => lng / 360 + 0.5
export function latToY(lat: number) {
	const sin = Math.sin((lat * Math.PI) / 180)
	const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI
	return y < 0 ? 0 : y > 1 ? 1 : y
}
const xToLng = (x: number) => (x - 0.5) * 360
/** A box in degrees [west, south, east, north] as [minX, minY, maxX, maxY] in Mercator units. */
const mercator = (b: BBox): [number, number, number, number] => [lngToX(b[0]), latToY(b[3]), lngToX(b[2]), latToY(b[1])]
const yToLat = (y: number) => (360 * Math.atan(Math.exp((180 - y * 360) * (Math.PI / 180)))) / Math.PI - 90

/** Growable typed columns, one slot per row. */
/** The typed columns, in the order a snapshot stores them. */
const COLUMN_NAMES = ['lng', 'lat', 'x', 'y', 'area', 'areaM2', 'price', 'published', 'type', 'areaUnit', 'priceUnit', 'mode', 'alive', 'boundary', 'town', 'village', 'key'] as const
type ColumnName = (typeof COLUMN_NAMES)[number]

class Columns {
	n = 0
	cap: number
	lng!: Float64Array
	lat!: Float64Array
	x!: Float64Array
	y!: Float64Array
	area!: Float64Array
	areaM2!: Float64Array
	price!: Float64Array
	published!: Float64Array
	type!: Uint8Array
	areaUnit!: Uint8Array
	priceUnit!: Uint8Array
	mode!: Uint8Array
	alive!: Uint8Array
	boundary!: Uint8Array
	town!: Uint16Array
	village!: Uint32Array
	/** Search keys: a text search's bitset is indexed by them, so it survives rows moving. */
	key!: Uint32Array
	ids: string[] = []

	constructor(cap: number) {
		this.cap = Math.max(16, cap)
		this.allocate(this.cap)
	}

	private allocate(cap: number) {
		const grow = <T extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(old: T | undefined, make: (n: number) => T) => {
			const next = make(cap)
			if (old) next.set(old.subarray(0, this.n))
			return next
		}
		this.lng = grow(this.lng, (n) => new Float64Array(n))
		this.lat = grow(this.lat, (n) => new Float64Array(n))
		this.x = grow(this.x, (n) => new Float64Array(n))
		this.y = grow(this.y, (n) => new Float64Array(n))
		this.area = grow(this.area, (n) => new Float64Array(n))
		this.areaM2 = grow(this.areaM2, (n) => new Float64Array(n))
		this.price = grow(this.price, (n) => new Float64Array(n))
		this.published = grow(this.published, (n) => new Float64Array(n))
		this.type = grow(this.type, (n) => new Uint8Array(n))
		this.areaUnit = grow(this.areaUnit, (n) => new Uint8Array(n))
		this.priceUnit = grow(this.priceUnit, (n) => new Uint8Array(n))
		this.mode = grow(this.mode, (n) => new Uint8Array(n))
		this.alive = grow(this.alive, (n) => new Uint8Array(n))
		this.boundary = grow(this.boundary, (n) => new Uint8Array(n))
		this.town = grow(this.town, (n) => new Uint16Array(n))
		this.village = grow(this.village, (n) => new Uint32Array(n))
		this.key = grow(this.key, (n) => new Uint32Array(n))
		this.cap = cap
	}

	/** Puts the rows in a new order: row k becomes the old row order[k]. */
	permute(order: ArrayLike<number>) {
		const n = this.n
		const re = <T extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(a: T, make: (n: number) => T) => {
			const next = make(this.cap)
			for (let k = 0; k < n; k++) next[k] = a[order[k]]
			return next
		}
		this.lng = re(this.lng, (m) => new Float64Array(m))
		this.lat = re(this.lat, (m) => new Float64Array(m))
		this.x = re(this.x, (m) => new Float64Array(m))
		this.y = re(this.y, (m) => new Float64Array(m))
		this.area = re(this.area, (m) => new Float64Array(m))
		this.areaM2 = re(this.areaM2, (m) => new Float64Array(m))
		this.price = re(this.price, (m) => new Float64Array(m))
		this.published = re(this.published, (m) => new Float64Array(m))
		this.type = re(this.type, (m) => new Uint8Array(m))
		this.areaUnit = re(this.areaUnit, (m) => new Uint8Array(m))
		this.priceUnit = re(this.priceUnit, (m) => new Uint8Array(m))
		this.mode = re(this.mode, (m) => new Uint8Array(m))
		this.alive = re(this.alive, (m) => new Uint8Array(m))
		this.boundary = re(this.boundary, (m) => new Uint8Array(m))
		this.town = re(this.town, (m) => new Uint16Array(m))
		this.village = re(this.village, (m) => new Uint32Array(m))
		this.key = re(this.key, (m) => new Uint32Array(m))
		const ids = this.ids
		this.ids = Array.from({ length: n }, (_, k) => ids[order[k]])
	}

	/** Enumerations arrive as codes (their index in LISTING_TYPES, AREA_UNIT_CODES, PRICE_UNITS, TRANSFER_MODES). */
	push(r: CodedRow) {
		if (this.n === this.cap) this.allocate(this.cap * 2)
		const i = this.n++
		this.ids[i] = r[0]
		this.type[i] = r[1]
		this.town[i] = r[2]
		this.village[i] = r[3]
		this.area[i] = r[4]
		this.areaUnit[i] = r[5]
		this.areaM2[i] = r[5] === 0 ? muToM2(r[4]) : r[4]
		this.price[i] = r[6]
		this.priceUnit[i] = r[7]
		this.mode[i] = r[8]
		this.lat[i] = r[9]
		this.lng[i] = r[10]
		this.x[i] = lngToX(r[10])
		this.y[i] = latToY(r[9])
		this.published[i] = r[11]
		this.boundary[i] = r[12]
		this.key[i] = r[13]
		this.alive[i] = 1
		return i
	}
}

/** What a query asks, besides the filters: the text search arrives as a bitset over search keys. */
export type TextMatch = Uint8Array | null

export type Cluster = {
	id: number
	lng: number
	lat: number
	count: number
	expansionZoom: number
	types: Record<ListingType, number>
}

export type FeaturesResult = { total: number; clusters: Cluster[]; singles: number[]; boundaries: number[] }
export type ListResult = { total: number; totalAll: number; page: number; pageCount: number; rows: number[] }

export type RowView = {
	id: string
	type: ListingType
	townIndex: number
	villageIndex: number
	area: number
	areaUnit: AreaUnit
	price: number
	priceUnit: PriceUnit
	transferMode: TransferMode
	lat: number
	lng: number
	publishedAt: number
}

export class Catalog {
	readonly cols: Columns
	/** Rows [0, base) are in the spatial index; rows from base on are the overlay. */
	private base = 0
	private index: KDBush | null = null
	/** The unfiltered views' aggregates of the indexed rows (levels.ts); with the index only. */
	private levels: Levels | null = null
	/** The indexed rows' extent [west, south, east, north]: a box around it needs no index. */
	private extent: BBox = [180, 90, -180, -90]
	private readonly rowById = new Map<string, number>()
	private live = 0
	/** Counts per filters (the list's "of N"), kept right through changes by testing the changed rows. */
	private readonly countCache = new Map<string, { filter: Filter; count: number; text: boolean }>()
	/** The rows a scan gathers (a buffer kept between scans: scans never nest). */
	private gathered = new Int32Array(0)
	/** The indexed rows of each type and of each town, in row order (`partition`). */
	private byType: Int32Array[] = []
	private byTown: Int32Array[] = []
	private readonly one = new Int32Array(1)
	/** The indexed rows' ids as a snapshot holds them (`toBytes`). */
	private baseIds: Uint8Array | null = null

	constructor(
		readonly towns: Place[],
		readonly villages: Place[],
		capacity = 1024,
	) {
		this.cols = new Columns(capacity)
	}

	get size() {
		return this.live
	}
	get rows() {
		return this.cols.n
	}
	get overlay() {
		return this.cols.n - this.base
	}

	/** Adds a listing, or replaces the row of the same id. Returns the row. */
	upsert(r: CatalogRow) {
		return this.upsertCoded(encodeRow(r))
	}

	/**
	 * The catalogue as bytes, for a fast restart (catalog/snapshot.ts), as it stands: the spatial
	 * index covers rows [0, base), the overlay follows, and dead rows stay dead (`alive` is a column).
	 * The parts are views of the columns, not copies: rows changed while they are written may be
	 * caught either way, which the change log after the snapshot's cursor puts right.
	 */
	toBytes(): Uint8Array[] {
		const c = this.cols
		const parts: Uint8Array[] = []
		const columns = COLUMN_NAMES.map((name) => {
			const a = c[name]
			const bytes = new Uint8Array(a.buffer, a.byteOffset, c.n * a.BYTES_PER_ELEMENT)
			parts.push(bytes, new Uint8Array((8 - (bytes.length % 8)) % 8))
			return { name, bytes: bytes.length }
		})
		// The indexed rows' ids never change: encoded once (80 ms at a million), only the overlay's again.
		this.baseIds ??= new TextEncoder().encode(c.ids.slice(0, this.base).join('\n'))
		const more = c.n > this.base ? new TextEncoder().encode(`${this.base > 0 ? '\n' : ''}${c.ids.slice(this.base, c.n).join('\n')}`) : new Uint8Array(0)
		const ids = this.baseIds.length + more.length
		parts.push(this.baseIds, more, new Uint8Array((8 - (ids % 8)) % 8))
		const index = this.index ? new Uint8Array(this.index.data) : new Uint8Array(0)
		parts.push(index)
		const header = new TextEncoder().encode(JSON.stringify({ n: c.n, base: this.base, extent: this.extent, columns, ids, index: index.length }))
		const length = new Uint8Array(8)
		new DataView(length.buffer).setUint32(0, header.length)
		return [length, header, new Uint8Array((8 - (header.length % 8)) % 8), ...parts]
	}

	/** A catalogue from `toBytes`, with its spatial index, ready to answer. */
	static fromBytes(bytes: Uint8Array, towns: Place[], villages: Place[]) {
		const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
		const headerLength = view.getUint32(0)
		const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
			n: number
			base: number
			extent: BBox
			columns: Array<{ name: ColumnName; bytes: number }>
			ids: number
			index: number
		}
		const pad = (k: number) => k + ((8 - (k % 8)) % 8)
		let at = pad(8 + headerLength)
		const catalog = new Catalog(towns, villages, header.n + 1024)
		const c = catalog.cols
		for (const { name, bytes: length } of header.columns) {
			// Copied into the catalogue's own arrays, which have room to grow.
			new Uint8Array(c[name].buffer, 0, length).set(bytes.subarray(at, at + length))
			at = pad(at + length)
		}
		c.n = header.n
		c.ids = header.n ? new TextDecoder().decode(bytes.subarray(at, at + header.ids)).split('\n') : []
		at = pad(at + header.ids)
		if (header.index > 0) catalog.index = KDBush.from(bytes.slice(at, at + header.index).buffer)
		catalog.base = header.base
		catalog.extent = header.extent
		catalog.levels = catalog.index ? new Levels(c, catalog.base, catalog.index, mercator(catalog.extent)) : null
		// Counted from the rows, not the header: a row may have died while the snapshot was written.
		// A dead row keeps its id, and a live row of the same id comes later: the live one is found.
		for (let i = 0; i < c.n; i++) {
			if (!c.alive[i]) continue
			catalog.rowById.set(c.ids[i], i)
			catalog.live++
		}
		catalog.partition()
		return catalog
	}

	/** Adds a listing known to be new, while loading: `buildIndex` then makes it findable by id. */
	append(r: CodedRow) {
		this.cols.push(r)
		this.live++
	}

	upsertCoded(r: CodedRow) {
		this.remove(r[0])
		const i = this.cols.push(r)
		this.rowById.set(r[0], i)
		this.live++
		for (const [key, entry] of this.countCache) {
			// A text search's bitset does not know the new row yet: that count is taken again.
			if (entry.text) this.countCache.delete(key)
			else if (this.accepts(entry.filter, i)) entry.count++
		}
		return i
	}

	/** Takes a listing off (withdrawn, traded, expired, deleted). */
	remove(id: string) {
		const old = this.rowById.get(id)
		if (old === undefined) return false
		for (const entry of this.countCache.values()) if (this.accepts(entry.filter, old)) entry.count--
		this.levels?.removed(old)
		this.cols.alive[old] = 0
		this.rowById.delete(id)
		this.live--
		return true
	}

	rowOf(id: string) {
		return this.rowById.get(id)
	}

	/** Indexes every row added so far; later rows stay in the overlay until the next call. */
	buildIndex() {
		const c = this.cols
		this.base = c.n
		const e: BBox = [180, 90, -180, -90]
		for (let i = 0; i < c.n; i++) {
			if (c.lng[i] < e[0]) e[0] = c.lng[i]
			if (c.lat[i] < e[1]) e[1] = c.lat[i]
			if (c.lng[i] > e[2]) e[2] = c.lng[i]
			if (c.lat[i] > e[3]) e[3] = c.lat[i]
		}
		this.extent = e
		this.index = null
		if (c.n >= INDEX_MIN_ROWS) {
			const index = new KDBush(c.n, 64, Float64Array)
			for (let i = 0; i < c.n; i++) index.add(c.x[i], c.y[i])
			index.finish()
			// The rows in the index's order: a range query then reads the columns nearly in sequence,
			// not all over memory (10× faster at a million rows).
			c.permute(index.ids)
			for (let k = 0; k < c.n; k++) index.ids[k] = k
			this.index = index
		}
		this.levels = this.index ? new Levels(c, this.base, this.index, mercator(e)) : null
		this.baseIds = null
		this.rowById.clear()
		for (let i = 0; i < c.n; i++) if (c.alive[i]) this.rowById.set(c.ids[i], i)
		this.partition()
	}

	/**
	 * Lists the indexed rows of each type and of each town. A wide scan filtered by a type or a
	 * town then reads only those rows (a town is an eighth of a banner's), not all of them.
	 */
	private partition() {
		const c = this.cols
		const split = (column: Uint8Array | Uint16Array, groups: number) => {
			const sizes = new Int32Array(groups)
			for (let i = 0; i < this.base; i++) sizes[column[i]]++
			const lists = Array.from(sizes, (size) => new Int32Array(size))
			const at = new Int32Array(groups)
			for (let i = 0; i < this.base; i++) lists[column[i]][at[column[i]]++] = i
			return lists
		}
		this.byType = split(c.type, LISTING_TYPES.length)
		this.byTown = split(c.town, this.towns.length)
	}

	/** A copy without dead rows, indexed: what a host swaps in when the overlay has grown. */
	compacted() {
		const c = this.cols
		const next = new Catalog(this.towns, this.villages, this.live + 1024)
		for (let i = 0; i < c.n; i++) if (c.alive[i]) next.append(encodeRow(this.view(i)))
		next.buildIndex()
		return next
	}

	view(i: number): RowView & { hasBoundary: boolean; searchKey: number } {
		const c = this.cols
		return {
			id: c.ids[i],
			type: LISTING_TYPES[c.type[i]],
			townIndex: c.town[i],
			villageIndex: c.village[i],
			area: c.area[i],
			areaUnit: AREA_UNITS[c.areaUnit[i]],
			price: c.price[i],
			priceUnit: PRICE_UNITS[c.priceUnit[i]],
			transferMode: TRANSFER_MODES[c.mode[i]],
			lat: c.lat[i],
			lng: c.lng[i],
			publishedAt: c.published[i],
			hasBoundary: c.boundary[i] === 1,
			searchKey: c.key[i],
		}
	}

	/** The filters (bbox apart) compiled against this catalogue's codes; null when nothing can match. */
	matcher(f: ListingFilters, text: TextMatch): Filter | null {
		let typeMask = 0
		for (const t of f.types) typeMask |= 1 << (TYPE_CODE.get(t) ?? 0)
		const town = f.town === null ? -1 : this.towns.findIndex((t) => t.code === f.town)
		const village = f.village === null ? -1 : this.villages.findIndex((v) => v.code === f.village)
		if ((f.town !== null && town < 0) || (f.village !== null && village < 0)) return null
		if (f.q && !text) return null
		const filter: Filter = {
			all: false,
			typeMask,
			town,
			village,
			mode: f.mode === null ? -1 : (MODE_CODE.get(f.mode) ?? -2),
			byPrice: f.minPrice !== null || f.maxPrice !== null,
			priceUnit: UNIT_CODE.get(f.priceUnit) ?? -1,
			minPrice: f.minPrice ?? -Infinity,
			maxPrice: f.maxPrice ?? Infinity,
			byArea: f.minArea !== null || f.maxArea !== null,
			areaUnit: f.areaUnit,
			minArea: f.minArea ?? -Infinity,
			maxArea: f.maxArea ?? Infinity,
			text,
			polygon: f.polygon,
		}
		filter.all = typeMask === 0 && town < 0 && village < 0 && filter.mode === -1 && !filter.byPrice && !filter.byArea && text === null && f.polygon === null
		return filter
	}

	/** One row against a filter: the same test as `narrow`, for the counts kept through changes. */
	private accepts(filter: Filter, i: number) {
		this.one[0] = i
		return narrow(this.cols, filter, this.one, 1) === 1
	}

	/**
	 * Gathers every live row inside the box (edges included) that the filter accepts into the start
	 * of `this.gathered`, in the order of the rows (the index's order, then the overlay's), and
	 * returns how many. The spatial index narrows the rows for a small box; a box over most of the
	 * data is scanned. The filter is applied a column at a time (`narrow`): tight loops over typed
	 * arrays, three times faster at a million rows than a test function called for each row.
	 */
	private gather(bbox: BBox | null, filter: Filter) {
		const c = this.cols
		const rows = this.buffer()
		const [west, south, east, north] = bbox ?? [-180, -90, 180, 90]
		const x = this.extent
		let n = 0
		const inBox = (i: number) => liveIn(c, i, west, south, east, north)
		const overlay = () => {
			n = this.gatherOverlay(n, west, south, east, north)
		}
		// Over a fifth of the data's extent, a plain scan beats collecting the index's answer.
		const covered = (Math.max(0, Math.min(east, x[2]) - Math.max(west, x[0])) * Math.max(0, Math.min(north, x[3]) - Math.max(south, x[1]))) / ((x[2] - x[0]) * (x[3] - x[1]) || 1)
		const whole = west <= x[0] && south <= x[1] && east >= x[2] && north >= x[3]
		const part = whole || !(this.index && bbox && covered < 0.2) ? this.partOf(filter) : null
		if (part) {
			// A wide scan filtered by one type or one town reads that part of the indexed rows.
			for (let k = 0; k < part.length; k++) {
				const i = part[k]
				if (whole ? c.alive[i] : inBox(i)) rows[n++] = i
			}
			overlay()
		} else if (whole) {
			// The box holds every indexed row (a wide view): no index, and no box test for them.
			for (let i = 0; i < this.base; i++) if (c.alive[i]) rows[n++] = i
			overlay()
		} else if (this.index && bbox && covered < 0.2) {
			// A margin of a few metres against rounding between degrees and Mercator units; the exact
			// test is in degrees, as the reference's.
			const ids = this.index.range(lngToX(west) - EPS, latToY(north) - EPS, lngToX(east) + EPS, latToY(south) + EPS)
			for (let k = 0; k < ids.length; k++) {
				const i = ids[k]
				if (inBox(i)) rows[n++] = i
			}
			overlay()
		} else {
			for (let i = 0; i < c.n; i++) if (inBox(i)) rows[n++] = i
		}
		return filter.all ? n : narrow(c, filter, rows, n)
	}

	/**
	 * For an unfiltered view: copies into `grid` the aggregates of the cells wholly inside the box
	 * from their level, and gathers into `this.gathered` the live rows in the box of the other
	 * cells and of the overlay. Returns how many rows each holds; null where no level serves (no
	 * spatial index, a box under three cells wide, a level too big), and nothing was done.
	 */
	private interior(box: BBox, cell: number, view: { cx0: number; cy0: number; width: number }, grid: CellGrid) {
		if (!this.levels || !this.index) return null
		const [west, south, east, north] = box
		const [X0, X1, Y0, Y1] = [lngToX(west), lngToX(east), latToY(north), latToY(south)]
		// Cells [ix0, ix1] × [iy0, iy1] lie inside the box by a margin: every row in them is in view.
		const ix0 = Math.floor((X0 + EPS) / cell) + 1
		const ix1 = Math.floor((X1 - EPS) / cell) - 1
		const iy0 = Math.floor((Y0 + EPS) / cell) + 1
		const iy1 = Math.floor((Y1 - EPS) / cell) - 1
		if (ix1 < ix0 || iy1 < iy0) return null
		const level = this.levels.get(cell)
		if (!level) return null
		const rows = this.levels.fill(level, grid, view, ix0, ix1, iy0, iy1)
		const c = this.cols
		const out = this.buffer()
		let n = 0
		// The indexed rows of the other cells: four strips around the interior (above, below, left,
		// right), overlapping at their edges; each row is taken by the one strip its cell is in.
		const strips = [
			[X0 - EPS, Y0 - EPS, X1 + EPS, iy0 * cell + EPS],
			[X0 - EPS, (iy1 + 1) * cell - EPS, X1 + EPS, Y1 + EPS],
			[X0 - EPS, iy0 * cell - EPS, ix0 * cell + EPS, (iy1 + 1) * cell + EPS],
			[(ix1 + 1) * cell - EPS, iy0 * cell - EPS, X1 + EPS, (iy1 + 1) * cell + EPS],
		]
		for (let s = 0; s < 4; s++) {
			const ids = this.index.range(strips[s][0], strips[s][1], strips[s][2], strips[s][3])
			for (let k = 0; k < ids.length; k++) {
				const i = ids[k]
				if (!liveIn(c, i, west, south, east, north)) continue
				const gx = Math.floor(c.x[i] / cell)
				const gy = Math.floor(c.y[i] / cell)
				if (s === 0 ? gy < iy0 : s === 1 ? gy > iy1 : gy >= iy0 && gy <= iy1 && (s === 2 ? gx < ix0 : gx > ix1)) out[n++] = i
			}
		}
		return { rows, border: this.gatherOverlay(n, west, south, east, north) }
	}

	/** The gather buffer, with room for every row (scans never nest). */
	private buffer() {
		if (this.gathered.length < this.cols.n) this.gathered = new Int32Array(this.cols.cap)
		return this.gathered
	}

	/** Appends the overlay's live rows inside the box to the `n` rows gathered so far; returns how many now. */
	private gatherOverlay(n: number, west: number, south: number, east: number, north: number) {
		const c = this.cols
		const rows = this.gathered
		for (let i = this.base; i < c.n; i++) if (liveIn(c, i, west, south, east, north)) rows[n++] = i
		return n
	}

	/** The smaller of the filter's type part and town part of the indexed rows; null for neither. */
	private partOf(filter: Filter) {
		let part: Int32Array | null = null
		const m = filter.typeMask
		// One type only: the mask is a power of two.
		if (m !== 0 && (m & (m - 1)) === 0) part = this.byType[31 - Math.clz32(m)] ?? null
		if (filter.town >= 0) {
			const town = this.byTown[filter.town]
			if (town && (!part || town.length < part.length)) part = town
		}
		return part
	}

	/** The filters' own box: the viewport cut down to a drawn polygon. */
	private searchBox(bbox: BBox | null, f: ListingFilters): BBox | null | 'empty' {
		if (!f.polygon) return bbox
		const [w, s, e, n] = polygonBBox(f.polygon)
		if (!bbox) return [w, s, e, n]
		const box: BBox = [Math.max(w, bbox[0]), Math.max(s, bbox[1]), Math.min(e, bbox[2]), Math.min(n, bbox[3])]
		return box[0] > box[2] || box[1] > box[3] ? 'empty' : box
	}

	/** Clusters and single listings of the viewport at a zoom, for `/api/listings`. */
	features(q: ListingFilters & { bbox: BBox | null; zoom: number }, text: TextMatch): FeaturesResult {
		const bbox: BBox = q.bbox ?? [-180, -85, 180, 85]
		const empty: FeaturesResult = { total: 0, clusters: [], singles: [], boundaries: [] }
		const filter = this.matcher(q, text)
		const box = this.searchBox(bbox, q)
		if (!filter || box === 'empty' || !box) return empty
		const c = this.cols
		const zoom = Math.max(0, Math.min(MAX_ZOOM, Math.floor(q.zoom)))
		const worldPx = 256 * 2 ** zoom
		// The grid runs over the viewport (not the polygon's box), so it stays put as one draws.
		const x0 = lngToX(bbox[0])
		const x1 = lngToX(bbox[2])
		const y0 = latToY(bbox[3])
		const y1 = latToY(bbox[1])
		let cell = CELL_PX / worldPx
		while ((Math.floor(x1 / cell) - Math.floor(x0 / cell) + 1) * (Math.floor(y1 / cell) - Math.floor(y0 / cell) + 1) > MAX_CELLS) cell *= 2
		const cx0 = Math.floor(x0 / cell)
		const cy0 = Math.floor(y0 / cell)
		const W = Math.floor(x1 / cell) - cx0 + 1
		const H = Math.floor(y1 / cell) - cy0 + 1
		const cells = W * H
		const grid = new CellGrid(cells)
		const { count, first, second, sx, sy, minX, minY, maxX, maxY, types } = grid
		const withBoundaries = zoom >= BOUNDARY_MIN_ZOOM
		const boundaries: number[] = []
		// An unfiltered view takes the cells wholly inside it from their level; the rows of the other
		// cells and of the overlay are gathered, and aggregated below as a filtered view's all are.
		const interior = filter.all && !withBoundaries ? this.interior(box, cell, { cx0, cy0, width: W }, grid) : null
		// The grid's loop is written out over the gathered rows, not a call per row: a wide view
		// at a million listings aggregates most of them.
		const gathered = interior ? interior.border : this.gather(box, filter)
		const rows = this.gathered
		for (let r = 0; r < gathered; r++) {
			const i = rows[r]
			const x = c.x[i]
			const y = c.y[i]
			let gx = Math.floor(x / cell) - cx0
			let gy = Math.floor(y / cell) - cy0
			gx = gx < 0 ? 0 : gx >= W ? W - 1 : gx
			gy = gy < 0 ? 0 : gy >= H ? H - 1 : gy
			const k = gy * W + gx
			const n = count[k]++
			if (n === 0) first[k] = i
			else if (n === 1) second[k] = i
			sx[k] += x
			sy[k] += y
			if (x < minX[k]) minX[k] = x
			if (x > maxX[k]) maxX[k] = x
			if (y < minY[k]) minY[k] = y
			if (y > maxY[k]) maxY[k] = y
			types[k * 3 + c.type[i]]++
			if (withBoundaries && c.boundary[i] && boundaries.length < MAX_BOUNDARIES) boundaries.push(i)
		}
		const total = gathered + (interior?.rows ?? 0)
		const clusters: Cluster[] = []
		const singles: number[] = []
		const margin = Math.min(ICON_MARGIN_PX / worldPx, cell / 2)
		for (let k = 0; k < cells; k++) {
			const n = count[k]
			if (n === 0) continue
			if (n < MIN_CLUSTER) {
				singles.push(first[k])
				if (n === 2) singles.push(second[k])
				continue
			}
			const gx = k % W
			const gy = (k - gx) / W
			const left = (cx0 + gx) * cell
			const top = (cy0 + gy) * cell
			// The centroid, kept inside the cell so neighbouring icons never overlap.
			const x = clamp(sx[k] / n, left + margin, left + cell - margin)
			const y = clamp(sy[k] / n, top + margin, top + cell - margin)
			const span = Math.max(maxX[k] - minX[k], maxY[k] - minY[k])
			// The first zoom at which the members' extent exceeds a cell: there they cannot share one.
			const split = span > 0 ? Math.ceil(Math.log2(CELL_PX / (256 * span))) : MAX_ZOOM
			clusters.push({
				id: (zoom * 2 ** 22 + cy0 + gy) * 2 ** 22 + cx0 + gx,
				lng: xToLng(x),
				lat: yToLat(y),
				count: n,
				expansionZoom: Math.max(zoom + 1, Math.min(MAX_ZOOM, split)),
				types: { FARMHOUSE: types[k * 3], LAND: types[k * 3 + 1], COLLECTIVE_ASSET: types[k * 3 + 2] },
			})
		}
		return { total, clusters, singles, boundaries }
	}

	/** The matching rows in the list's order: a page of them, the count in view and in all. */
	list(q: ListingFilters & { bbox: BBox | null; page: number; sort: Sort }, text: TextMatch, pageSize: number): ListResult {
		const filter = this.matcher(q, text)
		const box = this.searchBox(q.bbox, q)
		if (!filter) return { total: 0, totalAll: 0, page: 1, pageCount: 1, rows: [] }
		const before = comparator(this.cols, q.sort)
		const want = Math.max(1, q.page) * pageSize
		// A bounded heap keeps the first `want` rows: one pass, whatever the number of matches.
		// Once it is full, a row whose first key is past the last kept row's cannot enter, nor one
		// that ties on it and is older (every order's next key but the newest's own): those tests
		// are numbers, where the comparator is a call (a wide view offers a million rows).
		const heap = new TopK(want, before)
		const c = this.cols
		// Written out, not a function per order: one loop for every order stays fast in V8.
		const { column, sign, byUnit } = firstKey(c, q.sort)
		const key = (i: number) => (byUnit ? UNIT_RANK[c.priceUnit[i]] * 2 ** 50 : 0) + sign * column[i]
		const thenAge = q.sort !== 'newest'
		// The count in all (the list's "of N") is cached per filters. A new one gathers every match:
		// those in view are then taken from it, not gathered a second time.
		const allKey = q.bbox || q.polygon ? countKey(q) : null
		let totalAll = allKey === null ? undefined : this.countCache.get(allKey)?.count
		let total: number
		if (box !== 'empty' && box !== null && allKey !== null && totalAll === undefined) {
			totalAll = this.gather(q.polygon ? (polygonBBox(q.polygon) as BBox) : null, filter)
			this.keepCount(allKey, filter, totalAll, q.q !== null)
			total = this.within(box, totalAll)
		} else total = box === 'empty' ? 0 : this.gather(box, filter)
		const rows = this.gathered
		let bound = Infinity
		let boundAge = Infinity
		for (let r = 0; r < total; r++) {
			const i = rows[r]
			const k = key(i)
			if (k > bound || (k === bound && thenAge && c.published[i] < boundAge)) continue
			heap.offer(i)
			if (heap.full) {
				bound = key(heap.last)
				boundAge = c.published[heap.last]
			}
		}
		const pageCount = Math.max(1, Math.ceil(total / pageSize))
		const page = Math.min(Math.max(1, q.page), pageCount)
		const sorted = heap.sorted()
		return {
			total,
			totalAll: allKey === null ? total : (totalAll ?? this.countAll(q, filter)),
			page,
			pageCount,
			rows: sorted.slice((page - 1) * pageSize, page * pageSize),
		}
	}

	/** Matches without the viewport, cached per filters and kept right through changes. */
	private countAll(f: ListingFilters, filter: Filter) {
		const key = countKey(f)
		const hit = this.countCache.get(key)
		if (hit) return hit.count
		const count = this.gather(f.polygon ? (polygonBBox(f.polygon) as BBox) : null, filter)
		this.keepCount(key, filter, count, f.q !== null)
		return count
	}

	private keepCount(key: string, filter: Filter, count: number, text: boolean) {
		this.countCache.set(key, { filter, count, text })
		if (this.countCache.size > 256) this.countCache.delete(this.countCache.keys().next().value!)
	}

	/** Keeps, in place and in order, the first `n` gathered rows that lie in the box; returns how many. */
	private within(box: BBox, n: number) {
		const c = this.cols
		const rows = this.gathered
		const [west, south, east, north] = box
		let m = 0
		for (let k = 0; k < n; k++) if (liveIn(c, rows[k], west, south, east, north)) rows[m++] = rows[k]
		return m
	}
}

/** A live row inside the box (edges included), in degrees: every scan's one box test (small enough for V8 to inline). */
function liveIn(c: Columns, i: number, west: number, south: number, east: number, north: number) {
	return c.alive[i] === 1 && c.lng[i] >= west && c.lng[i] <= east && c.lat[i] >= south && c.lat[i] <= north
}

/** What a count in all is cached under: the filters, without the viewport. */
function countKey(f: ListingFilters) {
	return JSON.stringify([f.types, f.town, f.village, f.minArea, f.maxArea, f.areaUnit, f.minPrice, f.maxPrice, f.priceUnit, f.mode, f.q, f.polygon])
}

/** Filters compiled to the catalogue's codes (`Catalog.matcher`); `all` when there are none. */
export type Filter = {
	all: boolean
	typeMask: number
	town: number
	village: number
	mode: number
	byPrice: boolean
	priceUnit: number
	minPrice: number
	maxPrice: number
	byArea: boolean
	areaUnit: AreaUnit
	minArea: number
	maxArea: number
	text: TextMatch
	polygon: SearchPolygon | null
}

/**
 * Keeps, in place and in order, the first `n` rows of `rows` that pass the filter, and returns how
 * many: one loop per filter, each over the rows the last one kept.
 */
function narrow(c: Columns, f: Filter, rows: Int32Array, n: number): number {
	let m = 0
	if (f.typeMask !== 0) {
		m = 0
		for (let k = 0; k < n; k++) if ((f.typeMask >> c.type[rows[k]]) & 1) rows[m++] = rows[k]
		n = m
	}
	if (f.town >= 0) {
		m = 0
		for (let k = 0; k < n; k++) if (c.town[rows[k]] === f.town) rows[m++] = rows[k]
		n = m
	}
	if (f.village >= 0) {
		m = 0
		for (let k = 0; k < n; k++) if (c.village[rows[k]] === f.village) rows[m++] = rows[k]
		n = m
	}
	if (f.mode !== -1) {
		m = 0
		for (let k = 0; k < n; k++) if (c.mode[rows[k]] === f.mode) rows[m++] = rows[k]
		n = m
	}
	if (f.byPrice) {
		m = 0
		for (let k = 0; k < n; k++) {
			const i = rows[k]
			const p = c.price[i]
			if (c.priceUnit[i] === f.priceUnit && p >= f.minPrice && p <= f.maxPrice) rows[m++] = i
		}
		n = m
	}
	if (f.byArea) {
		m = 0
		for (let k = 0; k < n; k++) {
			const i = rows[k]
			// In the filter's unit, unconverted when the listing uses it (decision 007).
			const a = areaIn(c.area[i], AREA_UNITS[c.areaUnit[i]], f.areaUnit)
			if (a >= f.minArea && a <= f.maxArea) rows[m++] = i
		}
		n = m
	}
	if (f.text !== null) {
		const t = f.text
		m = 0
		for (let k = 0; k < n; k++) if (t[c.key[rows[k]]] === 1) rows[m++] = rows[k]
		n = m
	}
	if (f.polygon !== null) {
		const polygon = f.polygon
		m = 0
		for (let k = 0; k < n; k++) if (polygonContains(polygon, c.lng[rows[k]], c.lat[rows[k]])) rows[m++] = rows[k]
		n = m
	}
	return n
}

function clamp(v: number, lo: number, hi: number) {
	return v < lo ? lo : v > hi ? hi : v
}

/** Whether row a comes before row b in the list (ties: newest first, then id, as ever). */
export function comparator(c: Columns, sort: Sort): (a: number, b: number) => boolean {
	const newer = (a: number, b: number) => c.published[a] > c.published[b] || (c.published[a] === c.published[b] && c.ids[a] < c.ids[b])
	switch (sort) {
		case 'newest':
			return newer
		case 'priceAsc':
		case 'priceDesc': {
			const sign = sort === 'priceAsc' ? 1 : -1
			return (a, b) => {
				const ga = UNIT_RANK[c.priceUnit[a]]
				const gb = UNIT_RANK[c.priceUnit[b]]
				if (ga !== gb) return ga < gb
				const d = (c.price[a] - c.price[b]) * sign
				return d < 0 || (d === 0 && newer(a, b))
			}
		}
		case 'areaDesc':
			return (a, b) => c.areaM2[a] > c.areaM2[b] || (c.areaM2[a] === c.areaM2[b] && newer(a, b))
	}
}

/**
 * `comparator`'s first key as a number per row (larger: later): the unit's rank × 2^50 if
 * `byUnit`, plus `sign` × `column`. For a test that may only rule rows out: rows whose numbers tie,
 * or round alike, go to the comparator (units rank 0–2 and prices stay far below 2^50, so rounding
 * keeps the order).
 */
function firstKey(c: Columns, sort: Sort): { column: Float64Array; sign: number; byUnit: boolean } {
	switch (sort) {
		case 'newest':
			return { column: c.published, sign: -1, byUnit: false }
		case 'priceAsc':
			return { column: c.price, sign: 1, byUnit: true }
		case 'priceDesc':
			return { column: c.price, sign: -1, byUnit: true }
		case 'areaDesc':
			return { column: c.areaM2, sign: -1, byUnit: false }
	}
}

/** The first k items under `before`, kept in a max-heap whose root is the last of them. */
class TopK {
	private readonly items: number[] = []
	constructor(
		private readonly k: number,
		private readonly before: (a: number, b: number) => boolean,
	) {}

	get full() {
		return this.items.length === this.k
	}

	/** The last of the items kept (the heap's root). */
	get last() {
		return this.items[0]
	}

	offer(i: number) {
		const h = this.items
		if (h.length < this.k) {
			h.push(i)
			let j = h.length - 1
			while (j > 0) {
				const p = (j - 1) >> 1
				if (!this.before(h[p], h[j])) break
				;[h[p], h[j]] = [h[j], h[p]]
				j = p
			}
			return
		}
		if (!this.before(i, h[0])) return
		h[0] = i
		let j = 0
		for (;;) {
			const l = 2 * j + 1
			const r = l + 1
			let m = j
			if (l < h.length && this.before(h[m], h[l])) m = l
			if (r < h.length && this.before(h[m], h[r])) m = r
			if (m === j) break
			;[h[m], h[j]] = [h[j], h[m]]
			j = m
		}
	}

	sorted() {
		return [...this.items].sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0))
	}
}
