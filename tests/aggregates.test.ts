// The trigger-kept aggregates (docs/decisions/018) against a brute-force computation from the raw
// tables, after a long series of random changes: new listings and deals, reviews, withdrawals,
// expiry, certification, edits that move a listing to another town or type, deletions. Then the
// same after writes made by a second process, which this process's cache must notice through the
// database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEAL_STATUSES } from '~/domain/deal.ts'
import { LAND_CLASSES, LISTING_STATUSES, LISTING_TYPES } from '~/domain/listing.ts'
import type { Stats } from '~/models/stats.ts'
import { createTestDatabase } from './helpers/database.ts'
import { race, startRacers, type Racer } from './helpers/racers.ts'
import { statsFromTables } from './helpers/stats-reference.ts'

type Db = typeof import('~/utils/db.server.ts')
type StatsModule = typeof import('~/models/stats.server.ts')

const T = new Date('2026-11-20T02:00:00Z')
const DAY = 86_400_000

let dir: string
let url: string
let prisma: Db['prisma']
let stats: StatsModule
let workflow: typeof import('~/models/listing-workflow.server.ts')
let deals: typeof import('~/models/deal.server.ts')
let sweep: typeof import('~/models/sweep.server.ts')
let adminModels: typeof import('~/models/admin.server.ts')
let ledger: typeof import('~/models/ledger.server.ts')
let racers: Racer[] = []

type Place = { townId: string; villageId: string; user: { id: string; villageId: string } }
const places: Place[] = []
let admin: { id: string; role: string }

// A small seeded generator: the same series of changes on every run.
let seed = 20261201
function random() {
	seed = (seed * 1664525 + 1013904223) % 4294967296
	return seed / 4294967296
}
const int = (n: number) => Math.floor(random() * n)
const pick = <T,>(items: readonly T[]): T => items[int(items.length)]

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregates-test-'))
	url = await createTestDatabase(dir)
	process.env.DATABASE_URL = url
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	stats = await import('~/models/stats.server.ts')
	workflow = await import('~/models/listing-workflow.server.ts')
	deals = await import('~/models/deal.server.ts')
	sweep = await import('~/models/sweep.server.ts')
	adminModels = await import('~/models/admin.server.ts')
	ledger = await import('~/models/ledger.server.ts')
	for (const [i, code] of ['shulinzhao', 'zhandanzhao', 'wangaizhao'].entries()) {
		const town = await prisma.town.create({ data: { code, name: `镇${i}`, nameEn: `Town ${i}`, lat: 40 + i / 10, lng: 110 } })
		for (const j of [0, 1]) {
			const village = await prisma.village.create({ data: { code: `${code}-${j}`, name: `村${j}`, nameEn: `Village ${j}`, townId: town.id, lat: 40, lng: 110 } })
			const user = await prisma.user.create({ data: { name: `村委会${i}${j}`, role: 'VILLAGE', villageId: village.id }, select: { id: true } })
			places.push({ townId: town.id, villageId: village.id, user: { id: user.id, villageId: village.id } })
		}
	}
	// A town with nothing in it still shows, with zeros.
	await prisma.town.create({ data: { code: 'engebei', name: '恩格贝镇', nameEn: 'Engebei', lat: 40.3, lng: 109.2 } })
	admin = await prisma.user.create({ data: { name: '管理员', role: 'ADMIN' }, select: { id: true, role: true } })
}, 120_000)

afterAll(async () => {
	for (const r of racers) r.stop()
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** Everything but the moment of generation. */
function figures(s: Stats) {
	const { generatedAt: _generatedAt, ...rest } = s
	return rest
}

async function expectExact() {
	const [kept, reference] = [await stats.getStats(), await statsFromTables(prisma, new Date())]
	expect(figures(kept)).toEqual(figures(reference))
	return kept
}

const hundredths = (max: number) => Math.round(random() * max * 100) / 100 + 0.01

async function newListing() {
	const place = pick(places)
	const type = pick(LISTING_TYPES)
	const status = pick(LISTING_STATUSES)
	const everPublished = ['PUBLISHED', 'TRADED', 'WITHDRAWN', 'EXPIRED'].includes(status)
	return prisma.listing.create({
		data: {
			type,
			status,
			title: `随机 ${type}`,
			description: '测试',
			townId: place.townId,
			villageId: place.villageId,
			lat: 40,
			lng: 110,
			// Land mostly in mu, sometimes in m²; the rest in m².
			area: hundredths(type === 'LAND' ? 3000 : 2000),
			areaUnit: type === 'LAND' && random() < 0.8 ? 'mu' : 'm2',
			landClass: type === 'LAND' ? pick(LAND_CLASSES) : null,
			price: hundredths(1000),
			priceUnit: type === 'LAND' ? 'YUAN_PER_MU_YEAR' : 'YUAN_PER_YEAR',
			priceYuan: 1000,
			transferMode: 'LEASE',
			submittedAt: new Date(T.getTime() - 400 * DAY),
			publishedAt: everPublished ? new Date(T.getTime() - int(700) * DAY) : null,
			expiresAt: new Date(T.getTime() + (int(20) - 5) * DAY),
		},
		select: { id: true },
	})
}

async function newDeal() {
	const listing = await someListing({})
	if (!listing) return
	const status = pick(DEAL_STATUSES)
	const completed = status === 'COMPLETED'
	await prisma.deal.create({
		data: {
			listingId: listing.id,
			status,
			price: hundredths(800),
			priceUnit: random() < 0.6 ? 'YUAN_PER_MU_YEAR' : 'YUAN_PER_YEAR',
			totalValueYuan: hundredths(2_000_000),
			area: hundredths(500),
			areaUnit: random() < 0.8 ? 'mu' : 'm2',
			transferMode: 'LEASE',
			tradingMode: 'NEGOTIATED',
			contractDate: T,
			contractFile: 'contract.pdf',
			noticeStartsAt: status === 'PENDING_REVIEW' ? null : new Date(T.getTime() - int(900) * DAY),
			certifiedAt: completed ? new Date(T.getTime() - int(800) * DAY - int(DAY)) : null,
		},
	})
}

async function someListing(where: { status?: string }) {
	const n = await prisma.listing.count({ where })
	if (n === 0) return null
	return prisma.listing.findFirst({ where, skip: int(n), select: { id: true, villageId: true, type: true } })
}

async function someDeal(where: { status?: string }) {
	const n = await prisma.deal.count({ where })
	if (n === 0) return null
	return prisma.deal.findFirst({ where, skip: int(n), select: { id: true, status: true } })
}

/** One random change, through the app's own functions where there is one. */
async function change() {
	const kind = int(12)
	if (kind <= 2) return newListing()
	if (kind === 3) return newDeal()
	if (kind === 4) {
		// A village withdraws one of its published listings.
		const l = await someListing({ status: 'PUBLISHED' })
		const place = l && places.find((p) => p.villageId === l.villageId)
		if (l && place) await workflow.withdrawListing(place.user, l.id, '不再出租')
		return
	}
	if (kind === 5) {
		// Listing periods run out; the sweep expires them.
		return sweep.expireListings(new Date(T.getTime() + int(10) * DAY))
	}
	if (kind === 6) {
		const d = await someDeal({ status: 'AWAITING_CERTIFICATION' })
		if (d) expect((await deals.certifyDeal(admin, d.id, null, new Date(T.getTime() + int(30) * DAY))).ok).toBe(true)
		else await newDeal()
		return
	}
	if (kind === 7) {
		// A deal moves on, or back (an objection), or its value is corrected.
		const d = await someDeal({})
		if (!d) return
		if (random() < 0.5) await prisma.deal.update({ where: { id: d.id }, data: { status: pick(DEAL_STATUSES), certifiedAt: new Date(T.getTime() - int(300) * DAY) } })
		else await prisma.deal.update({ where: { id: d.id }, data: { totalValueYuan: hundredths(500_000) } })
		return
	}
	if (kind === 8) {
		// An edit: area and unit, land class, publication date, status.
		const l = await someListing({})
		if (!l) return
		await prisma.listing.update({
			where: { id: l.id },
			data: { area: hundredths(900), areaUnit: pick(['mu', 'm2']), landClass: l.type === 'LAND' ? pick(LAND_CLASSES) : null, publishedAt: random() < 0.3 ? null : new Date(T.getTime() - int(500) * DAY), status: pick(LISTING_STATUSES) },
		})
		return
	}
	if (kind === 9) {
		// Booked to another town (an administrator's correction), or to another type: its deals follow it.
		const l = await someListing({})
		if (!l) return
		const place = pick(places)
		await prisma.listing.update({ where: { id: l.id }, data: random() < 0.5 ? { townId: place.townId, villageId: place.villageId } : { type: pick(LISTING_TYPES) } })
		return
	}
	if (kind === 10) {
		// A deal or a listing deleted (only rows nothing else points at).
		const d = await prisma.deal.findFirst({ where: { reviews: { none: {} }, objections: { none: {} } }, skip: int(3), select: { id: true } })
		if (d) await prisma.deal.delete({ where: { id: d.id } })
		const l = await prisma.listing.findFirst({ where: { deals: { none: {} }, reviews: { none: {} } }, skip: int(3), select: { id: true } })
		if (l) await prisma.listing.delete({ where: { id: l.id } })
		return
	}
	// Several listings at once, as the synthetic seed writes them: one multi-row statement.
	const rows = await Promise.all([0, 1, 2].map(() => newListingData()))
	await prisma.listing.createMany({ data: rows })
}

async function newListingData() {
	const place = pick(places)
	return {
		type: 'LAND',
		status: 'PUBLISHED',
		title: '批量耕地',
		description: '测试',
		townId: place.townId,
		villageId: place.villageId,
		lat: 40,
		lng: 110,
		area: hundredths(100),
		areaUnit: 'mu',
		landClass: 'CROPLAND',
		price: 300,
		priceUnit: 'YUAN_PER_MU_YEAR',
		priceYuan: 30000,
		transferMode: 'LEASE',
		publishedAt: T,
		expiresAt: new Date(T.getTime() + 3 * DAY),
	}
}

describe('aggregates kept by the database', () => {
	it('equal a brute-force computation from the raw tables after 300 random changes', async () => {
		for (let i = 0; i < 40; i++) await newListing()
		for (let i = 0; i < 20; i++) await newDeal()
		let last = await expectExact()
		let certified = 0
		for (let step = 1; step <= 300; step++) {
			await change()
			if (step % 15 === 0) last = await expectExact()
		}
		certified = await prisma.deal.count({ where: { reviews: { some: { kind: 'CERTIFICATION' } } } })
		// The series did reach every kind of figure.
		expect(last.dealsCompleted).toBeGreaterThan(5)
		expect(last.dealsInNotice).toBeGreaterThan(0)
		expect(last.landPricePerMu.byTown.length).toBeGreaterThan(0)
		expect(last.listingsByStatus.WITHDRAWN.total + last.listingsByStatus.EXPIRED.total).toBeGreaterThan(0)
		expect(certified).toBeGreaterThan(0)
	}, 120_000)

	it('gives the ledger and the admin lists the counts of the raw tables', async () => {
		const towns = await prisma.town.findMany({ select: { id: true, code: true } })
		for (const search of ['', 'status=notice', 'status=completed', 'type=LAND', `town=${towns[0].code}&type=FARMHOUSE`, 'town=nowhere', 'from=2025-01-01&to=2026-06-30']) {
			const { query } = ledger.parseLedgerQuery(new URLSearchParams(search))
			const page = await ledger.listLedger(query, { paged: true, withBuyer: false })
			const statuses = query.status === 'notice' ? ['IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION'] : query.status === 'completed' ? ['COMPLETED'] : ['IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION', 'COMPLETED']
			const town = towns.find((t) => t.code === query.town)
			const all = await prisma.deal.findMany({
				where: {
					status: { in: statuses },
					listing: { ...(query.type ? { type: query.type } : {}), ...(query.town ? { townId: town?.id ?? 'none' } : {}) },
					...(query.from ? { noticeStartsAt: { gte: new Date(`${query.from}T00:00:00+08:00`), lt: new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + DAY) } } : {}),
				},
				// The page order: a deal without a notice date last, on either engine.
				orderBy: [{ noticeStartsAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
				select: { id: true, totalValueYuan: true },
			})
			expect(page.total, search).toBe(all.length)
			// The first page, filtered on the deal's own copy of its listing's town and type.
			expect(page.rows.map((r) => r.id), search).toEqual(all.slice(0, ledger.LEDGER_PAGE_SIZE).map((d) => d.id))
			expect(page.totalValueYuan, search).toBeCloseTo(all.reduce((sum, d) => sum + d.totalValueYuan, 0), 2)
		}
		for (const filters of [{}, { status: 'PUBLISHED' }, { type: 'LAND', townCode: towns[1].code }, { status: 'DRAFT', type: 'FARMHOUSE' }, { townCode: 'nowhere' }]) {
			const { total, rows } = await adminModels.listAllListings({ ...filters, pageSize: 500 })
			const town = towns.find((t) => t.code === filters.townCode)
			const where = { ...('status' in filters ? { status: filters.status } : {}), ...('type' in filters ? { type: filters.type } : {}), ...(filters.townCode ? { townId: town?.id ?? 'none' } : {}) }
			expect(total, JSON.stringify(filters)).toBe(await prisma.listing.count({ where }))
			expect(rows.map((r) => r.id)).toEqual((await prisma.listing.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], select: { id: true } })).map((r) => r.id))
		}
		const places = await adminModels.listPlaces()
		const byTown = await prisma.listing.groupBy({ by: ['townId'], _count: { _all: true } })
		const byVillage = await prisma.listing.groupBy({ by: ['villageId'], _count: { _all: true } })
		for (const town of places) {
			expect(town._count.listings).toBe(byTown.find((g) => g.townId === town.id)?._count._all ?? 0)
			for (const v of town.villages) expect(v._count.listings).toBe(byVillage.find((g) => g.villageId === v.id)?._count._all ?? 0)
		}
		const overview = await adminModels.getAdminOverview()
		const byStatus = await prisma.listing.groupBy({ by: ['status'], _count: { _all: true } })
		for (const g of byStatus) expect(overview.listings.find((l) => l.status === g.status)?.count).toBe(g._count._all)
	})

	it('exports the whole ledger in keyset chunks, in the page order, ties and all', async () => {
		const listing = await prisma.listing.create({ data: await newListingData(), select: { id: true } })
		// More than one chunk, many sharing one notice date (the keyset's tie-break on id).
		const same = new Date('2026-03-01T02:00:00Z')
		await prisma.deal.createMany({
			data: Array.from({ length: ledger.EXPORT_CHUNK + 137 }, (_, i) => ({
				listingId: listing.id,
				status: i % 3 ? 'COMPLETED' : 'IN_NOTICE',
				price: 100,
				priceUnit: 'YUAN_PER_YEAR',
				totalValueYuan: 100 + i,
				area: 1,
				areaUnit: 'mu',
				transferMode: 'LEASE',
				tradingMode: 'NEGOTIATED',
				noticeStartsAt: i % 2 ? same : new Date(same.getTime() - i * 3_600_000),
			})),
		})
		const { query } = ledger.parseLedgerQuery(new URLSearchParams(''))
		const exported = await ledger.listLedger(query, { paged: false, withBuyer: false })
		const expected = await prisma.deal.findMany({
			where: { status: { in: ['IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION', 'COMPLETED'] } },
			// The page order: a deal without a notice date last, on either engine.
			orderBy: [{ noticeStartsAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
			select: { id: true },
		})
		expect(exported.rows.length).toBeGreaterThan(ledger.EXPORT_CHUNK)
		expect(exported.rows.map((r) => r.id)).toEqual(expected.map((d) => d.id))
		expect(exported.total).toBe(expected.length)
		await expectExact()
	})

	it('derives the completed-deal figures once per change of completed deals, not per request', async () => {
		const towns = await prisma.town.findMany({ select: { id: true, code: true, name: true, nameEn: true, kind: true } })
		const a = await stats.completedDealFigures(towns)
		// A listing change that touches no completed deal keeps them.
		await newListing()
		expect(await stats.completedDealFigures(towns)).toBe(a)
		await newDeal()
		await prisma.deal.create({
			data: { listingId: (await someListing({}))!.id, status: 'COMPLETED', price: 1, priceUnit: 'YUAN_PER_YEAR', totalValueYuan: 77, area: 1, areaUnit: 'mu', transferMode: 'LEASE', tradingMode: 'NEGOTIATED', certifiedAt: T },
		})
		const b = await stats.completedDealFigures(towns)
		expect(b).not.toBe(a)
		await expectExact()
	})

	it('sees a second process’s writes at once, through the database', async () => {
		racers = await startRacers(1, url, ['models/deal.server.ts', 'models/listing-workflow.server.ts'])
		const before = await expectExact()
		// The other process certifies a deal and withdraws a listing.
		const listing = await prisma.listing.create({ data: { ...(await newListingData()), type: 'FARMHOUSE', areaUnit: 'm2', landClass: null }, select: { id: true, villageId: true } })
		const deal = await prisma.deal.create({
			data: { listingId: listing.id, status: 'AWAITING_CERTIFICATION', price: 5000, priceUnit: 'YUAN_PER_YEAR', totalValueYuan: 12_345.67, area: 80, areaUnit: 'm2', transferMode: 'LEASE', tradingMode: 'NEGOTIATED', contractDate: T, contractFile: 'c.pdf', noticeStartsAt: T },
			select: { id: true },
		})
		const published = await prisma.listing.create({ data: await newListingData(), select: { id: true, villageId: true } })
		const place = places.find((p) => p.villageId === published.villageId)!
		const [certified, withdrawn] = await race(racers, [
			{ module: 'models/deal.server.ts', fn: 'certifyDeal', args: [admin, deal.id, null, T] },
			{ module: 'models/listing-workflow.server.ts', fn: 'withdrawListing', args: [place.user, published.id, '另作他用'] },
		])
		expect(certified).toMatchObject({ result: { ok: true } })
		expect(withdrawn).toEqual({ result: true })
		const after = await expectExact()
		expect(after.dealsCompleted).toBe(before.dealsCompleted + 1)
		expect(after.tradedValueYuan).toBeCloseTo(before.tradedValueYuan + 12_345.67, 2)
		expect(after.listingsByStatus.WITHDRAWN.total).toBe(before.listingsByStatus.WITHDRAWN.total + 1)
	}, 60_000)
})
