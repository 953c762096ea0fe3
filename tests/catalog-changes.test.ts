// The search engine's worker on a real database (either engine), kept current by the change log:
// a change made by another connection (another process, a script, a hand-run UPDATE) shows in the
// next answer, without a reload; text edits, place edits and a pruned log are followed too
// (decision 015).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseListingQuery, type ListingQuery } from '~/utils/listing-query.ts'
import { openDatabase } from '../scripts/db-query.mjs'
import { createTestDatabase, testEngine } from './helpers/database.ts'

type Catalog = typeof import('~/models/listing-catalog.server.ts')
type Search = typeof import('~/models/listing-search.server.ts')

let dir: string
let other: Awaited<ReturnType<typeof openDatabase>>
let catalog: Catalog
let search: Search

const query = (qs: string): ListingQuery => parseListingQuery(new URLSearchParams(qs)).query
const WIDE = 'bbox=108,39,112,41&zoom=16'

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-changes-test-'))
	const url = await createTestDatabase(dir)
	process.env.DATABASE_URL = url
	const { prisma } = await import('~/utils/db.server.ts')
	const { seedSynthetic } = await import('../scripts/seed-synthetic.ts')
	await seedSynthetic(prisma, { count: 300, seed: 3 })
	catalog = await import('~/models/listing-catalog.server.ts')
	search = await import('~/models/listing-search.server.ts')
	// "Another process": a connection of its own, writing as a script or a second server would.
	other = await openDatabase(url)
}, 120_000)

afterAll(async () => {
	await other?.close()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** The `offset`-th published listing, by id. */
const nth = async (offset: number) =>
	(await other.one(`SELECT "id", "title" FROM "Listing" WHERE "status" = 'PUBLISHED' ORDER BY "id" LIMIT 1 OFFSET $1`, [offset])) as { id: string; title: string }

describe("search engine kept current by the change log", { timeout: 30_000 }, () => {
	it('loads every published listing, in the map and in the list', async () => {
		const features = await catalog.listingFeatures(query(WIDE))
		expect(features.total).toBe(300)
		const page = await catalog.catalogPage(query(WIDE), 20)
		expect(page.total).toBe(300)
		expect(page.items).toHaveLength(20)
		expect(page.items[0].title).toMatch(/^【合成】/)
	})

	it('a listing withdrawn by another connection leaves the next answer, and comes back when republished', async () => {
		const row = await nth(5)
		const before = await catalog.catalogStatus()
		await other.run(`UPDATE "Listing" SET "status" = 'WITHDRAWN' WHERE "id" = $1`, [row.id])
		expect((await catalog.listingFeatures(query(WIDE))).total).toBe(299)
		const after = await catalog.catalogStatus()
		// Applied in place: one more row in the overlay, no reload.
		expect(after.generation).toBe(before.generation + 1)
		await other.run(`UPDATE "Listing" SET "status" = 'PUBLISHED' WHERE "id" = $1`, [row.id])
		expect((await catalog.listingFeatures(query(WIDE))).total).toBe(300)
	})

	it('an edited price and place show at once, in the filters and the map', async () => {
		const row = await nth(7)
		await other.run(`UPDATE "Listing" SET "price" = 123456, "priceUnit" = 'WAN_YUAN', "lat" = 40.0001, "lng" = 109.0001 WHERE "id" = $1`, [row.id])
		const page = await catalog.catalogPage(query(`${WIDE}&minPrice=123456&maxPrice=123456&priceUnit=WAN_YUAN`), 20)
		expect(page.items.map((i) => i.id)).toEqual([row.id])
		const near = await catalog.listingFeatures(query('bbox=108.999,39.999,109.001,40.001&zoom=18'))
		expect(near.features.map((f) => f.id)).toContain(row.id)
	})

	it('a text edit re-reads the text search for that listing', async () => {
		const row = await nth(9)
		const word = 'zqxwordzq'
		expect((await catalog.catalogPage(query(`${WIDE}&q=${word}`), 20)).total).toBe(0)
		await other.run(`UPDATE "Listing" SET "title" = $1 WHERE "id" = $2`, [`${row.title} ${word}`, row.id])
		await search.indexListings([{ id: row.id, title: `${row.title} ${word}`, description: '' }])
		const page = await catalog.catalogPage(query(`${WIDE}&q=${word}`), 20)
		expect(page.items.map((i) => i.id)).toEqual([row.id])
		expect(page.items[0].title).toContain(word)
	})

	it('a new listing inserted by a script appears; a deleted one disappears', async () => {
		const row = await nth(11)
		const columns = ['type', 'description', 'townId', 'villageId', 'lat', 'lng', 'boundary', 'area', 'areaUnit', 'landClass', 'price', 'priceUnit', 'priceYuan', 'transferMode', 'tradingMode', 'termYears', 'contactName', 'contactPhone', 'createdById', 'submittedAt', 'publishedAt', 'expiresAt', 'listingDays', 'isDemo', 'createdAt', 'updatedAt']
			.map((c) => `"${c}"`)
			.join(', ')
		const { top } = (await other.one('SELECT max("searchKey") AS "top" FROM "Listing"')) as { top: number }
		await other.run(`INSERT INTO "Listing" ("id", "status", "title", ${columns}) SELECT 'cnewlisting000000000000001', 'PUBLISHED', '新的', ${columns} FROM "Listing" WHERE "id" = $1`, [row.id])
		// The database gave it the next search key (decision 020); a text row under that key finds it.
		const { key } = (await other.one(`SELECT "searchKey" AS "key" FROM "Listing" WHERE "id" = 'cnewlisting000000000000001'`)) as { key: number }
		expect(key).toBe(top + 1)
		expect((await catalog.listingFeatures(query(WIDE))).total).toBe(301)
		await search.indexListings([{ id: 'cnewlisting000000000000001', title: '新的 zqxnewzq', description: '' }])
		expect((await catalog.catalogPage(query(`${WIDE}&q=zqxnewzq`), 20)).items.map((i) => i.id)).toEqual(['cnewlisting000000000000001'])
		await other.run(`DELETE FROM "Listing" WHERE "id" = 'cnewlisting000000000000001'`)
		expect((await catalog.listingFeatures(query(WIDE))).total).toBe(300)
	})

	it('renaming a village reloads the names', async () => {
		const v = (await other.one(`SELECT v."id", v."name", v."code" FROM "Village" v JOIN "Listing" l ON l."villageId" = v."id" WHERE l."status" = 'PUBLISHED' LIMIT 1`)) as { id: string; name: string; code: string }
		await other.run(`UPDATE "Village" SET "name" = $1 WHERE "id" = $2`, [`${v.name}改`, v.id])
		// The reload runs in the background; the answers after it carry the new name.
		let names: string[] = []
		for (let i = 0; i < 50 && !names.includes(`${v.name}改`); i++) {
			await new Promise((r) => setTimeout(r, 100))
			names = (await catalog.catalogPage(query(WIDE), 20)).items.map((i) => i.village)
			const page = await catalog.catalogPage(query(`${WIDE}&village=${encodeURIComponent(v.code)}`), 20)
			names = page.items.map((i) => i.village)
		}
		expect(names).toContain(`${v.name}改`)
	})

	it('a log pruned past the cursor means a full reload, and nothing is missed', async () => {
		const row = await nth(13)
		// A change, then a prune that removes it before this process read it.
		await other.run(`UPDATE "Listing" SET "status" = 'WITHDRAWN' WHERE "id" = $1`, [row.id])
		await other.run(`INSERT INTO "ListingChange" ("listingId") VALUES ('x')`)
		await other.run(`DELETE FROM "ListingChange" WHERE "id" < (SELECT max("id") FROM "ListingChange")`)
		let total = 0
		for (let i = 0; i < 50 && total !== 299; i++) {
			total = (await catalog.listingFeatures(query(WIDE))).total
			if (total !== 299) await new Promise((r) => setTimeout(r, 100))
		}
		expect(total).toBe(299)
	})

	// Decision 039: a common word's matches are read from the heap, so it holds keys, not tokens.
	it.runIf(testEngine === 'postgresql')("on PostgreSQL the full-text table's tokens live out of its heap, written or rewritten", async () => {
		const heap = async () => Number(((await other.one(`SELECT pg_relation_size('listing_fts') AS "bytes"`)) as { bytes: string }).bytes)
		const rows = Number(((await other.one('SELECT count(*) AS "n" FROM listing_fts')) as { n: string }).n)
		const tokens = Number(((await other.one('SELECT sum(pg_column_size(tokens)) AS "n" FROM listing_fts')) as { n: string }).n)
		// The synthetic texts' tokens take far more than the heap: inline they would fill it.
		expect(tokens / rows).toBeGreaterThan(500)
		expect((await heap()) / rows).toBeLessThan(200)
		// Rewriting every row (a text edit) adds row versions as narrow as the first.
		const before = await heap()
		const docs = (await other.all(`SELECT "id", "title", "description" FROM "Listing" WHERE "searchKey" IS NOT NULL`)) as Array<{ id: string; title: string; description: string }>
		await search.indexListings(docs.map((d) => ({ ...d, description: `${d.description} 改` })))
		expect(((await heap()) - before) / docs.length).toBeLessThan(200)
		expect((await catalog.catalogPage(query(`${WIDE}&q=${encodeURIComponent('改')}`), 20)).total).toBe((await catalog.listingFeatures(query(WIDE))).total)
	})
})
