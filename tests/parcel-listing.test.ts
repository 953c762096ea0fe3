// Land listings made of 确权 parcels, against a real migrated database (either engine): the server
// recomputes boundary, area, pin and land class from the parcels (whatever the form said), refuses
// another village's parcel, refuses a parcel a submitted/published listing holds (at save, submit
// and approval, also when two drafts race), and the parcels layer's viewport read.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { area as turfArea } from '@turf/area'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ListingFormValues } from '~/utils/listing-form.ts'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Workflow = typeof import('~/models/listing-workflow.server.ts')
type Parcels = typeof import('~/models/parcel.server.ts')
type Village = typeof import('~/models/village.server.ts')

let dir: string
let prisma: Db['prisma']
let wf: Workflow
let parcels: Parcels
let village: Village
type Actor = { id: string; villageId: string | null; townId?: string | null }
let userA: Actor
let userB: Actor
let reviewer: { id: string; townId: string | null }
const ids: string[] = []
let foreignParcel: string

/** A 0.001° square field at (x, y): ~85 × 111 m near Dalad Banner. */
function field(x: number, y: number) {
	const ring = [
		[x, y],
		[x + 0.001, y],
		[x + 0.001, y + 0.001],
		[x, y + 0.001],
		[x, y],
	]
	const geometry = { type: 'Polygon', coordinates: [ring] }
	return { geometry: JSON.stringify(geometry), minLng: x, minLat: y, maxLng: x + 0.001, maxLat: y + 0.001, computedAreaM2: turfArea(geometry as never) }
}

const LAND: ListingFormValues = {
	type: 'LAND',
	title: '新胜村 确权地块流转',
	description: '两块相邻的水浇地，确权面积清楚，通电通水。',
	lat: 17,
	lng: 73,
	area: 99999,
	landClass: 'FOREST',
	price: 500,
	priceUnit: 'YUAN_PER_MU_YEAR',
	transferMode: 'LEASE',
	tradingMode: 'NEGOTIATED',
	listingDays: 365,
}

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcel-listing-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	process.env.SESSION_SECRET = 'parcel-listing-test-secret-0123456789abcdef'
	;({ prisma } = await import('~/utils/db.server.ts'))
	wf = await import('~/models/listing-workflow.server.ts')
	parcels = await import('~/models/parcel.server.ts')
	village = await import('~/models/village.server.ts')

	const town = await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })
	const villageA = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId: town.id, lat: 40.41, lng: 110.01 } })).id
	const villageB = (await prisma.village.create({ data: { code: 'vb', name: '柳林村', nameEn: 'Liulin', townId: town.id, lat: 40.42, lng: 110.02 } })).id
	userA = await prisma.user.create({ data: { name: '新胜村村委会', role: 'VILLAGE', villageId: villageA }, select: { id: true, villageId: true } })
	userB = await prisma.user.create({ data: { name: '柳林村村委会', role: 'VILLAGE', villageId: villageB }, select: { id: true, villageId: true } })
	reviewer = await prisma.user.create({ data: { name: '审核人', role: 'REVIEWER', townId: town.id }, select: { id: true, townId: true } })
	// Four fields in a row in village A (each touching the next), one in village B.
	for (let i = 0; i < 4; i++) {
		const p = await prisma.parcel.create({
			data: {
				code: `1506211012010000${String(i + 1).padStart(3, '0')}`,
				townId: town.id,
				villageId: villageA,
				employerCode: '15062110120100',
				parcelClass: '10',
				landUse: i === 3 ? '043' : '013',
				basicFarmland: true,
				surveyedAreaM2: 9400 + i * 10,
				surveyedAreaMu: (9400 + i * 10) / 666.67,
				east: i === 3 ? '至荒地' : '至邻地',
				west: i === 0 ? '至道路' : '至邻地',
				south: '至林带',
				north: '至水渠',
				surveyorName: '王建军',
				...field(110 + i * 0.001, 40.4),
			},
			select: { id: true },
		})
		ids.push(p.id)
	}
	foreignParcel = (
		await prisma.parcel.create({
			data: { code: '1506211012020000001', townId: town.id, villageId: villageB, employerCode: '15062110120200', surveyedAreaM2: 9000, surveyedAreaMu: 13.5, ...field(110.02, 40.42) },
			select: { id: true },
		})
	).id
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function createFrom(parcelIds: string[], actor = userA) {
	const result = await wf.createListing(actor, { ...LAND, parcelIds })
	if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result)}`)
	return result.id
}

describe('saving a land listing made of parcels', () => {
	it('takes boundary, area, pin and land class from the parcels, not from the form', async () => {
		const id = await createFrom([ids[0], ids[1]])
		const row = await prisma.listing.findUniqueOrThrow({ where: { id }, select: { boundary: true, area: true, areaUnit: true, landClass: true, lat: true, lng: true, priceYuan: true } })
		const boundary = JSON.parse(row.boundary!) as { type: string }
		expect(boundary.type).toBe('Polygon')
		expect(turfArea(boundary as never)).toBeCloseTo(field(110, 40.4).computedAreaM2 * 2, -1)
		expect(row.area).toBeCloseTo((9400 + 9410) / (10000 / 15), 2)
		expect(row.areaUnit).toBe('mu')
		expect(row.landClass).toBe('CROPLAND')
		expect(row.lng).toBeGreaterThan(110)
		expect(row.lng).toBeLessThan(110.002)
		expect(row.lat).toBeGreaterThan(40.4)
		expect(row.priceYuan).toBeCloseTo(500 * row.area, 2)
		const linked = await prisma.listingParcel.findMany({ where: { listingId: id }, select: { parcelId: true } })
		expect(linked.map((l) => l.parcelId).sort()).toEqual([ids[0], ids[1]].sort())
	})

	it('keeps parcels apart as a MultiPolygon, and editing replaces the links', async () => {
		const id = await createFrom([ids[0]])
		const result = await wf.updateListing(userA, id, { ...LAND, parcelIds: [ids[1], ids[2]] })
		expect(result.ok).toBe(true)
		const row = await prisma.listing.findUniqueOrThrow({ where: { id }, select: { boundary: true } })
		expect(JSON.parse(row.boundary!).type).toBe('Polygon')
		const apart = await wf.updateListing(userA, id, { ...LAND, parcelIds: [ids[0], ids[3]] })
		expect(apart.ok).toBe(true)
		const again = await prisma.listing.findUniqueOrThrow({ where: { id }, select: { boundary: true, landClass: true } })
		expect(JSON.parse(again.boundary!).type).toBe('MultiPolygon')
		const linked = await prisma.listingParcel.findMany({ where: { listingId: id }, select: { parcelId: true } })
		expect(linked.map((l) => l.parcelId).sort()).toEqual([ids[0], ids[3]].sort())
	})

	it("refuses another village's parcel, and writes nothing", async () => {
		const before = await prisma.listing.count()
		const result = await wf.createListing(userA, { ...LAND, parcelIds: [ids[0], foreignParcel] })
		expect(result).toMatchObject({ ok: false, field: 'parcelIds', problem: 'parcelNotFound' })
		expect(await prisma.listing.count()).toBe(before)
	})

	it('fills a form sent without JavaScript from the ticked parcels (server side)', async () => {
		const form = new FormData()
		for (const [k, v] of Object.entries({ type: 'LAND', title: LAND.title, description: LAND.description, price: '500', priceUnit: 'YUAN_PER_MU_YEAR', transferMode: 'LEASE' })) form.set(k, v)
		form.append('parcelIds', ids[2])
		const saved = await village.saveListingForm(userB, form)
		// Village B cannot use village A's parcel: the form is refused (nothing filled, nothing written).
		expect(saved.ok).toBe(false)
		const mine = await village.saveListingForm(userA, form)
		expect(mine.ok).toBe(true)
	})
})

describe('a parcel cannot be listed twice at once', () => {
	it('refuses at save, submit and approval, naming the listing that holds it', async () => {
		const first = await createFrom([ids[2]])
		const draft = await createFrom([ids[2]]) // two drafts may both name it
		expect(await wf.submitListing(userA, first)).toEqual({ ok: true })

		const save = await wf.createListing(userA, { ...LAND, parcelIds: [ids[2]] })
		expect(save).toMatchObject({ ok: false, field: 'parcelIds', problem: 'parcelHeld', holders: [{ listingId: first, status: 'SUBMITTED' }] })
		const submit = await wf.submitListing(userA, draft)
		expect(submit).toMatchObject({ ok: false, problem: 'parcelHeld', holders: [{ listingId: first }] })
		expect(parcels.holderHref({ listingId: first, status: 'SUBMITTED' })).toBe(`/village/listings/${first}`)

		const approved = await wf.reviewListing(reviewer, first, 'APPROVE', '同意挂牌')
		expect(approved).toEqual({ ok: true, status: 'PUBLISHED' })
		expect(parcels.holderHref({ listingId: first, status: 'PUBLISHED' })).toBe(`/listings/${first}`)
		// The listing being edited keeps its own parcels.
		expect((await wf.updateListing(userA, draft, { ...LAND, parcelIds: [ids[1]] })).ok).toBe(true)
	})

	it('lets only one of two submitted listings with the same parcel be approved', async () => {
		const a = await createFrom([ids[1]])
		const b = await createFrom([ids[1]])
		// Both submitted as if before the check existed (a race the approval must still catch).
		await prisma.listing.updateMany({ where: { id: { in: [a, b] } }, data: { status: 'SUBMITTED', submittedAt: new Date() } })
		expect(await wf.reviewListing(reviewer, a, 'APPROVE', '同意挂牌')).toEqual({ ok: true, status: 'PUBLISHED' })
		expect(await wf.reviewListing(reviewer, b, 'APPROVE', '同意挂牌')).toMatchObject({ ok: false, problem: 'parcelHeld' })
		expect((await prisma.listing.findUniqueOrThrow({ where: { id: b }, select: { status: true } })).status).toBe('SUBMITTED')
	})

	it('lets one of two simultaneous submissions take the parcel', async () => {
		const a = await createFrom([ids[0]])
		const b = await createFrom([ids[0]])
		const results = await Promise.all([wf.submitListing(userA, a), wf.submitListing(userA, b)])
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		expect(results.filter((r) => !r.ok && r.problem === 'parcelHeld')).toHaveLength(1)
	})

	it('shows the picker which parcels are taken, except by the listing being edited', async () => {
		const all = await parcels.villagePickerParcels(userA.villageId!)
		expect(all).toHaveLength(4)
		expect(all.find((p) => p.id === ids[2])!.heldBy).toMatchObject({ status: 'PUBLISHED' })
		expect(all.some((p) => 'surveyorName' in p)).toBe(false)
		const listed = await parcels.listingParcels((await prisma.listingParcel.findFirstOrThrow({ where: { parcelId: ids[2], listing: { status: 'PUBLISHED' } } })).listingId)
		expect(listed.map((p) => p.code)).toEqual(['1506211012010000003'])
	})
})

describe('the parcels layer read', () => {
	it('returns the outlines meeting the viewport, rounded, capped', async () => {
		const view = await parcels.parcelsInView({ west: 110.0015, south: 40.399, east: 110.0025, north: 40.402 })
		expect(view.features.map((f) => f.properties.code).sort()).toEqual(['1506211012010000002', '1506211012010000003'])
		const ring = (view.features[0].geometry.coordinates as number[][][])[0]
		for (const [x, y] of ring) {
			expect(Math.round(x * 1e6) / 1e6).toBe(x)
			expect(Math.round(y * 1e6) / 1e6).toBe(y)
		}
		const capped = await parcels.parcelsInView({ west: 109.9, south: 40.3, east: 110.1, north: 40.5 }, 2)
		expect(capped.features).toHaveLength(2)
		expect(capped.truncated).toBe(true)
	})
})
