// The parcels layer's endpoint (/api/parcels, issue 11) timed over random viewports at zoom 14–16
// of a 1,440 × 900 px map, first over the database's own parcels (the demo's), then again after
// adding synthetic ones up to `--total` (a county's 50,000). Run it on a scratch database only:
//   DATABASE_URL=file:./tmp/bench-parcels.db node scripts/setup-db.mjs
//   DATABASE_URL=file:./tmp/bench-parcels.db npx tsx scripts/bench-parcels.ts --total 50000
import { loader } from '../app/routes/api.parcels.ts'
import { prisma } from '../app/utils/db.server.ts'
import { BANNER_BBOX, offsetKm, round, Rng } from '../prisma/seed-data.ts'

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`)
	return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const TOTAL = arg('total', 50_000)
const RUNS = arg('runs', 400)

/** Viewport of a 1,440 × 900 px map at `zoom` centred on (lat, lng), in degrees. */
function viewport(lat: number, lng: number, zoom: number) {
	const lngSpan = (1440 * 360) / (256 * 2 ** zoom)
	const latSpan = ((900 * 360) / (256 * 2 ** zoom)) * Math.cos((lat * Math.PI) / 180)
	return [lng - lngSpan / 2, lat - latSpan / 2, lng + lngSpan / 2, lat + latSpan / 2]
}

async function measure(label: string) {
	const rng = new Rng(7)
	const centres = await prisma.parcel.findMany({ select: { minLng: true, minLat: true }, take: 5000 })
	const times: number[] = []
	const sizes: number[] = []
	const counts: number[] = []
	for (let i = 0; i < RUNS; i++) {
		// Around a parcel (where the layer has something to draw), a little off it.
		const c = rng.pick(centres)
		const zoom = rng.pick([14, 15, 16])
		const bbox = viewport(c.minLat + rng.float(-0.01, 0.01), c.minLng + rng.float(-0.01, 0.01), zoom)
		const started = performance.now()
		const res = await loader({ request: new Request(`http://127.0.0.1/api/parcels?bbox=${bbox.join(',')}&zoom=${zoom}`), params: {}, context: {} })
		const body = await res.text()
		times.push(performance.now() - started)
		sizes.push(body.length)
		counts.push((JSON.parse(body) as { features: unknown[] }).features.length)
	}
	const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]
	console.log(
		`${label}: ${await prisma.parcel.count()} parcels, ${RUNS} viewports at zoom 14–16: p50 ${q(times, 0.5).toFixed(1)} ms, p95 ${q(times, 0.95).toFixed(1)} ms; ` +
			`features p50 ${q(counts, 0.5)}, max ${Math.max(...counts)}; body p50 ${(q(sizes, 0.5) / 1024).toFixed(1)} KiB, p95 ${(q(sizes, 0.95) / 1024).toFixed(1)} KiB`,
	)
}

/** Blocks of 10 × 5 fields (~100 × 80 m) scattered over the banner, as a county's survey would be. */
async function addSynthetic(count: number) {
	const town = await prisma.town.findFirstOrThrow({ select: { id: true } })
	const rng = new Rng(11)
	const [w, s, e, n] = BANNER_BBOX
	const rows = []
	let serial = 0
	while (rows.length < count) {
		const origin = { lat: rng.float(s + 0.05, n - 0.05), lng: rng.float(w + 0.05, e - 0.05) }
		for (let r = 0; r < 5 && rows.length < count; r++) {
			for (let c = 0; c < 10 && rows.length < count; c++) {
				const corner = (dx: number, dy: number) => {
					const p = offsetKm(origin.lat, origin.lng, (c * 100 + dx) / 1000, (r * 86 + dy) / 1000)
					return [round(p.lng, 7), round(p.lat, 7)]
				}
				const ring = [corner(0, 0), corner(100, 0), corner(100, 80), corner(0, 80), corner(0, 0)]
				const code = `1506219999${String(Math.floor(serial / 100000)).padStart(4, '0')}${String(serial % 100000).padStart(5, '0')}`
				serial++
				rows.push({
					code,
					townId: town.id,
					employerCode: code.slice(0, 14),
					surveyedAreaM2: 8000,
					surveyedAreaMu: 12,
					computedAreaM2: 8000,
					geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
					minLng: ring[0][0],
					minLat: ring[0][1],
					maxLng: ring[2][0],
					maxLat: ring[2][1],
				})
			}
		}
	}
	for (let i = 0; i < rows.length; i += 2000) await prisma.parcel.createMany({ data: rows.slice(i, i + 2000) })
}

async function main() {
	await measure('demo parcels')
	const have = await prisma.parcel.count()
	if (have < TOTAL) {
		const started = performance.now()
		await addSynthetic(TOTAL - have)
		console.log(`added ${TOTAL - have} synthetic parcels in ${((performance.now() - started) / 1000).toFixed(1)} s`)
	}
	await measure('county scale')
}

main()
	.catch((error) => {
		console.error(error)
		process.exitCode = 1
	})
	.finally(() => prisma.$disconnect())
