// npm run seed:synthetic -- 100000 [--seed=1]
// Adds N synthetic PUBLISHED listings ("【合成】…") to the database DATABASE_URL points at, to see how
// the map, list, search and statistics behave at scale. No photos. Creates the banner's towns and
// villages first when the database has none.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PrismaClient } from '@prisma/client'
import Database from 'better-sqlite3'
import { areaUnitFor, type LandClass, type ListingType } from '../app/domain/listing.ts'
import { priceInYuan } from '../app/domain/units.ts'
import { appendToIndex, type SearchDocument } from '../app/models/listing-search.server.ts'
import { databaseUrl } from '../app/utils/database-url.ts'
import { BUSY_TIMEOUT_MS, engine, prisma as appPrisma } from '../app/utils/db.server.ts'
import { indexTokens } from '../app/utils/search-tokens.ts'
import { writePlaces } from '../prisma/seed.ts'
import {
	addDays,
	ASSET_KINDS,
	assetTerms,
	assetText,
	BANNER_BBOX,
	buildPlaces,
	distanceKm,
	farmhouseTerms,
	farmhouseText,
	hash32,
	landClassPick,
	landTerms,
	landText,
	officeTime,
	REFERENCE_DATE,
	round,
	Rng,
	scatter,
	type AssetKind,
	type ListingRow,
	type TextContext,
	type Terms,
} from '../prisma/seed-data.ts'

export const SYNTHETIC_TITLE_PREFIX = '【合成】'
/** Synthetic ids start with this, so a later run can count what earlier runs added. */
export const SYNTHETIC_ID_PREFIX = 'csyn'

export type VillageRef = {
	id: string
	name: string
	townId: string
	townName: string
	townLat: number
	townLng: number
	lat: number
	lng: number
	contactName: string | null
	contactPhone: string | null
}

export type SyntheticListing = { row: ListingRow; doc: SearchDocument }

const ASSET_KIND_LIST = Object.keys(ASSET_KINDS) as AssetKind[]
/** Listed for 3 years: publication dates stay a month clear of expiry at the reference date. */
const PUBLISHED_WITHIN_DAYS = 3 * 365 - 30

/**
 * N synthetic published listings, a pure function of the seed and the villages: ~70% gathered
 * around villages (gaussian, sigma 3 km), ~30% anywhere in the banner's box (then booked to the
 * nearest village). `startIndex` numbers the ids so successive runs never collide.
 */
export function generateSyntheticListings(opts: {
	count: number
	seed: number
	villages: readonly VillageRef[]
	startIndex?: number
}): SyntheticListing[] {
	if (opts.villages.length === 0) throw new Error('No villages to place synthetic listings in')
	const rng = new Rng(hash32(`synthetic:${opts.seed}:${opts.startIndex ?? 0}`))
	const out: SyntheticListing[] = []
	for (let i = 0; i < opts.count; i++) out.push(syntheticListing(rng, opts.villages, (opts.startIndex ?? 0) + i))
	return out
}

function syntheticListing(rng: Rng, villages: readonly VillageRef[], index: number): SyntheticListing {
	const { village, point } = place(rng, villages)
	const type = rng.weighted<ListingType>([
		['FARMHOUSE', 0.35],
		['LAND', 0.5],
		['COLLECTIVE_ASSET', 0.15],
	])
	const c: TextContext = {
		townName: village.townName,
		villageName: village.name,
		km: distanceKm(point, { lat: village.townLat, lng: village.townLng }),
	}
	const { terms, text, landClass } = describe(rng, type, c)
	const publishedAt = officeTime(rng, addDays(dayStart(REFERENCE_DATE), -rng.int(1, PUBLISHED_WITHIN_DAYS)))
	const submittedAt = new Date(publishedAt.getTime() - rng.int(1, 4) * 86_400_000)
	const areaUnit = areaUnitFor(type)
	const row: ListingRow = {
		id: syntheticId(rng, index),
		type,
		status: 'PUBLISHED',
		title: SYNTHETIC_TITLE_PREFIX + text.title,
		description: text.description,
		townId: village.townId,
		villageId: village.id,
		lat: point.lat,
		lng: point.lng,
		boundary: null,
		area: terms.area,
		areaUnit,
		landClass,
		price: terms.price,
		priceUnit: terms.priceUnit,
		priceYuan: round(priceInYuan(terms.price, terms.priceUnit, terms.area, areaUnit), 2),
		transferMode: terms.transferMode,
		tradingMode: terms.tradingMode,
		termYears: terms.termYears,
		contactName: village.contactName,
		contactPhone: village.contactPhone,
		createdById: null,
		submittedAt,
		publishedAt,
		expiresAt: plusYears(publishedAt, 3),
		listingDays: 3 * 365,
		origin: 'PLATFORM',
		relistedFromId: null,
		isDemo: true,
		createdAt: new Date(submittedAt.getTime() - rng.int(1, 10) * 86_400_000),
	}
	return { row, doc: { id: row.id, title: row.title, description: row.description, village: village.name, town: village.townName } }
}

function place(rng: Rng, villages: readonly VillageRef[]) {
	if (rng.chance(0.7)) {
		const village = rng.pick(villages)
		return { village, point: scatter(rng, village, 3, 12) }
	}
	const [w, s, e, n] = BANNER_BBOX
	const point = { lat: round(rng.float(s, n), 6), lng: round(rng.float(w, e), 6) }
	return { village: nearestVillage(villages, point), point }
}

function nearestVillage(villages: readonly VillageRef[], p: { lat: number; lng: number }) {
	const k = Math.cos((p.lat * Math.PI) / 180)
	let best = villages[0]
	let bestD = Infinity
	for (const v of villages) {
		const d = (v.lat - p.lat) ** 2 + ((v.lng - p.lng) * k) ** 2
		if (d < bestD) {
			bestD = d
			best = v
		}
	}
	return best
}

function describe(rng: Rng, type: ListingType, c: TextContext) {
	if (type === 'FARMHOUSE') {
		const terms = farmhouseTerms(rng)
		return { terms, landClass: null, text: farmhouseText(rng, c, { ...terms, termYears: terms.termYears! }) }
	}
	if (type === 'LAND') {
		const landClass: LandClass = landClassPick(rng)
		const irrigated = landClass === 'CROPLAND' && rng.chance(0.6)
		const terms: Terms = landTerms(rng, landClass, irrigated)
		return { terms, landClass, text: landText(rng, c, { ...terms, landClass, irrigated, termYears: terms.termYears! }) }
	}
	const kind = rng.pick(ASSET_KIND_LIST)
	const terms = assetTerms(rng, kind)
	return { terms, landClass: null, text: assetText(rng, c, { kind, ...terms }) }
}

/** cuid-shaped: prefix, the run-wide index in base 36, then PRNG noise (25 characters in all). */
function syntheticId(rng: Rng, index: number) {
	let noise = ''
	while (noise.length < 13) noise += Math.floor(rng.float(0, 36)).toString(36)
	return SYNTHETIC_ID_PREFIX + index.toString(36).padStart(8, '0') + noise
}

function dayStart(d: Date) {
	// Beijing midnight of the given moment's day.
	const local = d.getTime() + 8 * 3_600_000
	return new Date(local - (local % 86_400_000) - 8 * 3_600_000)
}

function plusYears(date: Date, years: number) {
	const d = new Date(date)
	d.setUTCFullYear(d.getUTCFullYear() + years)
	return d
}

// ---------------------------------------------------------------- database

async function loadVillages(prisma: PrismaClient): Promise<VillageRef[]> {
	const villages = await prisma.village.findMany({ include: { town: true }, orderBy: { code: 'asc' } })
	return villages.map((v) => ({
		id: v.id,
		name: v.name,
		townId: v.townId,
		townName: v.town.name,
		townLat: v.town.lat,
		townLng: v.town.lng,
		lat: v.lat,
		lng: v.lng,
		contactName: v.contactName,
		contactPhone: v.contactPhone,
	}))
}

const GENERATE_CHUNK = 10_000
const PRISMA_CHUNK = 2000
/** From this many listings on, a seed loads them in bulk (setIndexesAside). */
export const BULK_LOAD = 50_000

/** How Prisma's SQLite adapter stores values: dates as ISO text ending +00:00, booleans as 0/1. */
function sqlValue(value: unknown) {
	if (value instanceof Date) return value.toISOString().replace('Z', '+00:00')
	if (typeof value === 'boolean') return value ? 1 : 0
	return value ?? null
}

/**
 * The full-text row of a listing, as listing-search.server.ts writes it (appendToIndex, used for
 * the first rows; tests/seed.test.ts checks the two agree).
 */
function searchTokens(d: SearchDocument) {
	return indexTokens([d.title, d.description, d.village ?? '', d.town ?? ''].join(' '))
}

/**
 * Writes listing rows and their full-text rows. Through Prisma a row costs ~0.1 ms of CPU in its
 * query compiler (100,000 listings: 25 s of CPU); prepared statements on a connection of our own,
 * one transaction per slice, take about half that (docs/decisions/019). The fast path
 * must store exactly what Prisma would, so the first rows go through createMany and are read back
 * as stored; only if our encoding matches them does the writer switch to the fast path.
 */
class ListingWriter {
	private fast: Database.Database | null | undefined = undefined
	/** The listing indexes set aside for a bulk load, to be made again at the end. */
	private setAside: string[] | null = null
	constructor(
		private readonly prisma: PrismaClient,
		private readonly bulk: boolean,
	) {}

	async write(listings: SyntheticListing[]) {
		if (this.fast === undefined) {
			const first = listings.slice(0, PRISMA_CHUNK)
			await this.prisma.listing.createMany({ data: first.map((l) => l.row) })
			await appendToIndex(first.map((l) => l.doc))
			// The fast path is SQLite's own connection; PostgreSQL takes the rest through createMany too.
			this.fast = engine === 'sqlite' && (await this.storedLikePrisma(first[0].row)) ? openDirect() : null
			if (this.fast && this.bulk) this.setAside = setIndexesAside(this.fast)
			listings = listings.slice(PRISMA_CHUNK)
		}
		if (listings.length === 0) return
		if (!this.fast) {
			for (let i = 0; i < listings.length; i += PRISMA_CHUNK) {
				const chunk = listings.slice(i, i + PRISMA_CHUNK)
				await this.prisma.listing.createMany({ data: chunk.map((l) => l.row) })
				await appendToIndex(chunk.map((l) => l.doc))
			}
			return
		}
		const db = this.fast
		const columns = [...Object.keys(listings[0].row), 'updatedAt', 'searchKey']
		const insertListing = db.prepare(`INSERT INTO "Listing" (${columns.map((c) => `"${c}"`).join(',')}) VALUES (${columns.map(() => '?').join(',')})`)
		// The search key is given here, as the database's insert trigger would (decision 020), which spares
		// the trigger's update of each row; the full-text row takes it as its row id.
		const lastKey = db.prepare('SELECT coalesce(max("searchKey"), 0) FROM "Listing"').pluck()
		const insertText = db.prepare('INSERT INTO listing_fts (rowid, tokens) VALUES (?, ?)')
		const now = new Date()
		db.transaction(() => {
			let key = Number(lastKey.get())
			for (const { row, doc } of listings) {
				key++
				insertListing.run(columns.map((c) => sqlValue(c === 'updatedAt' ? now : c === 'searchKey' ? key : row[c as keyof ListingRow])))
				insertText.run(key, searchTokens(doc))
			}
		})()
	}

	/** Makes the set-aside indexes again and commits the bulk load (a no-op otherwise). */
	finish() {
		if (!this.fast || !this.setAside) return
		for (const sql of this.setAside) this.fast.exec(sql)
		this.fast.exec('COMMIT')
		this.setAside = null
	}

	close() {
		// A bulk load that did not finish is rolled back whole, its indexes with it (DDL is transactional).
		if (this.fast?.inTransaction) this.fast.exec('ROLLBACK')
		this.fast?.close()
	}

	private async storedLikePrisma(row: ListingRow) {
		const [stored] = await this.prisma.$queryRawUnsafe<Array<Record<string, string>>>(
			`SELECT CAST("publishedAt" AS TEXT) AS publishedAt, CAST("createdAt" AS TEXT) AS createdAt,
				CAST("isDemo" AS TEXT) AS isDemo, CAST("lat" AS TEXT) AS lat FROM "Listing" WHERE "id" = ?`,
			row.id,
		)
		const ours = [row.publishedAt, row.createdAt, row.isDemo, row.lat].map((v) => String(sqlValue(v)))
		const same = ours.join('|') === [stored.publishedAt, stored.createdAt, stored.isDemo, stored.lat].join('|')
		if (!same) console.warn('Prisma stores listings differently than expected; writing through createMany (slower)')
		return same
	}
}

/**
 * A bulk load (decision 019): every row added to Listing's ten secondary indexes costs more than
 * building them afresh once, sorted, at the end (100,000 rows into an empty database: 23.2 s with
 * them, 15.1 + 0.9 s without). One transaction holds the whole load: the indexes are dropped in it
 * and made again before it commits, so a seed that stops half way leaves the database as it was.
 * The unique indexes stay: they guard the ids and search keys being written.
 */
function setIndexesAside(db: Database.Database) {
	db.exec('BEGIN IMMEDIATE')
	const indexes = db
		.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Listing' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'`)
		.all() as Array<{ name: string; sql: string }>
	for (const { name } of indexes) db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`)
	return indexes.map((i) => i.sql)
}

/** A connection of the seed's own to the database Prisma uses, for bulk writes. */
function openDirect() {
	const file = databaseUrl().replace(/^file:/, '').replace(/\?.*$/, '')
	const db = new Database(file, { timeout: BUSY_TIMEOUT_MS })
	// A big page cache: the listing indexes and the full-text segments are written page by page.
	db.pragma('cache_size = -262144')
	return db
}

export async function seedSynthetic(
	prisma: PrismaClient,
	opts: { count: number; seed?: number; log?: (message: string) => void; bulk?: boolean },
) {
	const started = performance.now()
	const log = opts.log ?? (() => {})
	if ((await prisma.town.count()) === 0) {
		log('No towns yet: creating the 8 towns of Dalad Banner and their villages')
		await writePlaces(prisma, buildPlaces())
	}
	const villages = await loadVillages(prisma)
	if (villages.length === 0) throw new Error('The database has towns but no villages')
	// Earlier runs' listings keep their ids; this run numbers on from them.
	const startIndex = await prisma.listing.count({ where: { id: { startsWith: SYNTHETIC_ID_PREFIX } } })
	// Set the indexes aside only when the load is big next to what is there: rebuilding them costs a
	// pass over every listing already in the table.
	const present = await prisma.listing.count()
	const writer = new ListingWriter(prisma, opts.bulk ?? (opts.count >= BULK_LOAD && opts.count >= present))
	try {
		// Generated in slices so 100,000 listings never sit in memory twice (rows + index documents).
		for (let done = 0; done < opts.count; ) {
			const n = Math.min(GENERATE_CHUNK, opts.count - done)
			const batch = generateSyntheticListings({ count: n, seed: opts.seed ?? 1, villages, startIndex: startIndex + done })
			await writer.write(batch)
			done += n
			log(`${done.toLocaleString('en')} / ${opts.count.toLocaleString('en')} listings (${((performance.now() - started) / 1000).toFixed(1)} s)`)
		}
		writer.finish()
	} finally {
		writer.close()
	}
	return { count: opts.count, ms: performance.now() - started }
}

function parseArgs(argv: string[]) {
	let count = 100_000
	let seed = 1
	for (const arg of argv) {
		if (arg.startsWith('--seed=')) seed = Number(arg.slice('--seed='.length))
		else if (/^\d+$/.test(arg)) count = Number(arg)
		else throw new Error(`Unknown argument ${arg}. Usage: npm run seed:synthetic -- <count> [--seed=<n>]`)
	}
	if (!Number.isSafeInteger(seed)) throw new Error('--seed must be an integer')
	return { count, seed }
}

async function main() {
	const { count, seed } = parseArgs(process.argv.slice(2))
	console.log(`Seeding ${count.toLocaleString('en')} synthetic listings (seed ${seed}) into ${process.env.DATABASE_URL ?? 'the default database'}`)
	const { ms } = await seedSynthetic(appPrisma, { count, seed, log: (m) => console.log(m) })
	console.log(`Done in ${(ms / 1000).toFixed(1)} s`)
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
	main()
		.catch((error) => {
			console.error(error)
			process.exitCode = 1
		})
		.finally(() => appPrisma.$disconnect())
}
