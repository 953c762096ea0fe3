// The dossier of a deal (issue 12, decision 031) against a real migrated database: certification
// freezes the files and stores the manifest's hash, which the certificate carries; the ZIP holds
// exactly the files the manifest lists, with their hashes, the signed scan among them; what
// changes later (a parcel re-surveyed, a re-print) leaves the certified part as it was and lands in
// after/; only the officials who handle the deal may download it.
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
let dossier: typeof import('~/models/dossier.server.ts')
let contracts: typeof import('~/models/contract.server.ts')
let prints: typeof import('~/models/certificate-print.server.ts')

type Actor = { id: string; role: string; townId: string | null; villageId: string | null }
let village: Actor
let otherVillage: Actor
let reviewer: Actor
let otherReviewer: Actor
let admin: Actor
let buyer: Actor
let parcelId: string
const DAY = 24 * 3600_000
const NOW = new Date('2026-11-20T02:00:00Z')
const at = (days: number) => new Date(NOW.getTime() + days * DAY)
const SCAN = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex')

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	process.env.UPLOAD_DIR = path.join(dir, 'uploads')
	;({ prisma } = await import('~/utils/db.server.ts'))
	deal = await import('~/models/deal.server.ts')
	dossier = await import('~/models/dossier.server.ts')
	contracts = await import('~/models/contract.server.ts')
	prints = await import('~/models/certificate-print.server.ts')
	const townId = (await prisma.town.create({ data: { code: 'ta', name: '树林召镇', nameEn: 'Shulinzhao', lat: 40.4, lng: 110 } })).id
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

/** A land lease on one parcel, recorded before signing, its contract generated, the scan uploaded, approved, noticed and certified. */
let n = 0
async function certifiedDeal() {
	n++
	const { townId, id: villageId } = await prisma.village.findFirstOrThrow({ where: { code: 'va' }, select: { id: true, townId: true } })
	const listing = await prisma.listing.create({
		data: { type: 'LAND', status: 'PUBLISHED', title: '北滩水浇地', description: '灌溉便利。', townId, villageId, lat: 40.405, lng: 110.005, area: 12.5, areaUnit: 'mu', landClass: 'CROPLAND', price: 400, priceUnit: 'YUAN_PER_MU_YEAR', priceYuan: 5000, transferMode: 'LEASE', termYears: 3, createdById: village.id, publishedAt: at(-30) },
		select: { id: true },
	})
	const ring = [[110, 40.4], [110.001, 40.4], [110.001, 40.401], [110, 40.4]]
	parcelId = (
		await prisma.parcel.create({
			data: { code: `150621101201000000${n}`, townId, villageId, employerCode: '15062110120100', surveyedAreaM2: 8333.4, surveyedAreaMu: 12.5, computedAreaM2: 8333.4, east: '至村道', geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }), minLng: 110, maxLng: 110.001, minLat: 40.4, maxLat: 40.401 },
			select: { id: true },
		})
	).id
	await prisma.listingParcel.create({ data: { listingId: listing.id, parcelId } })
	const inquiry = await prisma.inquiry.create({ data: { listingId: listing.id, buyerId: buyer.id, intendedUse: '种植玉米', message: '。', contact: '13800000000', createdAt: at(-10) }, select: { id: true } })
	const r = await deal.recordDeal(village, listing.id, { buyer: { kind: 'inquiry', inquiryId: inquiry.id }, price: 400, priceUnit: 'YUAN_PER_MU_YEAR', termYears: 3, transferMode: 'LEASE', contractDate: null }, null, NOW)
	if (!r.ok) throw new Error(r.problem)
	expect(await contracts.generateContract(village, r.id, NOW)).toMatchObject({ ok: true })
	expect(await deal.attachContract(village, r.id, new Date('2026-11-20T00:00:00+08:00'), SCAN, NOW)).toEqual({ ok: true })
	expect(await deal.reviewDeal(reviewer, r.id, 'APPROVE', '同意公示。', NOW, 7)).toMatchObject({ ok: true })
	await deal.promoteEndedNotices(at(8))
	const certified = await deal.certifyDeal(admin, r.id, null, at(9))
	if (!certified.ok) throw new Error(certified.problem)
	return { id: r.id, certificateNo: certified.certificateNo }
}

describe('the dossier', { timeout: 60_000 }, () => {
	it('is frozen at certification; the certificate carries the manifest’s hash; the ZIP holds exactly what the manifest lists', async () => {
		const { id, certificateNo } = await certifiedDeal()
		const row = await prisma.dealDossier.findUniqueOrThrow({ where: { dealId: id }, select: { manifestHash: true } })
		expect(row.manifestHash).toMatch(/^[0-9a-f]{64}$/)
		expect((await deal.getCertificate(admin, certificateNo))?.dossier?.manifestHash).toBe(row.manifestHash)

		const zip = (await dossier.dossierZip(admin, id))!
		expect(zip.manifestHash).toBe(row.manifestHash)
		const files = await unzip(zip.bytes)
		const manifest = files.get('manifest.json')!
		expect(sha256(manifest)).toBe(row.manifestHash)
		const listed = (JSON.parse(manifest.toString()) as { certificateNo: string; files: { name: string; sha256: string; bytes: number }[] })
		expect(listed.certificateNo).toBe(certificateNo)
		expect(listed.files.map((f) => f.name)).toEqual(['listing.json', 'democratic-decision.json', 'parcels.geojson', 'inquiries.json', 'bidding.json', 'deal.json', 'contract.txt', 'reviews.json', 'notice-objections.json', 'certificate.json', 'audit.json', 'contract-signed.pdf'])
		for (const f of listed.files) {
			expect(files.has(f.name), f.name).toBe(true)
			expect(sha256(files.get(f.name)!), f.name).toBe(f.sha256)
			expect(files.get(f.name)!.length, f.name).toBe(f.bytes)
		}
		expect(files.get('contract-signed.pdf')!.equals(SCAN)).toBe(true)
		const code = (await prisma.deal.findUniqueOrThrow({ where: { id }, select: { contractCode: true } })).contractCode!
		expect(files.get('contract.txt')!.toString()).toContain(`合同编号：${code}`)
		const audit = JSON.parse(files.get('audit.json')!.toString()) as { action: string }[]
		expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['record', 'contract:generate', 'contract', 'review:approve', 'notice-ended', 'certify']))
		expect(JSON.parse(files.get('parcels.geojson')!.toString()).features[0].properties).toMatchObject({ code: '1506211012010000001', east: '至村道' })
		expect([...files.keys()].filter((n) => n.startsWith('after/')).sort()).toEqual(['after/audit.json', 'after/certificate-prints.json', 'after/changes.json', 'after/manifest.json', 'after/rent-payments.json'])
		expect(JSON.parse(files.get('after/rent-payments.json')!.toString())).toHaveLength(3)

		// Later changes leave the certified part as it was and land in after/.
		await prisma.parcel.update({ where: { id: parcelId }, data: { east: '至新修水渠' } })
		await prints.recordCertificatePrint(admin, certificateNo)
		const again = await unzip((await dossier.dossierZip(reviewer, id))!.bytes)
		expect(again.get('manifest.json')!.equals(manifest)).toBe(true)
		expect(again.get('parcels.geojson')!.equals(files.get('parcels.geojson')!)).toBe(true)
		expect(JSON.parse(again.get('after/certificate-prints.json')!.toString())).toHaveLength(1)
		const afterManifest = JSON.parse(again.get('after/manifest.json')!.toString()) as { files: { name: string; sha256: string }[] }
		for (const f of afterManifest.files) expect(sha256(again.get(`after/${f.name}`)!)).toBe(f.sha256)
	})

	it('is for the officials who handle the deal only', async () => {
		const { id } = await certifiedDeal()
		for (const official of [admin, reviewer, village]) expect(await dossier.dossierZip(official, id), official.role).not.toBeNull()
		for (const other of [buyer, otherVillage, otherReviewer]) expect(await dossier.dossierZip(other, id), other.role).toBeNull()
	})
})
