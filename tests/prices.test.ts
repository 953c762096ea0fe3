// Issue 13's price references, /stats/prices and its exports, the ledger's sorting and the
// certificate check by number, against the seeded demo in a real migrated database (either engine):
// comparables are the completed land deals of the same class, the town's first and the banner's
// when the town has fewer than 3; the cache follows new deals; no buyer ever appears.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { pricePerMuYear, summarisePrices } from '~/domain/price-reference.ts'
import { createTestDatabase } from './helpers/database.ts'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prices-test-'))
process.env.UPLOAD_DIR = path.join(tmp, 'uploads')

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>
let prisma: (typeof import('~/utils/db.server.ts'))['prisma']
let model: typeof import('~/models/price-reference.server.ts')
let ledger: typeof import('~/models/ledger.server.ts')
let verifyCertificate: (typeof import('~/models/deal.server.ts'))['verifyCertificate']
let routes: Record<'page' | 'csv' | 'xlsx' | 'verify', Loader>

beforeAll(async () => {
	process.env.DATABASE_URL = await createTestDatabase(tmp)
	;(globalThis as { __singletons?: Map<string, unknown> }).__singletons?.delete('prisma')
	vi.resetModules()
	prisma = (await import('~/utils/db.server.ts')).prisma
	const seed = await import('../prisma/seed.ts')
	await seed.seedDemo(prisma, { log: () => {} })
	model = await import('~/models/price-reference.server.ts')
	ledger = await import('~/models/ledger.server.ts')
	;({ verifyCertificate } = await import('~/models/deal.server.ts'))
	const load = async (p: string) => (await import(p)).loader as Loader
	routes = {
		page: await load('~/routes/stats_.prices.tsx'),
		csv: await load('~/routes/stats_.prices[.]csv.ts'),
		xlsx: await load('~/routes/stats_.prices[.]xlsx.ts'),
		verify: await load('~/routes/verify._index.tsx'),
	}
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	fs.rmSync(tmp, { recursive: true, force: true })
})

const get = (loader: Loader, search = '') => loader({ request: new Request(`http://prices.test/x${search}`), params: {}, context: {} })

const listingSelect = { id: true, type: true, townId: true, landClass: true, price: true, priceUnit: true, area: true, areaUnit: true, termYears: true, villageId: true } as const

/** The completed land deals of a class (and town), normalised, read straight from the tables. */
async function expected(landClass: string, townId?: string) {
	const deals = await prisma.deal.findMany({
		where: { status: 'COMPLETED', listing: { type: 'LAND', landClass, ...(townId ? { townId } : {}) } },
		select: { price: true, priceUnit: true, area: true, areaUnit: true, termYears: true },
	})
	return deals.map(pricePerMuYear).filter((v): v is number => v !== null)
}

/** Every buyer name and ID number the deals hold: none may leave the price references. */
async function buyerSecrets() {
	const deals = await prisma.deal.findMany({ select: { outsideBuyerName: true, outsideBuyerIdNumber: true, buyer: { select: { name: true, email: true } } } })
	return deals.flatMap((d) => [d.outsideBuyerName, d.outsideBuyerIdNumber, d.buyer?.name, d.buyer?.email]).filter((s): s is string => !!s && s.length > 1)
}

describe('price references from the demo deals', () => {
	it('a published cropland listing gets the banner reference of the 7 completed cropland deals (no town has 3)', async () => {
		const listing = await prisma.listing.findFirstOrThrow({ where: { type: 'LAND', status: 'PUBLISHED', landClass: 'CROPLAND' }, select: listingSelect, orderBy: { id: 'asc' } })
		const banner = await expected('CROPLAND')
		expect(banner).toHaveLength(7)
		const town = await expected('CROPLAND', listing.townId)
		expect(town.length).toBeLessThan(3)
		const ref = await model.listingPriceReference(listing)
		expect(ref?.reference).toMatchObject({ status: 'ok', scope: 'banner', summary: summarisePrices(banner) })
		expect(ref?.asking).toBe(listing.priceUnit === 'YUAN_PER_MU_YEAR' ? listing.price : expect.any(Number))
	})

	it('a grassland listing has no comparable deal: the counts, no figure', async () => {
		const listing = await prisma.listing.findFirstOrThrow({ where: { type: 'LAND', status: 'PUBLISHED', landClass: 'GRASSLAND' }, select: listingSelect })
		expect(await model.listingPriceReference(listing)).toEqual({ reference: { status: 'tooFew', townCount: 0, bannerCount: 0 }, asking: expect.any(Number), flag: null })
	})

	it('other types have none', async () => {
		const farmhouse = await prisma.listing.findFirstOrThrow({ where: { type: 'FARMHOUSE', status: 'PUBLISHED' }, select: listingSelect })
		expect(await model.listingPriceReference(farmhouse)).toBeNull()
	})

	it('three deals in one town switch it to the town scope at once (the cache follows), and an asking price far above is flagged', async () => {
		const listing = await prisma.listing.findFirstOrThrow({ where: { type: 'LAND', status: 'PUBLISHED', landClass: 'CROPLAND' }, select: listingSelect, orderBy: { id: 'desc' } })
		const before = await model.listingPriceReference(listing)
		expect(before?.reference).toMatchObject({ status: 'ok', scope: 'banner' })
		const existing = await expected('CROPLAND', listing.townId)
		// Three completed cropland deals in its town, in three units, all 600 元/亩/年, plus one that cannot be normalised.
		const terms = [
			{ price: 600, priceUnit: 'YUAN_PER_MU_YEAR', area: 50, areaUnit: 'mu', termYears: 5 },
			{ price: 30_000, priceUnit: 'YUAN_PER_YEAR', area: 50, areaUnit: 'mu', termYears: 5 },
			{ price: 15, priceUnit: 'WAN_YUAN', area: 50, areaUnit: 'mu', termYears: 5 },
			{ price: 15, priceUnit: 'WAN_YUAN', area: 50, areaUnit: 'mu', termYears: null },
		]
		for (const [i, t] of terms.entries()) {
			const l = await prisma.listing.create({
				data: {
					type: 'LAND', status: 'TRADED', title: `对照地块 ${i}`, description: '测试', townId: listing.townId, villageId: listing.villageId, lat: 40.4, lng: 110,
					...t, priceYuan: 30_000, landClass: 'CROPLAND', transferMode: 'LEASE', tradingMode: 'NEGOTIATED',
				},
				select: { id: true },
			})
			await prisma.deal.create({
				data: { listingId: l.id, status: 'COMPLETED', ...t, totalValueYuan: 150_000, transferMode: 'LEASE', tradingMode: 'NEGOTIATED', outsideBuyerName: `秘密买家${i}`, outsideBuyerIdNumber: '150621198803154417', certifiedAt: new Date() },
			})
		}
		const town = [...existing, 600, 600, 600]
		const after = await model.listingPriceReference({ ...listing, price: 5_000, priceUnit: 'YUAN_PER_MU_YEAR' })
		expect(after?.reference).toMatchObject({ status: 'ok', scope: 'town', summary: summarisePrices(town) })
		expect(after?.flag).toBe('above')
		expect((await model.listingPriceReference({ ...listing, price: 1, priceUnit: 'YUAN_PER_MU_YEAR' }))?.flag).toBe('below')
		// The banner counts the new ones too: the 7 and 3 (the one-off price without a term left out).
		const banner = await model.listingPriceReference({ ...listing, townId: 'no-such-town' })
		expect(banner?.reference).toMatchObject({ status: 'ok', scope: 'banner', summary: { count: 10 } })
	})

	it('never reveals a buyer', async () => {
		const listings = await prisma.listing.findMany({ where: { type: 'LAND', status: { in: ['PUBLISHED', 'TRADED'] } }, select: listingSelect })
		const out = JSON.stringify(await Promise.all(listings.map((l) => model.listingPriceReference(l))))
		const page = JSON.stringify(await get(routes.page))
		for (const secret of await buyerSecrets()) {
			expect(out).not.toContain(secret)
			expect(page).not.toContain(secret)
		}
	})
})

describe('/stats/prices', () => {
	type Page = Awaited<ReturnType<typeof model.landPriceStats>> & { exportSearch: string }
	it('groups by town, class and year; groups below 3 have their count and no figure', async () => {
		const data = (await get(routes.page)) as Page
		expect(data.errors).toEqual([])
		const total = data.banner.reduce((n, g) => n + g.count, 0)
		expect(total).toBe((await expected('CROPLAND')).length)
		expect(data.byTown.reduce((n, g) => n + g.count, 0)).toBe(total)
		for (const g of [...data.byTown, ...data.banner]) expect(g.summary === null).toBe(g.count < 3)
		expect(data.byTown.some((g) => g.summary !== null)).toBe(true)
	})

	it('filters by year and class, names a bad filter, and the exports follow', async () => {
		const year = ((await get(routes.page)) as Page).years.at(-1)!
		const filtered = (await get(routes.page, `?from=${year}&to=${year}&class=CROPLAND`)) as Page
		expect(filtered.banner.every((g) => g.year === year && g.landClass === 'CROPLAND')).toBe(true)
		expect(filtered.exportSearch).toBe(`?from=${year}&to=${year}&class=CROPLAND`)
		expect(((await get(routes.page, '?class=GOLD')) as Page).errors).toEqual(['class'])
		expect(((await get(routes.page, '?class=FOREST')) as Page).banner).toEqual([])

		const csv = (await get(routes.csv, `?from=${year}&class=CROPLAND`)) as Response
		expect(csv.status).toBe(200)
		expect(csv.headers.get('Content-Type')).toContain('text/csv')
		const text = await csv.text()
		const lines = text.trim().split('\r\n')
		expect(lines).toHaveLength(1 + filtered.byTown.length + filtered.banner.length)
		expect(lines[0]).toContain('苏木镇')
		expect(((await get(routes.csv, '?from=abcd')) as Response).status).toBe(400)

		const xlsx = (await get(routes.xlsx, `?from=${year}`)) as Response
		expect(xlsx.status).toBe(200)
		const book = new ExcelJS.Workbook()
		await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer)
		const sheet = book.worksheets[0]
		expect(sheet.getCell(3, 1).value).toBe('苏木镇')
		expect(sheet.rowCount).toBe(3 + filtered.byTown.length + filtered.banner.length)
	})
})

describe('ledger sorting', () => {
	beforeAll(async () => {
		// More than one page (20): six more completed deals of differing areas on farmhouses.
		const farmhouse = await prisma.listing.findFirstOrThrow({ where: { type: 'FARMHOUSE', status: 'PUBLISHED' }, select: { townId: true, villageId: true } })
		for (let i = 0; i < 6; i++) {
			const terms = { price: 5000 + i, priceUnit: 'YUAN_PER_YEAR', area: 100 + i * 7, areaUnit: 'm2', termYears: 3 }
			const l = await prisma.listing.create({
				data: { type: 'FARMHOUSE', status: 'TRADED', title: `排序院子 ${i}`, description: '测试', ...farmhouse, lat: 40.4, lng: 110, ...terms, priceYuan: terms.price, transferMode: 'LEASE', tradingMode: 'NEGOTIATED' },
				select: { id: true },
			})
			const at = new Date(Date.UTC(2026, 5, 1 + i))
			await prisma.deal.create({
				data: { listingId: l.id, status: 'COMPLETED', ...terms, totalValueYuan: terms.price * 3, transferMode: 'LEASE', tradingMode: 'NEGOTIATED', noticeStartsAt: at, certifiedAt: at },
			})
		}
	})
	const list = (search: string) => ledger.listLedger(ledger.parseLedgerQuery(new URLSearchParams(search)).query, { paged: true, withBuyer: false })
	it('sorts by value, area, price, certification date and town, both ways, without overlapping pages', async () => {
		const up = (await list('sort=value&dir=asc')).rows.map((r) => r.totalValueYuan)
		expect(up).toEqual([...up].sort((a, b) => a - b))
		const down = (await list('sort=value&dir=desc')).rows.map((r) => r.totalValueYuan)
		expect(down).toEqual([...down].sort((a, b) => b - a))
		const towns = (await list('sort=town&dir=asc')).rows.map((r) => r.town.code)
		expect(towns).toEqual([...towns].sort())
		const certified = (await list('sort=certified&dir=desc&status=completed')).rows.map((r) => r.certifiedAt!.getTime())
		expect(certified).toEqual([...certified].sort((a, b) => b - a))
		// Within a unit group, the price sorts.
		const prices = (await list('sort=price&dir=desc&type=LAND')).rows.filter((r) => r.priceUnit === 'YUAN_PER_MU_YEAR').map((r) => r.price)
		expect(prices).toEqual([...prices].sort((a, b) => b - a))
		const page1 = (await list('sort=area&dir=asc')).rows.map((r) => r.id)
		const second = await list('sort=area&dir=asc&page=2')
		expect(second.pageCount).toBeGreaterThan(1)
		const page2 = second.rows.map((r) => r.id)
		expect(page1.filter((id) => page2.includes(id))).toEqual([])
	})

	it('keeps the sort in page links, names a bad one, and the export follows it', async () => {
		const { query, errors } = ledger.parseLedgerQuery(new URLSearchParams('sort=value&dir=asc&sort=x'))
		expect(errors).toEqual({})
		expect(ledger.ledgerSearch(query, 2)).toBe('?sort=value&dir=asc&page=2')
		expect(ledger.ledgerSearch(ledger.parseLedgerQuery(new URLSearchParams('')).query)).toBe('')
		expect(Object.keys(ledger.parseLedgerQuery(new URLSearchParams('sort=buyer&dir=up')).errors)).toEqual(['sort', 'dir'])
		const all = await ledger.listLedger(query, { paged: false, withBuyer: false })
		const values = all.rows.map((r) => r.totalValueYuan)
		expect(values).toEqual([...values].sort((a, b) => a - b))
		expect(all.rows).toHaveLength(all.total)
	})
})

describe('certificate check by number', () => {
	it('finds a certificate by its number or its code, and nothing else', async () => {
		const deal = await prisma.deal.findFirstOrThrow({ where: { status: 'COMPLETED', certificateNo: { not: null } }, select: { certificateNo: true, verifyCode: true } })
		expect((await verifyCertificate(deal.certificateNo!.toLowerCase()))?.certificateNo).toBe(deal.certificateNo)
		expect((await verifyCertificate(deal.verifyCode))?.certificateNo).toBe(deal.certificateNo)
		expect(await verifyCertificate('DLT-1999-999999')).toBeNull()
	})

	it('/verify: a form; a known code or number redirects to its check; an unknown one is a 404 with the form', async () => {
		const deal = await prisma.deal.findFirstOrThrow({ where: { status: 'COMPLETED', certificateNo: { not: null } }, select: { certificateNo: true } })
		const blank = (await get(routes.verify)) as { data: unknown; init: { status?: number } | null }
		expect(blank.data).toEqual({ q: '', problem: null })
		const found = await get(routes.verify, `?q=${encodeURIComponent(` ${deal.certificateNo} `)}`).catch((e: unknown) => e)
		expect(found).toBeInstanceOf(Response)
		expect((found as Response).status).toBe(302)
		expect((found as Response).headers.get('Location')).toBe(`/verify/${deal.certificateNo}`)
		const missing = (await get(routes.verify, '?q=NOSUCHCODE')) as { data: unknown; init: { status?: number } | null }
		expect(missing.init?.status).toBe(404)
		expect(missing.data).toEqual({ q: 'NOSUCHCODE', problem: 'notFound' })
		expect(((await get(routes.verify, '?q=')) as { init: { status?: number } | null }).init?.status).toBe(400)
	})
})
