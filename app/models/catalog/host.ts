// Keeps a Catalog in step with the database, in the engine's worker thread (docs/decisions/015).
// - Start-up loads the published listings in pages, yielding between them.
// - Every change to a listing reaches the ListingChange log (database triggers), whichever process
//   or script made it. Before each answer the host reads the log past its cursor and applies the
//   few changed listings in place: a change costs as much as the change.
// - A flood of changes (a bulk import) or a log pruned past the cursor means a full reload, in
//   pages in the background, while the old catalogue keeps answering.
import type { ClusterFeature, ListingBoundary, ListingFeature, ListingFeatureCollection } from '~/utils/listing-features.ts'
import type { ListingQuery } from '~/utils/listing-query.ts'
import { BOUNDARY_MIN_ZOOM, Catalog, type CatalogRow, type CodedRow, type RowView } from './engine.ts'
import { readSnapshot, removeSnapshot, writeSnapshot } from './snapshot.ts'
import type { Detail, PlaceRow, Source, SourceRow } from './source.ts'
import { parseSurface, surfaceRings } from '~/domain/surface.ts'

const LOAD_PAGE = 20_000
/** From this size a snapshot is kept for a fast restart; a small catalogue loads fast anyway. */
const SNAPSHOT_MIN_LISTINGS = 50_000
/** More pending changes than this: reload rather than apply one by one. */
const RELOAD_AFTER_CHANGES = 20_000
/**
 * The snapshot is written again once this many changes came after its cursor, so a restart applies
 * a few thousand at most: past RELOAD_AFTER_CHANGES it would load from the tables (13 s at a million).
 */
const SNAPSHOT_AFTER_CHANGES = 5_000
const TEXT_CACHE_SIZE = 32

export type ListPage = {
	total: number
	totalAll: number
	page: number
	pageCount: number
	items: Array<{
		id: string
		type: CatalogRow['type']
		title: string
		town: string
		townEn: string
		village: string
		villageEn: string
		area: number
		areaUnit: CatalogRow['areaUnit']
		price: number
		priceUnit: CatalogRow['priceUnit']
		transferMode: CatalogRow['transferMode']
		publishedAt: string
		lat: number
		lng: number
	}>
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve))
const round = (n: number) => Math.round(n * 1e6) / 1e6

type Loaded = { catalog: Catalog; townIndex: Map<string, number>; villageIndex: Map<string, number>; towns: PlaceRow[]; villages: PlaceRow[] }

export class CatalogHost {
	private current: Loaded | null = null
	private cursor = 0
	/** The cursor of the last snapshot read or written. */
	private savedCursor = 0
	private writing = false
	private reloading: Promise<void> | null = null
	/**
	 * Text matches per query, as bitsets over search keys (decision 020): keys never change, so a
	 * bitset outlives rows moving and compaction. `dirty` holds the keys of listings changed since,
	 * whose text is asked again on next use.
	 */
	private readonly texts = new Map<string, { loaded: Loaded; bits: Uint8Array | null; dirty: Set<number> }>()
	/** Counts changes applied, so callers can tell their caches apart (towns, for one). */
	generation = 0

	constructor(
		private readonly source: Source,
		private readonly log: (message: string) => void = () => {},
		private readonly snapshots = { minListings: SNAPSHOT_MIN_LISTINGS, afterChanges: SNAPSHOT_AFTER_CHANGES },
	) {
		// Loading starts at once; a failed load (the database not migrated yet, say) is tried again by
		// the next question rather than failing every one after it.
		this.reload().catch((error: unknown) => this.log(`catalogue: load failed: ${String(error)}`))
	}

	/**
	 * A restart starts from the last snapshot when it still fits the database: the same places, a
	 * change log that still holds every change since, and after those changes the same number of
	 * published listings. Anything else means a load from the tables.
	 */
	private async fromSnapshot(): Promise<{ loaded: Loaded; cursor: number } | null> {
		const path = this.source.snapshotPath
		if (!path) return null
		const started = performance.now()
		const towns = await this.source.towns()
		const villages = await this.source.villages()
		const snap = readSnapshot(path, towns, villages)
		if (!snap) return null
		const last = await this.source.lastChange()
		const first = await this.source.firstChange()
		if (snap.cursor > last || (snap.cursor < last && first !== null && first > snap.cursor + 1)) return null
		const loaded: Loaded = {
			catalog: snap.catalog,
			townIndex: new Map(towns.map((t, i) => [t.id, i])),
			villageIndex: new Map(villages.map((v, i) => [v.id, i])),
			towns,
			villages,
		}
		this.log(`catalogue: ${snap.catalog.size} listings from the snapshot in ${Math.round(performance.now() - started)} ms`)
		return { loaded, cursor: snap.cursor }
	}

	private async load(snapshot = true): Promise<{ loaded: Loaded; cursor: number; snapshot: boolean }> {
		const fast = snapshot ? await this.fromSnapshot() : null
		if (fast) {
			this.savedCursor = fast.cursor
			return { ...fast, snapshot: true }
		}
		const started = performance.now()
		// The cursor is read first: a change committed during the load is applied after it.
		const cursor = await this.source.lastChange()
		const towns = await this.source.towns()
		const villages = await this.source.villages()
		const townIndex = new Map(towns.map((t, i) => [t.id, i]))
		const villageIndex = new Map(villages.map((v, i) => [v.id, i]))
		const catalog = new Catalog(towns, villages, LOAD_PAGE)
		const loaded = { catalog, townIndex, villageIndex, towns, villages }
		for (let after = 0; ; ) {
			const { rows, lastRowid } = await this.source.page(after, LOAD_PAGE)
			for (const r of rows) this.put(loaded, r, true)
			if (rows.length < LOAD_PAGE) break
			after = lastRowid
			await yieldToEvents()
		}
		catalog.buildIndex()
		this.log(`catalogue: ${catalog.size} listings loaded in ${Math.round(performance.now() - started)} ms`)
		this.save(loaded, cursor)
		return { loaded, cursor, snapshot: false }
	}

	/** Writes a snapshot of the catalogue as it stands at `cursor`, in the background. */
	private save(l: Loaded, cursor: number) {
		const path = this.source.snapshotPath
		// One write at a time (they share a temporary file): while one runs, the next answer tries again.
		if (this.writing) return
		this.savedCursor = cursor
		if (!path || l.catalog.size < this.snapshots.minListings) return
		this.writing = true
		writeSnapshot(path, { cursor, towns: l.towns, villages: l.villages, catalog: l.catalog })
			.catch((error: unknown) => this.log(`catalogue snapshot not written: ${String(error)}`))
			.finally(() => (this.writing = false))
	}

	private put(l: Loaded, r: SourceRow, loading = false) {
		const townIndex = l.townIndex.get(r[2])
		const villageIndex = l.villageIndex.get(r[3])
		if (townIndex === undefined || villageIndex === undefined) {
			// A place added since the load: a reload reads the places again and brings the listing.
			if (l === this.current) void this.reload()
			return false
		}
		// In place: the row becomes a CodedRow, with no copy per listing.
		const coded = r as unknown as CodedRow
		coded[2] = townIndex
		coded[3] = villageIndex
		if (loading) l.catalog.append(coded)
		else l.catalog.upsertCoded(coded)
		return true
	}

	/** Loads (from the snapshot or the tables) while the current catalogue, if any, keeps answering. */
	private reload() {
		if (!this.reloading) {
			this.reloading = (async () => {
				try {
					const first = await this.load()
					this.install(first.loaded, first.cursor)
					if (!first.snapshot) return
					// From a snapshot: the changes since, then the count must match the table's.
					if ((await this.apply(first.loaded)) === 'ok' && first.loaded.catalog.size === (await this.source.publishedCount())) return
					this.log('catalogue: the snapshot is behind or does not match the database; loading from the tables')
					if (this.source.snapshotPath) removeSnapshot(this.source.snapshotPath)
					const fresh = await this.load(false)
					this.install(fresh.loaded, fresh.cursor)
				} finally {
					this.reloading = null
				}
			})()
		}
		return this.reloading
	}

	private install(loaded: Loaded, cursor: number) {
		this.current = loaded
		this.cursor = cursor
		this.texts.clear()
		this.generation++
	}

	/** The current catalogue with the change log applied; during a reload, the old one as it stands. */
	private async sync(): Promise<Loaded> {
		const loaded = this.current
		if (!loaded) return this.reload().then(() => this.sync())
		if (this.reloading) return loaded
		if ((await this.apply(loaded)) === 'reload') void this.reload()
		// Not while a reload checks a snapshot against the database: only a catalogue in use is saved.
		else if (this.current === loaded && this.cursor - this.savedCursor >= this.snapshots.afterChanges) this.save(loaded, this.cursor)
		return loaded
	}

	/** Applies the change log since the cursor: the listings it names are read again. */
	private async apply(loaded: Loaded): Promise<'ok' | 'reload'> {
		const cursor = this.cursor
		const first = await this.source.firstChange()
		// The log was pruned past our cursor: changes were missed.
		if (first !== null && first > cursor + 1 && cursor < (await this.source.lastChange())) return 'reload'
		const changes = await this.source.changes(cursor, RELOAD_AFTER_CHANGES + 1)
		if (changes.length === 0) return 'ok'
		if (changes.length > RELOAD_AFTER_CHANGES) return 'reload'
		// Towns or villages changed: names and codes are read again with everything else.
		if (changes.some((c) => c.listingId === '')) return 'reload'
		const ids = [...new Set(changes.map((c) => c.listingId))]
		const rows = new Map((await this.source.rows(ids)).map((r) => [r[0], r]))
		// A reload installed another catalogue, or another answer applied these, while we read.
		if (this.current !== loaded || this.cursor !== cursor) return 'ok'
		const catalog = loaded.catalog
		for (const id of ids) {
			const row = rows.get(id)
			if (!row || !this.put(loaded, row)) catalog.remove(id)
		}
		this.cursor = changes[changes.length - 1].id
		this.generation++
		this.refreshTexts(loaded, ids)
		if (catalog.overlay > Math.max(20_000, catalog.rows / 10)) {
			// Dead rows and an unindexed overlay slow every scan: start again from a compact copy.
			loaded.catalog = catalog.compacted()
		}
		return 'ok'
	}

	/**
	 * Cached text matches follow the changed listings (their rows moved, their text may have changed),
	 * lazily: a query re-reads them when it is next asked, so a change costs reads without words nothing.
	 */
	private refreshTexts(loaded: Loaded, ids: string[]) {
		const catalog = loaded.catalog
		const keys: number[] = []
		for (const id of ids) {
			// A listing gone off the map needs no answer; a published one is in the catalogue.
			const row = catalog.rowOf(id)
			if (row !== undefined) keys.push(catalog.cols.key[row])
		}
		if (keys.length === 0) return
		for (const [q, entry] of this.texts) {
			if (entry.loaded !== loaded || !entry.bits) continue
			for (const key of keys) entry.dirty.add(key)
			if (entry.dirty.size > 5_000) this.texts.delete(q)
		}
	}

	private async refreshText(q: string, entry: { bits: Uint8Array | null; dirty: Set<number> }) {
		if (!entry.bits || entry.dirty.size === 0) return
		const keys = [...entry.dirty]
		entry.dirty.clear()
		const matching = new Set((await this.source.textMatches(q, keys)) ?? [])
		let top = entry.bits.length - 1
		for (const key of keys) if (key > top) top = key
		if (top >= entry.bits.length) {
			const bits = new Uint8Array(top + 1 + 1024)
			bits.set(entry.bits)
			entry.bits = bits
		}
		for (const key of keys) entry.bits[key] = matching.has(key) ? 1 : 0
	}

	/** The listings whose text matches `q`, as a bitset over search keys. */
	private async text(loaded: Loaded, q: string | null): Promise<Uint8Array | null> {
		if (!q) return null
		const hit = this.texts.get(q)
		if (hit && hit.loaded === loaded) {
			this.texts.delete(q)
			this.texts.set(q, hit)
			await this.refreshText(q, hit)
			return hit.bits
		}
		const keys = await this.source.textMatches(q)
		let bits: Uint8Array | null = null
		if (keys) {
			let top = 0
			for (const key of keys) if (key > top) top = key
			bits = new Uint8Array(top + 1)
			for (const key of keys) bits[key] = 1
		}
		this.texts.set(q, { loaded, bits, dirty: new Set() })
		if (this.texts.size > TEXT_CACHE_SIZE) this.texts.delete(this.texts.keys().next().value!)
		return bits
	}

	/** What the map's listing and the list's item both show of a listing. */
	private publicFields(l: Loaded, r: RowView, title: string) {
		const t = l.towns[r.townIndex]
		const v = l.villages[r.villageIndex]
		return {
			id: r.id,
			type: r.type,
			title,
			town: t.name,
			townEn: t.nameEn,
			village: v.name,
			villageEn: v.nameEn,
			area: r.area,
			areaUnit: r.areaUnit,
			price: r.price,
			priceUnit: r.priceUnit,
			transferMode: r.transferMode,
		}
	}

	/** `/api/listings`: clusters and single listings in the viewport, as GeoJSON. */
	async features(query: Pick<ListingQuery, keyof ListingQuery>): Promise<ListingFeatureCollection> {
		const loaded = await this.sync()
		const catalog = loaded.catalog
		const result = catalog.features(query, await this.text(loaded, query.q))
		const withBoundary = query.zoom >= BOUNDARY_MIN_ZOOM
		const shown = [...result.singles, ...result.boundaries]
		const details: Map<string, Detail> = shown.length ? await this.source.details([...new Set(shown.map((i) => catalog.cols.ids[i]))]) : new Map()
		const features: Array<ListingFeature | ClusterFeature> = result.clusters.map((c) => ({
			type: 'Feature',
			id: `cluster-${c.id}`,
			geometry: { type: 'Point', coordinates: [round(c.lng), round(c.lat)] },
			properties: { cluster: true, clusterId: c.id, count: c.count, expansionZoom: c.expansionZoom, types: c.types },
		}))
		for (const i of result.singles) {
			const r = catalog.view(i)
			const d = details.get(r.id)
			const boundary = withBoundary && d?.boundary ? rings(d.boundary) : null
			features.push({
				type: 'Feature',
				id: r.id,
				geometry: { type: 'Point', coordinates: [round(r.lng), round(r.lat)] },
				properties: {
					...this.publicFields(loaded, r, d?.title ?? ''),
					status: 'PUBLISHED',
					...(boundary ? { boundary } : {}),
				},
			})
		}
		const collection: ListingFeatureCollection = { type: 'FeatureCollection', total: result.total, features }
		if (withBoundary) {
			const boundaries: ListingBoundary[] = []
			for (const i of result.boundaries) {
				const id = catalog.cols.ids[i]
				const r = details.get(id)?.boundary
				const parsed = r ? rings(r) : null
				if (parsed) boundaries.push({ id, type: catalog.view(i).type, rings: parsed })
			}
			collection.boundaries = boundaries
		}
		return collection
	}

	/** The list beside the map: one page in the chosen order, and the counts. */
	async list(query: ListingQuery, pageSize: number): Promise<ListPage> {
		const loaded = await this.sync()
		const catalog = loaded.catalog
		const result = catalog.list(query, await this.text(loaded, query.q), pageSize)
		const ids = result.rows.map((i) => catalog.cols.ids[i])
		const details = ids.length ? await this.source.details(ids) : new Map<string, Detail>()
		return {
			total: result.total,
			totalAll: result.totalAll,
			page: result.page,
			pageCount: result.pageCount,
			items: result.rows.map((i) => {
				const r = catalog.view(i)
				return {
					...this.publicFields(loaded, r, details.get(r.id)?.title ?? ''),
					publishedAt: new Date(r.publishedAt).toISOString(),
					lat: r.lat,
					lng: r.lng,
				}
			}),
		}
	}

	/** Figures for the bench and /healthz: listings, overlay, change cursor. */
	async status() {
		const loaded = await this.sync()
		return { listings: loaded.catalog.size, rows: loaded.catalog.rows, overlay: loaded.catalog.overlay, cursor: this.cursor, generation: this.generation }
	}
}

/** A boundary's rings; a MultiPolygon's (land made of parcels apart) all in one list (surfaceRings). */
function rings(raw: string): number[][][] | null {
	const surface = parseSurface(raw)
	return surface ? surfaceRings(surface) : null
}
