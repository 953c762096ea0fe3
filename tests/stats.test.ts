// getStats() against a real, freshly migrated database: only published and traded listings
// count, only completed deals add to the traded value, deals reach their town through the listing.
// Then the Dalad Banner demo seed: the figures agree with PRODUCT.md's "Facts from the seed".
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type StatsModule = typeof import('~/models/stats.server.ts')

let dir: string
let prisma: Db['prisma']
let getStats: StatsModule['getStats']

const DAY = 86_400_000

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	;({ getStats } = await import('~/models/stats.server.ts'))
	await seed()
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

let n = 0
async function listing(townId: string, villageId: string, type: string, status: string, area: number, areaUnit = type === 'LAND' ? 'mu' : 'm2') {
	n++
	return prisma.listing.create({
		data: {
			type,
			status,
			title: `${type} ${n}`,
			description: 'test',
			townId,
			villageId,
			lat: 40.4,
			lng: 110,
			area,
			areaUnit,
			price: 1000,
			priceUnit: 'YUAN_PER_YEAR',
			priceYuan: 1000,
			transferMode: 'LEASE',
			landClass: type === 'LAND' ? 'CROPLAND' : null,
			// Published once: listed now, traded or withdrawn since.
			publishedAt: ['PUBLISHED', 'TRADED', 'WITHDRAWN'].includes(status) ? PUBLISHED_AT : null,
		},
		select: { id: true },
	})
}

const PUBLISHED_AT = new Date('2025-01-01T02:00:00Z')

async function deal(
	listingId: string,
	status: string,
	totalValueYuan: number,
	extra: { certifiedAt?: Date; price?: number; priceUnit?: string; area?: number; areaUnit?: string } = {},
) {
	return prisma.deal.create({
		data: {
			listingId,
			status,
			price: extra.price ?? totalValueYuan,
			priceUnit: extra.priceUnit ?? 'YUAN_PER_YEAR',
			totalValueYuan,
			area: extra.area ?? 1,
			areaUnit: extra.areaUnit ?? 'mu',
			transferMode: 'LEASE',
			tradingMode: 'NEGOTIATED',
			contractDate: new Date('2026-01-10T00:00:00Z'),
			certifiedAt: extra.certifiedAt ?? null,
		},
	})
}

async function seed() {
	const shulinzhao = await prisma.town.create({
		data: { code: 'shulinzhao', name: '树林召镇', nameEn: 'Shulinzhao Town', lat: 40.4, lng: 110, kind: 'TOWN' },
	})
	const zhandanzhao = await prisma.town.create({
		data: { code: 'zhandanzhao', name: '展旦召苏木', nameEn: 'Zhandanzhao Sumu', lat: 40.3, lng: 109.5, kind: 'SUMU' },
	})
	// A town with nothing yet: it still appears, with zeros.
	await prisma.town.create({ data: { code: 'engebei', name: '恩格贝镇', nameEn: 'Engebei Town', lat: 40.3, lng: 109.2 } })
	const v1 = await prisma.village.create({
		data: { code: 'v1', name: '甲村', nameEn: 'Jia Village', townId: shulinzhao.id, lat: 40.4, lng: 110 },
	})
	const v2 = await prisma.village.create({
		data: { code: 'v2', name: '赛乌素村', nameEn: 'Saiwusu Village', townId: zhandanzhao.id, lat: 40.3, lng: 109.5 },
	})

	// Shulinzhao: 2 farmhouses published, 1 traded; 1 land published (100.5 mu) and 1 traded (m², 6,666.67 m² ≈ 10 mu);
	// 1 collective asset published. Not counted: a draft farmhouse, submitted land, rejected asset, withdrawn land.
	await listing(shulinzhao.id, v1.id, 'FARMHOUSE', 'PUBLISHED', 180)
	await listing(shulinzhao.id, v1.id, 'FARMHOUSE', 'PUBLISHED', 220)
	const tradedHouse = await listing(shulinzhao.id, v1.id, 'FARMHOUSE', 'TRADED', 150)
	await listing(shulinzhao.id, v1.id, 'FARMHOUSE', 'DRAFT', 150)
	await listing(shulinzhao.id, v1.id, 'LAND', 'PUBLISHED', 100.5)
	const tradedLand = await listing(shulinzhao.id, v1.id, 'LAND', 'TRADED', 10000 / 1.5, 'm2')
	await listing(shulinzhao.id, v1.id, 'LAND', 'SUBMITTED', 5000)
	await listing(shulinzhao.id, v1.id, 'LAND', 'WITHDRAWN', 7000)
	await listing(shulinzhao.id, v1.id, 'COLLECTIVE_ASSET', 'PUBLISHED', 800)
	await listing(shulinzhao.id, v1.id, 'COLLECTIVE_ASSET', 'REJECTED', 900)

	// Zhandanzhao: 1 land traded (2,000 mu), 1 land published (39.5 mu), 1 asset traded; a returned farmhouse.
	const bigLand = await listing(zhandanzhao.id, v2.id, 'LAND', 'TRADED', 2000)
	await listing(zhandanzhao.id, v2.id, 'LAND', 'PUBLISHED', 39.5)
	const asset = await listing(zhandanzhao.id, v2.id, 'COLLECTIVE_ASSET', 'TRADED', 1200)
	await listing(zhandanzhao.id, v2.id, 'FARMHOUSE', 'RETURNED', 120)

	// Deals: completed ones count; in notice is counted apart; pending, rejected and objected do not count.
	// Certified 10, 40, 58.6 (1 March in China) and 100 days after publication: median 49.3, mean 52.2.
	await deal(tradedHouse.id, 'COMPLETED', 36_000, { certifiedAt: new Date(PUBLISHED_AT.getTime() + 10 * DAY), area: 150, areaUnit: 'm2' })
	await deal(tradedLand.id, 'COMPLETED', 120_000.5, {
		certifiedAt: new Date('2025-02-10T02:00:00Z'),
		price: 400,
		priceUnit: 'YUAN_PER_MU_YEAR',
		area: 10000 / 1.5,
		areaUnit: 'm2',
	})
	await deal(bigLand.id, 'COMPLETED', 3_000_000, { certifiedAt: new Date('2025-02-28T17:00:00Z'), price: 300, priceUnit: 'YUAN_PER_MU_YEAR', area: 2000 })
	await deal(asset.id, 'COMPLETED', 1_850_000, { certifiedAt: new Date(PUBLISHED_AT.getTime() + 100 * DAY) })
	await deal(asset.id, 'REJECTED', 9_999_999)
	await deal(bigLand.id, 'PENDING_REVIEW', 4_000_000)
	await deal(tradedHouse.id, 'IN_NOTICE', 50_000)
	await deal(tradedLand.id, 'IN_NOTICE', 70_000)
	await deal(tradedLand.id, 'OBJECTED', 80_000)
	await deal(tradedLand.id, 'AWAITING_CERTIFICATION', 90_000)
}

describe('getStats', () => {
	it('counts published and traded listings per type', async () => {
		const stats = await getStats()
		expect(stats.listings).toEqual({
			FARMHOUSE: { published: 2, traded: 1, total: 3 },
			LAND: { published: 2, traded: 2, total: 4 },
			COLLECTIVE_ASSET: { published: 1, traded: 1, total: 2 },
		})
	})

	it('sums land area in mu and completed deals', async () => {
		const stats = await getStats()
		expect(stats.landAreaMu).toBe(100.5 + 10 + 2000 + 39.5)
		expect(stats.tradedValueYuan).toBe(36_000 + 120_000.5 + 3_000_000 + 1_850_000)
		expect(stats.dealsCompleted).toBe(4)
		// What the ledger's 公示中 filter shows: in notice, objected and awaiting certification.
		expect(stats.dealsInNotice).toBe(4)
		expect(Number.isNaN(Date.parse(stats.generatedAt))).toBe(false)
	})

	it('breaks the figures down per town, joining deals through their listing', async () => {
		const stats = await getStats()
		expect(stats.towns).toEqual([
			{
				code: 'shulinzhao',
				name: '树林召镇',
				nameEn: 'Shulinzhao Town',
				kind: 'TOWN',
				listings: {
					FARMHOUSE: { published: 2, traded: 1, total: 3 },
					LAND: { published: 1, traded: 1, total: 2 },
					COLLECTIVE_ASSET: { published: 1, traded: 0, total: 1 },
				},
				landAreaMu: 110.5,
				tradedValueYuan: 156_000.5,
				dealsCompleted: 2,
			},
			{
				code: 'zhandanzhao',
				name: '展旦召苏木',
				nameEn: 'Zhandanzhao Sumu',
				kind: 'SUMU',
				listings: {
					FARMHOUSE: { published: 0, traded: 0, total: 0 },
					LAND: { published: 1, traded: 1, total: 2 },
					COLLECTIVE_ASSET: { published: 0, traded: 1, total: 1 },
				},
				landAreaMu: 2039.5,
				tradedValueYuan: 4_850_000,
				dealsCompleted: 2,
			},
			{
				code: 'engebei',
				name: '恩格贝镇',
				nameEn: 'Engebei Town',
				kind: 'TOWN',
				listings: {
					FARMHOUSE: { published: 0, traded: 0, total: 0 },
					LAND: { published: 0, traded: 0, total: 0 },
					COLLECTIVE_ASSET: { published: 0, traded: 0, total: 0 },
				},
				landAreaMu: 0,
				tradedValueYuan: 0,
				dealsCompleted: 0,
			},
		])
	})

	it('per-town figures add up to the totals', async () => {
		const stats = await getStats()
		const sum = (f: (t: (typeof stats.towns)[number]) => number) => stats.towns.reduce((n, t) => n + f(t), 0)
		expect(sum((t) => t.tradedValueYuan)).toBe(stats.tradedValueYuan)
		expect(sum((t) => t.dealsCompleted)).toBe(stats.dealsCompleted)
		expect(sum((t) => t.landAreaMu)).toBe(stats.landAreaMu)
		expect(sum((t) => t.listings.LAND.total)).toBe(stats.listings.LAND.total)
	})
})

describe('getStats: the deal figures', () => {
	it('sums completed deals per China-time month, land area in mu, up to the current month', async () => {
		const stats = await getStats()
		const months = stats.tradedByMonth
		expect(months.slice(0, 4)).toEqual([
			{ month: '2025-01', deals: 1, valueYuan: 36_000, areaMu: 0 },
			{ month: '2025-02', deals: 1, valueYuan: 120_000.5, areaMu: 10 },
			{ month: '2025-03', deals: 1, valueYuan: 3_000_000, areaMu: 2000 },
			{ month: '2025-04', deals: 1, valueYuan: 1_850_000, areaMu: 0 },
		])
		expect(months[months.length - 1].month).toBe(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7))
		expect(months.reduce((s, m) => s + m.valueYuan, 0)).toBe(stats.tradedValueYuan)
	})

	it('gives the price per mu per year of completed land deals by town and class', async () => {
		const stats = await getStats()
		expect(stats.landPricePerMu.byTown.map((r) => [r.town, r.landClass, r.deals, r.medianYuan, r.meanYuan])).toEqual([
			['shulinzhao', 'CROPLAND', 1, 400, 400],
			['zhandanzhao', 'CROPLAND', 1, 300, 300],
		])
		expect(stats.landPricePerMu.byClass).toMatchObject([{ town: null, landClass: 'CROPLAND', deals: 2, medianYuan: 350, meanYuan: 350 }])
	})

	it('counts listings in every status, the share traded of those ever published, and the days to a deal', async () => {
		const stats = await getStats()
		const total = await prisma.listing.count()
		expect(Object.values(stats.listingsByStatus).reduce((n, c) => n + c.total, 0)).toBe(total)
		expect(stats.listingsByStatus.DRAFT).toEqual({ FARMHOUSE: 1, LAND: 0, COLLECTIVE_ASSET: 0, total: 1 })
		expect(stats.listingsByStatus.PUBLISHED.total).toBe(5)
		expect(stats.listingsByStatus.EXPIRED.total).toBe(0)
		// Published 5 + traded 4 + withdrawn 1 were ever published; 4 found a buyer.
		expect(stats.tradedShare).toMatchObject({ published: 10, traded: 4, share: 0.4 })
		expect(stats.tradedShare.byType.LAND).toEqual({ published: 5, traded: 2, share: 0.4 })
		expect(stats.daysToDeal).toEqual({ deals: 4, medianDays: 49.3, meanDays: 52.2 })
	})
})

// ---------------------------------------------------------------- the demo seed

describe('getStats on the Dalad Banner demo', () => {
	let stats: Awaited<ReturnType<typeof getStats>>

	beforeAll(async () => {
		const seed = await import('../prisma/seed.ts')
		await seed.clearDatabase(prisma)
		await seed.seedDemo(prisma, { log: () => {} })
		stats = await getStats()
	}, 120_000)

	it('agrees with PRODUCT.md: 50 farmhouses, 40,000–49,999 mu of land, 7 assets, 5,372,403.60 yuan traded', () => {
		expect(stats.listings.FARMHOUSE.total).toBe(50)
		expect(stats.landAreaMu).toBeGreaterThanOrEqual(40_000)
		expect(stats.landAreaMu).toBeLessThan(50_000)
		expect(stats.listings.COLLECTIVE_ASSET.total).toBe(7)
		expect(stats.tradedValueYuan).toBe(5_372_403.6)
		expect(stats.dealsCompleted).toBe(14)
		expect(stats.dealsInNotice).toBe(2)
	})

	it('adds up: towns, months and status counts agree with the totals', () => {
		const sum = <T>(rows: T[], f: (r: T) => number) => Math.round(rows.reduce((n, r) => n + f(r), 0) * 100) / 100
		expect(sum(stats.towns, (t) => t.tradedValueYuan)).toBe(5_372_403.6)
		expect(sum(stats.tradedByMonth, (m) => m.valueYuan)).toBe(5_372_403.6)
		expect(sum(stats.tradedByMonth, (m) => m.deals)).toBe(14)
		expect(stats.listingsByStatus.TRADED.total).toBe(14)
		expect(stats.listingsByStatus.PUBLISHED.total + stats.listingsByStatus.TRADED.total).toBe(
			stats.listings.FARMHOUSE.total + stats.listings.LAND.total + stats.listings.COLLECTIVE_ASSET.total,
		)
	})

	it('has the seeded history: the share traded, days to a deal, land prices per mu', async () => {
		const everPublished = await prisma.listing.count({ where: { publishedAt: { not: null } } })
		expect(stats.tradedShare).toMatchObject({ published: everPublished, traded: 14 })
		expect(stats.tradedShare.share).toBeCloseTo(14 / everPublished, 4)
		// Deals are certified 20–120 days after publication plus review and notice (seed-data.ts dealDates).
		expect(stats.daysToDeal.deals).toBe(14)
		expect(stats.daysToDeal.medianDays).toBeGreaterThan(28)
		expect(stats.daysToDeal.medianDays).toBeLessThan(140)
		// The seed's 7 completed land deals are irrigated cropland priced per mu per year.
		expect(stats.landPricePerMu.byClass).toHaveLength(1)
		expect(stats.landPricePerMu.byClass[0]).toMatchObject({ landClass: 'CROPLAND', deals: 7 })
		expect(sum(stats.landPricePerMu.byTown)).toBe(7)
		for (const r of stats.landPricePerMu.byTown) {
			expect(r.medianYuan).toBeGreaterThanOrEqual(80)
			expect(r.medianYuan).toBeLessThanOrEqual(600)
		}
	})
})

function sum(rows: { deals: number }[]) {
	return rows.reduce((n, r) => n + r.deals, 0)
}
