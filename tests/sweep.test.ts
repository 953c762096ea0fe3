import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'))

let m: {
	prisma: typeof import('../app/utils/db.server.ts').prisma
	sweep: typeof import('../app/models/sweep.server.ts')
	audit: typeof import('../app/models/audit.server.ts')
}

beforeAll(async () => {
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	m = {
		prisma: (await import('../app/utils/db.server.ts')).prisma,
		sweep: await import('../app/models/sweep.server.ts'),
		audit: await import('../app/models/audit.server.ts'),
	}
}, 60_000)

afterAll(async () => {
	await m.prisma.$disconnect()
	fs.rmSync(dir, { recursive: true, force: true })
})

describe('listing expiry', () => {
	it('expires published listings past their period, audited, and leaves the rest', async () => {
		const town = await m.prisma.town.create({ data: { code: 't', name: '测试镇', nameEn: 'T', lat: 40, lng: 110 } })
		const village = await m.prisma.village.create({ data: { code: 'v', name: '测试村', nameEn: 'V', townId: town.id, lat: 40, lng: 110 } })
		const base = { type: 'FARMHOUSE', title: '农家院子', description: '测试', townId: town.id, villageId: village.id, lat: 40, lng: 110, area: 100, areaUnit: 'm2', price: 1000, priceUnit: 'YUAN_PER_YEAR', priceYuan: 1000, transferMode: 'LEASE' }
		const at = new Date('2026-11-26T00:00:00Z')
		const old = await m.prisma.listing.create({ data: { ...base, status: 'PUBLISHED', expiresAt: new Date('2026-11-01T00:00:00Z') } })
		const fresh = await m.prisma.listing.create({ data: { ...base, status: 'PUBLISHED', expiresAt: new Date('2027-11-01T00:00:00Z') } })
		const draft = await m.prisma.listing.create({ data: { ...base, status: 'DRAFT', expiresAt: new Date('2026-01-01T00:00:00Z') } })
		expect(await m.sweep.expireListings(at)).toBe(1)
		const status = async (id: string) => (await m.prisma.listing.findUniqueOrThrow({ where: { id }, select: { status: true } })).status
		expect(await status(old.id)).toBe('EXPIRED')
		expect(await status(fresh.id)).toBe('PUBLISHED')
		expect(await status(draft.id)).toBe('DRAFT')
		expect(await m.sweep.expireListings(at)).toBe(0)
		const entry = await m.prisma.auditLog.findFirstOrThrow({ where: { entityId: old.id } })
		expect(entry).toMatchObject({ action: 'expire', fromState: 'PUBLISHED', toState: 'EXPIRED' })
		expect((await m.audit.verifyAuditChain()).ok).toBe(true)
		// The whole sweep runs without error on the same database.
		await m.sweep.sweep(at)
	})
})

describe('listing expiry in bounded batches', () => {
	it('expires at most the batches asked for, the longest overdue first, and the next sweep the rest', async () => {
		const town = await m.prisma.town.create({ data: { code: 't2', name: '批量镇', nameEn: 'T2', lat: 40, lng: 110 } })
		const village = await m.prisma.village.create({ data: { code: 'v2', name: '批量村', nameEn: 'V2', townId: town.id, lat: 40, lng: 110 } })
		const base = { type: 'LAND', title: '耕地', description: '测试', townId: town.id, villageId: village.id, lat: 40, lng: 110, area: 10, areaUnit: 'mu', price: 300, priceUnit: 'YUAN_PER_MU_YEAR', priceYuan: 3000, transferMode: 'LEASE', status: 'PUBLISHED' }
		const at = new Date('2026-12-10T00:00:00Z')
		const due = m.sweep.EXPIRE_BATCH + 30
		// Minutes apart, so "longest overdue first" has one answer.
		await m.prisma.listing.createMany({ data: Array.from({ length: due }, (_, i) => ({ ...base, expiresAt: new Date(at.getTime() - (i + 1) * 60_000) })) })
		await m.prisma.listing.create({ data: { ...base, expiresAt: new Date(at.getTime() + 60_000) } })
		expect(await m.sweep.expireListings(at, 1)).toBe(m.sweep.EXPIRE_BATCH)
		const left = await m.prisma.listing.findMany({ where: { townId: town.id, status: 'PUBLISHED' }, orderBy: { expiresAt: 'asc' }, select: { expiresAt: true } })
		// What is left is the 30 most recently due, and the one not due.
		expect(left).toHaveLength(31)
		expect(left[0].expiresAt!.getTime()).toBe(at.getTime() - 30 * 60_000)
		expect(await m.sweep.expireListings(at)).toBe(30)
		expect(await m.prisma.listing.count({ where: { townId: town.id, status: 'PUBLISHED' } })).toBe(1)
		expect((await m.audit.verifyAuditChain()).ok).toBe(true)
	}, 120_000)
})
