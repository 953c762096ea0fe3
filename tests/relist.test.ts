// 重新挂牌 (issue 12, decision 034) against a real migrated database (both engines): a traded
// lease holds its parcels until it ends (or ends early), the village lists the land again from the
// renewal window on as a new draft (parcels, photos under new files, terms), the draft may take the
// parcels the old lease still holds, the new lease starts where the old one ends, and renewal and a
// second re-list are refused once the land is listed again. Refusals write nothing.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ListingFormValues } from '~/utils/listing-form.ts'
import { createTestDatabase } from './helpers/database.ts'

let dir: string
let uploads: string
let prisma: (typeof import('~/utils/db.server.ts'))['prisma']
let wf: typeof import('~/models/listing-workflow.server.ts')
let deal: typeof import('~/models/deal.server.ts')
let changes: typeof import('~/models/deal-change.server.ts')
let relist: typeof import('~/models/relist.server.ts')

type Actor = { id: string; role: string; townId: string | null; villageId: string | null }
let village: Actor
let otherVillage: Actor
let reviewer: Actor
let admin: Actor
let buyer: Actor
let townId: string
let villageId: string
const parcelIds: string[] = []
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const day = (d: string) => new Date(`${d}T10:00:00+08:00`)

const LAND: ListingFormValues = {
	type: 'LAND',
	title: '新胜村 北滩确权地块',
	description: '两块相邻的水浇地，确权面积清楚，通电通水。',
	lat: 40.4,
	lng: 110,
	area: 1,
	landClass: 'CROPLAND',
	price: 400,
	priceUnit: 'YUAN_PER_MU_YEAR',
	transferMode: 'LEASE',
	tradingMode: 'NEGOTIATED',
	termYears: 3,
	listingDays: 365,
}

function field(x: number, y: number) {
	const ring = [[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]
	return { geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }), minLng: x, minLat: y, maxLng: x + 0.001, maxLat: y + 0.001, computedAreaM2: 9400 }
}

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relist-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	uploads = path.join(dir, 'uploads')
	process.env.UPLOAD_DIR = uploads
	fs.mkdirSync(uploads, { recursive: true })
	;({ prisma } = await import('~/utils/db.server.ts'))
	wf = await import('~/models/listing-workflow.server.ts')
	deal = await import('~/models/deal.server.ts')
	changes = await import('~/models/deal-change.server.ts')
	relist = await import('~/models/relist.server.ts')
	townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	villageId = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId, lat: 40.41, lng: 110.01 } })).id
	const otherVillageId = (await prisma.village.create({ data: { code: 'vb', name: '柳林村', nameEn: 'Liulin', townId, lat: 40.42, lng: 110.02 } })).id
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) => prisma.user.create({ data: { name, role, ...place }, select: { id: true, role: true, townId: true, villageId: true } })
	village = await user('新胜村村委会', 'VILLAGE', { villageId })
	otherVillage = await user('柳林村村委会', 'VILLAGE', { villageId: otherVillageId })
	reviewer = await user('审核人', 'REVIEWER', { townId })
	admin = await user('管理员', 'ADMIN')
	buyer = await user('王建明', 'BUYER')
	for (let i = 0; i < 4; i++) {
		const p = await prisma.parcel.create({
			data: { code: `150621101201000${String(i + 1).padStart(4, '0')}`, townId, villageId, employerCode: '15062110120100', parcelClass: '10', surveyedAreaM2: 9400, surveyedAreaMu: 14.1, ...field(110 + i * 0.001, 40.4) },
			select: { id: true },
		})
		parcelIds.push(p.id)
	}
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** A published land listing of the given parcels, approved on `on`. */
async function published(parcels: string[], on: string, values: Partial<ListingFormValues> = {}) {
	const created = await wf.createListing(village, { ...LAND, ...values, parcelIds: parcels })
	if (!created.ok) throw new Error(JSON.stringify(created))
	expect(await wf.submitListing(village, created.id, day(on))).toEqual({ ok: true })
	expect(await wf.reviewListing(reviewer, created.id, 'APPROVE', '同意挂牌。', day(on))).toMatchObject({ ok: true })
	return created.id
}

/** A deal recorded on `on` with the buyer, reviewed, noticed and certified: returns the deal. */
async function certified(listingId: string, on: string, termYears: number | null, transferMode: 'LEASE' | 'TRANSFER' = 'LEASE') {
	const inquiry = await prisma.inquiry.create({ data: { listingId, buyerId: buyer.id, intendedUse: '种植玉米', message: '。', contact: '13800000000' }, select: { id: true } })
	const r = await deal.recordDeal(village, listingId, { buyer: { kind: 'inquiry', inquiryId: inquiry.id }, price: 400, priceUnit: 'YUAN_PER_MU_YEAR', termYears, transferMode, contractDate: day(on) }, PDF, day(on))
	if (!r.ok) throw new Error(r.problem)
	expect(await deal.reviewDeal(reviewer, r.id, 'APPROVE', '同意公示。', day(on), 7)).toMatchObject({ ok: true })
	await deal.promoteEndedNotices(new Date(day(on).getTime() + 8 * 86400_000))
	const done = await deal.certifyDeal(admin, r.id, null, new Date(day(on).getTime() + 9 * 86400_000))
	if (!done.ok) throw new Error(done.problem)
	return r.id
}

const listingCount = () => prisma.listing.count()

describe('listing the land of a lease again', { timeout: 90_000 }, () => {
	it('holds the parcels until the lease ends, lets the village list them again from the renewal window, and starts the new lease where the old one ends', async () => {
		const oldId = await published([parcelIds[0], parcelIds[1]], '2026-11-20')
		// A photo on the old listing, its files in the upload directory.
		fs.writeFileSync(path.join(uploads, 'p-old.jpg'), 'full')
		fs.writeFileSync(path.join(uploads, 'p-old-thumb.jpg'), 'thumb')
		await prisma.listingPhoto.create({ data: { listingId: oldId, file: 'p-old.jpg', thumbFile: 'p-old-thumb.jpg', width: 800, height: 600, caption: '北滩', sort: 0 } })
		const leaseId = await certified(oldId, '2026-11-20', 3)
		expect((await prisma.listing.findUniqueOrThrow({ where: { id: oldId }, select: { status: true } })).status).toBe('TRADED')

		// Another listing of the same land is refused while the lease runs.
		const rival = await wf.createListing(village, { ...LAND, parcelIds: [parcelIds[1]] })
		expect(rival).toMatchObject({ ok: false, field: 'parcelIds', problem: 'parcelHeld', holders: [{ listingId: oldId, status: 'TRADED' }] })

		// Before the window (180 days before 2029-11-20), by another village, or of a live listing: refused, nothing written.
		const before = await listingCount()
		expect(await relist.relistListing(village, oldId, day('2029-05-23'))).toEqual({ ok: false, problem: 'tooEarly' })
		expect(await relist.relistListing(otherVillage, oldId, day('2029-06-01'))).toEqual({ ok: false, problem: 'notFound' })
		expect(await relist.relistState(village.villageId!, oldId, day('2029-05-23'))).toMatchObject({ problem: 'tooEarly', free: '2029-11-20', opensOn: '2029-05-24', ended: false, successor: null })
		expect(await listingCount()).toBe(before)

		// Two clicks at once: one draft.
		const results = await Promise.all([relist.relistListing(village, oldId, day('2029-06-01')), relist.relistListing(village, oldId, day('2029-06-01'))])
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		expect(results.find((r) => !r.ok)).toEqual({ ok: false, problem: 'relisted' })
		const newId = (results.find((r) => r.ok) as { id: string }).id
		expect(await listingCount()).toBe(before + 1)

		const draft = await prisma.listing.findUniqueOrThrow({
			where: { id: newId },
			select: { status: true, title: true, area: true, price: true, termYears: true, relistedFromId: true, createdById: true, parcels: { select: { parcelId: true } }, photos: { select: { file: true, thumbFile: true, caption: true } } },
		})
		expect(draft).toMatchObject({ status: 'DRAFT', title: LAND.title, price: 400, termYears: 3, relistedFromId: oldId, createdById: village.id })
		expect(draft.parcels.map((p) => p.parcelId).sort()).toEqual([parcelIds[0], parcelIds[1]].sort())
		// Its own files, committed under their real names: deleting it there leaves the old photo.
		expect(draft.photos).toHaveLength(1)
		expect(draft.photos[0].file).not.toBe('p-old.jpg')
		expect(fs.readFileSync(path.join(uploads, draft.photos[0].file), 'utf8')).toBe('full')
		expect(fs.readFileSync(path.join(uploads, draft.photos[0].thumbFile), 'utf8')).toBe('thumb')
		expect(fs.readdirSync(uploads).filter((f) => f.startsWith('.'))).toEqual([])
		const photoId = (await prisma.listingPhoto.findFirstOrThrow({ where: { listingId: newId }, select: { id: true } })).id
		expect(await wf.deletePhoto(village, photoId)).toBe(true)
		expect(fs.existsSync(path.join(uploads, 'p-old.jpg'))).toBe(true)
		const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: newId, action: 'relist' }, select: { actorId: true, toState: true, params: true } })
		expect(audit).toMatchObject({ actorId: village.id, toState: 'DRAFT' })
		expect(JSON.parse(audit.params!)).toEqual({ source: LAND.title })

		// The old listing says where its land went; renewal is now refused.
		expect(await relist.relistState(village.villageId!, oldId, day('2029-06-01'))).toMatchObject({ problem: 'relisted', successor: { id: newId, status: 'DRAFT' } })
		expect(await relist.relistState(village.villageId!, newId, day('2029-06-01'))).toMatchObject({ problem: 'notClosed', predecessor: { id: oldId } })
		expect(await changes.renewDeal(village, leaseId, { price: 420, termYears: 3 }, day('2029-06-01'))).toEqual({ ok: false, problem: 'relisted' })
		expect((await changes.dealChanges(village, leaseId, day('2029-06-01')))?.renewal.problem).toBe('relisted')

		// The draft takes the parcels the old lease still holds; any other listing may not.
		const other = await wf.createListing(village, { ...LAND, parcelIds: [parcelIds[2]] })
		if (!other.ok) throw new Error('create failed')
		expect((await wf.updateListing(village, other.id, { ...LAND, parcelIds: [parcelIds[0]] })).ok).toBe(false)
		expect(await wf.submitListing(village, newId, day('2029-06-01'))).toEqual({ ok: true })
		expect(await wf.reviewListing(reviewer, newId, 'APPROVE', '同意重新挂牌。', day('2029-06-02'))).toEqual({ ok: true, status: 'PUBLISHED' })

		// A deal signed before the old lease ends starts on its end day; its rent follows from there.
		const inquiry = await prisma.inquiry.create({ data: { listingId: newId, buyerId: buyer.id, intendedUse: '种植葵花', message: '。', contact: '13800000000' }, select: { id: true } })
		const next = await deal.recordDeal(village, newId, { buyer: { kind: 'inquiry', inquiryId: inquiry.id }, price: 450, priceUnit: 'YUAN_PER_MU_YEAR', termYears: 5, transferMode: 'LEASE', contractDate: day('2029-07-01') }, PDF, day('2029-07-01'))
		if (!next.ok) throw new Error(next.problem)
		const row = await prisma.deal.findUniqueOrThrow({ where: { id: next.id }, select: { startsOn: true } })
		expect(row.startsOn?.toISOString()).toBe(new Date('2029-11-20T00:00:00+08:00').toISOString())
	})

	it('frees the land on an early end; lists expired and withdrawn listings at once; never a transfer or a live listing', async () => {
		const leased = await published([parcelIds[3]], '2025-11-20')
		const leaseId = await certified(leased, '2025-11-20', 10)
		const rival = await wf.createListing(village, { ...LAND, parcelIds: [parcelIds[3]] })
		expect(rival).toMatchObject({ ok: false, problem: 'parcelHeld' })
		// Ended early (as an approved 解除 records it) on 2026-06-01: from that day the land is free for anyone.
		await prisma.deal.update({ where: { id: leaseId }, data: { terminatedOn: new Date('2026-06-01T00:00:00+08:00') } })
		const free = await wf.createListing(village, { ...LAND, parcelIds: [parcelIds[3]] })
		expect(free.ok).toBe(true)
		expect(await relist.relistState(village.villageId!, leased, day('2026-06-02'))).toMatchObject({ problem: null, free: '2026-06-01', ended: true })
		if (free.ok) expect(await wf.submitListing(village, free.id, day('2026-05-31'))).toMatchObject({ ok: false, problem: 'parcelHeld' })
		if (free.ok) expect(await wf.submitListing(village, free.id, day('2026-06-01'))).toEqual({ ok: true })

		const base = { townId, villageId, lat: 40.4, lng: 110, area: 200, areaUnit: 'm2', price: 3000, priceUnit: 'YUAN_PER_YEAR', priceYuan: 3000, transferMode: 'LEASE', createdById: village.id }
		const expired = await prisma.listing.create({ data: { ...base, type: 'FARMHOUSE', status: 'EXPIRED', title: '闲置农房', description: '三间正房。' }, select: { id: true } })
		const again = await relist.relistListing(village, expired.id, day('2026-12-01'))
		expect(again).toMatchObject({ ok: true })
		const live = await prisma.listing.create({ data: { ...base, type: 'FARMHOUSE', status: 'PUBLISHED', title: '挂牌中的农房', description: '三间正房。' }, select: { id: true } })
		const before = await listingCount()
		expect(await relist.relistListing(village, live.id, day('2026-12-01'))).toEqual({ ok: false, problem: 'notClosed' })

		const sold = await published([], '2026-11-20', { transferMode: 'TRANSFER', termYears: undefined, priceUnit: 'WAN_YUAN', price: 12 })
		await certified(sold, '2026-11-20', null, 'TRANSFER')
		expect(await relist.relistListing(village, sold, day('2099-01-01'))).toEqual({ ok: false, problem: 'noEnd' })
		expect(await listingCount()).toBe(before + 1) // the transfer's own listing, nothing more
	})
})
