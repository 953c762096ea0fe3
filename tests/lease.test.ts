// The sweep's lease (decision 021) on a real database of the run's engine: one holder at a time,
// renewed by its holder, taken over once it ran out (a dead instance), and the sweep itself runs
// only in the holder; the others still finish their pending uploads.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lease-'))
const MINUTE = 60_000

let m: {
	prisma: typeof import('../app/utils/db.server.ts').prisma
	lease: typeof import('../app/models/lease.server.ts')
	sweep: typeof import('../app/models/sweep.server.ts')
}

beforeAll(async () => {
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	m = {
		prisma: (await import('../app/utils/db.server.ts')).prisma,
		lease: await import('../app/models/lease.server.ts'),
		sweep: await import('../app/models/sweep.server.ts'),
	}
}, 60_000)

afterAll(async () => {
	await m.prisma.$disconnect()
	fs.rmSync(dir, { recursive: true, force: true })
})

describe('a lease for a cluster-wide job', () => {
	const t0 = new Date('2026-11-30T08:00:00Z')
	const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE)

	it('has one holder; the holder renews it; another takes it over only once it ran out', async () => {
		const { holdLease } = m.lease
		expect(await holdLease('job', 3 * MINUTE, 'a', at(0))).toBe(true)
		expect(await holdLease('job', 3 * MINUTE, 'b', at(1))).toBe(false)
		expect(await holdLease('job', 3 * MINUTE, 'a', at(2))).toBe(true) // renewed: now until minute 5
		expect(await holdLease('job', 3 * MINUTE, 'b', at(4))).toBe(false)
		// a stopped renewing (its instance died): after minute 5, b takes over, and a cannot take it back.
		expect(await holdLease('job', 3 * MINUTE, 'b', at(5.5))).toBe(true)
		expect(await holdLease('job', 3 * MINUTE, 'a', at(6))).toBe(false)
		expect(await m.prisma.lease.findUniqueOrThrow({ where: { name: 'job' }, select: { holder: true } })).toEqual({ holder: 'b' })
	})

	it('gives exactly one of several instances asking at once the lease', async () => {
		const asks = await Promise.all(['p', 'q', 'r', 's'].map((holder) => m.lease.holdLease('race', 3 * MINUTE, holder, at(0))))
		expect(asks.filter(Boolean)).toHaveLength(1)
	})

	it('is given up on release, for the next to take at once', async () => {
		expect(await m.lease.holdLease('release', 3 * MINUTE, 'a', at(0))).toBe(true)
		await m.lease.releaseLease('release', 'a')
		expect(await m.lease.holdLease('release', 3 * MINUTE, 'b', at(0.5))).toBe(true)
	})
})

describe('the sweep runs only in the lease holder', () => {
	it('expires nothing while another instance holds the sweep lease, and sweeps once the lease is ours', async () => {
		const town = await m.prisma.town.create({ data: { code: 'lt', name: '租约镇', nameEn: 'Lease', lat: 40, lng: 110 } })
		const village = await m.prisma.village.create({ data: { code: 'lv', name: '租约村', nameEn: 'LeaseV', townId: town.id, lat: 40, lng: 110 } })
		const listing = await m.prisma.listing.create({
			data: {
				type: 'FARMHOUSE', title: '到期的院子', description: '测试', townId: town.id, villageId: village.id, lat: 40, lng: 110, area: 100, areaUnit: 'm2',
				price: 1000, priceUnit: 'YUAN_PER_YEAR', priceYuan: 1000, transferMode: 'LEASE', status: 'PUBLISHED', expiresAt: new Date('2026-01-01T00:00:00Z'),
			},
			select: { id: true },
		})
		const status = async () => (await m.prisma.listing.findUniqueOrThrow({ where: { id: listing.id }, select: { status: true } })).status
		const now = new Date()
		// Another instance swept a moment ago and holds the lease.
		await m.prisma.lease.upsert({
			where: { name: 'sweep' },
			create: { name: 'sweep', holder: 'another-instance', expiresAt: new Date(now.getTime() + m.sweep.SWEEP_LEASE_MS) },
			update: { holder: 'another-instance', expiresAt: new Date(now.getTime() + m.sweep.SWEEP_LEASE_MS) },
		})
		await m.sweep.sweepIfLeader()
		expect(await status()).toBe('PUBLISHED')
		// That instance died: its lease ran out, and this one sweeps.
		await m.prisma.lease.update({ where: { name: 'sweep' }, data: { expiresAt: new Date(now.getTime() - 1000) } })
		await m.sweep.sweepIfLeader()
		expect(await status()).toBe('EXPIRED')
		expect(await m.prisma.lease.findUniqueOrThrow({ where: { name: 'sweep' }, select: { holder: true } })).toEqual({ holder: m.lease.THIS_PROCESS })
	})
})
