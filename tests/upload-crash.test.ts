// A crash (kill -9) between an upload's file and its row: the file is written under a pending name
// that is never served, so the crash leaves no orphan under a real name; the sweep removes pending
// files with no row once they are old, and gives files whose row did commit their real names.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Photo = typeof import('~/models/photo.server.ts')
type Files = typeof import('~/models/upload-files.server.ts')
type Workflow = typeof import('~/models/listing-workflow.server.ts')

let dir: string
let uploads: string
let prisma: Db['prisma']
let photo: Photo
let files: Files
let wf: Workflow
let listingId: string
let villageUser: { id: string; villageId: string | null; townId: string | null }
let image: Buffer
const LATER = 16 * 60 * 1000

const ls = () => fs.readdirSync(uploads).filter((f) => f !== 'private').sort()

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-crash-test-'))
	uploads = path.join(dir, 'uploads')
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = uploads
	;({ prisma } = await import('~/utils/db.server.ts'))
	photo = await import('~/models/photo.server.ts')
	files = await import('~/models/upload-files.server.ts')
	wf = await import('~/models/listing-workflow.server.ts')
	const townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	const villageId = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId, lat: 40.41, lng: 110.01 } })).id
	villageUser = await prisma.user.create({ data: { name: '新胜村村委会', role: 'VILLAGE', villageId }, select: { id: true, villageId: true, townId: true } })
	const listing = await prisma.listing.create({
		data: { type: 'LAND', status: 'DRAFT', title: '测试耕地', description: '水浇地。', townId, villageId, lat: 40.405, lng: 110.005, area: 100, areaUnit: 'mu', price: 400, priceUnit: 'YUAN_PER_MU_YEAR', priceYuan: 40000, transferMode: 'LEASE', termYears: 5 },
		select: { id: true },
	})
	listingId = listing.id
	image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#6a8' } }).png().toBuffer()
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

describe('upload files and their rows', () => {
	it('a photo added normally is stored under its real names, nothing pending left', async () => {
		expect(await wf.addPhoto(villageUser, listingId, image)).toEqual({ ok: true })
		const row = await prisma.listingPhoto.findFirstOrThrow({ where: { listingId }, select: { file: true, thumbFile: true } })
		expect(ls()).toEqual([row.file, row.thumbFile].sort())
		await prisma.listingPhoto.deleteMany()
		for (const f of ls()) fs.rmSync(path.join(uploads, f))
	})

	it('a crash after the files, before the row: no file under a real name; the sweep removes them once old', async () => {
		// What addPhoto has done when the process is killed before its row is written.
		const p = await photo.processPhoto(image)
		expect(fs.existsSync(path.join(uploads, p.file))).toBe(false)
		expect(fs.existsSync(path.join(uploads, p.thumbFile))).toBe(false)
		expect(ls()).toEqual([`.${p.file}`, `.${p.thumbFile}`].sort())
		// Young pending files may belong to an upload still running in another server process.
		expect(await files.sweepPendingUploads(Date.now())).toEqual({ moved: 0, removed: 0 })
		expect(ls()).toHaveLength(2)
		expect(await files.sweepPendingUploads(Date.now() + LATER)).toEqual({ moved: 0, removed: 2 })
		expect(ls()).toEqual([])
	})

	it('a crash after the row committed, before the rename: the sweep gives the files their real names', async () => {
		const p = await photo.processPhoto(image)
		await prisma.listingPhoto.create({ data: { listingId, ...p, sort: 0 } })
		expect(await files.sweepPendingUploads(Date.now())).toEqual({ moved: 2, removed: 0 })
		expect(ls()).toEqual([p.file, p.thumbFile].sort())
	})

	it('also sweeps contracts under private/', async () => {
		const priv = path.join(uploads, 'private')
		fs.mkdirSync(priv, { recursive: true })
		fs.writeFileSync(path.join(priv, '.c-orphan.pdf'), '%PDF-1.4')
		expect(await files.sweepPendingUploads(Date.now() + LATER)).toEqual({ moved: 0, removed: 1 })
		expect(fs.readdirSync(priv)).toEqual([])
	})
	it('a file the sweep already moved (its row committed) is not an error for the request that wrote it', async () => {
		const names = ['swept.png', 'kept.png']
		fs.writeFileSync(path.join(uploads, 'swept.png'), image)
		fs.writeFileSync(path.join(uploads, files.pendingName('kept.png')), image)
		await files.commitUploads(uploads, names)
		expect(ls()).toEqual(expect.arrayContaining(names))
		expect(ls()).not.toContain(files.pendingName('kept.png'))
		// Gone under both names: that is still an error.
		await expect(files.commitUploads(uploads, ['nowhere.png'])).rejects.toThrow(/ENOENT/)
		for (const f of names) fs.rmSync(path.join(uploads, f))
	})
})
