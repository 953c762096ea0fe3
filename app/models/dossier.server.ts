// The dossier (档案) of a deal (issue 12, decision 031): one ZIP with the listing as published, its
// 四议两公开 record, parcels, inquiries, bidding, the deal's terms and parties, the contract text and
// signed scan, the review opinions, the notice and objections, the certificate and the audit
// entries, each listed with its SHA-256 in manifest.json. At certification the files are frozen in
// the same transaction and the manifest's hash stored; the certificate prints it, so anyone holding
// the ZIP can check that nothing in it changed. What happens after (rent payments, re-prints,
// later audit entries) goes in after/, with a manifest of its own.
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Prisma } from '@prisma/client'
import yazl from 'yazl'
import { readDocuments } from '~/domain/deal-change.ts'
import { hasPermission } from '~/domain/permissions.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { auditTrail } from './audit.server.ts'
import { contractText } from './contract.server.ts'
import { contractDir } from './deal.server.ts'
import { dealTermsSelect } from './listing-select.server.ts'

type Tx = Prisma.TransactionClient
type DossierFile = { name: string; content: string }
export type ManifestEntry = { name: string; sha256: string; bytes: number }

const sha256 = (data: string | Uint8Array) => crypto.createHash('sha256').update(data).digest('hex')
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/**
 * The dossier's files as the deal stands now, read through `db` (the certification's transaction),
 * with the signed scan's entry (its bytes stay in its own file). The order and the JSON are fixed,
 * so the same facts give the same bytes.
 */
async function currentFiles(db: Tx, dealId: string): Promise<{ files: DossierFile[]; scan: ManifestEntry | null; certificateNo: string | null } | null> {
	const deal = await db.deal.findUnique({
		where: { id: dealId },
		select: {
			id: true,
			status: true,
			origin: true,
			...dealTermsSelect,
			contractDate: true,
			contractFile: true,
			contractCode: true,
			contractGeneratedAt: true,
			contractTemplate: { select: { kind: true, version: true } },
			outsideBuyerName: true,
			outsideBuyerIdNumber: true,
			buyer: { select: { id: true, name: true, phone: true, email: true } },
			createdAt: true,
			approvedAt: true,
			noticeStartsAt: true,
			noticeEndsAt: true,
			certifiedAt: true,
			certificateNo: true,
			verifyCode: true,
			filingNo: true,
			filedAt: true,
			listingId: true,
			biddingRoundId: true,
			reviews: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { kind: true, decision: true, opinion: true, createdAt: true, reviewer: { select: { name: true, role: true } } } },
			objections: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { reason: true, status: true, createdAt: true, resolvedAt: true, user: { select: { name: true } } } },
		},
	})
	if (!deal) return null
	const listing = await db.listing.findUniqueOrThrow({
		where: { id: deal.listingId },
		select: {
			id: true,
			type: true,
			title: true,
			description: true,
			area: true,
			areaUnit: true,
			landClass: true,
			price: true,
			priceUnit: true,
			transferMode: true,
			tradingMode: true,
			termYears: true,
			lat: true,
			lng: true,
			boundary: true,
			publishedAt: true,
			town: { select: { code: true, name: true } },
			village: { select: { code: true, name: true } },
			photos: { orderBy: [{ sort: 'asc' }, { id: 'asc' }], select: { file: true, caption: true } },
			decision: { select: { proposalDate: true, committeeDate: true, partyMeetingDate: true, partyMembersTotal: true, partyMembersPresent: true, partyVotesFor: true, villagersMeetingDate: true, villagersTotal: true, villagersPresent: true, villagersVotesFor: true, resolutionText: true, resolutionPublicDate: true, resultPublicDate: true } },
			parcels: { orderBy: { parcel: { code: 'asc' } }, select: { parcel: { select: { code: true, name: true, surveyedAreaM2: true, surveyedAreaMu: true, landUse: true, parcelClass: true, east: true, south: true, west: true, north: true, geometry: true } } } },
			inquiries: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, createdAt: true, intendedUse: true, termYears: true, offeredPrice: true, message: true, buyer: { select: { name: true } } } },
		},
	})
	const rounds = await db.biddingRound.findMany({
		where: { listingId: listing.id },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			startPrice: true,
			increment: true,
			deposit: true,
			startsAt: true,
			deadline: true,
			status: true,
			currentPrice: true,
			paymentDueAt: true,
			paidAt: true,
			registrations: { orderBy: { alias: 'asc' }, select: { alias: true, depositStatus: true, buyer: { select: { name: true } } } },
			bids: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { amount: true, createdAt: true, registration: { select: { alias: true } } } },
		},
	})
	const entities = [deal.id, listing.id, ...rounds.map((r) => r.id)]
	// Inside the certification's transaction its own entries are not chained yet (decision 038).
	const audit = await auditTrail(db, entities)
	const { photos, decision, parcels, inquiries, ...published } = listing
	const { reviews, objections, contractFile, buyer, ...terms } = deal
	const files: DossierFile[] = [
		{ name: 'listing.json', content: json({ ...published, photos }) },
		{ name: 'democratic-decision.json', content: json(decision) },
		{
			name: 'parcels.geojson',
			content: json({ type: 'FeatureCollection', features: parcels.map(({ parcel: { geometry, ...p } }) => ({ type: 'Feature', properties: p, geometry: JSON.parse(geometry) as unknown })) }),
		},
		{ name: 'inquiries.json', content: json(inquiries) },
		{ name: 'bidding.json', content: json(rounds) },
		{ name: 'deal.json', content: json({ ...terms, buyer, outsideBuyerName: deal.outsideBuyerName, outsideBuyerIdNumber: deal.outsideBuyerIdNumber }) },
	]
	const text = await contractText(db, deal.id)
	if (text) files.push({ name: 'contract.txt', content: `${text}\n` })
	files.push({ name: 'reviews.json', content: json(reviews) }, { name: 'notice-objections.json', content: json({ noticeStartsAt: deal.noticeStartsAt, noticeEndsAt: deal.noticeEndsAt, objections }) })
	if (deal.certificateNo) files.push({ name: 'certificate.json', content: json({ certificateNo: deal.certificateNo, verifyCode: deal.verifyCode, certifiedAt: deal.certifiedAt, filingNo: deal.filingNo, filedAt: deal.filedAt }) })
	files.push({ name: 'audit.json', content: json(audit) })
	let scan: ManifestEntry | null = null
	if (contractFile) {
		const bytes = await fs.readFile(path.join(contractDir(), contractFile)).catch(() => null)
		if (bytes) scan = { name: `contract-signed${path.extname(contractFile)}`, sha256: sha256(bytes), bytes: bytes.length }
	}
	return { files, scan, certificateNo: deal.certificateNo }
}

function manifestOf(dealId: string, certificateNo: string | null, files: DossierFile[], scan: ManifestEntry | null) {
	const entries: ManifestEntry[] = files.map((f) => ({ name: f.name, sha256: sha256(f.content), bytes: Buffer.byteLength(f.content) }))
	if (scan) entries.push(scan)
	return json({ format: 1, dealId, certificateNo, files: entries })
}

/**
 * Freezes the certified dossier inside the certification's transaction (after the deal, its review
 * and audit entry are written) and returns the manifest's hash for the certificate.
 */
export async function freezeDossier(tx: Tx, dealId: string) {
	const current = await currentFiles(tx, dealId)
	if (!current) throw new Error(`no deal ${dealId}`)
	const manifest = manifestOf(dealId, current.certificateNo, current.files, current.scan)
	const manifestHash = sha256(manifest)
	await tx.dealDossier.create({ data: { dealId, manifestHash, files: JSON.stringify([...current.files, { name: 'manifest.json', content: manifest }]) } })
	return manifestHash
}

/** Who may download a deal's dossier: the administrator, the reviewers of its town, its village (it names every inquirer). */
function dossierReaders(user: Pick<SessionUser, 'role' | 'townId' | 'villageId'>): Prisma.DealWhereInput | null {
	if (hasPermission(user, 'certify:deal')) return {}
	if (hasPermission(user, 'review:deal:town') && user.townId) return { listing: { townId: user.townId } }
	if (hasPermission(user, 'listing:manage:own-village') && user.villageId) return { listing: { villageId: user.villageId } }
	return null
}

/**
 * The dossier's ZIP for an official: the frozen files of a certified deal (or the files as they
 * stand, for a deal not yet certified), the signed scan, and after/ with what came later. Null
 * when the deal is not theirs.
 */
export async function dossierZip(user: Pick<SessionUser, 'role' | 'townId' | 'villageId'>, dealId: string) {
	const readers = dossierReaders(user)
	if (!readers) return null
	const deal = await prisma.deal.findFirst({ where: { id: dealId, origin: 'PLATFORM', ...readers }, select: { id: true, certificateNo: true, certifiedAt: true, contractFile: true, dossier: { select: { files: true, manifestHash: true } } } })
	if (!deal) return null
	let files: DossierFile[]
	if (deal.dossier) files = JSON.parse(deal.dossier.files) as DossierFile[]
	else {
		const current = await prisma.$transaction((tx) => currentFiles(tx, deal.id))
		files = [...current!.files, { name: 'manifest.json', content: manifestOf(deal.id, current!.certificateNo, current!.files, current!.scan) }]
	}
	const zip = new yazl.ZipFile()
	const at = deal.certifiedAt ?? new Date()
	for (const f of files) zip.addBuffer(Buffer.from(f.content), f.name, { mtime: at })
	if (deal.contractFile) {
		const bytes = await fs.readFile(path.join(contractDir(), deal.contractFile)).catch(() => null)
		if (bytes) zip.addBuffer(bytes, `contract-signed${path.extname(deal.contractFile)}`, { mtime: at, compress: false })
	}
	if (deal.certifiedAt) {
		const after = await afterFiles(deal.id, deal.certifiedAt)
		for (const f of after) zip.addBuffer(Buffer.from(f.content), `after/${f.name}`)
		// The documents of the changes, under the names changes.json gives them with their hashes.
		for (const change of await changeRecords(deal.id)) {
			for (const [i, d] of change.documents.entries()) {
				const bytes = await fs.readFile(path.join(contractDir(), path.basename(d.file))).catch(() => null)
				if (bytes) zip.addBuffer(bytes, `after/${changeDocumentName(change.id, i, d.file)}`, { compress: false })
			}
		}
	}
	zip.end()
	const chunks: Buffer[] = []
	for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
	return { bytes: Buffer.concat(chunks), name: `${deal.certificateNo ?? deal.id}-dossier.zip`, manifestHash: deal.dossier?.manifestHash ?? null }
}

/**
 * What happened after certification: rent payments, certificate prints, changes, early end and
 * disputes (with each document's hash; decision 033), later audit entries, with their manifest.
 */
async function afterFiles(dealId: string, certifiedAt: Date): Promise<DossierFile[]> {
	const [payments, prints, changes, audit] = await Promise.all([
		prisma.rentPayment.findMany({ where: { dealId }, orderBy: { seq: 'asc' }, select: { seq: true, dueDate: true, amount: true, paidAt: true, paidAmount: true, recordedAt: true } }),
		prisma.certificatePrint.findMany({ where: { dealId }, orderBy: { copy: 'asc' }, select: { copy: true, createdAt: true, user: { select: { name: true } } } }),
		changeRecords(dealId),
		prisma.auditLog.findMany({ where: { entityId: dealId, createdAt: { gt: certifiedAt } }, orderBy: { seq: 'asc' }, select: { seq: true, createdAt: true, action: true, fromState: true, toState: true, reason: true, params: true, hash: true, actor: { select: { name: true } } } }),
	])
	const files = [
		{ name: 'rent-payments.json', content: json(payments) },
		{ name: 'certificate-prints.json', content: json(prints) },
		{ name: 'changes.json', content: json(changes.map(({ documents, ...c }) => ({ ...c, documents: documents.map((d, i) => ({ file: changeDocumentName(c.id, i, d.file), name: d.name, sha256: d.sha256, bytes: d.bytes })) }))) },
		{ name: 'audit.json', content: json(audit) },
	]
	return [...files, { name: 'manifest.json', content: json({ format: 1, dealId, files: files.map((f) => ({ name: f.name, sha256: sha256(f.content), bytes: Buffer.byteLength(f.content) })) }) }]
}

/** A deal's changes, early end and disputes, oldest first, with their documents read from the JSON. */
async function changeRecords(dealId: string) {
	const rows = await prisma.dealChange.findMany({
		where: { dealId },
		orderBy: { createdAt: 'asc' },
		select: { id: true, kind: true, status: true, reason: true, newPrice: true, newArea: true, newTermYears: true, oldPrice: true, oldArea: true, oldTermYears: true, effectiveOn: true, createdAt: true, decidedAt: true, opinion: true, documents: true, filedBy: { select: { name: true } }, decidedBy: { select: { name: true } } },
	})
	return rows.map((r) => ({ ...r, documents: readDocuments(r.documents) }))
}

const changeDocumentName = (changeId: string, index: number, file: string) => `changes/${changeId}-${index + 1}${path.extname(file)}`
