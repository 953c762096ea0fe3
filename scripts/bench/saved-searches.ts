// `npm run bench:saved-searches [-- --searches 100000 --approvals 40]`: what matching saved searches
// adds to a reviewer's approval (issue 13, decision 025). On a fresh database (SQLite in
// tmp/bench-saved/, or with BENCH_PG_ADMIN_URL a PostgreSQL database of its own, dropped after):
// approvals timed with no saved search, then again after seeding the saved searches, side by side.
// The searches are spread like a province's buyers: most keep a map view or a drawn area near a
// village (zoom 9–15), some only a town, a few only words. Every match is written and alerted;
// the matching runs after the approval commits, and the bench times it apart (decision 029).
import path from 'node:path'
import { LISTING_TYPES, TRANSFER_MODES } from '../../app/domain/listing.ts'
import { parseSavedQuery, prefilterColumns } from '../../app/domain/saved-search.ts'
import { freshBenchDatabase } from './fresh-database.ts'

const option = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`)
	return i === -1 ? fallback : Number(process.argv[i + 1])
}
const SEARCHES = option('searches', 100_000)
const APPROVALS = option('approvals', 40)
const PER_BUYER = 20

const database = await freshBenchDatabase(path.resolve('tmp/bench-saved'), 'bench_saved')

const { prisma } = await import('../../app/utils/db.server.ts')
const { reviewListing } = await import('../../app/models/listing-workflow.server.ts')
const { drainSavedSearchQueue } = await import('../../app/models/saved-search.server.ts')

let seed = 2026
const random = () => {
	seed = (seed * 1664525 + 1013904223) % 4294967296
	return seed / 4294967296
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]

// A province: 60 towns of 10 villages over about 20° × 12° (Inner Mongolia's size).
const TOWNS = 60
const places: Array<{ town: string; townCode: string; village: string; lng: number; lat: number }> = []
const reviewers = new Map<string, { id: string; townId: string }>()
try {
	for (let t = 0; t < TOWNS; t++) {
		const [lng, lat] = [106 + random() * 20, 38 + random() * 12]
		const town = await prisma.town.create({ data: { code: `town-${t}`, name: `镇${t}`, nameEn: `Town ${t}`, lat, lng }, select: { id: true } })
		for (let v = 0; v < 10; v++) {
			const [vl, va] = [lng + (random() - 0.5) * 0.4, lat + (random() - 0.5) * 0.3]
			const village = await prisma.village.create({ data: { code: `village-${t}-${v}`, name: `村${t}-${v}`, nameEn: `Village ${t}-${v}`, townId: town.id, lat: va, lng: vl }, select: { id: true } })
			places.push({ town: town.id, townCode: `town-${t}`, village: village.id, lng: vl, lat: va })
		}
		const reviewer = await prisma.user.create({ data: { name: `审核人${t}`, role: 'REVIEWER', townId: town.id }, select: { id: true } })
		reviewers.set(town.id, { id: reviewer.id, townId: town.id })
	}

	/** A submitted listing near a random village. */
	let n = 0
	async function submitted() {
		const p = pick(places)
		const type = pick(LISTING_TYPES)
		n++
		return prisma.listing.create({
			data: {
				type,
				status: 'SUBMITTED',
				title: `${pick(['临河', '向阳', '平整', '闲置'])}${type === 'LAND' ? '耕地' : type === 'FARMHOUSE' ? '农家院子' : '仓库'} ${n}`,
				description: '测试挂牌，用于测量审核通过时保存搜索的匹配。',
				townId: p.town,
				villageId: p.village,
				lng: p.lng + (random() - 0.5) * 0.02,
				lat: p.lat + (random() - 0.5) * 0.02,
				area: type === 'LAND' ? 50 + Math.round(random() * 500) : 200 + Math.round(random() * 800),
				areaUnit: type === 'LAND' ? 'mu' : 'm2',
				price: type === 'LAND' ? 200 + Math.round(random() * 600) : 5000 + Math.round(random() * 30000),
				priceUnit: type === 'LAND' ? 'YUAN_PER_MU_YEAR' : 'YUAN_PER_YEAR',
				priceYuan: 10000,
				transferMode: type === 'FARMHOUSE' ? 'LEASE' : pick(TRANSFER_MODES),
				submittedAt: new Date(),
			},
			select: { id: true, townId: true },
		})
	}

	/**
	 * Times `count` approvals; returns milliseconds each, the time from the approval's answer until
	 * its matches and alerts are written (the matching runs after the commit, decision 029), and the
	 * matches made.
	 */
	async function approvals(count: number) {
		const times: number[] = []
		const alerted: number[] = []
		const before = await prisma.savedSearchMatch.count()
		for (let i = 0; i < count; i++) {
			const l = await submitted()
			const start = performance.now()
			const result = await reviewListing(reviewers.get(l.townId)!, l.id, 'APPROVE', '同意挂牌。')
			const answered = performance.now()
			times.push(answered - start)
			if (!result.ok) throw new Error(`approval failed: ${JSON.stringify(result)}`)
			await drainSavedSearchQueue()
			alerted.push(performance.now() - answered)
		}
		return { times, alerted, matches: (await prisma.savedSearchMatch.count()) - before }
	}

	// Warm-up (the first queries prepare statements, load the JIT).
	await approvals(5)
	const without = await approvals(APPROVALS)

	// The saved searches, written in bulk.
	const started = performance.now()
	const buyers = Math.ceil(SEARCHES / PER_BUYER)
	for (let i = 0; i < buyers; i += 1000) {
		await prisma.user.createMany({ data: Array.from({ length: Math.min(1000, buyers - i) }, (_, k) => ({ id: `bench-buyer-${i + k}`, name: `买家${i + k}`, role: 'BUYER' })) })
	}
	const kinds = { view: 0, polygon: 0, town: 0, anywhere: 0 }
	for (let i = 0; i < SEARCHES; i += 2000) {
		const searches = []
		const cells = []
		for (let k = i; k < Math.min(SEARCHES, i + 2000); k++) {
			const p = pick(places)
			const q = new URLSearchParams()
			if (random() < 0.6) q.append('type', pick(LISTING_TYPES))
			if (random() < 0.2) {
				q.set('minPrice', String(Math.round(random() * 300)))
				q.set('maxPrice', String(300 + Math.round(random() * 30000)))
			}
			if (random() < 0.1) q.set('q', pick(['院子', '耕地', '临河', '仓库']))
			const r = random()
			if (r < 0.7) {
				// A map view of zoom 9–15 around a village.
				const half = (640 * 360) / (256 * 2 ** (9 + Math.floor(random() * 7)))
				const [cx, cy] = [p.lng + (random() - 0.5) * half, p.lat + (random() - 0.5) * half * 0.6]
				q.set('bbox', [cx - half, cy - half * 0.6, cx + half, cy + half * 0.6].map((x) => x.toFixed(5)).join(','))
				kinds.view++
			} else if (r < 0.88) {
				const d = 0.01 + random() * 0.1
				q.set('polygon', `${p.lng - d},${p.lat - d};${p.lng + d},${p.lat - d / 2};${p.lng},${p.lat + d}`)
				kinds.polygon++
			} else if (r < 0.97) {
				q.set('town', p.townCode)
				kinds.town++
			} else {
				// Nowhere in particular: then words say what (a type alone would match a third of all listings).
				q.set('q', pick(['院子', '耕地', '临河', '仓库', '向阳']))
				kinds.anywhere++
			}
			const parsed = parseSavedQuery(q.toString())
			if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
			const { cells: keys, ...columns } = prefilterColumns(parsed.query)
			const id = `bench-search-${k}`
			searches.push({ id, userId: `bench-buyer-${Math.floor(k / PER_BUYER)}`, name: `搜索${k}`, frequency: random() < 0.7 ? 'INSTANT' : 'DAILY', query: parsed.params, ...columns })
			for (const cell of keys) cells.push({ cell, searchId: id })
		}
		await prisma.savedSearch.createMany({ data: searches })
		await prisma.savedSearchCell.createMany({ data: cells })
	}
	console.log(`${SEARCHES.toLocaleString('en')} saved searches of ${buyers.toLocaleString('en')} buyers written in ${((performance.now() - started) / 1000).toFixed(1)} s (${JSON.stringify(kinds)})`)
	if (database.engine === 'SQLite') await prisma.$executeRawUnsafe('ANALYZE')
	else await prisma.$executeRawUnsafe('ANALYZE "SavedSearch", "SavedSearchCell", "SavedSearchMatch"')

	await approvals(5)
	const withSearches = await approvals(APPROVALS)

	const pct = (xs: number[], p: number) => {
		const s = [...xs].sort((a, b) => a - b)
		return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
	}
	const row = (label: string, xs: number[], matches?: number) =>
		`${label.padEnd(44)} ${[50, 90, 99].map((p) => pct(xs, p).toFixed(1).padStart(8)).join('')} ${Math.max(...xs).toFixed(1).padStart(8)} ${matches === undefined ? '' : String(matches).padStart(9)}`
	const searches = `${SEARCHES.toLocaleString('en')} saved searches`
	console.log(`\nengine: ${database.engine}; ${APPROVALS} approvals each, milliseconds`)
	console.log(`${''.padEnd(44)} ${['p50', 'p90', 'p99'].map((s) => s.padStart(8)).join('')} ${'max'.padStart(8)} ${'matches'.padStart(9)}`)
	console.log(row('approval, 0 saved searches', without.times, without.matches))
	console.log(row(`approval, ${searches}`, withSearches.times, withSearches.matches))
	console.log(row(`answer to alerts written, ${searches}`, withSearches.alerted))
	console.log(`added to the approval at p50: ${(pct(withSearches.times, 50) - pct(without.times, 50)).toFixed(1)} ms, at p90: ${(pct(withSearches.times, 90) - pct(without.times, 90)).toFixed(1)} ms (target: under 50 ms)`)
} finally {
	await prisma.$disconnect()
	await database.drop()
}
