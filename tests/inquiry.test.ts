// Inquiries against a real, freshly migrated database, through the routes' own loaders and
// actions (session cookie + CSRF token, as a browser sends them): a buyer inquires, the village of
// another listing cannot answer it, the listing's village does, the buyer sees the answer; a second
// open inquiry is refused; bad input writes nothing; user text is stored as typed and rendered as text.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import i18next from 'i18next'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { StaticRouter } from 'react-router-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'
import { routeCaller, type Handler } from './helpers/route-call.ts'

type Db = typeof import('~/utils/db.server.ts')
type Model = typeof import('~/models/inquiry.server.ts')

let dir: string
let prisma: Db['prisma']
let model: Model
let inquire: { loader: Handler; action: Handler }
let me: { loader: Handler; action: Handler }
let villageRoute: { loader: Handler; action: Handler }

type User = { id: string; name: string; villageId: string | null; role: string }
let buyer: User
let otherBuyer: User
let villageUserA: User
let villageUserA2: User
let villageUserB: User
let listingA: string
let listingA2: string
let listingB: string
let draftA: string

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inquiry-test-'))
	const url = await createTestDatabase(dir)
	process.env.DATABASE_URL = url
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	process.env.SESSION_SECRET = 'inquiry-test-secret-0123456789abcdef0123456789'
	;({ prisma } = await import('~/utils/db.server.ts'))
	model = await import('~/models/inquiry.server.ts')
	inquire = (await import('~/routes/listings.$id_.inquire.tsx')) as unknown as typeof inquire
	me = (await import('~/routes/me.tsx')) as unknown as typeof me
	villageRoute = (await import('~/routes/village.inquiries.tsx')) as unknown as typeof villageRoute

	const town = await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })
	const va = await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId: town.id, lat: 40.41, lng: 110.01 } })
	const vb = await prisma.village.create({ data: { code: 'vb', name: '赛乌素村', nameEn: 'Saiwusu', townId: town.id, lat: 40.31, lng: 109.61 } })
	const select = { id: true, name: true, villageId: true, role: true } as const
	buyer = await prisma.user.create({ data: { name: '刘志远', role: 'BUYER', email: 'buyer@test.local', phone: '13800000001' }, select })
	otherBuyer = await prisma.user.create({ data: { name: '张丽华', role: 'BUYER', email: 'other@test.local' }, select })
	villageUserA = await prisma.user.create({ data: { name: '新胜村民委员会', role: 'VILLAGE', villageId: va.id }, select })
	villageUserA2 = await prisma.user.create({ data: { name: '新胜村会计', role: 'VILLAGE', villageId: va.id }, select })
	villageUserB = await prisma.user.create({ data: { name: '赛乌素村民委员会', role: 'VILLAGE', villageId: vb.id }, select })
	const listing = async (villageId: string, status: string, title: string) =>
		(
			await prisma.listing.create({
				data: {
					type: 'FARMHOUSE',
					status,
					title,
					description: '院子三间。',
					townId: town.id,
					villageId,
					lat: 40.405,
					lng: 110.005,
					area: 320,
					areaUnit: 'm2',
					price: 12000,
					priceUnit: 'YUAN_PER_YEAR',
					priceYuan: 12000,
					transferMode: 'LEASE',
				},
				select: { id: true },
			})
		).id
	listingA = await listing(va.id, 'PUBLISHED', '新胜村 农家院子出租')
	listingA2 = await listing(va.id, 'PUBLISHED', '新胜村 另一处院子')
	listingB = await listing(vb.id, 'PUBLISHED', '赛乌素村 农家院子出租')
	draftA = await listing(va.id, 'DRAFT', '新胜村 草稿')
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const { call } = routeCaller(() => prisma)

const good = { intent: 'inquire', intendedUse: '开办农家乐', termYears: '10', offeredPrice: '11000', message: '想周末去看看院子，水电情况如何？', contact: '138-0000-0001' }
const send = (user: User | null, listingId: string, form: Record<string, string>, opts?: { forgeCsrf?: boolean }) =>
	call(inquire.action, user, `/listings/${listingId}/inquire`, { id: listingId }, form, opts)

async function counts() {
	const [inquiries, replies, audit, notifications] = await Promise.all([prisma.inquiry.count(), prisma.inquiryReply.count(), prisma.auditLog.count(), prisma.notification.count()])
	return { inquiries, replies, audit, notifications }
}

describe('an inquiry from a buyer to the village and back', () => {
	let id: string

	it('is created OPEN with its audit entry, and the listing’s village users are notified', async () => {
		const res = await send(buyer, listingA, good)
		expect(res.status).toBe(302)
		const inquiry = await prisma.inquiry.findFirstOrThrow({ where: { buyerId: buyer.id, listingId: listingA } })
		id = inquiry.id
		expect(res.headers.get('Location')).toBe(`/me?sent=${id}#inquiry-${id}`)
		expect(inquiry).toMatchObject({ status: 'OPEN', intendedUse: '开办农家乐', termYears: 10, offeredPrice: 11000, contact: '138-0000-0001' })
		expect(await prisma.auditLog.findMany({ where: { entityType: 'INQUIRY', entityId: id }, select: { actorId: true, action: true, fromState: true, toState: true } })).toEqual([
			{ actorId: buyer.id, action: 'create', fromState: null, toState: 'OPEN' },
		])
		const notified = await prisma.notification.findMany({ where: { kind: 'inquiry-created' }, select: { userId: true, link: true, params: true, title: true, body: true } })
		expect(notified.map((n) => n.userId).sort()).toEqual([villageUserA.id, villageUserA2.id].sort())
		expect(notified[0]).toMatchObject({ link: '/village/inquiries', title: null, body: null })
		// Stored as data, rendered in the reader's language when read (009).
		expect(JSON.parse(notified[0].params!)).toEqual({ listingId: listingA, listing: '新胜村 农家院子出租', buyer: '刘志远' })
	})

	it('cannot be answered or closed by the village of another listing', async () => {
		const before = await counts()
		expect(await model.replyToInquiry(villageUserB, id, '我们来答复')).toBe('notFound')
		expect(await model.closeInquiry(villageUserB, id)).toBe('notFound')
		expect((await call(villageRoute.action, villageUserB, '/village/inquiries', {}, { intent: 'reply', id, body: '越权答复' })).status).toBe(404)
		expect((await call(villageRoute.action, villageUserB, '/village/inquiries', {}, { intent: 'close', id })).status).toBe(404)
		// Nor is it in their list.
		const list = await (await call(villageRoute.loader, villageUserB, '/village/inquiries')).json()
		expect(list.inquiries).toEqual([])
		expect(await counts()).toEqual(before)
		expect((await prisma.inquiry.findUniqueOrThrow({ where: { id } })).status).toBe('OPEN')
	})

	it('shows the listing’s village the inquirer’s name and contact, open ones first', async () => {
		const res = await call(villageRoute.loader, villageUserA, '/village/inquiries')
		const data = await res.json()
		expect(data.inquiries[0]).toMatchObject({ id, status: 'OPEN', contact: '138-0000-0001', buyer: { name: '刘志远' } })
		expect(data.counts).toMatchObject({ OPEN: 1, REPLIED: 0, CLOSED: 0 })
	})

	it('is answered by the listing’s village: REPLIED, audited, the buyer notified and shown the reply', async () => {
		const empty = await call(villageRoute.action, villageUserA, '/village/inquiries', {}, { intent: 'reply', id, body: ' ' })
		expect(empty.status).toBe(400)
		expect(await prisma.inquiryReply.count()).toBe(0)

		const res = await call(villageRoute.action, villageUserA, '/village/inquiries', {}, { intent: 'reply', id, body: '欢迎周六上午来看，水电齐全。' })
		expect(res.status).toBe(302)
		expect(res.headers.get('Location')).toBe(`/village/inquiries?done=replied#inquiry-${id}`)
		expect((await prisma.inquiry.findUniqueOrThrow({ where: { id } })).status).toBe('REPLIED')
		expect(await prisma.auditLog.findFirst({ where: { entityId: id, action: 'reply' }, select: { actorId: true, fromState: true, toState: true } })).toEqual({
			actorId: villageUserA.id,
			fromState: 'OPEN',
			toState: 'REPLIED',
		})
		const note = await prisma.notification.findFirstOrThrow({ where: { userId: buyer.id, kind: 'inquiry-replied' } })
		expect(note).toMatchObject({ link: '/me', readAt: null })

		const page = await (await call(me.loader, buyer, '/me')).json()
		expect(page.inquiries).toHaveLength(1)
		expect(page.inquiries[0]).toMatchObject({ id, status: 'REPLIED', replies: [{ body: '欢迎周六上午来看，水电齐全。' }] })
		const one = await (await call(me.loader, buyer, `/me?inquiry=${id}`)).json()
		expect(one.inquiries.map((i: { id: string }) => i.id)).toEqual([id])
	})

	it('is the buyer’s alone: another buyer gets a 404 and sees nothing of it', async () => {
		expect((await call(me.loader, otherBuyer, `/me?inquiry=${id}`)).status).toBe(404)
		expect((await call(me.loader, otherBuyer, '/me?inquiry=<script>')).status).toBe(404)
		expect((await (await call(me.loader, otherBuyer, '/me')).json()).inquiries).toEqual([])
		expect((await call(me.action, otherBuyer, '/me', {}, { intent: 'withdraw', id })).status).toBe(404)
		expect((await prisma.inquiry.findUniqueOrThrow({ where: { id } })).status).toBe('REPLIED')
	})

	it('is closed by the village, after which it cannot be answered', async () => {
		const res = await call(villageRoute.action, villageUserA, '/village/inquiries', {}, { intent: 'close', id })
		expect(res.status).toBe(302)
		expect((await prisma.inquiry.findUniqueOrThrow({ where: { id } })).status).toBe('CLOSED')
		expect(await prisma.auditLog.count({ where: { entityId: id, action: 'close', fromState: 'REPLIED', toState: 'CLOSED' } })).toBe(1)
		const late = await call(villageRoute.action, villageUserA, '/village/inquiries', {}, { intent: 'reply', id, body: '补充一句' })
		expect(late.status).toBe(409)
		expect(await prisma.inquiryReply.count({ where: { inquiryId: id } })).toBe(1)
	})
})

describe('one open inquiry per buyer and listing', () => {
	it('refuses a second while the first is open, shows the first instead, and allows one after it is withdrawn', async () => {
		expect((await send(buyer, listingA2, good)).status).toBe(302)
		const first = await prisma.inquiry.findFirstOrThrow({ where: { buyerId: buyer.id, listingId: listingA2 } })
		const before = await counts()
		const again = await send(buyer, listingA2, { ...good, message: '再问一次' })
		expect(again.status).toBe(409)
		expect((await again.json()).error).toMatchObject({ '': ['duplicate'] })
		expect(await counts()).toEqual(before)
		const form = await (await call(inquire.loader, buyer, `/listings/${listingA2}/inquire`, { id: listingA2 })).json()
		expect(form.existing).toMatchObject({ id: first.id })
		// The listing page shows the buyer their inquiry (and nobody else's).
		expect(await model.myActiveInquiry({ id: buyer.id, role: 'BUYER' }, listingA2)).toMatchObject({ id: first.id, status: 'OPEN' })
		expect(await model.myActiveInquiry({ id: otherBuyer.id, role: 'BUYER' }, listingA2)).toBeNull()
		expect(await model.myActiveInquiry(null, listingA2)).toBeNull()
		expect(await model.myActiveInquiry({ id: buyer.id, role: 'BUYER' }, listingA)).toBeNull()
		// Another buyer is not affected.
		expect((await send(otherBuyer, listingA2, good)).status).toBe(302)

		expect((await call(me.action, buyer, '/me', {}, { intent: 'withdraw', id: first.id })).status).toBe(302)
		expect(await prisma.auditLog.count({ where: { entityId: first.id, action: 'withdraw', fromState: 'OPEN', toState: 'CLOSED' } })).toBe(1)
		expect(await model.myActiveInquiry({ id: buyer.id, role: 'BUYER' }, listingA2)).toBeNull()
		expect((await call(inquire.loader, buyer, `/listings/${listingA2}/inquire`, { id: listingA2 })).status).toBe(200)
		expect((await send(buyer, listingA2, good)).status).toBe(302)
	})

	it('lets only one of two identical submissions at the same moment through', async () => {
		const [a, b] = await Promise.all([send(otherBuyer, listingB, good), send(otherBuyer, listingB, good)])
		expect([a.status, b.status].sort()).toEqual([302, 409])
		expect(await prisma.inquiry.count({ where: { buyerId: otherBuyer.id, listingId: listingB } })).toBe(1)
	})
})

describe('who may inquire, and on what', () => {
	it('sends the anonymous to log in and back, refuses other roles, and only published listings', async () => {
		const anon = await call(inquire.loader, null, `/listings/${listingA}/inquire`, { id: listingA })
		expect(anon.status).toBe(302)
		expect(anon.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(`/listings/${listingA}/inquire`)}`)
		expect((await send(null, listingA, good)).status).toBe(302)
		expect((await call(inquire.loader, villageUserA, `/listings/${listingA}/inquire`, { id: listingA })).status).toBe(403)
		expect((await call(inquire.loader, buyer, `/listings/${draftA}/inquire`, { id: draftA })).status).toBe(404)
		expect((await call(inquire.loader, buyer, '/listings/nope/inquire', { id: 'no such id' })).status).toBe(404)
		const before = await counts()
		expect((await send(villageUserA, listingB, good)).status).toBe(403)
		expect((await send(buyer, draftA, good)).status).toBe(404)
		expect((await send(buyer, listingB, good, { forgeCsrf: true })).status).toBe(403)
		expect(await counts()).toEqual(before)
	})

	it('keeps the village pages to village accounts', async () => {
		expect((await call(villageRoute.loader, null, '/village/inquiries')).status).toBe(302)
		expect((await call(villageRoute.loader, buyer, '/village/inquiries')).status).toBe(403)
		expect((await call(villageRoute.action, buyer, '/village/inquiries', {}, { intent: 'reply', id: 'x', body: '你好你好' })).status).toBe(403)
		expect((await call(me.loader, null, '/me')).status).toBe(302)
	})
})

describe('bad input', () => {
	const errorsOf = async (res: Response) => ((await res.json()) as { error: Record<string, string[]> }).error

	it('writes nothing for a 100 KB message, a negative price, bad numbers, a bad contact or missing fields', async () => {
		const before = await counts()
		const huge = await send(buyer, listingB, { ...good, message: '长'.repeat(100 * 1024) })
		expect(huge.status).toBe(400)
		expect(await errorsOf(huge)).toMatchObject({ message: ['tooLong'] })

		const negative = await send(buyer, listingB, { ...good, offeredPrice: '-5' })
		expect(await errorsOf(negative)).toMatchObject({ offeredPrice: ['positive'] })
		expect(await errorsOf(await send(buyer, listingB, { ...good, offeredPrice: '2e9' }))).toMatchObject({ offeredPrice: ['tooBig'] })
		expect(await errorsOf(await send(buyer, listingB, { ...good, offeredPrice: 'abc' }))).toMatchObject({ offeredPrice: ['number'] })
		expect(await errorsOf(await send(buyer, listingB, { ...good, termYears: '71' }))).toMatchObject({ termYears: ['tooBig'] })
		expect(await errorsOf(await send(buyer, listingB, { ...good, termYears: '2.5' }))).toMatchObject({ termYears: ['integer'] })
		expect(await errorsOf(await send(buyer, listingB, { ...good, contact: 'call me maybe' }))).toMatchObject({ contact: ['contact'] })
		expect(await errorsOf(await send(buyer, listingB, { ...good, contact: '<b>@x' }))).toMatchObject({ contact: ['contact'] })

		const missing = await send(buyer, listingB, { intent: 'inquire' })
		expect(missing.status).toBe(400)
		expect(await errorsOf(missing)).toMatchObject({ intendedUse: ['required'], message: ['required'], contact: ['required'] })
		expect(await errorsOf(await send(buyer, listingB, { ...good, intendedUse: ' x ' }))).toMatchObject({ intendedUse: ['tooShort'] })
		expect(await counts()).toEqual(before)
	})

	it('stores script tags as the text typed and renders them escaped', async () => {
		const script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
		expect((await send(buyer, listingB, { ...good, intendedUse: `仓储 ${script}`, message: `留言 ${script}`, termYears: '', offeredPrice: '' })).status).toBe(302)
		const stored = await prisma.inquiry.findFirstOrThrow({ where: { buyerId: buyer.id, listingId: listingB }, include: { buyer: { select: { name: true } }, listing: { select: { id: true, title: true } } } })
		expect(stored).toMatchObject({ message: `留言 ${script}`, termYears: null, offeredPrice: null })
		expect(await model.replyToInquiry(villageUserB, stored.id, `答复 ${script}`)).toBe('ok')
		const replies = await prisma.inquiryReply.findMany({ where: { inquiryId: stored.id }, select: { id: true, body: true, createdAt: true } })
		expect(replies[0].body).toBe(`答复 ${script}`)

		const { InquiryDetails } = await import('~/routes/village.inquiries.tsx')
		const { resources } = await import('~/i18n.ts')
		const i18n = i18next.createInstance()
		await i18n.use(initReactI18next).init({ lng: 'zh', resources, defaultNS: 'common', interpolation: { escapeValue: false } })
		const html = renderToStaticMarkup(
			createElement(
				I18nextProvider,
				{ i18n },
				createElement(StaticRouter, { location: '/village/inquiries' }, createElement(InquiryDetails, { inquiry: { ...stored, replies }, locale: 'zh' })),
			),
		)
		expect(html).toContain('留言 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;')
		expect(html).toContain('答复 &lt;script&gt;')
		expect(html).not.toContain('<script')
		expect(html).not.toContain('<img')
		expect(html).toContain('刘志远')
	})
})

describe('the buyer’s deals', () => {
	it('are the deals where they are the buyer, with the certificate only once completed', async () => {
		const base = { price: 12000, priceUnit: 'YUAN_PER_YEAR', totalValueYuan: 120000, area: 320, areaUnit: 'm2', transferMode: 'LEASE', tradingMode: 'NEGOTIATED', contractDate: new Date('2026-05-01T00:00:00Z') }
		await prisma.deal.create({ data: { ...base, listingId: listingA, buyerId: buyer.id, status: 'COMPLETED', certificateNo: 'DLT-2026-000001', verifyCode: 'V1' } })
		await prisma.deal.create({ data: { ...base, listingId: listingA2, buyerId: buyer.id, status: 'IN_NOTICE', noticeEndsAt: new Date(Date.now() + 3 * 86400_000) } })
		await prisma.deal.create({ data: { ...base, listingId: listingB, buyerId: otherBuyer.id, status: 'COMPLETED', certificateNo: 'DLT-2026-000002', verifyCode: 'V2' } })
		const page = await (await call(me.loader, buyer, '/me')).json()
		expect(page.deals).toHaveLength(2)
		const byStatus = Object.fromEntries(page.deals.map((d: { status: string }) => [d.status, d]))
		expect(byStatus.COMPLETED).toMatchObject({ certificateNo: 'DLT-2026-000001' })
		expect(byStatus.IN_NOTICE).toMatchObject({ certificateNo: null, noticeDaysLeft: 3 })
		expect(JSON.stringify(page.deals)).not.toContain('V1')
	})
})

describe('audit', () => {
	it('every change above is in an intact hash chain', async () => {
		const { verifyAuditChain } = await import('~/models/audit.server.ts')
		expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true })
		const actions = new Set((await prisma.auditLog.findMany({ where: { entityType: 'INQUIRY' }, select: { action: true } })).map((a) => a.action))
		expect([...actions].sort()).toEqual(['close', 'create', 'reply', 'withdraw'])
	})
})
