// getStats() against a real, freshly migrated SQLite file: only published and traded listings
// count, only completed deals add to the traded value, deals reach their town through the listing.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

type Db = typeof import('~/utils/db.server.ts')
type StatsModule = typeof import('~/models/stats.server.ts')

let dir: string
let prisma: Db['prisma']
let getStats: StatsModule['getStats']

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-test-'))
	const url = `file:${path.join(dir, 'test.db')}`
	process.env.DATABASE_URL = url
	execFileSync('npx', ['prisma', 'migrate', 'deploy'], {
		env: { ...process.env, DATABASE_URL: url },
		stdio: 'pipe',
	})
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
		},
		select: { id: true },
	})
}

async function deal(listingId: string, status: string, totalValueYuan: number) {
	return prisma.deal.create({
		data: {
			listingId,
			status,
			price: totalValueYuan,
			priceUnit: 'YUAN_PER_YEAR',
			totalValueYuan,
			area: 1,
			areaUnit: 'mu',
			transferMode: 'LEASE',
			tradingMode: 'NEGOTIATED',
			contractDate: new Date('2026-01-10T00:00:00Z'),
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
	await deal(tradedHouse.id, 'COMPLETED', 36_000)
	await deal(tradedLand.id, 'COMPLETED', 120_000.5)
	await deal(bigLand.id, 'COMPLETED', 3_000_000)
	await deal(asset.id, 'COMPLETED', 1_850_000)
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
		expect(stats.dealsInNotice).toBe(2)
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
