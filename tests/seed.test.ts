// The demo seed reproduces PRODUCT.md's figures ("Facts from the seed"), and the synthetic seed
// fills a database quickly with valid published listings. Runs against a throw-away database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { area as turfArea } from '@turf/area'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { allowedTransferModes, COUNTED_STATUSES, type ListingType } from '~/domain/listing.ts'
import { M2_PER_MU, priceInYuan } from '~/domain/units.ts'
import { createTestDatabase, testEngine } from './helpers/database.ts'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'))
const uploadDir = path.join(tmp, 'uploads')
process.env.UPLOAD_DIR = uploadDir

type Modules = {
	prisma: (typeof import('~/utils/db.server.ts'))['prisma']
	search: typeof import('~/models/listing-search.server.ts')
	seed: typeof import('../prisma/seed.ts')
	data: typeof import('../prisma/seed-data.ts')
	synthetic: typeof import('../scripts/seed-synthetic.ts')
}
let m: Modules
let firstSeed: Awaited<ReturnType<Modules['seed']['seedDemo']>>

const counted = { status: { in: [...COUNTED_STATUSES] } }
const DAY = 86_400_000

beforeAll(async () => {
	// Set before the prisma singleton is imported: it reads DATABASE_URL once.
	process.env.DATABASE_URL = await createTestDatabase(tmp)
	// A client some setup file may already have opened lives on globalThis: start afresh.
	;(globalThis as { __singletons?: Map<string, unknown> }).__singletons?.delete('prisma')
	vi.resetModules()
	m = {
		prisma: (await import('~/utils/db.server.ts')).prisma,
		search: await import('~/models/listing-search.server.ts'),
		seed: await import('../prisma/seed.ts'),
		data: await import('../prisma/seed-data.ts'),
		synthetic: await import('../scripts/seed-synthetic.ts'),
	}
	firstSeed = await m.seed.seedDemo(m.prisma)
}, 60_000)

afterAll(async () => {
	await m?.prisma.$disconnect()
	fs.rmSync(tmp, { recursive: true, force: true })
})

describe('demo seed (Dalad Banner)', () => {
	it('has the 7 towns and 1 sumu, the 3 real villages of 展旦召苏木 and invented demo villages', async () => {
		const towns = await m.prisma.town.findMany({ include: { villages: true } })
		expect(towns).toHaveLength(8)
		expect(towns.filter((t) => t.kind === 'SUMU').map((t) => t.name)).toEqual(['展旦召苏木'])
		const sumu = towns.find((t) => t.code === 'zhandanzhao')!
		const realOnes = sumu.villages.filter((v) => !v.isDemo).map((v) => v.name)
		expect(realOnes.sort()).toEqual(['和合成村', '查干沟村', '赛乌素村'].sort())
		for (const t of towns) {
			expect(t.isDemo).toBe(false)
			const invented = t.villages.filter((v) => v.isDemo)
			expect(invented.length).toBeGreaterThanOrEqual(3)
			expect(invented.length).toBeLessThanOrEqual(5)
			for (const v of t.villages) {
				expect(v.contactPhone).toMatch(/^0477-5\d{6}$/)
				expect(m.data.distanceKm(v, t)).toBeLessThan(8)
			}
		}
		expect(await m.prisma.village.count({ where: { isDemo: false } })).toBe(3)
	})

	it('lists exactly 50 farmhouses, lease or cooperation only, their texts saying 院子', async () => {
		const farmhouses = await m.prisma.listing.findMany({ where: { type: 'FARMHOUSE', ...counted } })
		expect(farmhouses).toHaveLength(50)
		for (const l of farmhouses) {
			expect(allowedTransferModes('FARMHOUSE')).toContain(l.transferMode)
			expect(['LEASE', 'COOPERATION']).toContain(l.transferMode)
			expect(l.areaUnit).toBe('m2')
			expect(l.area).toBeGreaterThanOrEqual(120)
			expect(l.area).toBeLessThanOrEqual(900)
			expect(l.priceUnit).toBe('YUAN_PER_YEAR')
			expect(l.price).toBeGreaterThanOrEqual(3000)
			expect(l.price).toBeLessThanOrEqual(30000)
			expect(`${l.title}${l.description}`).toMatch(/院子|农家院/)
		}
	})

	it('lists land totalling at least 40,000 and under 50,000 mu', async () => {
		const land = await m.prisma.listing.findMany({ where: { type: 'LAND', ...counted } })
		const total = land.reduce((s, l) => s + l.area, 0)
		expect(total).toBeGreaterThanOrEqual(40000)
		expect(total).toBeLessThan(50000)
		expect(land.length).toBeGreaterThanOrEqual(45)
		expect(land.length).toBeLessThanOrEqual(60)
		for (const l of land) {
			expect(['CROPLAND', 'FOREST', 'GRASSLAND', 'BARREN']).toContain(l.landClass)
			expect(l.areaUnit).toBe('mu')
			expect(l.priceUnit).toBe('YUAN_PER_MU_YEAR')
			expect(l.price).toBeGreaterThanOrEqual(80)
			expect(l.price).toBeLessThanOrEqual(600)
			expect(l.termYears).toBeGreaterThanOrEqual(5)
			expect(l.termYears).toBeLessThanOrEqual(15)
			expect(['LEASE', 'SUBCONTRACT', 'SHARE', 'COOPERATION']).toContain(l.transferMode)
		}
	})

	it('draws simple boundary polygons whose @turf/area is the listing area', async () => {
		const withBoundary = await m.prisma.listing.findMany({ where: { type: 'LAND', boundary: { not: null }, ...counted } })
		expect(withBoundary.length).toBeGreaterThanOrEqual(10)
		for (const l of withBoundary) {
			const polygon = JSON.parse(l.boundary!)
			expect(polygon.type).toBe('Polygon')
			const ring: number[][] = polygon.coordinates[0]
			expect(ring[0]).toEqual(ring[ring.length - 1])
			expect(ring.length - 1).toBeGreaterThanOrEqual(5)
			expect(ring.length - 1).toBeLessThanOrEqual(8)
			expect(isSimple(ring)).toBe(true)
			expect(contains(ring, [l.lng, l.lat])).toBe(true)
			expect(l.area).toBe(Math.round((turfArea(polygon) / M2_PER_MU) * 100) / 100)
		}
	})

	it('lists exactly 7 collective assets, each with a valid 四议两公开 record', async () => {
		const assets = await m.prisma.listing.findMany({ where: { type: 'COLLECTIVE_ASSET', ...counted }, include: { decision: true } })
		expect(assets).toHaveLength(7)
		for (const a of assets) expectValidDecision(a.decision)
		// A submitted collective asset cannot be without its record either.
		const submitted = await m.prisma.listing.findMany({ where: { type: 'COLLECTIVE_ASSET', status: 'SUBMITTED' }, include: { decision: true } })
		expect(submitted.length).toBeGreaterThanOrEqual(1)
		for (const a of submitted) expectValidDecision(a.decision)
	})

	it('records completed deals worth at least 5 and under 6 million yuan', async () => {
		const completed = await m.prisma.deal.findMany({ where: { status: 'COMPLETED' }, include: { listing: true } })
		expect(completed.length).toBeGreaterThanOrEqual(12)
		expect(completed.length).toBeLessThanOrEqual(20)
		const total = completed.reduce((s, d) => s + d.totalValueYuan, 0)
		expect(total).toBeGreaterThanOrEqual(5_000_000)
		expect(total).toBeLessThan(6_000_000)
		const codes = new Set<string>()
		for (const d of completed) {
			expect(d.listing.status).toBe('TRADED')
			expect(d.buyerId ?? d.outsideBuyerName).toBeTruthy()
			expect(d.certificateNo).toMatch(/^DLT-\d{4}-\d{6}$/)
			expect(d.verifyCode).toMatch(/^[A-Z0-9]{10}$/)
			codes.add(d.verifyCode!)
			expect(d.noticeEndsAt!.getTime() - d.noticeStartsAt!.getTime()).toBe(7 * DAY)
			expect(d.approvedAt!.getTime()).toBeLessThanOrEqual(d.noticeStartsAt!.getTime())
			expect(d.certifiedAt!.getTime()).toBeGreaterThan(d.noticeEndsAt!.getTime())
			expect(d.contractDate!.getTime()).toBeGreaterThan(d.listing.publishedAt!.getTime())
		}
		expect(codes.size).toBe(completed.length)
		// Every traded listing has its completed deal.
		expect(await m.prisma.listing.count({ where: { status: 'TRADED' } })).toBe(completed.length)
		const pending = await m.prisma.deal.findMany({ where: { status: { not: 'COMPLETED' } }, include: { listing: true } })
		expect(pending.filter((d) => d.status === 'IN_NOTICE')).toHaveLength(2)
		expect(pending.filter((d) => d.status === 'PENDING_REVIEW')).toHaveLength(1)
		for (const d of pending) expect(d.listing.status).toBe('PUBLISHED')
	})

	it('gives the review queues something: drafts and submissions in more than one town', async () => {
		expect(await m.prisma.listing.count({ where: { status: 'DRAFT' } })).toBeGreaterThanOrEqual(2)
		const submitted = await m.prisma.listing.findMany({ where: { status: 'SUBMITTED' }, include: { town: true } })
		expect(submitted.length).toBeGreaterThanOrEqual(3)
		expect(submitted.every((l) => l.submittedAt)).toBe(true)
		const towns = new Set(submitted.map((l) => l.town.code))
		expect(towns.has('shulinzhao')).toBe(true)
		expect(towns.size).toBeGreaterThanOrEqual(2)
		for (const status of ['RETURNED', 'REJECTED', 'WITHDRAWN']) {
			expect(await m.prisma.listing.count({ where: { status } })).toBe(1)
		}
	})

	it('keeps every listing consistent: demo flag, place, price in yuan, dates', async () => {
		const listings = await m.prisma.listing.findMany({ include: { village: true } })
		const towns = new Set(listings.filter((l) => COUNTED_STATUSES.includes(l.status as never)).map((l) => l.townId))
		expect(towns.size).toBe(8)
		for (const l of listings) {
			expect(l.isDemo).toBe(true)
			expect(l.createdById).toBeNull()
			expect(l.townId).toBe(l.village.townId)
			expect(l.contactPhone).toBe(l.village.contactPhone)
			expect(m.data.insideBanner(l.lat, l.lng)).toBe(true)
			expect(m.data.distanceKm(l, l.village)).toBeLessThanOrEqual(2.01)
			expect(allowedTransferModes(l.type as ListingType)).toContain(l.transferMode)
			expect(l.priceYuan).toBeCloseTo(priceInYuan(l.price, l.priceUnit as never, l.area, l.areaUnit as never), 1)
			if (l.status === 'PUBLISHED') {
				expect(l.publishedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2023-01-01T00:00:00+08:00'))
				expect(l.publishedAt!.getTime()).toBeLessThan(m.data.REFERENCE_DATE.getTime())
				// Still listed at the reference date.
				expect(l.expiresAt!.getTime()).toBeGreaterThan(m.data.REFERENCE_DATE.getTime())
				expect(l.submittedAt!.getTime()).toBeLessThan(l.publishedAt!.getTime())
			}
		}
	})

	it('has photos for every listing, on disk', async () => {
		const listings = await m.prisma.listing.findMany({ include: { photos: { orderBy: { sort: 'asc' } } } })
		for (const l of listings) {
			const n = l.photos.length
			if (l.type === 'LAND') expect(n === 1 || n === 2).toBe(true)
			else expect(n).toBe(2)
			l.photos.forEach((p, i) => {
				expect(p.sort).toBe(i)
				expect(p.file).toBe(`demo-${l.id}-${i}.jpg`)
				expect(p.thumbFile).toBe(`demo-${l.id}-${i}-thumb.jpg`)
				expect([p.width, p.height]).toEqual([1200, 800])
				expect(fs.statSync(path.join(uploadDir, p.file)).size).toBeGreaterThan(5000)
				expect(fs.statSync(path.join(uploadDir, p.thumbFile)).size).toBeGreaterThan(1000)
			})
		}
	})

	it('gives every deal its signed contract scan, private to the server (certification needs it)', async () => {
		const deals = await m.prisma.deal.findMany({ select: { contractFile: true } })
		expect(deals.length).toBeGreaterThan(10)
		for (const d of deals) {
			const stat = fs.statSync(path.join(uploadDir, 'private', d.contractFile!))
			expect(stat.size).toBeGreaterThan(5000)
			expect(stat.mode & 0o777).toBe(0o600)
		}
	})

	it('indexes every listing for full-text search: 院子 finds the farmhouses', async () => {
		const farmhouseIds = (await m.prisma.listing.findMany({ where: { type: 'FARMHOUSE' }, select: { id: true } })).map((l) => l.id)
		const found = await m.search.searchListingIds('院子')
		expect(found).not.toBeNull()
		expect([...found!].sort()).toEqual(farmhouseIds.sort())
		const total = await m.prisma.listing.count()
		const [{ n }] = await m.prisma.$queryRawUnsafe<Array<{ n: number | bigint }>>('SELECT count(*) AS n FROM listing_fts')
		expect(Number(n)).toBe(total)
	})

	it('publishes a few wanted posts, reviewed, up for most of their 90 days, each with its towns and type', async () => {
		const posts = await m.prisma.wantedPost.findMany({ select: { status: true, expiresAt: true, targets: { select: { type: true } }, reviews: { select: { decision: true } } } })
		expect(posts.length).toBeGreaterThanOrEqual(3)
		for (const p of posts) {
			expect(p.status).toBe('PUBLISHED')
			expect(p.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 60 * DAY)
			expect(p.targets.length).toBeGreaterThan(0)
			expect(p.reviews).toEqual([{ decision: 'APPROVE' }])
		}
		expect(new Set(posts.flatMap((p) => p.targets.map((t) => t.type)))).toEqual(new Set(['LAND', 'FARMHOUSE', 'COLLECTIVE_ASSET']))
	})

	it('is deterministic: seeding again gives the same listings and reuses the photos', async () => {
		const snapshot = () => m.prisma.listing.findMany({ select: { id: true, title: true, area: true, price: true }, orderBy: { id: 'asc' } })
		const before = await snapshot()
		// What people add between seeds (a star, a saved search, a wanted post) does not stop a re-seed.
		const buyer = await m.prisma.user.findFirstOrThrow({ where: { email: 'buyer1@demo.local' }, select: { id: true } })
		await m.prisma.favourite.create({ data: { userId: buyer.id, listingId: before[0].id } })
		await m.prisma.savedSearch.create({ data: { userId: buyer.id, name: '院子', query: 'q=院子', cells: { create: [{ cell: 0 }] } } })
		const again = await m.seed.seedDemo(m.prisma)
		expect(await m.prisma.favourite.count()).toBe(0)
		expect(await snapshot()).toEqual(before)
		expect(again.photosWritten).toBe(0)
		expect(again.photosReused).toBe(firstSeed.photosWritten + firstSeed.photosReused)
		expect(m.data.buildDemoData()).toEqual(m.data.buildDemoData())
	}, 60_000)
})

describe('synthetic seed', () => {
	it('generates the same listings from the same seed, all published inside the banner', () => {
		const { villages, towns } = m.data.buildPlaces()
		const refs = villages.map((v) => {
			const t = towns.find((x) => x.id === v.townId)!
			return { ...v, townName: t.name, townLat: t.lat, townLng: t.lng }
		})
		const a = m.synthetic.generateSyntheticListings({ count: 300, seed: 3, villages: refs })
		expect(m.synthetic.generateSyntheticListings({ count: 300, seed: 3, villages: refs })).toEqual(a)
		expect(new Set(a.map((l) => l.row.id)).size).toBe(300)
		for (const { row } of a) {
			expect(row.status).toBe('PUBLISHED')
			expect(row.title.startsWith('【合成】')).toBe(true)
			expect(m.data.insideBanner(row.lat, row.lng)).toBe(true)
			expect(row.id).toMatch(/^c[a-z0-9]{24}$/)
		}
	})

	it('seeds an empty database: creates the towns, then N searchable published listings', async () => {
		await m.seed.clearDatabase(m.prisma)
		// 2500: the first 2000 go through Prisma, the rest through SQLite's fast path (a connection of
		// its own); on PostgreSQL all of them through Prisma.
		await m.synthetic.seedSynthetic(m.prisma, { count: 2500, seed: 7 })
		expect(await m.prisma.town.count()).toBe(8)
		expect(await m.prisma.village.count()).toBe(m.data.buildPlaces().villages.length)
		expect(await m.prisma.listingPhoto.count()).toBe(0)
		const listings = await m.prisma.listing.findMany()
		expect(listings).toHaveLength(2500)
		const [w, s, e, n] = m.data.BANNER_BBOX
		const perType = new Map<string, number>()
		for (const l of listings) {
			expect(l.status).toBe('PUBLISHED')
			expect(l.isDemo).toBe(true)
			expect(l.title.startsWith('【合成】')).toBe(true)
			expect(l.lng).toBeGreaterThanOrEqual(w)
			expect(l.lng).toBeLessThanOrEqual(e)
			expect(l.lat).toBeGreaterThanOrEqual(s)
			expect(l.lat).toBeLessThanOrEqual(n)
			expect(l.publishedAt).toBeInstanceOf(Date)
			expect(l.expiresAt!.getTime()).toBeGreaterThan(m.data.REFERENCE_DATE.getTime())
			expect(allowedTransferModes(l.type as ListingType)).toContain(l.transferMode)
			perType.set(l.type, (perType.get(l.type) ?? 0) + 1)
		}
		expect(perType.get('FARMHOUSE')! / 2500).toBeCloseTo(0.35, 1)
		expect(perType.get('LAND')! / 2500).toBeCloseTo(0.5, 1)
		expect(perType.get('COLLECTIVE_ASSET')! / 2500).toBeCloseTo(0.15, 1)

		// Rows written raw read back through Prisma exactly as generated.
		const { villages, towns } = m.data.buildPlaces()
		const refs = (await m.prisma.village.findMany({ include: { town: true }, orderBy: { code: 'asc' } })).map((v) => ({
			...v,
			townName: v.town.name,
			townLat: v.town.lat,
			townLng: v.town.lng,
		}))
		expect(refs.length).toBe(villages.length)
		expect(towns.length).toBe(8)
		const regenerated = m.synthetic.generateSyntheticListings({ count: 2500, seed: 7, villages: refs })
		const last = regenerated[2499].row
		const stored = await m.prisma.listing.findUniqueOrThrow({ where: { id: last.id } })
		const { updatedAt: _updatedAt, searchKey, ...storedRow } = stored
		expect(storedRow).toEqual(last)
		// Keys numbered on from the trigger's (the first 2,000 through Prisma) by the fast path. SQLite's
		// trigger numbers from max + 1, so an emptied table starts again at 1; PostgreSQL's sequence
		// numbers on past the demo seed's deleted listings (20261201030100_engine): count from its first.
		const [keyRange] = await m.prisma.$queryRaw<Array<{ first: number | bigint }>>`SELECT min("searchKey") AS "first" FROM "Listing"`
		const first = Number(keyRange.first)
		if (testEngine === 'sqlite') expect(first).toBe(1)
		expect(searchKey).toBe(first + 2499)

		const found = await m.search.searchListingIds('耕地')
		expect(found!.size).toBeGreaterThan(100)
		// The fast path's full-text rows are those the search module itself writes.
		// Each engine's own table (listing-search.server.ts): FTS5's rowid, or the tsvector under "key".
		const tokens = async (id: string) =>
			(
				await (testEngine === 'postgresql'
					? m.prisma.$queryRaw<Array<{ tokens: string }>>`SELECT f.tokens::text AS tokens FROM listing_fts f JOIN "Listing" l ON l."searchKey" = f."key" WHERE l.id = ${id}`
					: m.prisma.$queryRaw<Array<{ tokens: string }>>`SELECT f.tokens AS tokens FROM listing_fts f JOIN "Listing" l ON l."searchKey" = f.rowid WHERE l.id = ${id}`)
			).map((r) => r.tokens)
		const seeded = await tokens(last.id)
		expect(seeded).toHaveLength(1)
		const village = refs.find((v) => v.id === last.villageId)!
		await m.search.indexListings([{ id: last.id, title: last.title, description: last.description, village: village.name, town: village.townName }])
		expect(await tokens(last.id)).toEqual(seeded)
		// A second run numbers on: no id collides.
		await m.synthetic.seedSynthetic(m.prisma, { count: 100, seed: 7 })
		expect(await m.prisma.listing.count()).toBe(2600)
		const [keys] = await m.prisma.$queryRawUnsafe<Array<{ n: number | bigint; top: number | bigint }>>(
			'SELECT count(DISTINCT "searchKey") AS n, max("searchKey") AS top FROM "Listing"',
		)
		expect([Number(keys.n), Number(keys.top)]).toEqual([2600, first + 2599])
	}, 60_000)

	// SQLite's fast path only: PostgreSQL writes every row through Prisma.
	it.skipIf(testEngine !== 'sqlite')('a bulk load makes the listing indexes again, and one that fails leaves the table as it was', async () => {
		await m.seed.clearDatabase(m.prisma)
		const indexes = async () =>
			(await m.prisma.$queryRawUnsafe<Array<{ sql: string }>>(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Listing' AND sql IS NOT NULL ORDER BY name`)).map((r) => r.sql)
		const before = await indexes()
		expect(before.length).toBeGreaterThan(5)
		await m.synthetic.seedSynthetic(m.prisma, { count: 2500, seed: 9, bulk: true })
		expect(await indexes()).toEqual(before)
		expect(await m.prisma.listing.count()).toBe(2500)
		const [check] = await m.prisma.$queryRawUnsafe<Array<{ integrity_check: string }>>('PRAGMA integrity_check')
		expect(check.integrity_check).toBe('ok')
		// The planner uses a rebuilt index.
		const plan = await m.prisma.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN SELECT id FROM "Listing" WHERE "status" = 'PUBLISHED' AND "type" = 'LAND'`)
		expect(plan.map((p) => p.detail).join(' ')).toMatch(/Listing_status_type_idx/)

		// Stopped after the first 2,000 (through Prisma, committed) and 300 of the bulk part.
		await m.prisma.$executeRawUnsafe(`CREATE TRIGGER test_stop BEFORE INSERT ON "Listing" WHEN (SELECT count(*) FROM "Listing") >= 4800 BEGIN SELECT RAISE(ABORT, 'stopped by the test'); END`)
		try {
			await expect(m.synthetic.seedSynthetic(m.prisma, { count: 2500, seed: 9, bulk: true })).rejects.toThrow(/stopped by the test/)
		} finally {
			await m.prisma.$executeRawUnsafe('DROP TRIGGER test_stop')
		}
		expect(await m.prisma.listing.count()).toBe(4500)
		expect(await indexes()).toEqual(before)
	}, 60_000)
})

// ---------------------------------------------------------------- helpers

function expectValidDecision(d: {
	proposalDate: Date | null
	committeeDate: Date | null
	partyMeetingDate: Date | null
	partyMembersTotal: number | null
	partyMembersPresent: number | null
	partyVotesFor: number | null
	villagersMeetingDate: Date | null
	villagersTotal: number | null
	villagersPresent: number | null
	villagersVotesFor: number | null
	resolutionText: string | null
	resolutionPublicDate: Date | null
} | null) {
	expect(d).not.toBeNull()
	const steps = [d!.proposalDate, d!.committeeDate, d!.partyMeetingDate, d!.villagersMeetingDate, d!.resolutionPublicDate]
	for (const s of steps) expect(s).toBeInstanceOf(Date)
	for (let i = 1; i < steps.length; i++) expect(steps[i]!.getTime()).toBeGreaterThan(steps[i - 1]!.getTime())
	expect(d!.partyMembersTotal).toBeGreaterThanOrEqual(20)
	expect(d!.partyMembersTotal).toBeLessThanOrEqual(60)
	expectQuorateVote(d!.partyMembersTotal!, d!.partyMembersPresent!, d!.partyVotesFor!)
	expectQuorateVote(d!.villagersTotal!, d!.villagersPresent!, d!.villagersVotesFor!)
	expect(d!.resolutionText).toMatch(/\p{Script=Han}{10}/u)
}

function expectQuorateVote(total: number, present: number, votesFor: number) {
	expect(present).toBeLessThanOrEqual(total)
	expect(present * 3).toBeGreaterThanOrEqual(total * 2)
	expect(votesFor).toBeLessThanOrEqual(present)
	expect(votesFor * 2).toBeGreaterThan(present)
}

type Pt = number[]
function cross(o: Pt, a: Pt, b: Pt) {
	return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
}
function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt) {
	return cross(a, b, c) * cross(a, b, d) < 0 && cross(c, d, a) * cross(c, d, b) < 0
}
/** No two non-adjacent edges of the closed ring cross. */
function isSimple(ring: Pt[]) {
	const n = ring.length - 1
	for (let i = 0; i < n; i++) {
		for (let j = i + 2; j < n; j++) {
			if (i === 0 && j === n - 1) continue
			if (segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) return false
		}
	}
	return true
}
function contains(ring: Pt[], p: Pt) {
	let inside = false
	for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
		const [xi, yi] = ring[i]
		const [xj, yj] = ring[j]
		if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
	}
	return inside
}
