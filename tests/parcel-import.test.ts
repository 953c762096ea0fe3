// The 确权 parcel import against a real database (either engine): a preview writes nothing but the
// staged import; the commit writes every valid parcel in one transaction; importing the same parcels
// again (here in the other zone form, EPSG:4525) adds and changes nothing; a cancel during a commit
// leaves nothing written; refused files write nothing at all. And the server's body cap for imports.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleParcels, shapefileZip, SAMPLE_VILLAGES } from '../scripts/fixtures/parcel-files.ts'
import { bodyLimit, checkRequest, IMPORT_BODY_LIMIT, MB } from '../server/request-guards.js'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Model = typeof import('~/models/parcel-import.server.ts')
type Lifecycle = typeof import('~/models/data-import.server.ts')

let dir: string
let prisma: Db['prisma']
let model: Model
let lifecycle: Lifecycle
let adminId: string
const villageIds: Record<string, string> = {}
const fixture = (name: string) => fs.readFileSync(path.join('tests/fixtures/imports', name))

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcel-import-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	model = await import('~/models/parcel-import.server.ts')
	lifecycle = await import('~/models/data-import.server.ts')
	adminId = (await prisma.user.create({ data: { name: '管理员', email: 'root@example.com', role: 'ADMIN' }, select: { id: true } })).id
	const town = await prisma.town.create({ data: { code: 'shulinzhao', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110.03 }, select: { id: true } })
	await prisma.town.create({ data: { code: 'zhandanzhao', name: '展旦召苏木', nameEn: 'Zhandanzhao', kind: 'SUMU', lat: 40.17, lng: 109.86 } })
	for (const v of SAMPLE_VILLAGES) {
		villageIds[v.employerCode] = (await prisma.village.create({ data: { code: v.village, name: v.name, nameEn: v.village, townId: town.id, lat: v.lat, lng: v.lng }, select: { id: true } })).id
	}
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function preview(name: string, bytes: Buffer) {
	const id = await model.previewParcelFile({ fileName: name, bytes, actorId: adminId })
	const row = await lifecycle.getImport(id, 'PARCELS')
	return { id, row: row!, report: JSON.parse(row!.report!) as import('~/models/parcel-import.server.ts').ParcelReport }
}

async function commit(id: string) {
	expect(await lifecycle.claimCommit(id)).toBe(true)
	await model.runParcelCommit(id, adminId)
	return (await lifecycle.getImport(id, 'PARCELS'))!
}

describe('parcel import', () => {
	it('previews without writing parcels, asks for the villages, then commits every valid parcel with an audit entry', async () => {
		const { id, row, report } = await preview('parcels-4546.zip', fixture('parcels-4546.zip'))
		expect(row).toMatchObject({ status: 'PREVIEW', total: 12, valid: 12, invalid: 0, sourceCrs: 'EPSG:4546' })
		expect(report.counts).toEqual({ features: 12, valid: 12, invalid: 0, new: 12, update: 0, unchanged: 0 })
		expect(report.villages.map((v) => [v.employerCode, v.villageId])).toEqual(SAMPLE_VILLAGES.map((v) => [v.employerCode, null]))
		expect(report.outlines).toHaveLength(12)
		expect(fs.existsSync(lifecycle.stagedPath(row.stagedFile!))).toBe(true)
		expect(await prisma.parcel.count()).toBe(0)
		// Not before every employer has its village.
		expect(await model.startParcelCommit(id, adminId)).toBe(false)
		expect(await model.remapParcelImport(id, { fields: null, villages: villageIds })).toBe(true)
		const chosen = (await lifecycle.getImport(id, 'PARCELS'))!
		expect((JSON.parse(chosen.report!) as typeof report).villages.every((v) => v.how === 'chosen')).toBe(true)

		const done = await commit(id)
		expect(done).toMatchObject({ status: 'COMMITTED', inserted: 12, updated: 0, unchanged: 0, progress: 1 })
		expect(fs.existsSync(lifecycle.stagedPath(row.stagedFile!))).toBe(false)
		const parcel = await prisma.parcel.findUniqueOrThrow({ where: { code: '1506211002010100001' } })
		// 四至 (DKDZ, DKNZ, DKXZ, DKBZ) are stored as read.
		expect(parcel).toMatchObject({ east: '道路', south: '李海军', west: '林带', north: '刘永明' })
		expect(parcel).toMatchObject({ name: '新胜村河滩地1号', surveyorName: '王建军', parcelClass: '10', landUse: '011', basicFarmland: true, villageId: villageIds['15062110020101'], importId: id, isDemo: false })
		expect(Math.abs(parcel.computedAreaM2 - parcel.surveyedAreaM2) / parcel.surveyedAreaM2).toBeLessThan(0.005)
		expect(parcel.minLng).toBeCloseTo(110.02, 4)
		expect(parcel.minLat).toBeCloseTo(40.362, 4)
		const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: id, action: 'import:commit' } })
		expect(JSON.parse(audit.params!)).toEqual({ kind: 'PARCELS', inserted: 12, updated: 0, unchanged: 0 })
	}, 30_000)

	it('re-imports the same parcels (in zone-37 form) as all unchanged, adding nothing', async () => {
		const before = await prisma.parcel.findMany({ orderBy: { code: 'asc' }, select: { code: true, geometry: true, importId: true } })
		const { id, report } = await preview('parcels-4525.zip', fixture('parcels-4525.zip'))
		expect(report.counts).toMatchObject({ features: 12, valid: 12, new: 0, update: 0, unchanged: 12 })
		expect(report.villages.every((v) => v.how === 'learned')).toBe(true)
		expect(await commit(id)).toMatchObject({ status: 'COMMITTED', inserted: 0, updated: 0, unchanged: 12 })
		expect(await prisma.parcel.findMany({ orderBy: { code: 'asc' }, select: { code: true, geometry: true, importId: true } })).toEqual(before)
	})

	it('updates only the parcels that changed', async () => {
		const parcels = sampleParcels()
		parcels[0] = { ...parcels[0], values: { ...parcels[0].values, DKMC: '新胜村改名地' } }
		const { id, report } = await preview('changed.zip', await shapefileZip(parcels))
		expect(report.counts).toMatchObject({ new: 0, update: 1, unchanged: 11 })
		expect(await commit(id)).toMatchObject({ inserted: 0, updated: 1, unchanged: 11 })
		expect((await prisma.parcel.findUniqueOrThrow({ where: { code: parcels[0].code } })).name).toBe('新胜村改名地')
	})

	it('a cancel during the commit leaves nothing written', async () => {
		const big = sampleParcels(1500).map((p) => ({ ...p, code: p.code.slice(0, 14) + String(Number(p.code.slice(14)) + 50000).padStart(5, '0') }))
		const bytes = await shapefileZip(big.map((p) => ({ ...p, values: { ...p.values, DKBM: p.code } })))
		const { id, report } = await preview('big.zip', bytes)
		expect(report.counts.new).toBe(3000)
		const count = await prisma.parcel.count()
		expect(await lifecycle.claimCommit(id)).toBe(true)
		// Cancel once the commit has reported its first chunk's progress (it reads in chunks of
		// 1,000 features), before it reads the next: at a known point, not by racing it (polling for
		// the progress first lost that race on PostgreSQL in CI).
		let answer: string | null = null
		await model.runParcelCommit(id, adminId, async () => {
			answer ??= await lifecycle.cancelImport(id, adminId)
		})
		expect(answer).toBe('cancelled')
		expect((await lifecycle.getImport(id, 'PARCELS'))!.status).toBe('CANCELLED')
		expect(await prisma.parcel.count()).toBe(count)
		expect(await prisma.auditLog.count({ where: { entityId: id, action: 'import:commit' } })).toBe(0)
	}, 60_000)

	it('reports bad features by row and refuses bad files without writing anything', async () => {
		const self = await preview('self.zip', fixture('self-intersecting.zip'))
		expect(self.report.errors).toEqual([{ row: 2, code: '1506211002010100002', problems: ['selfIntersecting'] }])
		const dup = await preview('dup.zip', fixture('duplicate-dkbm.zip'))
		expect(dup.report.errors.map((e) => [e.row, e.problems])).toEqual([
			[1, ['codeDuplicate']],
			[3, ['codeDuplicate']],
		])
		const imports = await prisma.dataImport.count()
		await expect(model.previewParcelFile({ fileName: 'broken-prj.zip', bytes: fixture('broken-prj.zip'), actorId: adminId })).rejects.toMatchObject({ code: 'unreadablePrj', params: { found: '坐标系：不详' } })
		await expect(model.previewParcelFile({ fileName: 'x.zip', bytes: Buffer.from('nope'), actorId: adminId })).rejects.toMatchObject({ code: 'zipUnreadable' })
		expect(await prisma.dataImport.count()).toBe(imports)
	})
})

describe('the import body cap', () => {
	it('lets 100 MB through to /admin/imports/* and refuses 300 MB from its Content-Length', () => {
		expect(bodyLimit('/admin/imports/parcels')).toBe(IMPORT_BODY_LIMIT)
		expect(bodyLimit('/admin/imports/parcels.data')).toBe(IMPORT_BODY_LIMIT)
		expect(bodyLimit('/admin/imports/parcels/abc')).not.toBe(IMPORT_BODY_LIMIT)
		const req = (mb: number) => ({ method: 'POST', path: '/admin/imports/parcels', host: '127.0.0.1', headers: { 'content-length': String(mb * MB), 'content-type': 'multipart/form-data; boundary=x' } })
		expect(checkRequest(req(100))).toBeNull()
		expect(checkRequest(req(300))).toMatchObject({ status: 413 })
	})
})
