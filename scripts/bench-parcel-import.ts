// `npm run bench:parcel-import [-- --count 50000]`: times a parcel import end to end (preview, then
// commit, then the re-import's preview) on a fresh database: SQLite in tmp/bench-import/, or with
// BENCH_PG_ADMIN_URL (a PostgreSQL cluster's admin URL) a database of its own there, dropped after.
// The file is made by scripts/fixtures/parcels.ts (10 villages of 树林召镇, 80 × 50 m plots).
import fs from 'node:fs'
import path from 'node:path'
import { freshBenchDatabase } from './bench/fresh-database.ts'
import { largeVillages, writeLarge } from './fixtures/parcels.ts'

const arg = process.argv.indexOf('--count')
const count = arg === -1 ? 50_000 : Number(process.argv[arg + 1])
const dir = path.resolve('tmp/bench-import')
const database = await freshBenchDatabase(dir, 'bench_import')

const file = await writeLarge(count, path.join(dir, `parcels-${count}.zip`))
const bytes = fs.readFileSync(file)
const { prisma } = await import('../app/utils/db.server.ts')
const model = await import('../app/models/parcel-import.server.ts')
const lifecycle = await import('../app/models/data-import.server.ts')

try {
	const adminId = (await prisma.user.create({ data: { name: 'bench', email: 'bench@example.com', role: 'ADMIN' }, select: { id: true } })).id
	const town = await prisma.town.create({ data: { code: 'shulinzhao', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110.03 }, select: { id: true } })
	// Villages keyed by their 12-digit division code: matched by code, no choice needed.
	for (const v of largeVillages()) await prisma.village.create({ data: { code: v.employerCode.slice(0, 12), name: v.name, nameEn: v.village, townId: town.id, lat: v.lat, lng: v.lng } })

	const time = async <T>(label: string, run: () => Promise<T>) => {
		const start = performance.now()
		const value = await run()
		const seconds = (performance.now() - start) / 1000
		console.log(`${label}: ${seconds.toFixed(1)} s`)
		return { value, seconds }
	}
	// Meanwhile, how long the event loop is held at a stretch (the site's other requests wait that long).
	let worstLag = 0
	let last = performance.now()
	const probe = setInterval(() => {
		const now = performance.now()
		worstLag = Math.max(worstLag, now - last - 50)
		last = now
	}, 50)

	console.log(`${count} parcels, ${(bytes.length / 1024 / 1024).toFixed(1)} MB zip, ${database.engine}`)
	const preview = await time('preview (read, check, compare)', () => model.previewParcelFile({ fileName: path.basename(file), bytes, actorId: adminId }))
	if (!(await lifecycle.claimCommit(preview.value))) throw new Error('could not claim the commit')
	// When the commit reaches its final write (the stored progress passes 0.55, before the one
	// transaction begins), to time that transaction by itself; the machine's load moves the rest.
	let writeStart = 0
	const watch = setInterval(() => {
		if (writeStart) return
		void lifecycle.getImport(preview.value, 'PARCELS').then((r) => {
			if (!writeStart && r && r.progress >= 0.55) writeStart = performance.now()
		})
	}, 20)
	const commit = await time('commit (read again, check, one transaction)', () => model.runParcelCommit(preview.value, adminId))
	clearInterval(watch)
	console.log(`  of which the final write (the one transaction): ${writeStart ? ((performance.now() - writeStart) / 1000).toFixed(1) : '?'} s`)
	const row = await lifecycle.getImport(preview.value, 'PARCELS')
	console.log(`status ${row?.status}, inserted ${row?.inserted}, parcels in the database ${await prisma.parcel.count()}`)
	console.log(`total ${(preview.seconds + commit.seconds).toFixed(1)} s (target < 120 s); longest event-loop stall ${Math.round(worstLag)} ms`)
	const again = await time('re-import preview', () => model.previewParcelFile({ fileName: path.basename(file), bytes, actorId: adminId }))
	const report = JSON.parse((await lifecycle.getImport(again.value, 'PARCELS'))?.report ?? '{}') as { counts?: unknown }
	console.log('re-import counts', JSON.stringify(report.counts))
	clearInterval(probe)
} finally {
	await prisma.$disconnect()
	await database.drop()
}
