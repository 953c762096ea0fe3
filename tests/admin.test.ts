// The administration model against a real, freshly migrated database (either engine): places and accounts are
// created with the bindings their roles need, disabling ends sessions and blocks login, a reset
// password works at the login, and every change leaves an audit entry (never a password).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type Admin = typeof import('~/models/admin.server.ts')
type Auth = typeof import('~/utils/auth.server.ts')
type Audit = typeof import('~/models/audit.server.ts')

let dir: string
let prisma: Db['prisma']
let admin: Admin
let auth: Auth
let audit: Audit
let adminId: string
let townId: string
let villageId: string

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	;({ prisma } = await import('~/utils/db.server.ts'))
	admin = await import('~/models/admin.server.ts')
	auth = await import('~/utils/auth.server.ts')
	audit = await import('~/models/audit.server.ts')
	adminId = (await prisma.user.create({ data: { name: '管理员', email: 'root@example.com', role: 'ADMIN' }, select: { id: true } })).id
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function lastAudit() {
	return prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } })
}

let ipCounter = 0
const freshIp = () => `10.0.0.${++ipCounter}`

describe('towns and villages', () => {
	it('creates a town and a village, audited, and refuses taken codes and names', async () => {
		const town = await admin.createTown(adminId, { code: 'shulinzhao', name: '树林召镇', nameEn: 'Shulinzhao', kind: 'TOWN', lat: 40.4, lng: 110.03 })
		expect(town.ok).toBe(true)
		if (!town.ok) return
		townId = town.id
		expect(await lastAudit()).toMatchObject({ actorId: adminId, entityType: 'TOWN', entityId: townId, action: 'create' })

		expect(await admin.createTown(adminId, { code: 'shulinzhao', name: '另一个镇', nameEn: 'Other', kind: 'TOWN', lat: 40, lng: 110 })).toEqual({ ok: false, field: 'code', problem: 'codeTaken' })
		expect(await admin.createTown(adminId, { code: 'other', name: '树林召镇', nameEn: 'Other', kind: 'SUMU', lat: 40, lng: 110 })).toEqual({ ok: false, field: 'name', problem: 'nameTaken' })

		const village = await admin.createVillage(adminId, { townId, code: 'xinsheng', name: '新胜村', nameEn: 'Xinsheng Village', lat: 40.41, lng: 110.01, contactName: '王主任', contactPhone: '0477-5123456' })
		expect(village.ok).toBe(true)
		if (!village.ok) return
		villageId = village.id
		expect(await lastAudit()).toMatchObject({ entityType: 'VILLAGE', entityId: villageId, action: 'create' })
		expect(await admin.createVillage(adminId, { townId, code: 'xinsheng', name: '别的村', nameEn: 'X', lat: 40.41, lng: 110.01 })).toMatchObject({ ok: false, problem: 'codeTaken' })
		expect(await admin.createVillage(adminId, { townId, code: 'xinsheng-2', name: '新胜村', nameEn: 'X', lat: 40.41, lng: 110.01 })).toMatchObject({ ok: false, problem: 'nameTaken' })
		expect(await admin.createVillage(adminId, { townId: 'nope', code: 'v9', name: '九村', nameEn: 'X', lat: 40.41, lng: 110.01 })).toMatchObject({ ok: false, field: 'townId' })
	})

	it("recognises a unique index's refusal from this engine's client (PostgreSQL's has error classes of its own)", async () => {
		const { isUniqueViolation } = await import('~/utils/database-errors.ts')
		const refused = await prisma.town.create({ data: { code: 'shulinzhao', name: '重复镇', nameEn: 'Duplicate', lat: 40, lng: 110 } }).then(
			() => null,
			(error: unknown) => error,
		)
		expect(refused).toBeInstanceOf(Error)
		expect(isUniqueViolation(refused)).toBe(true)
		expect(isUniqueViolation(new Error('P2002'))).toBe(false)
	})

	it('edits names and contacts, recording what changed', async () => {
		expect(await admin.updateVillage(adminId, villageId, { name: '新胜嘎查', nameEn: 'Xinsheng Gacha', contactName: '李主任', contactPhone: null })).toEqual({ ok: true, id: villageId })
		const entry = await lastAudit()
		expect(entry).toMatchObject({ entityType: 'VILLAGE', entityId: villageId, action: 'update' })
		expect(JSON.parse(entry.params!)).toMatchObject({ name: '新胜村 → 新胜嘎查', contactPhone: '0477-5123456 → —' })
		expect(await prisma.village.findUnique({ where: { id: villageId }, select: { name: true, contactPhone: true } })).toEqual({ name: '新胜嘎查', contactPhone: null })

		const before = (await lastAudit()).seq
		// Saving unchanged values writes nothing.
		expect(await admin.updateVillage(adminId, villageId, { name: '新胜嘎查', nameEn: 'Xinsheng Gacha', contactName: '李主任', contactPhone: '' })).toMatchObject({ ok: true })
		expect((await lastAudit()).seq).toBe(before)

		expect(await admin.updateTown(adminId, townId, { name: '树林召镇', nameEn: 'Shulinzhao Town', kind: 'TOWN' })).toMatchObject({ ok: true })
		expect(await lastAudit()).toMatchObject({ entityType: 'TOWN', action: 'update', reason: null, params: JSON.stringify({ nameEn: 'Shulinzhao → Shulinzhao Town' }) })
		expect(await admin.updateTown(adminId, 'missing', { name: 'x', nameEn: 'x', kind: 'TOWN' })).toMatchObject({ ok: false, problem: 'notFound' })
	})
})

describe('accounts', () => {
	it('creates an account of each role with the binding its role needs', async () => {
		const village = await admin.createAccount(adminId, { name: '新胜村委会', role: 'VILLAGE', email: 'Village@Example.com', villageId, townId, password: 'initial-pass' })
		expect(village.ok).toBe(true)
		const reviewer = await admin.createAccount(adminId, { name: '审核人', role: 'REVIEWER', phone: '138-0000-1111', townId, villageId, password: 'initial-pass' })
		expect(reviewer.ok).toBe(true)
		const buyer = await admin.createAccount(adminId, { name: '买家', role: 'BUYER', email: 'buyer@example.com', villageId, password: 'initial-pass' })
		const second = await admin.createAccount(adminId, { name: '管理员二', role: 'ADMIN', email: 'admin2@example.com', townId, password: 'initial-pass' })
		if (!village.ok || !reviewer.ok || !buyer.ok || !second.ok) throw new Error('not created')

		const rows = await prisma.user.findMany({
			where: { id: { in: [village.id, reviewer.id, buyer.id, second.id] } },
			select: { id: true, role: true, email: true, phone: true, townId: true, villageId: true },
		})
		const byId = new Map(rows.map((r) => [r.id, r]))
		// A village account belongs to its village only; a reviewer to its town only.
		expect(byId.get(village.id)).toMatchObject({ role: 'VILLAGE', email: 'village@example.com', villageId, townId: null })
		expect(byId.get(reviewer.id)).toMatchObject({ role: 'REVIEWER', phone: '13800001111', townId, villageId: null })
		expect(byId.get(buyer.id)).toMatchObject({ role: 'BUYER', townId: null, villageId: null })
		expect(byId.get(second.id)).toMatchObject({ role: 'ADMIN', townId: null, villageId: null })

		const entry = await prisma.auditLog.findFirstOrThrow({ where: { entityType: 'USER', entityId: village.id } })
		expect(entry).toMatchObject({ actorId: adminId, action: 'create', fromState: null, toState: 'ACTIVE', reason: null, params: JSON.stringify({ role: 'VILLAGE', village: 'xinsheng' }) })
		expect((await auth.verifyLogin('village@example.com', 'initial-pass', freshIp())).ok).toBe(true)
		expect((await auth.verifyLogin('13800001111', 'initial-pass', freshIp())).ok).toBe(true)
	})

	it('refuses a village account without a village, a reviewer without a town, and bad logins', async () => {
		const count = await prisma.user.count()
		const seq = (await lastAudit()).seq
		expect(await admin.createAccount(adminId, { name: 'x村', role: 'VILLAGE', email: 'v2@example.com', townId, password: 'initial-pass' })).toEqual({ ok: false, field: 'villageId', problem: 'required' })
		expect(await admin.createAccount(adminId, { name: 'x', role: 'VILLAGE', email: 'v2@example.com', villageId: 'missing', password: 'initial-pass' })).toEqual({ ok: false, field: 'villageId', problem: 'notFound' })
		expect(await admin.createAccount(adminId, { name: 'x', role: 'REVIEWER', email: 'r2@example.com', villageId, password: 'initial-pass' })).toEqual({ ok: false, field: 'townId', problem: 'required' })
		expect(await admin.createAccount(adminId, { name: 'x', role: 'SUPERUSER', email: 'r2@example.com', password: 'initial-pass' })).toMatchObject({ ok: false, field: 'role' })
		expect(await admin.createAccount(adminId, { name: 'x', role: 'BUYER', password: 'initial-pass' })).toEqual({ ok: false, field: 'email', problem: 'required' })
		expect(await admin.createAccount(adminId, { name: 'x', role: 'BUYER', email: 'VILLAGE@example.com', password: 'initial-pass' })).toEqual({ ok: false, field: 'email', problem: 'taken' })
		expect(await admin.createAccount(adminId, { name: 'x', role: 'BUYER', phone: '+86 13800001111', password: 'initial-pass' })).toEqual({ ok: false, field: 'phone', problem: 'taken' })
		expect(await admin.createAccount(adminId, { name: 'x', role: 'BUYER', email: 'short@example.com', password: 'short' })).toEqual({ ok: false, field: 'password', problem: 'password', reason: 'tooShort' })
		// The same strength rule as sign-up: no common password, none made of the person's own details.
		expect(await admin.createAccount(adminId, { name: 'x', role: 'BUYER', email: 'weak@example.com', password: 'password123' })).toEqual({ ok: false, field: 'password', problem: 'password', reason: 'common' })
		expect(await admin.createAccount(adminId, { name: 'x', role: 'BUYER', email: 'weak@example.com', password: 'weak@example.com' })).toEqual({ ok: false, field: 'password', problem: 'password', reason: 'personal' })
		expect(await admin.createAccount(null, { name: 'x', role: 'ADMIN', email: 'cli@example.com', password: 'eleven-char' }, { minPasswordLength: 12 })).toMatchObject({ ok: false, problem: 'password' })
		expect(await prisma.user.count()).toBe(count)
		expect((await lastAudit()).seq).toBe(seq)
	})

	it('disabling ends the sessions and blocks the login; enabling lets it back in', async () => {
		const user = await prisma.user.findUniqueOrThrow({ where: { email: 'village@example.com' }, select: { id: true } })
		const other = await prisma.user.findUniqueOrThrow({ where: { email: 'buyer@example.com' }, select: { id: true } })
		const future = new Date(Date.now() + 86_400_000)
		await prisma.session.createMany({ data: [{ userId: user.id, expirationDate: future }, { userId: user.id, expirationDate: future }, { userId: other.id, expirationDate: future }] })

		expect(await admin.setAccountDisabled(adminId, user.id, true, '村委会换届')).toEqual({ ok: true })
		expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
		// Nobody else's sessions are touched.
		expect(await prisma.session.count({ where: { userId: other.id } })).toBe(1)
		expect(await lastAudit()).toMatchObject({ actorId: adminId, entityType: 'USER', entityId: user.id, action: 'disable', fromState: 'ACTIVE', toState: 'DISABLED', reason: '村委会换届' })
		expect(await auth.verifyLogin('village@example.com', 'initial-pass', freshIp())).toEqual({ ok: false, reason: 'disabled' })
		expect(await admin.setAccountDisabled(adminId, user.id, true)).toEqual({ ok: false, problem: 'unchanged' })

		expect(await admin.setAccountDisabled(adminId, user.id, false)).toEqual({ ok: true })
		expect(await lastAudit()).toMatchObject({ action: 'enable', fromState: 'DISABLED', toState: 'ACTIVE', reason: null })
		expect((await auth.verifyLogin('village@example.com', 'initial-pass', freshIp())).ok).toBe(true)
	})

	it('an administrator cannot disable themself; unknown accounts are not found', async () => {
		const seq = (await lastAudit()).seq
		expect(await admin.setAccountDisabled(adminId, adminId, true)).toEqual({ ok: false, problem: 'self' })
		expect(await prisma.user.findUniqueOrThrow({ where: { id: adminId }, select: { disabled: true } })).toEqual({ disabled: false })
		expect(await admin.setAccountDisabled(adminId, 'missing', true)).toEqual({ ok: false, problem: 'notFound' })
		expect((await lastAudit()).seq).toBe(seq)
	})

	it('a reset password works at the login, the old one does not, sessions end, and the log never holds it', async () => {
		const user = await prisma.user.findUniqueOrThrow({ where: { email: 'village@example.com' }, select: { id: true } })
		await prisma.session.create({ data: { userId: user.id, expirationDate: new Date(Date.now() + 86_400_000) } })
		const secret = 'brand-new-secret-42'
		expect(await admin.resetAccountPassword(adminId, user.id, secret)).toEqual({ ok: true })
		expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
		expect(await auth.verifyLogin('village@example.com', 'initial-pass', freshIp())).toEqual({ ok: false, reason: 'invalid' })
		expect(await auth.verifyLogin('village@example.com', secret, freshIp())).toMatchObject({ ok: true, userId: user.id })
		expect(await lastAudit()).toMatchObject({ actorId: adminId, entityType: 'USER', entityId: user.id, action: 'reset-password' })
		expect(await admin.resetAccountPassword(adminId, user.id, 'short')).toEqual({ ok: false, problem: 'password', reason: 'tooShort' })
		expect(await admin.resetAccountPassword(adminId, user.id, '12345678')).toEqual({ ok: false, problem: 'password', reason: 'common' })
		expect(await admin.resetAccountPassword(adminId, user.id, 'village@example.com')).toEqual({ ok: false, problem: 'password', reason: 'personal' })
		expect(await admin.resetAccountPassword(adminId, 'missing', secret)).toEqual({ ok: false, problem: 'notFound' })

		const everything = JSON.stringify(await prisma.auditLog.findMany())
		expect(everything).not.toContain(secret)
		expect(everything).not.toContain('initial-pass')
	})

	it('lists and filters accounts by role, town, village, state and search', async () => {
		const names = async (filters: Parameters<Admin['listUsers']>[0]) => (await admin.listUsers(filters)).rows.map((r) => r.name).sort()
		expect(await names({ role: 'VILLAGE' })).toEqual(['新胜村委会'])
		// A town's accounts: its reviewers and its villages' accounts.
		expect(await names({ townCode: 'shulinzhao' })).toEqual(['审核人', '新胜村委会'].sort())
		expect(await names({ villageCode: 'xinsheng' })).toEqual(['新胜村委会'])
		expect(await names({ q: 'BUYER@' })).toEqual(['买家'])
		expect(await names({ q: '1380000' })).toEqual(['审核人'])
		await admin.setAccountDisabled(adminId, (await prisma.user.findUniqueOrThrow({ where: { email: 'buyer@example.com' } })).id, true)
		expect(await names({ state: 'disabled' })).toEqual(['买家'])
		const page = await admin.listUsers({ pageSize: 2, page: 2 })
		expect(page.total).toBe(5)
		expect(page.rows).toHaveLength(2)
		// Search ignores case on both engines (PostgreSQL's LIKE would not).
		await prisma.user.create({ data: { name: 'Wang Li', email: 'wang.li@example.com' } })
		expect(await names({ q: 'wang' })).toEqual(['Wang Li'])
		expect(await names({ q: 'WANG LI' })).toEqual(['Wang Li'])
	})

	it('records a sign-up in the audit log, the new user as its actor (009)', async () => {
		const { registerBuyer } = await import('~/models/signup.server.ts')
		expect(await registerBuyer('203.0.113.9', { name: 'Signup Test', login: 'signup@example.com', password: 'Quiet-Harbour-Lantern-42' })).toBe('created')
		const user = await prisma.user.findUniqueOrThrow({ where: { email: 'signup@example.com' }, select: { id: true } })
		const entry = await prisma.auditLog.findFirstOrThrow({ where: { entityType: 'USER', entityId: user.id } })
		expect(entry).toMatchObject({ actorId: user.id, action: 'signup', fromState: null, toState: 'ACTIVE', params: JSON.stringify({ role: 'BUYER' }) })
	})

	it('leaves an audit chain that verifies', async () => {
		const report = await audit.verifyAuditChain()
		expect(report.ok).toBe(true)
		expect(report.count).toBeGreaterThanOrEqual(10)
	})
})

describe('oversight of listings', () => {
	it('lists listings of every status with their reviews, and shows one with its audit entries', async () => {
		const village = await prisma.user.findUniqueOrThrow({ where: { email: 'village@example.com' }, select: { id: true } })
		const reviewer = await prisma.user.findUniqueOrThrow({ where: { phone: '13800001111' }, select: { id: true } })
		const base = { type: 'LAND', description: '一块地', townId, villageId, lat: 40.4, lng: 110, area: 100, areaUnit: 'mu', price: 300, priceUnit: 'YUAN_PER_MU_YEAR', priceYuan: 30000, transferMode: 'LEASE', createdById: village.id }
		const draft = await prisma.listing.create({ data: { ...base, title: '草稿地块', status: 'DRAFT' }, select: { id: true } })
		const returned = await prisma.listing.create({ data: { ...base, title: '退回地块', status: 'RETURNED' }, select: { id: true } })
		await prisma.review.create({ data: { kind: 'LISTING', listingId: returned.id, reviewerId: reviewer.id, decision: 'RETURN', opinion: '请补充边界图' } })
		await prisma.$transaction((tx) => audit.appendAudit(tx, { actorId: reviewer.id, entityType: 'LISTING', entityId: returned.id, action: 'review:return', fromState: 'SUBMITTED', toState: 'RETURNED', reason: '请补充边界图' }))

		const all = await admin.listAllListings({})
		expect(all.total).toBe(2)
		expect((await admin.listAllListings({ status: 'DRAFT' })).rows.map((r) => r.id)).toEqual([draft.id])
		expect((await admin.listAllListings({ townCode: 'nowhere' })).total).toBe(0)
		const row = all.rows.find((r) => r.id === returned.id)!
		expect(row.reviews).toEqual([expect.objectContaining({ decision: 'RETURN', opinion: '请补充边界图', reviewer: expect.objectContaining({ name: '审核人' }) })])

		const detail = await admin.getListingForAdmin(returned.id)
		expect(detail?.listing).toMatchObject({ title: '退回地块', status: 'RETURNED', village: { code: 'xinsheng' } })
		expect(detail?.audit).toEqual([expect.objectContaining({ action: 'review:return', fromState: 'SUBMITTED', toState: 'RETURNED' })])
		expect(await admin.getListingForAdmin('missing')).toBeNull()
	})
})
