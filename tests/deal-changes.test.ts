// A certified deal's changes, early end and disputes (issue 12, decision 033) against a real
// migrated database (both engines): who may file what, what a filing must hold (refused with
// nothing written), what an approval does to the terms and the rent still to be paid, the deal's
// standing on its public page, the early-warning page, and who may read the documents.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'
import { unzip } from './helpers/zip.ts'

let dir: string
let prisma: (typeof import('~/utils/db.server.ts'))['prisma']
let deal: typeof import('~/models/deal.server.ts')
let changes: typeof import('~/models/deal-change.server.ts')
let rent: typeof import('~/models/rent.server.ts')
let warnings: typeof import('~/models/warnings.server.ts')
let dossier: typeof import('~/models/dossier.server.ts')

type Actor = { id: string; role: string; townId: string | null; villageId: string | null }
let village: Actor
let otherVillage: Actor
let reviewer: Actor
let otherReviewer: Actor
let admin: Actor
let buyer: Actor
let townId: string
const DAY = 24 * 3600_000
const NOW = new Date('2026-11-20T02:00:00Z')
const at = (days: number) => new Date(NOW.getTime() + days * DAY)
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const doc = (name = '补充协议.pdf', bytes = PDF) => ({ name, bytes })
const reason = '双方协商一致，签订补充协议。'
const none = { price: null, area: null, termYears: null }

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deal-changes-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	deal = await import('~/models/deal.server.ts')
	changes = await import('~/models/deal-change.server.ts')
	rent = await import('~/models/rent.server.ts')
	warnings = await import('~/models/warnings.server.ts')
	dossier = await import('~/models/dossier.server.ts')
	townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	const otherTown = (await prisma.town.create({ data: { code: 'tb', name: '展旦召苏木', nameEn: 'Zhandanzhao', lat: 40.3, lng: 109.6 } })).id
	const villageId = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId, lat: 40.41, lng: 110.01 } })).id
	const otherVillageId = (await prisma.village.create({ data: { code: 'vb', name: '柳林村', nameEn: 'Liulin', townId, lat: 40.42, lng: 110.02 } })).id
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) => prisma.user.create({ data: { name, role, ...place }, select: { id: true, role: true, townId: true, villageId: true } })
	village = await user('新胜村村委会', 'VILLAGE', { villageId })
	otherVillage = await user('柳林村村委会', 'VILLAGE', { villageId: otherVillageId })
	reviewer = await user('审核人', 'REVIEWER', { townId })
	otherReviewer = await user('别镇审核人', 'REVIEWER', { townId: otherTown })
	admin = await user('管理员', 'ADMIN')
	buyer = await user('王建明', 'BUYER')
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** A 3-year land lease of 12.5 mu at 400 yuan/mu·year, certified, its first year's rent paid. */
async function certifiedLease() {
	const { id: villageId } = await prisma.village.findFirstOrThrow({ where: { code: 'va' }, select: { id: true } })
	const listing = await prisma.listing.create({
		data: { type: 'LAND', status: 'PUBLISHED', title: '北滩水浇地', description: '灌溉便利。', townId, villageId, lat: 40.405, lng: 110.005, area: 12.5, areaUnit: 'mu', landClass: 'CROPLAND', price: 400, priceUnit: 'YUAN_PER_MU_YEAR', priceYuan: 5000, transferMode: 'LEASE', termYears: 3, createdById: village.id, publishedAt: at(-30) },
		select: { id: true },
	})
	const inquiry = await prisma.inquiry.create({ data: { listingId: listing.id, buyerId: buyer.id, intendedUse: '种植玉米', message: '。', contact: '13800000000', createdAt: at(-10) }, select: { id: true } })
	const r = await deal.recordDeal(village, listing.id, { buyer: { kind: 'inquiry', inquiryId: inquiry.id }, price: 400, priceUnit: 'YUAN_PER_MU_YEAR', termYears: 3, transferMode: 'LEASE', contractDate: new Date('2026-11-20T00:00:00+08:00') }, PDF, NOW)
	if (!r.ok) throw new Error(r.problem)
	expect(await deal.reviewDeal(reviewer, r.id, 'APPROVE', '同意公示。', NOW, 7)).toMatchObject({ ok: true })
	await deal.promoteEndedNotices(at(8))
	const certified = await deal.certifyDeal(admin, r.id, null, at(9))
	if (!certified.ok) throw new Error(certified.problem)
	const first = await prisma.rentPayment.findFirstOrThrow({ where: { dealId: r.id, seq: 1 }, select: { id: true } })
	expect(await rent.markRentPaid(village, first.id, 5000, '2026-11-30', at(10))).toEqual({ ok: true })
	return r.id
}

const schedule = (dealId: string) => prisma.rentPayment.findMany({ where: { dealId }, orderBy: { seq: 'asc' }, select: { seq: true, amount: true, paidAt: true } })

describe('a certified deal’s early end', { timeout: 60_000 }, () => {
	it('is refused with the reason and nothing written; once approved, the deal ends and the rent due after it goes', async () => {
		const id = await certifiedLease()
		const file = (user: Actor, input: Partial<Parameters<typeof changes.fileChange>[2]>) =>
			changes.fileChange(user, id, { kind: 'TERMINATION', reason, terms: none, effectiveOn: '2027-06-01', documents: [doc()], ...input }, at(20))
		expect(await file(buyer, {})).toEqual({ ok: false, problem: 'notAllowed' })
		expect(await file(otherVillage, {})).toEqual({ ok: false, problem: 'notFound' })
		expect(await file(village, { documents: [] })).toEqual({ ok: false, problem: 'documentMissing', field: 'documents' })
		expect(await file(village, { documents: [doc('a.txt', new TextEncoder().encode('not a scan'))] })).toEqual({ ok: false, problem: 'contractType', field: 'documents' })
		expect(await file(village, { effectiveOn: '2026-01-01' })).toEqual({ ok: false, problem: 'effectiveOn', field: 'effectiveOn' })
		expect(await file(village, { effectiveOn: '2030-01-01' })).toEqual({ ok: false, problem: 'effectiveOn', field: 'effectiveOn' })
		expect(await prisma.dealChange.count({ where: { dealId: id } })).toBe(0)
		// Nothing left behind by the refused files either.
		const files = () => fs.readdirSync(path.join(dir, 'uploads/private')).filter((f) => f.startsWith('d-') || f.startsWith('.d-'))
		expect(files()).toEqual([])

		const filed = await file(village, {})
		if (!filed.ok) throw new Error(filed.problem)
		expect(await file(village, {})).toEqual({ ok: false, problem: 'pending' })
		expect(files()).toHaveLength(1)
		// The town's reviewers hear of it.
		expect(await prisma.notification.count({ where: { userId: reviewer.id, kind: 'deal-change-filed' } })).toBe(1)

		expect(await changes.decideChange(otherReviewer, filed.id, 'APPROVED', '同意。', at(21))).toEqual({ ok: false, problem: 'notFound' })
		expect(await changes.decideChange(village, filed.id, 'APPROVED', '同意。', at(21))).toEqual({ ok: false, problem: 'notFound' })
		// Two decisions at once: one is kept.
		const both = await Promise.all([changes.decideChange(reviewer, filed.id, 'APPROVED', '经核实，同意解除。', at(21)), changes.decideChange(reviewer, filed.id, 'APPROVED', '同意。', at(21))])
		expect(both.filter((r) => r.ok)).toHaveLength(1)
		expect(both.filter((r) => !r.ok)).toEqual([{ ok: false, problem: 'decided' }])
		expect((await prisma.deal.findUniqueOrThrow({ where: { id }, select: { terminatedOn: true, status: true } }))).toMatchObject({ status: 'COMPLETED', terminatedOn: new Date('2027-06-01T00:00:00+08:00') })
		// The paid first year stays; the two years due after the end go.
		expect((await schedule(id)).map((p) => p.seq)).toEqual([1])
		expect((await deal.getPublicDeal(id, null, at(22)))?.standing).toBe('TERMINATED')
		const audit = await prisma.auditLog.findMany({ where: { entityId: id, action: { startsWith: 'deal-change' } }, orderBy: { seq: 'asc' }, select: { action: true, params: true } })
		expect(audit.map((a) => a.action)).toEqual(['deal-change:file', 'deal-change:approve'])
		expect(JSON.parse(audit[1].params!)).toEqual({ kind: 'TERMINATION', payments: 2 })
		expect(await prisma.notification.count({ where: { userId: { in: [village.id, buyer.id] }, kind: 'deal-change-approved' } })).toBe(2)
		// Ended: nothing more can be filed.
		expect(await file(village, { kind: 'DISPUTE', documents: [] })).toEqual({ ok: false, problem: 'terminated' })

		// The dossier's after/ part lists the filing with its document's hash, and holds the document.
		const zip = await unzip((await dossier.dossierZip(admin, id))!.bytes)
		const listed = JSON.parse(zip.get('after/changes.json')!.toString()) as { kind: string; status: string; documents: { file: string; sha256: string }[] }[]
		expect(listed.map((c) => [c.kind, c.status])).toEqual([['TERMINATION', 'APPROVED']])
		const stored = zip.get(`after/${listed[0].documents[0].file}`)!
		expect(stored.equals(Buffer.from(PDF))).toBe(true)
		expect(crypto.createHash('sha256').update(stored).digest('hex')).toBe(listed[0].documents[0].sha256)
		const afterManifest = JSON.parse(zip.get('after/manifest.json')!.toString()) as { files: { name: string; sha256: string }[] }
		expect(afterManifest.files.find((f) => f.name === 'changes.json')?.sha256).toBe(crypto.createHash('sha256').update(zip.get('after/changes.json')!).digest('hex'))
	})
})

describe('a certified deal’s change', { timeout: 60_000 }, () => {
	it('refuses no change and absurd terms; once approved, the terms, the total and the unpaid rent follow', async () => {
		const id = await certifiedLease()
		const file = (terms: Parameters<typeof changes.fileChange>[2]['terms']) => changes.fileChange(village, id, { kind: 'CHANGE', reason, terms, effectiveOn: null, documents: [doc()] }, at(20))
		expect(await file(none)).toEqual({ ok: false, problem: 'nothingChanged' })
		expect(await file({ ...none, price: 400 })).toEqual({ ok: false, problem: 'nothingChanged' })
		expect(await file({ ...none, price: -5 })).toEqual({ ok: false, problem: 'price', field: 'price' })
		expect(await file({ ...none, price: 400_000 })).toEqual({ ok: false, problem: 'price', field: 'price' })
		expect(await file({ ...none, termYears: 71 })).toEqual({ ok: false, problem: 'termYears', field: 'termYears' })
		const filed = await file({ price: 480, area: null, termYears: 4 })
		if (!filed.ok) throw new Error(filed.problem)
		expect(await changes.decideChange(reviewer, filed.id, 'APPROVED', '同意变更。', at(21))).toEqual({ ok: true })
		expect(await prisma.deal.findUniqueOrThrow({ where: { id }, select: { price: true, termYears: true, totalValueYuan: true, changedAt: true } })).toEqual({ price: 480, termYears: 4, totalValueYuan: 480 * 12.5 * 4, changedAt: at(21) })
		// Paid stays as paid; the rest at the new rent, and a fourth year added.
		expect((await schedule(id)).map((p) => [p.seq, p.amount, !!p.paidAt])).toEqual([
			[1, 5000, true],
			[2, 6000, false],
			[3, 6000, false],
			[4, 6000, false],
		])
		expect((await deal.getPublicDeal(id, null, at(22)))?.standing).toBe('CHANGED')
	})
})

describe('a dispute', { timeout: 60_000 }, () => {
	it('either party files it; the deal is in dispute and on the early-warning page until the town settles it', async () => {
		const id = await certifiedLease()
		const filed = await changes.fileChange(buyer, id, { kind: 'DISPUTE', reason: '村委会未按约定修缮灌溉渠。', terms: none, effectiveOn: null, documents: [] }, at(20))
		if (!filed.ok) throw new Error(filed.problem)
		expect(await changes.fileChange(village, id, { kind: 'DISPUTE', reason, terms: none, effectiveOn: null, documents: [] }, at(20))).toEqual({ ok: false, problem: 'disputeOpen' })
		expect((await prisma.deal.findUniqueOrThrow({ where: { id }, select: { disputedSince: true } })).disputedSince).toEqual(at(20))
		// The other party and the town hear of it.
		expect(await prisma.notification.count({ where: { userId: { in: [village.id, reviewer.id] }, kind: 'deal-change-filed', link: `/deals/${id}/changes` } })).toBe(2)
		expect((await warnings.earlyWarnings(townId, at(25))).filter((w) => w.kind === 'disputeOpen').map((w) => w.dealId)).toContain(id)
		expect((await deal.getPublicDeal(id, null, at(22)))?.standing).toBe('DISPUTED')

		// Who may read it: the parties and the officials; not another village.
		expect(await changes.dealChanges(otherVillage, id)).toBeNull()
		expect((await changes.dealChanges(buyer, id))?.party).toBe('BUYER')
		expect((await changes.dealChanges(reviewer, id))?.mayDecide).toBe(true)
		expect((await changes.dealChanges(admin, id))?.mayDecide).toBe(false)

		expect(await changes.decideChange(reviewer, filed.id, 'APPROVED', '经调解，村委会同意月底前修缮。', at(26))).toEqual({ ok: true })
		expect((await prisma.deal.findUniqueOrThrow({ where: { id }, select: { disputedSince: true } })).disputedSince).toBeNull()
		expect((await warnings.earlyWarnings(townId, at(27))).filter((w) => w.kind === 'disputeOpen').map((w) => w.dealId)).not.toContain(id)
		expect((await deal.getPublicDeal(id, null, at(27)))?.standing).toBe('ACTIVE')
	})

	it('documents are read by the deal’s parties and officials only', async () => {
		const id = await certifiedLease()
		const filed = await changes.fileChange(village, id, { kind: 'DISPUTE', reason, terms: none, effectiveOn: null, documents: [doc('证据.pdf')] }, at(20))
		if (!filed.ok) throw new Error(filed.problem)
		for (const user of [village, buyer, reviewer, admin]) {
			const found = await changes.changeDocumentFor(user, id, filed.id, 0)
			expect(found?.name).toBe('证据.pdf')
			expect(fs.readFileSync(found!.file)).toEqual(Buffer.from(PDF))
		}
		expect(await changes.changeDocumentFor(otherVillage, id, filed.id, 0)).toBeNull()
		expect(await changes.changeDocumentFor(otherReviewer, id, filed.id, 0)).toBeNull()
		expect(await changes.changeDocumentFor(buyer, id, filed.id, 1)).toBeNull()
	})
})

describe('a renewal', { timeout: 60_000 }, () => {
	it('opens 180 days before the end; a new deal with the same buyer goes through review, notice and certification; its rent starts at the old end', async () => {
		const id = await certifiedLease()
		const terms = { price: 450, termYears: 5 }
		const june2029 = new Date('2029-06-01T02:00:00Z')
		expect(await changes.renewDeal(village, id, terms, at(20))).toEqual({ ok: false, problem: 'tooEarly' })
		expect(await changes.renewDeal(otherVillage, id, terms, june2029)).toEqual({ ok: false, problem: 'notFound' })
		expect(await changes.renewDeal(buyer, id, terms, june2029)).toEqual({ ok: false, problem: 'notFound' })
		expect(await changes.renewDeal(village, id, { price: -1, termYears: 5 }, june2029)).toEqual({ ok: false, problem: 'price', field: 'price' })
		expect((await changes.dealChanges(village, id, june2029))?.renewal).toMatchObject({ end: '2029-11-20', problem: null, mayFile: true })

		const renewed = await changes.renewDeal(village, id, terms, june2029)
		if (!renewed.ok) throw new Error(renewed.problem)
		expect(await changes.renewDeal(village, id, terms, june2029)).toEqual({ ok: false, problem: 'renewed' })
		const row = await prisma.deal.findUniqueOrThrow({ where: { id: renewed.id }, select: { status: true, renewedFromId: true, buyerId: true, price: true, termYears: true, startsOn: true, tradingMode: true, contractDate: true } })
		expect(row).toEqual({ status: 'PENDING_REVIEW', renewedFromId: id, buyerId: buyer.id, price: 450, termYears: 5, startsOn: new Date('2029-11-20T00:00:00+08:00'), tradingMode: 'NEGOTIATED', contractDate: null })
		// Renewed: the old lease is no longer "ending" on the early-warning page.
		expect((await warnings.earlyWarnings(townId, new Date('2029-10-01T02:00:00Z'))).filter((w) => w.kind === 'contractEnding').map((w) => w.dealId)).not.toContain(id)

		// The contract step, the town's review, the notice and the certificate, as for any deal.
		expect(await deal.attachContract(village, renewed.id, new Date('2029-06-02T00:00:00+08:00'), PDF, new Date('2029-06-02T02:00:00Z'))).toEqual({ ok: true })
		expect(await deal.reviewDeal(reviewer, renewed.id, 'APPROVE', '同意续约公示。', new Date('2029-06-03T02:00:00Z'), 7)).toMatchObject({ ok: true })
		await deal.promoteEndedNotices(new Date('2029-06-12T02:00:00Z'))
		const certified = await deal.certifyDeal(admin, renewed.id, null, new Date('2029-06-13T02:00:00Z'))
		expect(certified.ok).toBe(true)
		const plan = await prisma.rentPayment.findMany({ where: { dealId: renewed.id }, orderBy: { seq: 'asc' }, select: { dueDate: true, amount: true } })
		expect(plan.map((p) => p.dueDate.toISOString())).toEqual(['2029-11-19T16:00:00.000Z', '2030-11-19T16:00:00.000Z', '2031-11-19T16:00:00.000Z', '2032-11-19T16:00:00.000Z', '2033-11-19T16:00:00.000Z'])
		expect(plan.every((p) => p.amount === 450 * 12.5)).toBe(true)
		const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: renewed.id, action: 'record:renewal' }, select: { actorId: true } })
		expect(audit.actorId).toBe(village.id)
	})
})
