// The village's side of the listing workflow against a real, freshly migrated database and a
// temporary upload directory: create → update → submit (a collective asset only with a valid
// 四议两公开 record); photos (a real PNG kept, a text file named .jpg and an 11 MB file refused);
// another village can touch none of it; the form glue of the village workspace; and the audit
// chain still verifying at the end.
import fs from 'node:fs'
import zlib from 'node:zlib'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DecisionRecord } from '~/domain/democratic-decision.ts'
import type { ListingFormValues } from '~/utils/listing-form.ts'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Workflow = typeof import('~/models/listing-workflow.server.ts')
type Village = typeof import('~/models/village.server.ts')
type Audit = typeof import('~/models/audit.server.ts')
type Photo = typeof import('~/models/photo.server.ts')

let dir: string
let uploads: string
let prisma: Db['prisma']
let wf: Workflow
let village: Village
let audit: Audit
let photo: Photo

type Actor = { id: string; villageId: string | null }
let villageA: string
let villageB: string
let userA: Actor
let userB: Actor

const FARMHOUSE: ListingFormValues = {
	type: 'FARMHOUSE',
	title: '新胜村 临街农家院子出租',
	description: '正房五间，砖混结构，院落宽敞，通水通电。',
	lat: 40.405,
	lng: 110.012,
	area: 420,
	price: 9000,
	priceUnit: 'YUAN_PER_YEAR',
	transferMode: 'LEASE',
	tradingMode: 'NEGOTIATED',
	listingDays: 365,
}
const SQUARE = JSON.stringify({
	type: 'Polygon',
	coordinates: [
		[
			[110.0, 40.4],
			[110.01, 40.4],
			[110.01, 40.41],
			[110.0, 40.41],
			[110.0, 40.4],
		],
	],
})
const day = (s: string) => new Date(`${s}T00:00:00+08:00`)
const VALID_RECORD: DecisionRecord = {
	proposalDate: day('2025-03-01'),
	committeeDate: day('2025-03-05'),
	partyMeetingDate: day('2025-03-10'),
	partyMembersTotal: 30,
	partyMembersPresent: 24,
	partyVotesFor: 20,
	villagersMeetingDate: day('2025-03-15'),
	villagersTotal: 60,
	villagersPresent: 45,
	villagersVotesFor: 40,
	resolutionText: '同意将村集体闲置仓库公开出租，租期五年，租金归村集体所有。',
	resolutionPublicDate: day('2025-03-18'),
}

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'village-workflow-test-'))
	uploads = path.join(dir, 'uploads')
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = uploads
	process.env.SESSION_SECRET = 'village-workflow-test-secret-0123456789abcdef'
	;({ prisma } = await import('~/utils/db.server.ts'))
	wf = await import('~/models/listing-workflow.server.ts')
	village = await import('~/models/village.server.ts')
	audit = await import('~/models/audit.server.ts')
	photo = await import('~/models/photo.server.ts')

	const town = await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })
	const other = await prisma.town.create({ data: { code: 'tb', name: '展旦召苏木', nameEn: 'Zhandanzhao', lat: 40.3, lng: 109.6 } })
	villageA = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId: town.id, lat: 40.41, lng: 110.01 } })).id
	villageB = (await prisma.village.create({ data: { code: 'vb', name: '赛乌素村', nameEn: 'Saiwusu', townId: other.id, lat: 40.31, lng: 109.61 } })).id
	userA = await prisma.user.create({ data: { name: '新胜村村委会', role: 'VILLAGE', villageId: villageA }, select: { id: true, villageId: true } })
	userB = await prisma.user.create({ data: { name: '赛乌素村村委会', role: 'VILLAGE', villageId: villageB }, select: { id: true, villageId: true } })
	await prisma.user.create({ data: { name: '审核人', role: 'REVIEWER', townId: town.id } })
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function create(values: ListingFormValues, actor: Actor = userA) {
	const result = await wf.createListing(actor, values)
	if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result)}`)
	return result.id
}

const png = (w = 64, h = 48) => sharp({ create: { width: w, height: h, channels: 3, background: '#7a5' } }).png().toBuffer()

describe('create, update and submit', () => {
	it('creates a draft in the village (and town) of the user, audited', async () => {
		const id = await create(FARMHOUSE)
		const row = await prisma.listing.findUniqueOrThrow({ where: { id } })
		expect(row).toMatchObject({ status: 'DRAFT', villageId: villageA, areaUnit: 'm2', priceYuan: 9000, createdById: userA.id })
		const entries = await prisma.auditLog.findMany({ where: { entityId: id } })
		expect(entries.map((e) => [e.action, e.fromState, e.toState])).toEqual([['create', null, 'DRAFT']])
	})

	it('updates a draft; land takes its area and pin from the drawn boundary', async () => {
		const id = await create({ ...FARMHOUSE, type: 'LAND', title: '新胜村 水浇地流转', landClass: 'CROPLAND', priceUnit: 'YUAN_PER_MU_YEAR', price: 400, area: 1 })
		const result = await wf.updateListing(userA, id, {
			...FARMHOUSE,
			type: 'LAND',
			title: '新胜村 水浇地经营权流转',
			landClass: 'CROPLAND',
			boundary: SQUARE,
			area: 99999,
			priceUnit: 'YUAN_PER_MU_YEAR',
			price: 400,
		})
		expect(result).toEqual({ ok: true, id })
		const row = await prisma.listing.findUniqueOrThrow({ where: { id } })
		// 0.01° × 0.01° at 40.4° N ≈ 848 m × 1112 m ≈ 1,414 mu: the typed 99999 is ignored.
		expect(row.area).toBeGreaterThan(1380)
		expect(row.area).toBeLessThan(1450)
		expect(row.areaUnit).toBe('mu')
		expect(row.lat).toBeCloseTo(40.405, 5)
		expect(row.lng).toBeCloseTo(110.005, 5)
		expect(row.priceYuan).toBeCloseTo(400 * row.area, 2)
		expect(row.title).toBe('新胜村 水浇地经营权流转')
	})

	it('refuses a self-intersecting boundary', async () => {
		const id = await create({ ...FARMHOUSE, type: 'LAND', landClass: 'GRASSLAND', priceUnit: 'YUAN_PER_MU_YEAR' })
		const bowTie = JSON.stringify({ type: 'Polygon', coordinates: [[[110, 40.4], [110.01, 40.41], [110.01, 40.4], [110, 40.41], [110, 40.4]]] })
		expect(await wf.updateListing(userA, id, { ...FARMHOUSE, type: 'LAND', landClass: 'GRASSLAND', priceUnit: 'YUAN_PER_MU_YEAR', boundary: bowTie })).toEqual({
			ok: false,
			field: 'boundary',
			problem: 'selfIntersecting',
		})
	})

	it('submits a farmhouse: status, time, audit and a notification for the town’s reviewer', async () => {
		const id = await create(FARMHOUSE)
		expect(await wf.submitListing(userA, id)).toEqual({ ok: true })
		const row = await prisma.listing.findUniqueOrThrow({ where: { id } })
		expect(row.status).toBe('SUBMITTED')
		expect(row.submittedAt).not.toBeNull()
		expect(await prisma.auditLog.count({ where: { entityId: id, action: 'submit', fromState: 'DRAFT', toState: 'SUBMITTED', actorId: userA.id } })).toBe(1)
		expect(await prisma.notification.count({ where: { link: `/review/listings/${id}` } })).toBe(1)
		// Submitted: no longer editable, nor submittable again.
		expect(await wf.updateListing(userA, id, FARMHOUSE)).toEqual({ ok: false, field: null, problem: 'notEditable' })
		expect(await wf.submitListing(userA, id)).toEqual({ ok: false, problem: 'notEditable' })
	})

	it('refuses a collective asset without a record, then with an invalid one (saying why), accepts a valid one', async () => {
		const id = await create({ ...FARMHOUSE, type: 'COLLECTIVE_ASSET', title: '新胜村 集体闲置仓库出租', area: 800 })
		expect(await wf.submitListing(userA, id)).toEqual({ ok: false, problem: 'decisionMissing' })

		const invalid: DecisionRecord = { ...VALID_RECORD, committeeDate: day('2025-02-20'), partyMembersPresent: 19, partyVotesFor: 15, villagersPresent: 20, villagersVotesFor: 10, resolutionText: null }
		expect(await wf.saveDecision(userA, id, invalid)).toBe(true)
		const refused = await wf.submitListing(userA, id)
		expect(refused.ok).toBe(false)
		if (refused.ok || refused.problem !== 'decisionInvalid') throw new Error('expected decisionInvalid')
		expect(refused.problems).toEqual(
			expect.arrayContaining([
				{ field: 'committeeDate', code: 'order', params: { previous: 'proposalDate' } },
				{ field: 'partyMembersPresent', code: 'quorum', params: { needed: 20, total: 30 } },
				{ field: 'villagersPresent', code: 'quorum', params: { needed: 40, total: 60 } },
				{ field: 'villagersVotesFor', code: 'majority', params: { needed: 11, present: 20 } },
				{ field: 'resolutionText', code: 'tooShort', params: { min: 10 } },
			]),
		)
		expect((await prisma.listing.findUniqueOrThrow({ where: { id } })).status).toBe('DRAFT')
		// The village's page shows the same problems for the stored record.
		const page = await village.getVillageListing(villageA, id)
		expect(page?.decisionProblems).toEqual(refused.problems)

		expect(await wf.saveDecision(userA, id, VALID_RECORD)).toBe(true)
		expect(await wf.submitListing(userA, id)).toEqual({ ok: true })
		expect((await village.getVillageListing(villageA, id))?.decisionProblems).toEqual([])
		// The record is frozen once submitted.
		expect(await wf.saveDecision(userA, id, invalid)).toBe(false)
	})

	it('withdraws only a published listing, with its reason in the audit log', async () => {
		const id = await create(FARMHOUSE)
		expect(await wf.withdrawListing(userA, id, '房屋另作他用')).toBe(false)
		await prisma.listing.update({ where: { id }, data: { status: 'PUBLISHED' } })
		expect(await wf.withdrawListing(userB, id, '不是我的')).toBe(false)
		expect(await wf.withdrawListing(userA, id, '房屋另作他用')).toBe(true)
		expect((await prisma.listing.findUniqueOrThrow({ where: { id } })).status).toBe('WITHDRAWN')
		expect(await prisma.auditLog.count({ where: { entityId: id, action: 'withdraw', reason: '房屋另作他用' } })).toBe(1)
	})
})

describe('photos', () => {
	it('keeps a real PNG, re-encoded as JPEG with a thumbnail on disk', async () => {
		const id = await create(FARMHOUSE)
		expect(await wf.addPhoto(userA, id, await png(640, 480), '院子正面')).toEqual({ ok: true })
		const rows = await prisma.listingPhoto.findMany({ where: { listingId: id } })
		expect(rows).toHaveLength(1)
		expect(rows[0]).toMatchObject({ caption: '院子正面', width: 640, height: 480 })
		for (const f of [rows[0].file, rows[0].thumbFile]) {
			expect(f).toMatch(/^p-[\w-]+\.jpg$/)
			expect((await sharp(path.join(uploads, f)).metadata()).format).toBe('jpeg')
		}
	})

	it('refuses a text file named .jpg (notAnImage) and an 11 MB file (tooLarge), storing nothing', async () => {
		const id = await create(FARMHOUSE)
		const before = fs.existsSync(uploads) ? fs.readdirSync(uploads).length : 0
		await expect(wf.addPhoto(userA, id, Buffer.from('this is not a JPEG at all'))).rejects.toMatchObject({ problem: 'notAnImage' })
		await expect(wf.addPhoto(userA, id, Buffer.alloc(11 * 1024 * 1024, 0xff))).rejects.toMatchObject({ problem: 'tooLarge' })
		await expect(wf.addPhoto(userA, id, Buffer.alloc(0))).rejects.toBeInstanceOf(photo.PhotoError)
		expect(await prisma.listingPhoto.count({ where: { listingId: id } })).toBe(0)
		expect(fs.existsSync(uploads) ? fs.readdirSync(uploads).length : 0).toBe(before)
	})

	it('refuses a 20000×20000 PNG as too many pixels, not as "not an image", without decoding it', async () => {
		const id = await create(FARMHOUSE)
		// A real PNG header (IHDR) announcing 20000×20000: a few bytes on the wire, 1.6 GB decoded.
		const crc = (buf: Buffer) => {
			let c = ~0
			for (const b of buf) {
				c ^= b
				for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
			}
			return ~c >>> 0
		}
		const chunk = (type: string, data: Buffer) => {
			const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
			const out = Buffer.alloc(8 + data.length + 4)
			out.writeUInt32BE(data.length, 0)
			body.copy(out, 4)
			out.writeUInt32BE(crc(body), 8 + data.length)
			return out
		}
		const ihdr = Buffer.alloc(13)
		ihdr.writeUInt32BE(20000, 0)
		ihdr.writeUInt32BE(20000, 4)
		ihdr.set([8, 2, 0, 0, 0], 8)
		const bomb = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))])
		await expect(wf.addPhoto(userA, id, bomb)).rejects.toMatchObject({ problem: 'tooManyPixels' })
		expect(await prisma.listingPhoto.count({ where: { listingId: id } })).toBe(0)
	})

	it('refuses photos once submitted, and beyond the limit', async () => {
		const id = await create(FARMHOUSE)
		const small = await png(8, 8)
		for (let i = 0; i < photo.MAX_PHOTOS_PER_LISTING; i++) expect(await wf.addPhoto(userA, id, small)).toEqual({ ok: true })
		expect(await wf.addPhoto(userA, id, small)).toEqual({ ok: false, problem: 'tooMany' })
		await wf.submitListing(userA, id)
		expect(await wf.addPhoto(userA, id, small)).toEqual({ ok: false, problem: 'notEditable' })
		const first = await prisma.listingPhoto.findFirstOrThrow({ where: { listingId: id } })
		expect(await wf.deletePhoto(userA, first.id)).toBe(false)
	})

	it('deletes a photo of a draft, with its files', async () => {
		const id = await create(FARMHOUSE)
		await wf.addPhoto(userA, id, await png())
		const p = await prisma.listingPhoto.findFirstOrThrow({ where: { listingId: id } })
		expect(await wf.deletePhoto(userA, p.id)).toBe(true)
		expect(fs.existsSync(path.join(uploads, p.file))).toBe(false)
		expect(fs.existsSync(path.join(uploads, p.thumbFile))).toBe(false)
	})
})

describe('another village', () => {
	it('can neither see, update, submit, decide on nor change the photos of a listing', async () => {
		const id = await create({ ...FARMHOUSE, type: 'COLLECTIVE_ASSET', title: '新胜村 集体门面房出租' })
		await wf.addPhoto(userA, id, await png())
		const p = await prisma.listingPhoto.findFirstOrThrow({ where: { listingId: id } })
		const snapshot = await prisma.listing.findUniqueOrThrow({ where: { id } })

		expect(await village.getVillageListing(villageB, id)).toBeNull()
		expect(await village.villageOwns(villageB, id)).toBe(false)
		expect((await village.villageListings(villageB)).map((l) => l.id)).not.toContain(id)
		expect(await wf.updateListing(userB, id, { ...FARMHOUSE, title: '被别村改掉的标题' })).toEqual({ ok: false, field: null, problem: 'notFound' })
		expect(await wf.submitListing(userB, id)).toEqual({ ok: false, problem: 'notFound' })
		expect(await wf.saveDecision(userB, id, VALID_RECORD)).toBe(false)
		expect(await wf.addPhoto(userB, id, await png())).toEqual({ ok: false, problem: 'notFound' })
		expect(await wf.deletePhoto(userB, p.id)).toBe(false)

		expect(await prisma.listing.findUniqueOrThrow({ where: { id } })).toEqual(snapshot)
		expect(await prisma.listingPhoto.count({ where: { listingId: id } })).toBe(1)
		expect(await prisma.democraticDecision.count({ where: { listingId: id } })).toBe(0)
		expect(await prisma.auditLog.count({ where: { entityId: id, actorId: userB.id } })).toBe(0)
	})

	it('a user without a village has nothing', async () => {
		const nobody = { id: userA.id, villageId: null }
		expect(await wf.createListing(nobody, FARMHOUSE)).toEqual({ ok: false, field: null, problem: 'notFound' })
	})
})

describe('the village workspace’s reads and form glue', () => {
	it('lists only the village’s own listings, counts them per status, and filters by status', async () => {
		const other = await create({ ...FARMHOUSE, title: '赛乌素村 农家院子出租' }, userB)
		const mine = await village.villageListings(villageA)
		expect(mine.length).toBeGreaterThan(3)
		expect(mine.map((l) => l.id)).not.toContain(other)
		const counts = await village.villageStatusCounts(villageA)
		expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(mine.length)
		expect(counts.SUBMITTED).toBeGreaterThan(0)
		const submitted = await village.villageListings(villageA, 'SUBMITTED')
		expect(submitted).toHaveLength(counts.SUBMITTED)
		expect(submitted.every((l) => l.status === 'SUBMITTED')).toBe(true)
		expect(await village.getVillageListing(villageA, "x' OR 1=1 --")).toBeNull()
	})

	it('shows the reviewer’s opinions newest first', async () => {
		const id = await create(FARMHOUSE)
		const reviewer = await prisma.user.findFirstOrThrow({ where: { role: 'REVIEWER' } })
		await prisma.review.create({ data: { kind: 'LISTING', listingId: id, reviewerId: reviewer.id, decision: 'RETURN', opinion: '请补充房屋照片', createdAt: new Date('2026-01-01T00:00:00Z') } })
		await prisma.review.create({ data: { kind: 'LISTING', listingId: id, reviewerId: reviewer.id, decision: 'APPROVE', opinion: '同意挂牌', createdAt: new Date('2026-02-01T00:00:00Z') } })
		const page = await village.getVillageListing(villageA, id)
		expect(page?.reviews.map((r) => r.opinion)).toEqual(['同意挂牌', '请补充房屋照片'])
		expect(page?.reviews[0].reviewer.name).toBe('审核人')
	})

	const form = (fields: Record<string, string>) => {
		const fd = new FormData()
		for (const [k, v] of Object.entries(fields)) fd.set(k, v)
		return fd
	}
	const landFields = {
		type: 'LAND',
		title: '新胜村 无脚本土地挂牌',
		description: '没有 JavaScript 时粘贴 GeoJSON 边界也能挂牌。',
		landClass: 'GRASSLAND',
		price: '60',
		priceUnit: 'YUAN_PER_MU_YEAR',
		transferMode: 'LEASE',
		listingDays: '365',
	}

	it('saves land from a pasted boundary alone: area and pin follow from it', async () => {
		const result = await village.saveListingForm(userA, form({ ...landFields, boundary: SQUARE, lat: '', lng: '', area: '' }))
		expect(result.ok).toBe(true)
		if (!result.ok) return
		const row = await prisma.listing.findUniqueOrThrow({ where: { id: result.id } })
		expect(row).toMatchObject({ villageId: villageA, type: 'LAND', status: 'DRAFT', landClass: 'GRASSLAND' })
		expect(row.area).toBeGreaterThan(1380)
		expect(row.lat).toBeCloseTo(40.405, 5)
	})

	it('reports every problem at once, a bad boundary instead of the pin and area it would give', async () => {
		const bowTie = JSON.stringify({ type: 'Polygon', coordinates: [[[110, 40.4], [110.01, 40.41], [110.01, 40.4], [110, 40.41], [110, 40.4]]] })
		const before = await prisma.listing.count()
		const result = await village.saveListingForm(userA, form({ ...landFields, title: '', landClass: '', transferMode: 'LEASE', boundary: bowTie }))
		expect(result.ok).toBe(false)
		if (result.ok) return
		expect(result.status).toBe(400)
		expect(result.reply.error).toMatchObject({ title: ['required'], landClass: ['required'], boundary: ['selfIntersecting'] })
		expect(result.reply.error).not.toHaveProperty('lat')
		expect(result.reply.error).not.toHaveProperty('area')
		// A farmhouse cannot be transferred (sold): its homestead never goes to outsiders.
		const farm = await village.saveListingForm(userA, form({ ...landFields, type: 'FARMHOUSE', lat: '40.4', lng: '110', area: '300', priceUnit: 'YUAN_PER_YEAR', transferMode: 'TRANSFER', landClass: '' }))
		expect(farm.ok).toBe(false)
		if (!farm.ok) expect(farm.reply.error).toMatchObject({ transferMode: ['modeNotAllowed'] })
		// Script tags and 100 KB strings are refused, not stored.
		const long = await village.saveListingForm(userA, form({ ...landFields, boundary: SQUARE, title: '<script>alert(1)</script>'.repeat(4000) }))
		expect(long.ok).toBe(false)
		if (!long.ok) expect(long.reply.error).toMatchObject({ title: ['tooLong'] })
		expect(await prisma.listing.count()).toBe(before)
	})

	it('edits only the village’s own editable listings; another village’s is a 404', async () => {
		const id = await create(FARMHOUSE)
		const fields = { ...landFields, type: 'FARMHOUSE', lat: '40.41', lng: '110.02', area: '500', priceUnit: 'YUAN_PER_YEAR', landClass: '', title: '改过的农家院子标题' }
		expect(await village.saveListingForm(userA, form(fields), id)).toEqual({ ok: true, id })
		await expect(village.saveListingForm(userB, form(fields), id)).rejects.toMatchObject({ status: 404 })
		await wf.submitListing(userA, id)
		const locked = await village.saveListingForm(userA, form(fields), id)
		expect(locked.ok).toBe(false)
		if (!locked.ok) expect(locked.reply.error).toMatchObject({ '': ['notEditable'] })
	})
})

describe('the photo upload route', () => {
	async function authedRequest(body: FormData | null, headers: Record<string, string> = {}) {
		const { sessionStorage } = await import('~/utils/session.server.ts')
		const { commitCSRFToken } = await import('~/utils/csrf.server.ts')
		const s = await prisma.session.create({ data: { userId: userA.id, expirationDate: new Date(Date.now() + 3600_000) } })
		const session = await sessionStorage.getSession()
		session.set('sessionId', s.id)
		const sessionCookie = (await sessionStorage.commitSession(session)).split(';')[0]
		const [token, csrfCookie] = await commitCSRFToken(new Request('http://localhost/'))
		body?.set('csrf', token)
		return { headers: { Cookie: `${sessionCookie}; ${String(csrfCookie).split(';')[0]}`, ...headers }, body }
	}
	const call = async (id: string, req: { headers: Record<string, string>; body: BodyInit | null }) => {
		const { action } = await import('~/routes/village.listings.$id.photos.tsx')
		const request = new Request(`http://localhost/village/listings/${id}/photos`, { method: 'POST', headers: req.headers, body: req.body })
		try {
			return await action({ request, params: { id }, context: {} })
		} catch (thrown) {
			if (thrown instanceof Response) return thrown
			throw thrown
		}
	}

	it('answers JSON for the browser’s upload, a redirect with the outcome for a plain form', async () => {
		const id = await create(FARMHOUSE)
		const fd = new FormData()
		fd.set('photo', new File([await png()], 'yard.png', { type: 'image/png' }))
		const ok = await call(id, await authedRequest(fd, { Accept: 'application/json' }))
		expect(ok.status).toBe(200)
		expect(await ok.json()).toEqual({ ok: true })

		const fake = new FormData()
		fake.set('photo', new File(['plain text'], 'photo.jpg', { type: 'image/jpeg' }))
		const refused = await call(id, await authedRequest(fake))
		expect(refused.status).toBe(302)
		expect(refused.headers.get('Location')).toBe(`/village/listings/${id}?photo=notAnImage#photos`)
		expect(await prisma.listingPhoto.count({ where: { listingId: id } })).toBe(1)
	})

	it('refuses an 11 MB part with a clear answer, not a 500', async () => {
		const id = await create(FARMHOUSE)
		const fd = new FormData()
		fd.set('photo', new File([Buffer.alloc(11 * 1024 * 1024, 7)], 'huge.jpg', { type: 'image/jpeg' }))
		const req = await authedRequest(fd, { Accept: 'application/json' })
		// Sent without a Content-Length, so the part limit (not the length check) must catch it.
		const res = await call(id, req)
		expect(res.status).toBe(413)
		expect(await res.json()).toEqual({ ok: false, problem: 'tooLarge' })
		expect(await prisma.listingPhoto.count({ where: { listingId: id } })).toBe(0)
	})

	it('is a 404 for another village’s listing and without a valid CSRF token a 403', async () => {
		const theirs = await create(FARMHOUSE, userB)
		const fd = new FormData()
		fd.set('photo', new File([await png()], 'a.png', { type: 'image/png' }))
		expect((await call(theirs, await authedRequest(fd, { Accept: 'application/json' }))).status).toBe(404)
		const mine = await create(FARMHOUSE)
		const req = await authedRequest(fd, { Accept: 'application/json' })
		req.body!.set('csrf', 'forged')
		expect((await call(mine, req)).status).toBe(403)
		expect(await prisma.listingPhoto.count({ where: { listingId: { in: [theirs, mine] } } })).toBe(0)
	})
})

describe('audit', () => {
	it('every change above is in an intact hash chain', async () => {
		const report = await audit.verifyAuditChain(prisma)
		expect(report.ok).toBe(true)
		expect(report.count).toBeGreaterThan(20)
		const actions = new Set((await prisma.auditLog.findMany({ select: { action: true } })).map((a) => a.action))
		for (const a of ['create', 'edit', 'submit', 'decision-record', 'withdraw']) expect(actions).toContain(a)
	})
})
