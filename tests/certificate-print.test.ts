// Prints of a certificate (issue 12) against a real migrated database: numbered per deal, the
// first the original and each later one a re-print; only the deal's parties may print; two prints
// at once get two numbers; each is audited.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

let dir: string
let prisma: (typeof import('~/utils/db.server.ts'))['prisma']
let prints: typeof import('~/models/certificate-print.server.ts')
type Viewer = { id: string; role: string; villageId: string | null }
let admin: Viewer
let buyer: Viewer
let stranger: Viewer
let village: Viewer
let dealId: string
const NO = 'DLT-2026-000042'

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certificate-print-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	;({ prisma } = await import('~/utils/db.server.ts'))
	prints = await import('~/models/certificate-print.server.ts')
	const townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
	const villageId = (await prisma.village.create({ data: { code: 'va', name: '新胜村', nameEn: 'Xinsheng', townId, lat: 40.41, lng: 110.01 } })).id
	const user = (name: string, role: string, villageIdOf: string | null = null) => prisma.user.create({ data: { name, role, villageId: villageIdOf }, select: { id: true, role: true, villageId: true } })
	admin = await user('管理员', 'ADMIN')
	buyer = await user('张三', 'BUYER')
	stranger = await user('李四', 'BUYER')
	village = await user('新胜村村委会', 'VILLAGE', villageId)
	const listing = await prisma.listing.create({
		data: { type: 'LAND', status: 'TRADED', title: '测试耕地', description: '。', townId, villageId, lat: 40.405, lng: 110.005, area: 10, areaUnit: 'mu', price: 400, priceUnit: 'YUAN_PER_MU_YEAR', priceYuan: 4000, transferMode: 'LEASE' },
		select: { id: true },
	})
	dealId = (
		await prisma.deal.create({
			data: { listingId: listing.id, buyerId: buyer.id, price: 400, priceUnit: 'YUAN_PER_MU_YEAR', totalValueYuan: 4000, area: 10, areaUnit: 'mu', termYears: 1, transferMode: 'LEASE', tradingMode: 'NEGOTIATED', status: 'COMPLETED', certificateNo: NO, verifyCode: 'ABCD2345', certifiedAt: new Date() },
			select: { id: true },
		})
	).id
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

describe('certificate prints', () => {
	it('numbers each print of the deal, the first being the original, and audits it', async () => {
		expect(await prints.recordCertificatePrint(admin, NO)).toBe(1)
		expect(await prints.recordCertificatePrint(buyer, NO)).toBe(2)
		expect(await prints.recordCertificatePrint(village, NO)).toBe(3)
		expect(await prints.certificatePrintCount(dealId)).toBe(3)
		const rows = await prisma.certificatePrint.findMany({ where: { dealId }, orderBy: { copy: 'asc' }, select: { copy: true, userId: true } })
		expect(rows).toEqual([
			{ copy: 1, userId: admin.id },
			{ copy: 2, userId: buyer.id },
			{ copy: 3, userId: village.id },
		])
		const audit = await prisma.auditLog.findMany({ where: { action: 'certificate-print', entityId: dealId }, orderBy: { createdAt: 'asc' }, select: { params: true } })
		expect(audit.map((a) => JSON.parse(a.params!).copy)).toEqual([1, 2, 3])
	})

	it('lets nobody but the parties print, and writes nothing for them', async () => {
		expect(await prints.recordCertificatePrint(stranger, NO)).toBeNull()
		expect(await prints.recordCertificatePrint(admin, 'DLT-2026-999999')).toBeNull()
		expect(await prints.recordCertificatePrint(admin, '../etc')).toBeNull()
		expect(await prints.certificatePrintCount(dealId)).toBe(3)
	})

	it('gives two prints at the same moment two numbers', async () => {
		const copies = await Promise.all([prints.recordCertificatePrint(admin, NO), prints.recordCertificatePrint(buyer, NO)])
		expect(copies.sort()).toEqual([4, 5])
	})
})
