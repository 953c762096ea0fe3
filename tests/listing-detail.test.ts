// getPublicListing() against a real, freshly migrated database: only published and traded
// listings are public; every other state, an unknown id and a malformed id are all "not found".
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LISTING_STATUSES } from '~/domain/listing.ts'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type ListingModule = typeof import('~/models/listing.server.ts')

let dir: string
let prisma: Db['prisma']
let getPublicListing: ListingModule['getPublicListing']
let townId: string
let villageId: string

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'listing-detail-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	;({ prisma } = await import('~/utils/db.server.ts'))
	;({ getPublicListing } = await import('~/models/listing.server.ts'))
	const town = await prisma.town.create({
		data: { code: 'T01', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 },
	})
	const village = await prisma.village.create({
		data: {
			code: 'V01',
			name: '测试村',
			nameEn: 'Test Village',
			townId: town.id,
			lat: 40.41,
			lng: 110.01,
			contactName: '王主任',
			contactPhone: '0477-5123456',
		},
	})
	townId = town.id
	villageId = village.id
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function createListing(status: string, type = 'COLLECTIVE_ASSET') {
	const user = await prisma.user.create({ data: { name: 'village clerk', role: 'VILLAGE', villageId } })
	return prisma.listing.create({
		data: {
			type,
			status,
			title: `${type} ${status}`,
			description: 'line one\nline two',
			townId,
			villageId,
			lat: 40.405,
			lng: 110.005,
			area: 320,
			areaUnit: 'm2',
			price: 12000,
			priceUnit: 'YUAN_PER_YEAR',
			priceYuan: 12000,
			transferMode: 'LEASE',
			termYears: 5,
			createdById: user.id,
			publishedAt: new Date('2025-03-01T02:00:00Z'),
			expiresAt: new Date('2025-09-01T02:00:00Z'),
			photos: {
				create: [
					{ file: 'b.jpg', thumbFile: 'b-t.jpg', width: 1200, height: 900, sort: 1, caption: 'second' },
					{ file: 'a.jpg', thumbFile: 'a-t.jpg', width: 1200, height: 800, sort: 0 },
				],
			},
			decision:
				type === 'COLLECTIVE_ASSET'
					? {
							create: {
								proposalDate: new Date('2025-01-05T00:00:00Z'),
								committeeDate: new Date('2025-01-10T00:00:00Z'),
								partyMeetingDate: new Date('2025-01-15T00:00:00Z'),
								partyMembersTotal: 30,
								partyMembersPresent: 27,
								partyVotesFor: 26,
								villagersMeetingDate: new Date('2025-01-20T00:00:00Z'),
								villagersTotal: 60,
								villagersPresent: 52,
								villagersVotesFor: 50,
								resolutionPublicDate: new Date('2025-01-22T00:00:00Z'),
							},
						}
					: undefined,
		},
		select: { id: true },
	})
}

describe('getPublicListing', () => {
	it('returns a published listing with its place, contact, ordered photos and decision record', async () => {
		const { id } = await createListing('PUBLISHED')
		const listing = await getPublicListing(id)
		expect(listing).not.toBeNull()
		expect(listing).toMatchObject({
			id,
			status: 'PUBLISHED',
			type: 'COLLECTIVE_ASSET',
			description: 'line one\nline two',
			termYears: 5,
			town: { name: '树林召镇', nameEn: 'Shulinzhao', code: 'T01' },
			village: { name: '测试村', nameEn: 'Test Village', code: 'V01', contactName: '王主任', contactPhone: '0477-5123456' },
			decision: { partyMembersPresent: 27, villagersVotesFor: 50, resultPublicDate: null },
		})
		expect(listing!.photos.map((p) => p.file)).toEqual(['a.jpg', 'b.jpg'])
		expect(listing!.photos[1]).toMatchObject({ thumbFile: 'b-t.jpg', width: 1200, height: 900, caption: 'second' })
		// Who entered the listing is not public.
		expect(listing).not.toHaveProperty('createdById')
		expect(listing).not.toHaveProperty('createdBy')
	})

	it('returns a traded listing (its page shows the 已成交 banner)', async () => {
		const { id } = await createListing('TRADED', 'LAND')
		expect(await getPublicListing(id)).toMatchObject({ id, status: 'TRADED', decision: null })
	})

	it('hides every other state', async () => {
		for (const status of LISTING_STATUSES.filter((s) => s !== 'PUBLISHED' && s !== 'TRADED')) {
			const { id } = await createListing(status)
			expect(await getPublicListing(id), status).toBeNull()
		}
	})

	it('is null for unknown and malformed ids', async () => {
		const { id } = await createListing('PUBLISHED')
		expect(await getPublicListing('doesnotexist0000000000000')).toBeNull()
		for (const bad of [undefined, '', id.toUpperCase(), `${id} `, `${id}'--`, '../x', 'a'.repeat(65), `%${id}`, `${id}*`]) {
			expect(await getPublicListing(bad), String(bad)).toBeNull()
		}
		expect(await getPublicListing('a'.repeat(64))).toBeNull()
	})
})
