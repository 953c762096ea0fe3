import { expect, test } from './fixtures.ts'
import { BANNER_BBOX } from './fixtures.ts'
import { one } from './session.ts'

test('healthz answers when the database does', async ({ request }) => {
	const res = await request.get('/healthz')
	expect(res.status()).toBe(200)
	const engine = /^postgres/.test(process.env.DATABASE_URL ?? '') ? 'postgresql' : 'sqlite'
	expect(await res.json()).toEqual({ ok: true, database: { engine, ok: true } })
})

test('/api/listings clusters at low zoom and returns listings at high zoom', async ({ request }) => {
	const low = await (await request.get(`/api/listings?bbox=${BANNER_BBOX}&zoom=6`)).json()
	expect(low.type).toBe('FeatureCollection')
	const clusters = low.features.filter((f: { properties: { cluster?: boolean } }) => f.properties.cluster)
	expect(clusters.length).toBeGreaterThan(0)
	const counted = low.features.reduce((n: number, f: { properties: { cluster?: boolean; count?: number } }) => n + (f.properties.cluster ? f.properties.count! : 1), 0)
	expect(counted).toBe(low.total)
	// Clusters go to every zoom (decision 015): a box this wide at zoom 18 still clusters, and every
	// published listing in it is counted once.
	const high = await (await request.get(`/api/listings?bbox=${BANNER_BBOX}&zoom=18`)).json()
	const [w, s, e, n] = BANNER_BBOX.split(',').map(Number)
	const inBox = one<{ n: number }>(`SELECT count(*) AS n FROM "Listing" WHERE status = 'PUBLISHED' AND lng BETWEEN $1 AND $2 AND lat BETWEEN $3 AND $4`, w, e, s, n)
	expect(high.total).toBe(inBox.n)
	expect(high.features.reduce((k: number, x: { properties: { cluster?: boolean; count?: number } }) => k + (x.properties.cluster ? x.properties.count! : 1), 0)).toBe(high.total)
	const singles = high.features.filter((x: { properties: { cluster?: boolean } }) => !x.properties.cluster)
	expect(singles.length).toBeGreaterThan(0)
	const f = singles[0]
	expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(['id', 'type', 'title', 'town', 'village', 'area', 'areaUnit', 'price', 'priceUnit', 'status']))
	// Only published listings: every id is PUBLISHED in the database (the field itself is written by
	// the server, so checking it alone could not fail), and a traded or draft listing never appears.
	const ids: string[] = singles.map((x: { properties: { id: string } }) => x.properties.id)
	const published = one<{ n: number }>(`SELECT count(*) AS n FROM "Listing" WHERE status = 'PUBLISHED' AND id IN (${ids.map((_, i) => `$${i + 1}`).join(',')})`, ...ids)
	expect(published.n).toBe(ids.length)
	for (const status of ['TRADED', 'DRAFT', 'REJECTED']) {
		const hidden = one<{ id: string }>('SELECT id FROM "Listing" WHERE status = $1 ORDER BY id LIMIT 1', status).id
		expect(ids, status).not.toContain(hidden)
	}
	expect(['mu', 'm2']).toContain(f.properties.areaUnit)
	// Land boundaries come with the high-zoom answer: on the listing itself, and in `boundaries`.
	const land = one<{ id: string; lat: number; lng: number }>(`SELECT id, lat, lng FROM "Listing" WHERE status = 'PUBLISHED' AND boundary IS NOT NULL ORDER BY id LIMIT 1`)
	const near = await (await request.get(`/api/listings?bbox=${land.lng - 0.002},${land.lat - 0.001},${land.lng + 0.002},${land.lat + 0.001}&zoom=18`)).json()
	const feature = near.features.find((x: { id: string }) => x.id === land.id)
	expect(Array.isArray(feature?.properties.boundary)).toBe(true)
	expect(near.boundaries.map((b: { id: string }) => b.id)).toContain(land.id)
})

test('bad input is a 400 with a message or clamped, never a 500', async ({ request }) => {
	const bad = [
		'bbox=a,b,c,d',
		'bbox=110,40,109,41',
		'bbox=1,2,3',
		'minArea=-5',
		'type=CASTLE',
		'mode=<script>alert(1)</script>',
		'minPrice=abc',
		'town=%00%01',
	]
	for (const qs of bad) {
		const res = await request.get(`/api/listings?${qs}`)
		expect(res.status(), qs).toBe(400)
		const body = await res.json()
		expect(body.message, qs).toMatch(/\w/)
	}
	const clamped = ['zoom=99', 'zoom=-3', `q=${'院'.repeat(3500)}`, 'maxArea=1e308', 'page=99999999', 'minArea=10&maxArea=1']
	for (const qs of clamped) {
		const res = await request.get(`/api/listings?bbox=${BANNER_BBOX}&${qs}`)
		expect(res.status(), qs.slice(0, 40)).toBe(200)
	}
	// The page itself never errors on the same input.
	for (const qs of [...bad, ...clamped]) {
		const res = await request.get(`/?${qs}`)
		expect(res.status(), qs.slice(0, 40)).toBe(200)
	}
	// 10 KB of anything.
	const huge = await request.get(`/api/listings?q=${'x'.repeat(10_240)}&bbox=${BANNER_BBOX}`)
	expect(huge.status()).toBe(200)
})
