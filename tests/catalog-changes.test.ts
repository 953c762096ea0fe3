// The search engine's worker on a real SQLite file, kept current by the change log: a change made
// by another connection (another process, a script, a hand-run UPDATE) shows in the next answer,
// without a reload; text edits, place edits and a pruned log are followed too (decision 015).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseListingQuery, type ListingQuery } from '~/utils/listing-query.ts'
import { createTestDatabase } from './helpers/database.ts'

type Catalog = typeof import('~/models/listing-catalog.server.ts')
type Search = typeof import('~/models/listing-search.server.ts')

let dir: string
let other: Database.Database
let catalog: Catalog
let search: Search

const query = (qs: string): ListingQuery => parseListingQuery(new URLSearchParams(qs)).query
const WIDE = 'bbox=108,39,112,41&zoom=16'

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-changes-test-'))
	const url = `file:${path.join(dir, 'test.db')}`
	process.env.DATABASE_URL = url
	createTestDatabase(url)
	const { prisma } = await import('~/utils/db.server.ts')
	const { seedSynthetic } = await import('../scripts/seed-synthetic.ts')
	await seedSynthetic(prisma, { count: 300, seed: 3 })
	catalog = await import('~/models/listing-catalog.server.ts')
	search = await import('~/models/listing-search.server.ts')
	// "Another process": a connection of its own, writing as a script or a second server would.
	other = new Database(path.join(dir, 'test.db'))
	other.pragma('busy_timeout = 5000')
}, 120_000)

afterAll(() => {
	other?.close()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const one = () => other.prepare(`SELECT id, title, lat, lng FROM Listing WHERE status = 'PUBLISHED' ORDER BY id LIMIT 1 OFFSET ?`)

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
		const row = one().get(5) as { id: string }
		const before = await catalog.catalogStatus()
		other.prepare(`UPDATE Listing SET status = 'WITHDRAWN' WHERE id = ?`).run(row.id)
		expect((await catalog.listingFeatures(query(WIDE))).total).toBe(299)
		const after = await catalog.catalogStatus()
		// Applied in place: one more row in the overlay, no reload.
		expect(after.generation).toBe(before.generation + 1)
		other.prepare(`UPDATE Listing SET status = 'PUBLISHED' WHERE id = ?`).run(row.id)
		expect((await catalog.listingFeatures(query(WIDE))).total).toBe(300)
	})

	it('an edited price and place show at once, in the filters and the map', async () => {
		const row = one().get(7) as { id: string }
		other.prepare(`UPDATE Listing SET price = 123456, priceUnit = 'WAN_YUAN', lat = 40.0001, lng = 109.0001 WHERE id = ?`).run(row.id)
		const page = await catalog.catalogPage(query(`${WIDE}&minPrice=123456&maxPrice=123456&priceUnit=WAN_YUAN`), 20)
		expect(page.items.map((i) => i.id)).toEqual([row.id])
		const near = await catalog.listingFeatures(query('bbox=108.999,39.999,109.001,40.001&zoom=18'))
		expect(near.features.map((f) => f.id)).toContain(row.id)
	})

	it('a text edit re-reads the text search for that listing', async () => {
		const row = one().get(9) as { id: string; title: string }
		const word = 'zqxwordzq'
		expect((await catalog.catalogPage(query(`${WIDE}&q=${word}`), 20)).total).toBe(0)
		other.prepare(`UPDATE Listing SET title = ? WHERE id = ?`).run(`${row.title} ${word}`, row.id)
		await search.indexListings([{ id: row.id, title: `${row.title} ${word}`, description: '' }])
		const page = await catalog.catalogPage(query(`${WIDE}&q=${word}`), 20)
		expect(page.items.map((i) => i.id)).toEqual([row.id])
		expect(page.items[0].title).toContain(word)
	})

	it('a new listing inserted by a script appears; a deleted one disappears', async () => {
		const row = one().get(11) as { id: string }
		const columns = 'type, description, townId, villageId, lat, lng, boundary, area, areaUnit, landClass, price, priceUnit, priceYuan, transferMode, tradingMode, termYears, contactName, contactPhone, createdById, submittedAt, publishedAt, expiresAt, listingDays, isDemo, createdAt, updatedAt'
		const top = other.prepare('SELECT max(searchKey) FROM Listing').pluck().get() as number
		other.prepare(`INSERT INTO Listing (id, status, title, ${columns}) SELECT 'cnewlisting000000000000001', 'PUBLISHED', '新的', ${columns} FROM Listing WHERE id = ?`).run(row.id)
		// The database gave it the next search key (decision 020); a text row under that key finds it.
		const key = other.prepare(`SELECT searchKey FROM Listing WHERE id = 'cnewlisting000000000000001'`).pluck().get()
		expect(key).toBe(top + 1)
		expect((await catalog.listingFeatures(query(WIDE))).total).toBe(301)
		await search.indexListings([{ id: 'cnewlisting000000000000001', title: '新的 zqxnewzq', description: '' }])
		expect((await catalog.catalogPage(query(`${WIDE}&q=zqxnewzq`), 20)).items.map((i) => i.id)).toEqual(['cnewlisting000000000000001'])
		other.prepare(`DELETE FROM Listing WHERE id = 'cnewlisting000000000000001'`).run()
		expect((await catalog.listingFeatures(query(WIDE))).total).toBe(300)
	})

	it('renaming a village reloads the names', async () => {
		const v = other.prepare(`SELECT v.id, v.name FROM Village v JOIN Listing l ON l.villageId = v.id WHERE l.status = 'PUBLISHED' LIMIT 1`).get() as { id: string; name: string }
		other.prepare(`UPDATE Village SET name = ? WHERE id = ?`).run(`${v.name}改`, v.id)
		// The reload runs in the background; the answers after it carry the new name.
		let names: string[] = []
		for (let i = 0; i < 50 && !names.includes(`${v.name}改`); i++) {
			await new Promise((r) => setTimeout(r, 100))
			names = (await catalog.catalogPage(query(WIDE), 20)).items.map((i) => i.village)
			const page = await catalog.catalogPage(query(`${WIDE}&village=${encodeURIComponent(other.prepare('SELECT code FROM Village WHERE id = ?').pluck().get(v.id) as string)}`), 20)
			names = page.items.map((i) => i.village)
		}
		expect(names).toContain(`${v.name}改`)
	})

	it('a log pruned past the cursor means a full reload, and nothing is missed', async () => {
		const row = one().get(13) as { id: string }
		// A change, then a prune that removes it before this process read it.
		other.prepare(`UPDATE Listing SET status = 'WITHDRAWN' WHERE id = ?`).run(row.id)
		other.prepare(`INSERT INTO ListingChange (listingId) VALUES ('x')`).run()
		other.prepare(`DELETE FROM ListingChange WHERE id < (SELECT max(id) FROM ListingChange)`).run()
		let total = 0
		for (let i = 0; i < 50 && total !== 299; i++) {
			total = (await catalog.listingFeatures(query(WIDE))).total
			if (total !== 299) await new Promise((r) => setTimeout(r, 100))
		}
		expect(total).toBe(299)
	})
})
