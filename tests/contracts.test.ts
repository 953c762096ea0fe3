// Contracts from the model text (issue 12, decision 030) against a real migrated database: a
// negotiated deal recorded before signing; the village generates its contract (a number per
// village and year, the template version, an audit entry); the PDF for the parties and officials
// only; a new template version is refused with its problems or saved, and only contracts
// generated again take it; the signed scan fixes the text; a runaway template is refused.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

let dir: string
let prisma: (typeof import('~/utils/db.server.ts'))['prisma']
let deal: typeof import('~/models/deal.server.ts')
let contracts: typeof import('~/models/contract.server.ts')

type Actor = { id: string; role: string; townId: string | null; villageId: string | null }
let townId: string
let villageId: string
let village: Actor
let otherVillage: Actor
let reviewer: Actor
let admin: Actor
let buyer: Actor
let stranger: Actor
const NOW = new Date('2026-11-20T02:00:00Z')
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contracts-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	deal = await import('~/models/deal.server.ts')
	contracts = await import('~/models/contract.server.ts')
	townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	villageId = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId, lat: 40.41, lng: 110.01, contactName: '李支书', contactPhone: '0477-5550001' } })).id
	const otherVillageId = (await prisma.village.create({ data: { code: 'vb', name: '柳林村', nameEn: 'Liulin', townId, lat: 40.42, lng: 110.02 } })).id
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) =>
		prisma.user.create({ data: { name, role, ...place, ...(role === 'BUYER' ? { phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` } : {}) }, select: { id: true, role: true, townId: true, villageId: true } })
	village = await user('新胜村村委会', 'VILLAGE', { villageId })
	otherVillage = await user('柳林村村委会', 'VILLAGE', { villageId: otherVillageId })
	reviewer = await user('审核人', 'REVIEWER', { townId })
	admin = await user('管理员', 'ADMIN')
	buyer = await user('王建明', 'BUYER')
	stranger = await user('李四', 'BUYER')
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

let n = 0
/** A published land listing on two 确权 parcels, and a negotiated deal on it recorded without a contract. */
async function dealWithoutContract(parcels = 2) {
	n++
	const listing = await prisma.listing.create({
		data: { type: 'LAND', status: 'PUBLISHED', title: `北滩水浇地 ${n}`, description: '。', townId, villageId, lat: 40.405, lng: 110.005, area: 25, areaUnit: 'mu', landClass: 'CROPLAND', price: 400, priceUnit: 'YUAN_PER_MU_YEAR', priceYuan: 10000, transferMode: 'LEASE', termYears: 5, createdById: village.id },
		select: { id: true },
	})
	for (let i = 0; i < parcels; i++) {
		const ring = [[110 + i * 0.01, 40.4], [110.001 + i * 0.01, 40.4], [110.001 + i * 0.01, 40.401], [110 + i * 0.01, 40.4]]
		const parcel = await prisma.parcel.create({
			data: { code: `15062110120100${String(n).padStart(2, '0')}${String(i + 1).padStart(3, '0')}`, townId, villageId, employerCode: '15062110120100', surveyedAreaM2: 8333.4, surveyedAreaMu: 12.5, computedAreaM2: 8333.4, east: '至村道', south: '至林带', west: '至邻地', north: '至水渠', geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }), minLng: 110 + i * 0.01, maxLng: 110.001 + i * 0.01, minLat: 40.4, maxLat: 40.401 },
			select: { id: true },
		})
		await prisma.listingParcel.create({ data: { listingId: listing.id, parcelId: parcel.id } })
	}
	const inquiry = await prisma.inquiry.create({ data: { listingId: listing.id, buyerId: buyer.id, intendedUse: '种植玉米', message: '。', contact: '13800000000' }, select: { id: true } })
	const r = await deal.recordDeal(village, listing.id, { buyer: { kind: 'inquiry', inquiryId: inquiry.id }, price: 420, priceUnit: 'YUAN_PER_MU_YEAR', termYears: 5, transferMode: 'LEASE', contractDate: null }, null, NOW)
	if (!r.ok) throw new Error(r.problem)
	return r.id
}

const text = (blocks: { kind: string; text?: string }[]) => blocks.map((b) => b.text ?? '').join('\n')

describe('contracts from the model text', { timeout: 60_000 }, () => {
	it('records a negotiated deal before the contract is signed: no scan, no date, the contract step due', async () => {
		const id = await dealWithoutContract()
		const row = await prisma.deal.findUniqueOrThrow({ where: { id }, select: { contractFile: true, contractDate: true, status: true, listingId: true } })
		expect(row).toMatchObject({ contractFile: null, contractDate: null, status: 'PENDING_REVIEW' })
		expect((await deal.getDealFormData(village, row.listingId))?.contractDue).toBe(true)
	})

	it('generates the contract: a number per village and year, version 1 of the land lease, audited; filled from the deal and its parcels', async () => {
		const first = await dealWithoutContract()
		const second = await dealWithoutContract(0)
		const [a, b] = await Promise.all([contracts.generateContract(village, first, NOW), contracts.generateContract(village, second, NOW)])
		expect(a.ok && b.ok).toBe(true)
		const numbers = [a, b].map((r) => (r.ok ? r.contractNo : '')).sort()
		expect(numbers[0]).toMatch(/^DLT-HT-VA-2026-\d{5}$/)
		expect(new Set(numbers).size).toBe(2)
		expect(a).toMatchObject({ version: 1 })
		const row = await prisma.deal.findUniqueOrThrow({ where: { id: first }, select: { contractCode: true, contractGeneratedAt: true, contractTemplate: { select: { kind: true, version: true } } } })
		expect(row).toMatchObject({ contractCode: a.ok ? a.contractNo : null, contractGeneratedAt: NOW, contractTemplate: { kind: 'LAND_LEASE', version: 1 } })
		const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: first, action: 'contract:generate' }, select: { actorId: true, params: true } })
		expect(audit.actorId).toBe(village.id)
		expect(JSON.parse(audit.params!)).toEqual({ contractNo: row.contractCode, kind: 'LAND_LEASE', version: 1 })

		const doc = (await contracts.contractDocument(buyer, first))!
		const printed = text(doc.blocks)
		expect(printed).toContain(`合同编号：${row.contractCode}`)
		expect(printed).toContain('树林召镇新胜村集体经济组织')
		expect(printed).toContain('李支书')
		expect(printed).toContain('王建明')
		// 420 元/亩·年 × 25 亩 × 5 年 = 52,500 元; 10,500 元 a year.
		expect(printed).toContain('52,500')
		expect(printed).toContain('伍万贰仟伍佰元整')
		expect(printed).toContain('壹万零伍佰元整')
		expect(printed).toMatch(/第一条\u3000流转土地/)
		const table = doc.blocks.find((x) => x.kind === 'parcels')
		expect(table && 'parcels' in table ? table.parcels.map((p) => [p.code.length, p.east, p.areaMu]) : null).toEqual([
			[19, '至村道', 12.5],
			[19, '至村道', 12.5],
		])
	})

	it('gives the PDF to the deal’s parties and officials only', async () => {
		const id = await dealWithoutContract()
		expect(await contracts.contractPdf(buyer, id)).toBeNull()
		await contracts.generateContract(village, id, NOW)
		for (const reader of [buyer, village, reviewer, admin]) {
			const pdf = await contracts.contractPdf(reader, id)
			expect(pdf?.bytes.subarray(0, 5).toString()).toBe('%PDF-')
			expect(pdf!.pages).toBeGreaterThanOrEqual(2)
		}
		expect(await contracts.contractPdf(stranger, id)).toBeNull()
		expect(await contracts.contractPdf(otherVillage, id)).toBeNull()
		expect(await contracts.generateContract(otherVillage, id, NOW)).toEqual({ ok: false, problem: 'notFound' })
	})

	it('refuses a template with unknown placeholders or over 50 pages and writes nothing; saves a good one as the next version', async () => {
		await contracts.currentTemplate('LAND_LEASE')
		const before = await prisma.contractTemplate.count()
		expect(await contracts.saveTemplate(admin, 'LAND_LEASE', { title: '出租合同', body: '乙方：{{buyerName}}', note: null }, NOW)).toEqual({ ok: false, problems: [{ code: 'unknownPlaceholder', names: ['buyerName'] }] })
		const started = Date.now()
		const long = await contracts.saveTemplate(admin, 'LAND_LEASE', { title: '出租合同', body: '甲\n\n'.repeat(5000), note: null }, NOW)
		expect(long).toEqual({ ok: false, problems: [{ code: 'tooManyPages', pages: 51 }] })
		expect(Date.now() - started).toBeLessThan(15_000)
		const current = await contracts.currentTemplate('LAND_LEASE')
		expect(await contracts.saveTemplate(admin, 'LAND_LEASE', { title: current.title, body: current.body, note: '未改' }, NOW)).toEqual({ ok: false, problems: [{ code: 'unchanged' }] })
		expect(await prisma.contractTemplate.count()).toBe(before)
		expect(await prisma.auditLog.count({ where: { action: 'template:save' } })).toBe(0)

		expect(await contracts.saveTemplate(admin, 'LAND_LEASE', { title: '农村土地经营权出租合同（2027 修订）', body: '合同编号：{{contractNo}}\n乙方：{{transferee}}\n\n## 流转土地\n{{parcels}}', note: '简化' }, NOW)).toEqual({ ok: true, version: 2 })
		expect((await contracts.currentTemplate('LAND_LEASE')).version).toBe(2)
		expect(await prisma.auditLog.count({ where: { action: 'template:save', actorId: admin.id } })).toBe(1)
	})

	it('keeps a generated contract on its version; generating again takes the newest and keeps the number; the signed scan fixes it', async () => {
		const id = await dealWithoutContract()
		const first = await contracts.generateContract(village, id, NOW)
		const version = (await contracts.currentTemplate('LAND_LEASE')).version
		expect(first).toMatchObject({ ok: true, version })
		await contracts.saveTemplate(admin, 'LAND_LEASE', { title: '出租合同 新版', body: '编号 {{contractNo}}', note: null }, NOW)
		expect((await contracts.contractDocument(village, id))!.blocks[0]).toMatchObject({ text: expect.not.stringContaining('新版') })
		const again = await contracts.generateContract(village, id, NOW)
		expect(again).toEqual({ ok: true, contractNo: first.ok ? first.contractNo : '', version: version + 1 })
		expect((await contracts.contractDocument(village, id))!.blocks[0]).toEqual({ kind: 'title', text: '出租合同 新版' })

		expect(await deal.attachContract(village, id, new Date('2026-11-19T00:00:00+08:00'), PDF, NOW)).toEqual({ ok: true })
		expect(await contracts.generateContract(village, id, NOW)).toEqual({ ok: false, problem: 'hasContract' })
	})
})
