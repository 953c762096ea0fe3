// `prisma db seed` (tsx prisma/seed.ts): replaces everything in the database with the Dalad Banner
// demo (prisma/seed-data.ts) and draws its photos into UPLOAD_DIR (prisma/demo-photos.ts).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PrismaClient } from '@prisma/client'
import { appendToIndex } from '../app/models/listing-search.server.ts'
import { prisma as appPrisma } from '../app/utils/db.server.ts'
import { demoContractFile, uploadDirFromEnv, writeDemoContracts, writeDemoPhotos } from './demo-photos.ts'
import { buildDemoData, DEMO_SEED, REFERENCE_DATE, type DemoData } from './seed-data.ts'
import { buildParcels } from './seed-parcels.ts'
import { DEMO_PASSWORD } from '../app/utils/demo.server.ts'
import { seedDemoAccounts } from './seed-accounts.ts'
import { writeSeedHistory } from './seed-history.ts'
import { writeDemoWanted } from './seed-wanted.ts'

/**
 * Empties every table, children before parents so no foreign key is left dangling, and the
 * full-text index (a virtual table Prisma does not model).
 */
export async function clearDatabase(prisma: PrismaClient) {
	await prisma.$transaction([
		prisma.bid.deleteMany(),
		prisma.bidRegistration.deleteMany(),
		prisma.objection.deleteMany(),
		prisma.review.deleteMany(),
		prisma.rentPayment.deleteMany(),
		prisma.certificatePrint.deleteMany(),
		prisma.dealDossier.deleteMany(),
		prisma.deal.deleteMany(),
		prisma.contractTemplate.deleteMany(),
		prisma.biddingRound.deleteMany(),
		prisma.inquiryReply.deleteMany(),
		prisma.inquiry.deleteMany(),
		prisma.democraticDecision.deleteMany(),
		prisma.listingPhoto.deleteMany(),
		prisma.listingParcel.deleteMany(),
		// Buyers' tools (issue 13): what points at listings and accounts goes first.
		prisma.favourite.deleteMany(),
		prisma.savedSearchQueue.deleteMany(),
		prisma.savedSearchMatch.deleteMany(),
		prisma.savedSearchCell.deleteMany(),
		prisma.savedSearchDigest.deleteMany(),
		prisma.savedSearch.deleteMany(),
		prisma.wantedMatch.deleteMany(),
		prisma.wantedTarget.deleteMany(),
		prisma.wantedPost.deleteMany(),
		prisma.listing.deleteMany(),
		prisma.parcel.deleteMany(),
		prisma.dataImport.deleteMany(),
		prisma.notification.deleteMany(),
		prisma.auditLog.deleteMany(),
		prisma.auditPending.deleteMany(),
		prisma.loginAttempt.deleteMany(),
		prisma.signupAttempt.deleteMany(),
		prisma.session.deleteMany(),
		prisma.password.deleteMany(),
		prisma.user.deleteMany(),
		prisma.village.deleteMany(),
		prisma.town.deleteMany(),
		prisma.$executeRawUnsafe('DELETE FROM listing_fts'),
	])
}

/** Towns and villages only: the synthetic seed reuses this on an empty database. */
export async function writePlaces(prisma: PrismaClient, data: Pick<DemoData, 'towns' | 'villages'>) {
	await prisma.town.createMany({
		data: data.towns.map(({ id, code, name, nameEn, kind, lat, lng, isDemo }) => ({ id, code, name, nameEn, kind, lat, lng, isDemo })),
	})
	await prisma.village.createMany({
		data: data.villages.map(({ id, code, name, nameEn, townId, lat, lng, contactName, contactPhone, isDemo }) => ({
			id,
			code,
			name,
			nameEn,
			townId,
			lat,
			lng,
			contactName,
			contactPhone,
			isDemo,
		})),
	})
}

export type SeedSummary = {
	listings: number
	photosWritten: number
	photosReused: number
	ms: number
}

export async function seedDemo(
	prisma: PrismaClient = appPrisma,
	options: { uploadDir?: string; log?: (message: string) => void } = {},
): Promise<SeedSummary> {
	const started = performance.now()
	const log = options.log ?? (() => {})
	const data = buildDemoData()
	// Photos are CPU work in sharp's threads: draw them while the database is written.
	const photos = writeDemoPhotos(
		data.listings.map((l) => ({ id: l.row.id, photos: l.photos })),
		options.uploadDir ?? uploadDirFromEnv(),
	)
	// Awaited below; this only keeps a failure from being "unhandled" if the database fails first.
	photos.catch(() => {})
	const titles = new Map(data.listings.map((l) => [l.row.id, l.row.title]))
	const contracts = writeDemoContracts(
		data.deals.map((d) => ({ id: d.id, title: titles.get(d.listingId) ?? '' })),
		options.uploadDir ?? uploadDirFromEnv(),
	)
	contracts.catch(() => {})

	await clearDatabase(prisma)
	await writePlaces(prisma, data)
	const parcels = buildParcels(DEMO_SEED, data.villages)
	await prisma.parcel.createMany({ data: parcels })
	log(`${parcels.length} demo parcels (确权 survey data)`)
	await prisma.user.createMany({
		data: data.users.map(({ id, name, email, role, townId }) => ({ id, name, email, role, townId })),
	})
	await prisma.listing.createMany({ data: data.listings.map((l) => l.row) })
	await prisma.democraticDecision.createMany({ data: data.decisions })
	await prisma.deal.createMany({ data: data.deals.map((d) => ({ ...d, contractFile: demoContractFile(d.id) })) })
	await prisma.review.createMany({ data: data.reviews })
	log(`${data.listings.length} listings, ${data.deals.length} deals, ${data.reviews.length} reviews written`)

	await indexDemoListings(data)
	await contracts
	const { rows, written, reused } = await photos
	await prisma.listingPhoto.createMany({ data: rows })
	log(`${rows.length} photos (${written} drawn, ${reused} already on disk)`)
	log(`${await seedDemoAccounts(prisma)} demo accounts (password ${DEMO_PASSWORD})`)
	await bringLiveDealsToToday(prisma)
	log(`${await writeDemoWanted(prisma)} published wanted posts`)
	log(`${await writeSeedHistory(prisma, REFERENCE_DATE)} audit entries of the demo's history`)
	return { listings: data.listings.length, photosWritten: written, photosReused: reused, ms: performance.now() - started }
}

/**
 * The demo's deals that are still under way (in public notice, awaiting review) are dated around
 * the seed's fixed reference day; move them to the day the demo is seeded, so a fresh demo always
 * shows notices with days left rather than notices that ran out weeks ago.
 */
async function bringLiveDealsToToday(prisma: PrismaClient, today = new Date()) {
	const days = Math.floor((today.getTime() - REFERENCE_DATE.getTime()) / 86_400_000)
	if (days <= 0) return
	const shift = (d: Date | null) => (d ? new Date(d.getTime() + days * 86_400_000) : null)
	const live = await prisma.deal.findMany({
		where: { status: { in: ['IN_NOTICE', 'PENDING_REVIEW'] } },
		select: { id: true, contractDate: true, createdAt: true, approvedAt: true, noticeStartsAt: true, noticeEndsAt: true },
	})
	for (const d of live) {
		await prisma.deal.update({
			where: { id: d.id },
			data: {
				contractDate: shift(d.contractDate)!,
				createdAt: shift(d.createdAt)!,
				approvedAt: shift(d.approvedAt),
				noticeStartsAt: shift(d.noticeStartsAt),
				noticeEndsAt: shift(d.noticeEndsAt),
			},
		})
	}
}

/** Every listing, whatever its status: village workspaces and reviewers search their drafts too. */
async function indexDemoListings(data: DemoData) {
	const townName = new Map(data.towns.map((t) => [t.id, t.name]))
	const villageName = new Map(data.villages.map((v) => [v.id, v.name]))
	await appendToIndex(
		data.listings.map(({ row }) => ({
			id: row.id,
			title: row.title,
			description: row.description,
			village: villageName.get(row.villageId),
			town: townName.get(row.townId),
		})),
	)
}

async function main() {
	const summary = await seedDemo(appPrisma, { log: (m) => console.log(m) })
	console.log(`Dalad Banner demo seeded in ${(summary.ms / 1000).toFixed(1)} s`)
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
	main()
		.catch((error) => {
			console.error(error)
			process.exitCode = 1
		})
		.finally(() => appPrisma.$disconnect())
}
