// GET /deals/:id/contract for every role, against a deal that is theirs and one that is not: the
// administrator reads every contract; a town's reviewer, a village and a buyer only their own
// deals'; everyone else gets a 404 (never a hint that the deal exists). The route runs with real
// sessions against a freshly migrated database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

type Db = typeof import('~/utils/db.server.ts')
type User = { id: string; role: string; townId: string | null; villageId: string | null }

let dir: string
let prisma: Db['prisma']
const users = {} as Record<'admin' | 'reviewerA' | 'reviewerB' | 'villageA' | 'villageB' | 'buyerA' | 'buyerB', User>
/** dealA: village A in town A, bought by buyerA; dealB: village B in town B, bought by buyerB. */
let dealA: string
let dealB: string

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n')

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-test-'))
	const url = await createTestDatabase(dir)
	process.env.DATABASE_URL = url
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	// A county code as the certificate prefix, as the README suggests.
	process.env.CERTIFICATE_PREFIX = '150621'
	;({ prisma } = await import('~/utils/db.server.ts'))
	const { contractDir } = await import('~/models/deal.server.ts')
	fs.mkdirSync(contractDir(), { recursive: true })

	const town = (code: string) => prisma.town.create({ data: { code, name: code, nameEn: code, lat: 40, lng: 110 } })
	const village = (code: string, townId: string) => prisma.village.create({ data: { code, name: code, nameEn: code, townId, lat: 40, lng: 110 } })
	const [ta, tb] = [await town('ta'), await town('tb')]
	const [va, vb] = [await village('va', ta.id), await village('vb', tb.id)]
	const user = (name: string, role: string, place: { townId?: string; villageId?: string } = {}) =>
		prisma.user.create({ data: { name, role, ...place }, select: { id: true, role: true, townId: true, villageId: true } })
	users.admin = await user('管理员', 'ADMIN')
	users.reviewerA = await user('审核甲', 'REVIEWER', { townId: ta.id })
	users.reviewerB = await user('审核乙', 'REVIEWER', { townId: tb.id })
	users.villageA = await user('甲村', 'VILLAGE', { villageId: va.id })
	users.villageB = await user('乙村', 'VILLAGE', { villageId: vb.id })
	users.buyerA = await user('买家甲', 'BUYER')
	users.buyerB = await user('买家乙', 'BUYER')

	const deal = async (townId: string, villageId: string, buyerId: string, file: string) => {
		fs.writeFileSync(path.join(contractDir(), file), PDF)
		const listing = await prisma.listing.create({
			data: {
				type: 'LAND',
				status: 'PUBLISHED',
				title: file,
				description: '测试',
				townId,
				villageId,
				lat: 40,
				lng: 110,
				area: 10,
				areaUnit: 'mu',
				price: 100,
				priceUnit: 'YUAN_PER_MU_YEAR',
				priceYuan: 1000,
				transferMode: 'LEASE',
				termYears: 1,
				createdById: users.admin.id,
			},
		})
		const d = await prisma.deal.create({
			data: {
				listingId: listing.id,
				buyerId,
				price: 100,
				priceUnit: 'YUAN_PER_MU_YEAR',
				totalValueYuan: 1000,
				area: 10,
				areaUnit: 'mu',
				termYears: 1,
				transferMode: 'LEASE',
				tradingMode: 'NEGOTIATED',
				contractDate: new Date(),
				contractFile: file,
				status: 'AWAITING_CERTIFICATION',
			},
		})
		return d.id
	}
	dealA = await deal(ta.id, va.id, users.buyerA.id, 'c-a.pdf')
	dealB = await deal(tb.id, vb.id, users.buyerB.id, 'c-b.pdf')
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function get(user: User | null, dealId: string) {
	const { loader } = await import('~/routes/deals.$id_.contract.ts')
	return call(loader, user, `/deals/${dealId}/contract`, { id: dealId })
}

type Loader = (args: LoaderFunctionArgs) => Promise<Response>

async function call(loader: Loader, user: User | null, url: string, params: Record<string, string>) {
	const { sessionStorage } = await import('~/utils/session.server.ts')
	const headers = new Headers()
	if (user) {
		const s = await prisma.session.create({ data: { userId: user.id, expirationDate: new Date(Date.now() + 3600_000) } })
		const session = await sessionStorage.getSession()
		session.set('sessionId', s.id)
		headers.set('Cookie', (await sessionStorage.commitSession(session)).split(';')[0])
	}
	try {
		return await loader({ request: new Request(`http://localhost${url}`, { headers }), params, context: {} })
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
}

describe('GET /deals/:id/contract', () => {
	it('serves the administrator every contract (the link on /admin/certifications)', async () => {
		for (const id of [dealA, dealB]) {
			const res = await get(users.admin, id)
			expect(res.status, id).toBe(200)
			expect(res.headers.get('Content-Type')).toBe('application/pdf')
			expect(res.headers.get('Cache-Control')).toBe('private, no-store')
			expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
		}
	})

	const cases: Array<[keyof typeof users, 'own' | 'other']> = []
	for (const who of ['reviewerA', 'reviewerB', 'villageA', 'villageB', 'buyerA', 'buyerB'] as const) cases.push([who, 'own'], [who, 'other'])
	it.each(cases)('%s: a deal that is %s', async (who, which) => {
		const mine = who.endsWith('A') ? dealA : dealB
		const theirs = who.endsWith('A') ? dealB : dealA
		const res = await get(users[who], which === 'own' ? mine : theirs)
		expect(res.status).toBe(which === 'own' ? 200 : 404)
	})

	it('sends the anonymous to log in, and answers 404 for an unknown or malformed id', async () => {
		const anonymous = await get(null, dealA)
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
		expect((await get(users.admin, 'no-such-deal')).status).toBe(404)
		expect((await get(users.admin, '../etc/passwd')).status).toBe(404)
	})
})

describe('a numeric CERTIFICATE_PREFIX (a county code)', () => {
	it('numbers the certificate 150621-YYYY-000001, which its parties can open', async () => {
		const { certifyDeal } = await import('~/models/deal.server.ts')
		const { loader } = await import('~/routes/certificates.$no.tsx')
		const result = await certifyDeal(users.admin, dealB, null, new Date('2026-11-20T02:00:00Z'))
		if (!result.ok) throw new Error(result.problem)
		expect(result.certificateNo).toBe('150621-2026-000001')
		const open = (who: User) => call(loader, who, `/certificates/${result.certificateNo}`, { no: result.certificateNo })
		// The buyer's notification links here.
		const link = await prisma.notification.findFirstOrThrow({ where: { userId: users.buyerB.id, kind: 'deal-completed' }, select: { link: true } })
		expect(link.link).toBe(`/certificates/${result.certificateNo}`)
		for (const who of [users.admin, users.villageB, users.buyerB]) expect((await open(who)).status, who.role).toBe(200)
		for (const who of [users.buyerA, users.villageA, users.reviewerB]) expect((await open(who)).status, who.role).toBe(404)
	})
})
