// Negotiated deals (协议) through their lifecycle (PRODUCT.md "Lifecycles"): the village records
// the agreed deal → the Party organisation of the listing's town reviews it → public notice (公示),
// during which anyone logged in may object → the centre's administrator certifies it (交易鉴证) and
// a 交易鉴证书 is issued. Every query is scoped to the actor's village, town or person in its
// `where`; every state change is a conditional update (the expected status in the `where`, so two
// people acting at the same moment cannot both win) in one transaction with its audit entry and
// notifications. Business time comes in as `now` (the routes pass clock.server's now()).
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Prisma } from '@prisma/client'
import {
	ACTIVE_STATUSES,
	certificateNumber,
	certificationBlockers,
	dealMove,
	type CertificationBlocker,
	dealTotalYuan,
	isCertificateNo,
	isValidResidentId,
	LEDGER_STATUSES,
	maskName,
	noticeDaysLeft,
	noticeEnd,
	noticeOpen,
	type DealStatus,
} from '~/domain/deal.ts'
import { dealStanding } from '~/domain/deal-change.ts'
import { allowedTransferModes, listingMove, PRICE_UNITS, type ListingType, type PriceUnit, type TradingMode, type TransferMode } from '~/domain/listing.ts'
import { areaInMu } from '~/domain/units.ts'
import { successorStart } from '~/domain/relist.ts'
import { chinaDay, parseChinaDate } from '~/utils/calendar-date.ts'
import { now as clockNow } from '~/utils/clock.server.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { isUniqueViolation } from '~/utils/database-errors.ts'
import { prisma } from '~/utils/db.server.ts'
import { env, uploadDir } from '~/utils/env.server.ts'
import { appendAudit } from './audit.server.ts'
import { freezeDossier } from './dossier.server.ts'
import { nextFilingNo } from './filing-register.server.ts'
import { ACTIVE_INQUIRY_STATUSES } from './inquiry.server.ts'
import { notify, reviewerIds, villageUserIds } from './notification.server.ts'
import { listingsFreeFrom } from './parcel.server.ts'
import { scheduleRent } from './rent.server.ts'
import { commitUploads, discardPendingUploads, pendingName } from './upload-files.server.ts'
import { hasPermission } from '~/domain/permissions.ts'
import { dealTermsSelect } from './listing-select.server.ts'
import { notifyStarrers } from './favourite.server.ts'

type Tx = Prisma.TransactionClient
type VillageActor = Pick<SessionUser, 'id' | 'villageId'>
type ReviewerActor = Pick<SessionUser, 'id' | 'townId'>
type AdminActor = Pick<SessionUser, 'id' | 'role'>
type Viewer = Pick<SessionUser, 'id' | 'role' | 'villageId'>

const DAY = 24 * 60 * 60 * 1000
/** Banner code in certificate numbers: DLT-2026-000123 (达拉特旗). */
export const CERTIFICATE_PREFIX = env().CERTIFICATE_PREFIX
export const MAX_CONTRACT_BYTES = 10 * 1024 * 1024
/** An objection's reason, in characters (the form on /deals/:id says the same). */
const OBJECTION_LIMITS = { min: 10, max: 2000 }

/** The notice period in days: NOTICE_DAYS from the environment, 7 by default. */
export function noticeDays() {
	return env().NOTICE_DAYS
}

const ID = /^[a-z0-9_-]{1,64}$/i
export function isDealId(id: unknown): id is string {
	return typeof id === 'string' && ID.test(id)
}

// ------------------------------------------------------------------ contracts

export type ContractKind = 'pdf' | 'jpg' | 'png'
export type ContractProblem = 'contractMissing' | 'contractTooLarge' | 'contractType'

/** What the bytes are (magic numbers; the file name and the browser's claimed type are ignored). */
export function contractKind(bytes: Uint8Array): ContractKind | null {
	const starts = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)
	if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf' // %PDF-
	if (starts([0xff, 0xd8, 0xff])) return 'jpg'
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
	return null
}

export function checkContract(bytes: Uint8Array | null): { ok: true; kind: ContractKind } | { ok: false; problem: ContractProblem } {
	if (!bytes || bytes.length === 0) return { ok: false, problem: 'contractMissing' }
	if (bytes.length > MAX_CONTRACT_BYTES) return { ok: false, problem: 'contractTooLarge' }
	const kind = contractKind(bytes)
	return kind ? { ok: true, kind } : { ok: false, problem: 'contractType' }
}

/**
 * Contracts carry names and ID numbers: they live in UPLOAD_DIR/private, which /uploads never
 * serves, and are read only through /deals/:id/contract by the deal's parties and officials.
 */
export function contractDir() {
	return path.join(uploadDir(), 'private')
}

/**
 * The one way a contract is stored, for a recorded deal and for a bidding round's deal alike:
 * checks the bytes, writes them under a hidden pending name readable by the server's user only
 * (0600), runs `store` with the name, and makes the file final once its row has committed
 * (upload-files.server.ts: a crash in between leaves no orphan); refused or failed, it is removed.
 */
export async function withContractFile<T extends { ok: boolean }>(bytes: Uint8Array | null, store: (file: string) => Promise<T>): Promise<T | { ok: false; problem: ContractProblem }> {
	const checked = checkContract(bytes)
	if (!checked.ok) return checked
	return withPrivateFiles([bytes!], 'c', (stored) => store(stored[0].file))
}

export type StoredFile = { file: string; sha256: string; bytes: number }

/**
 * The same for several documents at once (a change's signed agreement and its annexes): each is
 * checked (PDF, JPEG or PNG, within the size), and all are kept or none.
 */
export async function withPrivateFiles<T extends { ok: boolean }>(list: Uint8Array[], prefix: string, store: (stored: StoredFile[]) => Promise<T>): Promise<T | { ok: false; problem: ContractProblem; field?: string }> {
	const stored: StoredFile[] = []
	for (const bytes of list) {
		const checked = checkContract(bytes)
		if (!checked.ok) return { ...checked, field: 'documents' }
		stored.push({ file: `${prefix}-${crypto.randomBytes(18).toString('base64url')}.${checked.kind}`, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length })
	}
	const dir = contractDir()
	const names = stored.map((s) => s.file)
	await fs.mkdir(dir, { recursive: true, mode: 0o700 })
	for (const [i, s] of stored.entries()) await fs.writeFile(path.join(dir, pendingName(s.file)), list[i], { flag: 'wx', mode: 0o600 })
	let result: T
	try {
		result = await store(stored)
	} catch (error) {
		await discardPendingUploads(dir, names)
		throw error
	}
	if (!result.ok) await discardPendingUploads(dir, names)
	else await commitUploads(dir, names)
	return result
}

/**
 * The contract of a deal for a user allowed to read it — the administrator, the reviewer of the
 * listing's town, the listing's village, or the buyer — else null (the route answers 404).
 */
export async function contractFor(user: Pick<SessionUser, 'id' | 'role' | 'townId' | 'villageId'>, dealId: unknown) {
	if (!isDealId(dealId)) return null
	const deal = await prisma.deal.findFirst({
		where: { id: dealId, contractFile: { not: null }, ...contractReaders(user) },
		select: { contractFile: true },
	})
	return deal?.contractFile ? path.join(contractDir(), deal.contractFile) : null
}

/**
 * Who may read a deal's contract, as a `where`. The administrator reads every one with no condition
 * at all (an empty object inside OR matched nothing); every other role only its own deals.
 */
export function contractReaders(user: Pick<SessionUser, 'id' | 'role' | 'townId' | 'villageId'>): Prisma.DealWhereInput {
	if (hasPermission(user, 'certify:deal')) return {}
	const own: Prisma.DealWhereInput[] = [{ buyerId: user.id }]
	if (hasPermission(user, 'review:deal:town') && user.townId) own.push({ listing: { townId: user.townId } })
	if (hasPermission(user, 'listing:manage:own-village') && user.villageId) own.push({ listing: { villageId: user.villageId } })
	return { OR: own }
}

// ------------------------------------------------------------------ recording a deal

export type NewDeal = {
	listingId: string
	/** Who records it: the village user; null when the system does (a bidding round's close). */
	actorId: string | null
	/** A registered buyer (an inquirer or a round's winner) … */
	buyerId?: string | null
	inquiryId?: string | null
	/** … or an outside party, masked on every public page. */
	outsideBuyerName?: string | null
	outsideBuyerIdNumber?: string | null
	price: number
	priceUnit: PriceUnit
	termYears: number | null
	transferMode: TransferMode
	tradingMode: TradingMode
	/** Null for a bidding round's deal until the village uploads the signed contract (attachContract). */
	contractDate: Date | null
	contractFile?: string | null
	biddingRoundId?: string | null
	/** A renewal (decision 033): the certified deal it continues; the listing is then TRADED, and the term starts at `startsOn`. */
	renewedFromId?: string | null
	startsOn?: Date | null
	/** When the deal is recorded (business time; the clock's now when absent): a new lease on land listed again starts after the old one. */
	at?: Date
}

export type CreateDealProblem = 'notFound' | 'notPublished' | 'activeDeal' | 'modeNotAllowed' | 'priceUnit' | 'buyerMissing' | 'idNumber'
export type CreateDealResult = { ok: true; id: string; totalValueYuan: number } | { ok: false; problem: CreateDealProblem }

/**
 * Inserts a PENDING_REVIEW deal on a published listing that holds no active deal, with its audit
 * entry and the notification of the town's reviewers, inside the caller's transaction. Used by the
 * village's record form and by a bidding round's close. Nothing is public until approved.
 */
export async function createDeal(tx: Tx, input: NewDeal): Promise<CreateDealResult> {
	const listing = await tx.listing.findUnique({
		where: { id: input.listingId },
		select: { id: true, type: true, status: true, title: true, area: true, areaUnit: true, townId: true, villageId: true, relistedFrom: { select: { id: true, status: true } } },
	})
	if (!listing) return { ok: false, problem: 'notFound' }
	// A renewal continues a lease on land already traded; any other deal needs the listing on offer.
	if (listing.status !== (input.renewedFromId ? 'TRADED' : 'PUBLISHED')) return { ok: false, problem: 'notPublished' }
	if (!allowedTransferModes(listing.type as ListingType).includes(input.transferMode)) return { ok: false, problem: 'modeNotAllowed' }
	if (!PRICE_UNITS.includes(input.priceUnit) || (listing.type !== 'LAND' && input.priceUnit === 'YUAN_PER_MU_YEAR')) return { ok: false, problem: 'priceUnit' }
	const outsideName = input.outsideBuyerName?.trim() || null
	const outsideId = input.outsideBuyerIdNumber?.trim().toUpperCase() || null
	if (input.buyerId ? outsideName || outsideId : !outsideName || !outsideId) return { ok: false, problem: 'buyerMissing' }
	if (outsideId && !isValidResidentId(outsideId)) return { ok: false, problem: 'idNumber' }
	const active = await tx.deal.count({ where: { listingId: listing.id, status: { in: [...ACTIVE_STATUSES] } } })
	if (active > 0) return { ok: false, problem: 'activeDeal' }

	// Land listed again before its lease ended (decision 034): the new lease starts where the old one ends.
	let startsOn = input.startsOn ?? null
	if (!startsOn && listing.relistedFrom?.status === 'TRADED') {
		const free = (await listingsFreeFrom(tx, [listing.relistedFrom.id])).get(listing.relistedFrom.id) ?? null
		startsOn = parseChinaDate(successorStart(free, chinaDay(input.at ?? clockNow())) ?? '')
	}
	const totalValueYuan = Math.round(dealTotalYuan(input.price, input.priceUnit, listing.area, areaInMu(listing.area, listing.areaUnit as 'mu' | 'm2'), input.termYears) * 100) / 100
	const deal = await tx.deal.create({
		data: {
			listingId: listing.id,
			inquiryId: input.inquiryId ?? null,
			buyerId: input.buyerId ?? null,
			outsideBuyerName: outsideName,
			outsideBuyerIdNumber: outsideId,
			price: input.price,
			priceUnit: input.priceUnit,
			totalValueYuan,
			area: listing.area,
			areaUnit: listing.areaUnit,
			termYears: input.termYears,
			transferMode: input.transferMode,
			tradingMode: input.tradingMode,
			contractDate: input.contractDate,
			contractFile: input.contractFile ?? null,
			biddingRoundId: input.biddingRoundId ?? null,
			renewedFromId: input.renewedFromId ?? null,
			startsOn,
			status: 'PENDING_REVIEW',
		},
		select: { id: true },
	})
	await appendAudit(tx, {
		actorId: input.actorId,
		entityType: 'DEAL',
		entityId: deal.id,
		action: input.biddingRoundId ? 'record:bidding' : input.renewedFromId ? 'record:renewal' : 'record',
		fromState: null,
		toState: 'PENDING_REVIEW',
	})
	await notify(tx, await reviewerIds(tx, listing.townId), {
		kind: 'deal-submitted',
		params: { listingId: listing.id, listing: listing.title, dealId: deal.id },
		link: `/review/deals/${deal.id}`,
	})
	return { ok: true, id: deal.id, totalValueYuan }
}

export type DealBuyer = { kind: 'inquiry'; inquiryId: string } | { kind: 'outside'; name: string; idNumber: string }
export type RecordDealValues = {
	buyer: DealBuyer
	price: number
	priceUnit: PriceUnit
	termYears: number | null
	transferMode: TransferMode
	/** The contract's day (China time midnight); null when the contract is not signed yet. */
	contractDate: Date | null
}
export type RecordDealProblem = CreateDealProblem | ContractProblem | 'inquiryNotFound' | 'inquiryClosed' | 'contractDateFuture' | 'biddingOpen'
export type RecordDealResult = { ok: true; id: string } | { ok: false; problem: RecordDealProblem }

export { chinaDay }

/**
 * The village records the agreed deal on its own published listing, with the signed contract, or
 * without it (null) to generate the contract from the model text first and upload the signed scan
 * later through the contract step, as a bidding round's deal does (decision 030).
 */
export async function recordDeal(user: VillageActor, listingId: string, values: RecordDealValues, contract: Uint8Array | null, now = new Date()): Promise<RecordDealResult> {
	if (!user.villageId || !isDealId(listingId)) return { ok: false, problem: 'notFound' }
	const listing = await prisma.listing.findFirst({ where: { id: listingId, villageId: user.villageId }, select: { id: true, status: true, tradingMode: true } })
	if (!listing) return { ok: false, problem: 'notFound' }
	if (listing.status !== 'PUBLISHED') return { ok: false, problem: 'notPublished' }
	if (contract && values.contractDate && chinaDay(values.contractDate) > chinaDay(now)) return { ok: false, problem: 'contractDateFuture' }
	if (values.buyer.kind === 'outside' && !isValidResidentId(values.buyer.idNumber.trim())) return { ok: false, problem: 'idNumber' }
	let inquiry: { id: string; buyerId: string; status: string } | null = null
	if (values.buyer.kind === 'inquiry') {
		inquiry = await prisma.inquiry.findFirst({ where: { id: values.buyer.inquiryId, listingId }, select: { id: true, buyerId: true, status: true } })
		if (!inquiry) return { ok: false, problem: 'inquiryNotFound' }
		// A withdrawn (or closed) inquiry no longer names someone who wants the property.
		if (!(ACTIVE_INQUIRY_STATUSES as readonly string[]).includes(inquiry.status)) return { ok: false, problem: 'inquiryClosed' }
	}
	const openRound = await prisma.biddingRound.count({ where: { listingId, status: 'OPEN' } })
	if (openRound > 0) return { ok: false, problem: 'biddingOpen' }

	const store = (file: string | null) =>
		prisma.$transaction((tx) =>
			createDeal(tx, {
				listingId,
				actorId: user.id,
				buyerId: inquiry?.buyerId ?? null,
				inquiryId: inquiry?.id ?? null,
				outsideBuyerName: values.buyer.kind === 'outside' ? values.buyer.name : null,
				outsideBuyerIdNumber: values.buyer.kind === 'outside' ? values.buyer.idNumber : null,
				price: values.price,
				priceUnit: values.priceUnit,
				termYears: values.termYears,
				transferMode: values.transferMode,
				tradingMode: 'NEGOTIATED',
				contractDate: file ? values.contractDate : null,
				contractFile: file,
				at: now,
			}),
		)
	const result = contract === null ? await store(null) : await withContractFile(contract, store)
	return result.ok ? { ok: true, id: result.id } : result
}

export type AttachContractProblem = ContractProblem | 'notFound' | 'hasContract' | 'contractDateFuture' | 'contractDateEarly'
export type AttachContractResult = { ok: true } | { ok: false; problem: AttachContractProblem }

/**
 * The contract step of a bidding round's deal: the round names the winner, then the village and
 * the winner sign, and the village uploads the signed contract with the day it was signed (no
 * earlier than the round's close). Only the village's own active deal without a contract; the
 * same checks and storage as a recorded deal's contract. Certification waits for it.
 */
export async function attachContract(user: VillageActor, dealId: unknown, contractDate: Date, contract: Uint8Array | null, now = new Date()): Promise<AttachContractResult> {
	if (!user.villageId || !isDealId(dealId)) return { ok: false, problem: 'notFound' }
	const villageId = user.villageId
	const where = { id: dealId, listing: { villageId }, status: { in: [...ACTIVE_STATUSES] } }
	const deal = await prisma.deal.findFirst({ where, select: { id: true, status: true, contractFile: true, biddingRound: { select: { deadline: true } } } })
	if (!deal) return { ok: false, problem: 'notFound' }
	if (deal.contractFile) return { ok: false, problem: 'hasContract' }
	if (chinaDay(contractDate) > chinaDay(now)) return { ok: false, problem: 'contractDateFuture' }
	// The round's deadline is when it closed (a late bid moves the deadline with it).
	if (deal.biddingRound && chinaDay(contractDate) < chinaDay(deal.biddingRound.deadline)) return { ok: false, problem: 'contractDateEarly' }
	return withContractFile(contract, (file) =>
		prisma.$transaction(async (tx): Promise<AttachContractResult> => {
			// No contract yet in the `where`: of two uploads at the same moment one is kept.
			const res = await tx.deal.updateMany({ where: { ...where, contractFile: null }, data: { contractFile: file, contractDate } })
			if (res.count === 0) return { ok: false, problem: 'hasContract' }
			await appendAudit(tx, { actorId: user.id, entityType: 'DEAL', entityId: deal.id, action: 'contract', fromState: deal.status, toState: deal.status, params: { contractDate: chinaDay(contractDate) } })
			return { ok: true }
		}),
	)
}

const buyerSelect = { id: true, name: true, phone: true, email: true } as const

/** The record page of a village's own listing: the listing, its inquirers, and its deals. */
export async function getDealFormData(user: VillageActor, listingId: unknown) {
	if (!user.villageId || !isDealId(listingId)) return null
	const listing = await prisma.listing.findFirst({
		where: { id: listingId, villageId: user.villageId },
		select: {
			id: true,
			title: true,
			type: true,
			status: true,
			area: true,
			areaUnit: true,
			price: true,
			priceUnit: true,
			termYears: true,
			transferMode: true,
			tradingMode: true,
			inquiries: {
				where: { status: { in: [...ACTIVE_INQUIRY_STATUSES] } },
				orderBy: { createdAt: 'desc' },
				select: { id: true, createdAt: true, intendedUse: true, offeredPrice: true, termYears: true, buyer: { select: { id: true, name: true } } },
			},
			deals: {
				orderBy: { createdAt: 'desc' },
				select: {
					id: true,
					status: true,
					price: true,
					priceUnit: true,
					totalValueYuan: true,
					createdAt: true,
					noticeEndsAt: true,
					certificateNo: true,
					tradingMode: true,
					contractFile: true,
					...generatedContractSelect,
					buyer: { select: { name: true } },
					outsideBuyerName: true,
					reviews: { orderBy: { createdAt: 'desc' }, take: 1, select: { kind: true, decision: true, opinion: true, createdAt: true } },
				},
			},
			biddingRounds: { where: { status: 'OPEN' }, select: { id: true } },
		},
	})
	if (!listing) return null
	const { biddingRounds, deals, ...rest } = listing
	const active = deals.find((d) => (ACTIVE_STATUSES as readonly string[]).includes(d.status)) ?? null
	return {
		listing: rest,
		deals: deals.map(({ buyer, outsideBuyerName, contractFile, ...d }) => ({ ...d, hasContract: !!contractFile, buyerName: buyer?.name ?? outsideBuyerName ?? '' })),
		activeDealId: active?.id ?? null,
		/** A bidding round's deal still waits for its signed contract (attachContract). */
		contractDue: !!active && !active.contractFile,
		biddingOpen: biddingRounds.length > 0,
		allowedModes: allowedTransferModes(listing.type as ListingType),
	}
}

// ------------------------------------------------------------------ the Party review

const QUEUE_LIMIT = 500

function sinceOf(d: { status: string; createdAt: Date; updatedAt: Date; objections: { createdAt: Date }[] }) {
	if (d.status === 'OBJECTED' && d.objections.length) return d.objections[0].createdAt
	return d.status === 'PENDING_REVIEW' ? d.updatedAt : d.createdAt
}

/** The reviewer's deals: PENDING_REVIEW and OBJECTED deals of their town, the longest-waiting first. */
export async function dealReviewQueue(reviewer: ReviewerActor, now = new Date()) {
	if (!reviewer.townId) return []
	const rows = await prisma.deal.findMany({
		where: { status: { in: ['PENDING_REVIEW', 'OBJECTED'] }, origin: 'PLATFORM', listing: { townId: reviewer.townId } },
		take: QUEUE_LIMIT,
		select: {
			id: true,
			status: true,
			price: true,
			priceUnit: true,
			totalValueYuan: true,
			tradingMode: true,
			transferMode: true,
			createdAt: true,
			updatedAt: true,
			listing: { select: { id: true, title: true, type: true, village: { select: { name: true, nameEn: true } } } },
			objections: { where: { status: 'OPEN' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } },
		},
	})
	return rows
		.map(({ objections, ...d }) => {
			const since = sinceOf({ ...d, objections })
			return { ...d, since, openObjections: objections.length, waitingDays: Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY)) }
		})
		.sort((a, b) => a.since.getTime() - b.since.getTime() || a.id.localeCompare(b.id))
}

export async function dealQueueCounts(reviewer: ReviewerActor) {
	if (!reviewer.townId) return { pending: 0, objected: 0 }
	const where = (status: DealStatus) => ({ status, origin: 'PLATFORM', listing: { townId: reviewer.townId! } })
	const [pending, objected] = await Promise.all([prisma.deal.count({ where: where('PENDING_REVIEW') }), prisma.deal.count({ where: where('OBJECTED') })])
	return { pending, objected }
}

/** What the deal pages show of the contract generated from the model text (contract.server.ts). */
const generatedContractSelect = { contractCode: true, contractGeneratedAt: true, contractTemplate: { select: { kind: true, version: true } } } as const

const dealDetailSelect = {
	id: true,
	status: true,
	...dealTermsSelect,
	contractDate: true,
	contractFile: true,
	...generatedContractSelect,
	outsideBuyerName: true,
	outsideBuyerIdNumber: true,
	approvedAt: true,
	noticeStartsAt: true,
	noticeEndsAt: true,
	certifiedAt: true,
	certificateNo: true,
	createdAt: true,
	buyer: { select: buyerSelect },
	inquiry: { select: { id: true, createdAt: true, intendedUse: true, termYears: true, offeredPrice: true, message: true, contact: true, status: true } },
	listing: {
		select: {
			id: true,
			title: true,
			type: true,
			status: true,
			area: true,
			areaUnit: true,
			landClass: true,
			price: true,
			priceUnit: true,
			priceYuan: true,
			transferMode: true,
			termYears: true,
			publishedAt: true,
			town: { select: { name: true, nameEn: true } },
			village: { select: { name: true, nameEn: true, contactName: true, contactPhone: true } },
			decision: { select: { villagersMeetingDate: true, resolutionPublicDate: true, resultPublicDate: true } },
		},
	},
	objections: { orderBy: { createdAt: 'asc' }, select: { id: true, reason: true, status: true, createdAt: true, resolvedAt: true, user: { select: { name: true } } } },
	reviews: { orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, decision: true, opinion: true, createdAt: true, reviewer: { select: { name: true, role: true } } } },
} satisfies Prisma.DealSelect

/** One deal of the reviewer's town, in any state, with everything a decision needs. */
export async function getDealForReview(reviewer: ReviewerActor, id: unknown) {
	if (!reviewer.townId || !isDealId(id)) return null
	return prisma.deal.findFirst({ where: { id, origin: 'PLATFORM', listing: { townId: reviewer.townId } }, select: dealDetailSelect })
}

export type DealDetail = NonNullable<Awaited<ReturnType<typeof getDealForReview>>>
export type DecideResult = { ok: true; status: DealStatus } | { ok: false; problem: 'notFound' | 'alreadyDecided' }

/** Who hears about a deal's decisions: the village's accounts and the registered buyer. */
async function partiesOf(tx: Tx, deal: { buyerId: string | null; listing: { villageId: string } }) {
	return [...(await villageUserIds(tx, deal.listing.villageId)), ...(deal.buyerId ? [deal.buyerId] : [])]
}

const partySelect = { id: true, buyerId: true, listing: { select: { id: true, title: true, villageId: true, townId: true } } } as const

/** The Party review of a recorded deal: approval starts the public notice; rejection ends it. */
export async function reviewDeal(reviewer: ReviewerActor, id: string, decision: 'APPROVE' | 'REJECT', opinion: string, now = new Date(), days = noticeDays()): Promise<DecideResult> {
	if (!reviewer.townId || !isDealId(id)) return { ok: false, problem: 'notFound' }
	const townId = reviewer.townId
	return prisma.$transaction(async (tx) => {
		const deal = await tx.deal.findFirst({ where: { id, origin: 'PLATFORM', listing: { townId } }, select: partySelect })
		if (!deal) return { ok: false as const, problem: 'notFound' as const }
		const to: DealStatus = decision === 'APPROVE' ? 'IN_NOTICE' : 'REJECTED'
		const move = dealMove('PENDING_REVIEW', to)
		const res = await tx.deal.updateMany({
			where: { id, ...move.where, listing: { townId } },
			data: decision === 'APPROVE' ? { ...move.data, approvedAt: now, noticeStartsAt: now, noticeEndsAt: noticeEnd(now, days) } : move.data,
		})
		if (res.count === 0) return { ok: false as const, problem: 'alreadyDecided' as const }
		await tx.review.create({ data: { kind: 'DEAL', dealId: id, listingId: deal.listing.id, reviewerId: reviewer.id, decision, opinion, createdAt: now } })
		await appendAudit(tx, { actorId: reviewer.id, entityType: 'DEAL', entityId: id, action: decision === 'APPROVE' ? 'review:approve' : 'review:reject', fromState: 'PENDING_REVIEW', toState: to, reason: opinion })
		await notify(tx, await partiesOf(tx, deal), {
			kind: decision === 'APPROVE' ? 'deal-in-notice' : 'deal-rejected',
			params: { listingId: deal.listing.id, listing: deal.listing.title, dealId: id, opinion },
			link: decision === 'APPROVE' ? `/deals/${id}` : null,
		})
		return { ok: true as const, status: to }
	})
}

/**
 * The reviewer's decision on the open objections of an OBJECTED deal. Upheld: the deal is rejected
 * and the listing is on offer again. Dismissed: the notice goes on (if its end passed meanwhile,
 * the next promotion sends the deal to certification).
 */
export async function decideObjection(reviewer: ReviewerActor, id: string, decision: 'UPHOLD' | 'DISMISS', opinion: string, now = new Date()): Promise<DecideResult> {
	if (!reviewer.townId || !isDealId(id)) return { ok: false, problem: 'notFound' }
	const townId = reviewer.townId
	const result = await prisma.$transaction(async (tx) => {
		const deal = await tx.deal.findFirst({ where: { id, listing: { townId } }, select: partySelect })
		if (!deal) return { ok: false as const, problem: 'notFound' as const }
		const to: DealStatus = decision === 'UPHOLD' ? 'REJECTED' : 'IN_NOTICE'
		const move = dealMove('OBJECTED', to)
		const res = await tx.deal.updateMany({ where: { id, ...move.where, listing: { townId } }, data: move.data })
		if (res.count === 0) return { ok: false as const, problem: 'alreadyDecided' as const }
		const objectionStatus = decision === 'UPHOLD' ? 'UPHELD' : 'DISMISSED'
		const open = await tx.objection.findMany({ where: { dealId: id, status: 'OPEN' }, select: { id: true, userId: true } })
		await tx.objection.updateMany({ where: { dealId: id, status: 'OPEN' }, data: { status: objectionStatus, resolvedAt: now } })
		for (const o of open) {
			await appendAudit(tx, { actorId: reviewer.id, entityType: 'OBJECTION', entityId: o.id, action: decision === 'UPHOLD' ? 'objection:uphold' : 'objection:dismiss', fromState: 'OPEN', toState: objectionStatus, reason: opinion })
		}
		await tx.review.create({ data: { kind: 'OBJECTION', dealId: id, listingId: deal.listing.id, reviewerId: reviewer.id, decision, opinion, createdAt: now } })
		await appendAudit(tx, { actorId: reviewer.id, entityType: 'DEAL', entityId: id, action: decision === 'UPHOLD' ? 'objection:uphold' : 'objection:dismiss', fromState: 'OBJECTED', toState: to, reason: opinion })
		// Upheld: the listing never left PUBLISHED while the deal ran, so it simply is on offer again
		// (no active deal holds it any more); the catalogue is refreshed below.
		await notify(tx, [...(await partiesOf(tx, deal)), ...open.map((o) => o.userId)], {
			kind: decision === 'UPHOLD' ? 'objection-upheld' : 'objection-dismissed',
			params: { listingId: deal.listing.id, listing: deal.listing.title, dealId: id, opinion },
			link: `/deals/${id}`,
		})
		return { ok: true as const, status: to }
	})
	return result
}

// ------------------------------------------------------------------ the public notice

/** A deal of the public ledger (from its notice on), with nothing personal but a masked name. */
export async function getPublicDeal(id: unknown, viewerId: string | null, now = new Date()) {
	if (!isDealId(id)) return null
	const deal = await prisma.deal.findFirst({
		where: { id, status: { in: [...LEDGER_STATUSES] } },
		select: {
			id: true,
			status: true,
			...dealTermsSelect,
			contractDate: true,
			noticeStartsAt: true,
			noticeEndsAt: true,
			certifiedAt: true,
			certificateNo: true,
			origin: true,
			filedAt: true,
			outsideBuyerName: true,
			terminatedOn: true,
			disputedSince: true,
			changedAt: true,
			buyer: { select: { name: true } },
			listing: { select: { id: true, title: true, type: true, status: true, town: { select: { name: true, nameEn: true } }, village: { select: { name: true, nameEn: true } } } },
			objections: viewerId ? { where: { userId: viewerId }, orderBy: { createdAt: 'desc' }, select: { id: true, status: true, createdAt: true } } : false,
		},
	})
	if (!deal) return null
	const { buyer, outsideBuyerName, objections, terminatedOn, disputedSince, changedAt, ...rest } = deal
	const open = noticeOpen(deal, now)
	return {
		...rest,
		// After the certificate the public sees only how the deal stands (decision 033), with the day an early end took effect.
		standing: dealStanding({ terminatedOn, disputedSince, changedAt }),
		terminatedOn,
		buyerMasked: maskName(buyer?.name ?? outsideBuyerName),
		daysLeft: deal.noticeEndsAt && (deal.status === 'IN_NOTICE' || deal.status === 'OBJECTED') ? noticeDaysLeft(deal.noticeEndsAt, now) : null,
		objectionOpen: open,
		myObjections: objections ?? [],
	}
}

export type ObjectionResult = { ok: true } | { ok: false; problem: 'notFound' | 'noticeClosed' | 'alreadyObjected' | 'reason' }

/** Any logged-in user objects during the notice: the deal goes back to the town's reviewer. */
export async function raiseObjection(user: Pick<SessionUser, 'id'>, dealId: string, reason: string, now = new Date()): Promise<ObjectionResult> {
	if (!isDealId(dealId)) return { ok: false, problem: 'notFound' }
	reason = reason.trim()
	const length = Array.from(reason).length
	if (length < OBJECTION_LIMITS.min || length > OBJECTION_LIMITS.max) return { ok: false, problem: 'reason' }
	return prisma.$transaction(async (tx) => {
		const deal = await tx.deal.findFirst({
			where: { id: dealId, status: { in: [...LEDGER_STATUSES] } },
			select: { id: true, status: true, noticeEndsAt: true, listing: { select: { id: true, title: true, townId: true } } },
		})
		if (!deal) return { ok: false as const, problem: 'notFound' as const }
		if (!noticeOpen(deal, now)) return { ok: false as const, problem: 'noticeClosed' as const }
		// One objection per account and deal: after a dismissal the same account cannot reopen the
		// notice again and again.
		const mine = await tx.objection.count({ where: { dealId, userId: user.id } })
		if (mine > 0) return { ok: false as const, problem: 'alreadyObjected' as const }
		const objection = await tx.objection.create({ data: { dealId, userId: user.id, reason, status: 'OPEN', createdAt: now }, select: { id: true } })
		await appendAudit(tx, { actorId: user.id, entityType: 'OBJECTION', entityId: objection.id, action: 'object', fromState: null, toState: 'OPEN', reason })
		const move = dealMove('IN_NOTICE', 'OBJECTED')
		const moved = await tx.deal.updateMany({ where: { id: dealId, ...move.where, noticeEndsAt: { gt: now } }, data: move.data })
		if (moved.count > 0) {
			await appendAudit(tx, { actorId: user.id, entityType: 'DEAL', entityId: dealId, action: 'object', fromState: 'IN_NOTICE', toState: 'OBJECTED', reason })
		}
		await notify(tx, await reviewerIds(tx, deal.listing.townId), {
			kind: 'deal-objected',
			params: { listingId: deal.listing.id, listing: deal.listing.title, dealId },
			link: `/review/deals/${dealId}`,
		})
		return { ok: true as const }
	})
}

/**
 * Moves every IN_NOTICE deal whose notice has ended with no open objection to
 * AWAITING_CERTIFICATION (actor: the system). Idempotent; returns how many moved.
 */
export async function promoteEndedNotices(now = new Date()) {
	// Bounded, oldest first, on the (status, noticeEndsAt) index; the next sweep takes the rest.
	const due = await prisma.deal.findMany({
		where: { status: 'IN_NOTICE', noticeEndsAt: { lte: now }, objections: { none: { status: 'OPEN' } } },
		orderBy: { noticeEndsAt: 'asc' },
		select: { id: true },
		take: 500,
	})
	let moved = 0
	for (const { id } of due) {
		const ok = await prisma.$transaction(async (tx) => {
			const move = dealMove('IN_NOTICE', 'AWAITING_CERTIFICATION')
			const res = await tx.deal.updateMany({
				where: { id, ...move.where, noticeEndsAt: { lte: now }, objections: { none: { status: 'OPEN' } } },
				data: move.data,
			})
			if (res.count === 0) return false
			await appendAudit(tx, { actorId: null, entityType: 'DEAL', entityId: id, action: 'notice-ended', fromState: 'IN_NOTICE', toState: 'AWAITING_CERTIFICATION' })
			return true
		})
		if (ok) moved++
	}
	return moved
}

// ------------------------------------------------------------------ the centre's certification

/** Deals whose notice ended with no open objection, the longest-waiting first, everything to check. */
export async function certificationQueue() {
	return prisma.deal.findMany({
		where: { status: 'AWAITING_CERTIFICATION' },
		orderBy: [{ noticeEndsAt: 'asc' }, { id: 'asc' }],
		take: QUEUE_LIMIT,
		select: dealDetailSelect,
	})
}

export async function certifiedRecently(take = 10) {
	return prisma.deal.findMany({
		where: { status: 'COMPLETED', certificateNo: { not: null } },
		orderBy: [{ certifiedAt: 'desc' }],
		take,
		select: { id: true, certificateNo: true, certifiedAt: true, totalValueYuan: true, listing: { select: { title: true } } },
	})
}

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
/** A 10-character verification code from the crypto RNG (32 symbols, no 0/O or 1/I). */
export function newVerifyCode() {
	const bytes = crypto.randomBytes(10)
	return Array.from(bytes, (b) => BASE32[b & 31]).join('')
}

/** The year in China, which numbers the certificates. */
function chinaYear(date: Date) {
	return Number(chinaDay(date).slice(0, 4))
}

export type CertifyResult = { ok: true; certificateNo: string; verifyCode: string } | { ok: false; problem: 'notFound' | 'alreadyDecided' | CertificationBlocker }

/**
 * The administrator's 交易鉴证: the deal completes, the certificate gets the next number of the
 * year and a verification code, the listing becomes 已成交, and an asset's 实施结果公开 is dated.
 * The status is checked in the update itself: of two certifications at the same moment exactly one
 * issues a certificate.
 */
export async function certifyDeal(admin: AdminActor, id: string, opinion: string | null, now = new Date()): Promise<CertifyResult> {
	if (!hasPermission(admin, 'certify:deal') || !isDealId(id)) return { ok: false, problem: 'notFound' }
	for (let attempt = 0; ; attempt++) {
		try {
			const result = await prisma.$transaction(async (tx) => {
				const deal = await tx.deal.findUnique({
					where: { id },
					select: { ...partySelect, status: true, contractFile: true, contractDate: true, listing: { select: { id: true, title: true, villageId: true, townId: true, type: true, status: true } } },
				})
				if (!deal) return { ok: false as const, problem: 'notFound' as const }
				if (deal.status !== 'AWAITING_CERTIFICATION') return { ok: false as const, problem: 'alreadyDecided' as const }
				const [blocker] = certificationBlockers(deal)
				if (blocker) return { ok: false as const, problem: blocker }
				const year = chinaYear(now)
				const last = await tx.deal.findFirst({
					where: { certificateNo: { startsWith: `${CERTIFICATE_PREFIX}-${year}-` } },
					orderBy: { certificateNo: 'desc' },
					select: { certificateNo: true },
				})
				const sequence = last?.certificateNo ? Number(last.certificateNo.slice(-6)) + 1 : 1
				const certificateNo = certificateNumber(CERTIFICATE_PREFIX, year, sequence)
				const verifyCode = newVerifyCode()
				// Filed (备案) with the certificate: the township's register numbers it (issue 12).
				const filingNo = await nextFilingNo(tx, deal.listing.townId, now)
				const move = dealMove('AWAITING_CERTIFICATION', 'COMPLETED')
				const res = await tx.deal.updateMany({
					where: { id, ...move.where, contractFile: { not: null }, contractDate: { not: null } },
					data: { ...move.data, certifiedAt: now, certificateNo, verifyCode, filedAt: now, filedById: admin.id, filingNo },
				})
				if (res.count === 0) return { ok: false as const, problem: 'alreadyDecided' as const }
				// No opinion written: none stored; pages show the standard one in the reader's language (009).
				const text = opinion?.trim() ?? ''
				await tx.review.create({ data: { kind: 'CERTIFICATION', dealId: id, listingId: deal.listing.id, reviewerId: admin.id, decision: 'CERTIFY', opinion: text, createdAt: now } })
				await appendAudit(tx, { actorId: admin.id, entityType: 'DEAL', entityId: id, action: 'certify', fromState: 'AWAITING_CERTIFICATION', toState: 'COMPLETED', reason: certificateNo })
				// A lease paying yearly rent gets its schedule of payments with the certificate (issue 12).
				await scheduleRent(tx, id, admin.id)
				const toTraded = listingMove(['PUBLISHED', 'EXPIRED'], 'TRADED')
				const traded = await tx.listing.updateMany({ where: { id: deal.listing.id, ...toTraded.where }, data: toTraded.data })
				if (traded.count > 0) {
					await appendAudit(tx, { actorId: admin.id, entityType: 'LISTING', entityId: deal.listing.id, action: 'traded', fromState: deal.listing.status, toState: 'TRADED', reason: certificateNo })
				}
				if (deal.listing.type === 'COLLECTIVE_ASSET') {
					// 实施结果公开: the result of the village's decision is made public with the certificate.
					await tx.democraticDecision.updateMany({ where: { listingId: deal.listing.id }, data: { resultPublicDate: now } })
				}
				// The dossier as certified, frozen here; its manifest's hash goes on the certificate (031).
				await freezeDossier(tx, id)
				const parties = await partiesOf(tx, deal)
				await notify(tx, parties, {
					kind: 'deal-completed',
					params: { listingId: deal.listing.id, listing: deal.listing.title, dealId: id, certificateNo },
					link: `/certificates/${certificateNo}`,
				})
				if (traded.count > 0) {
					// Those who starred it hear it is gone (the buyer heard of the certificate above).
					const message = { kind: 'favourite-traded', params: { listingId: deal.listing.id, listing: deal.listing.title }, link: `/listings/${deal.listing.id}` } as const
					await notifyStarrers(tx, deal.listing.id, message, parties)
				}
				return { ok: true as const, certificateNo, verifyCode }
			})
			return result
		} catch (error) {
			// A number or code taken meanwhile (another process): draw again.
			if (attempt < 3 && isUniqueViolation(error)) continue
			throw error
		}
	}
}

/** The administrator sends a deal back to the Party review with an opinion. */
export async function returnDeal(admin: AdminActor, id: string, opinion: string, now = new Date()): Promise<DecideResult> {
	if (!hasPermission(admin, 'certify:deal') || !isDealId(id)) return { ok: false, problem: 'notFound' }
	return prisma.$transaction(async (tx) => {
		const deal = await tx.deal.findUnique({ where: { id }, select: partySelect })
		if (!deal) return { ok: false as const, problem: 'notFound' as const }
		const move = dealMove('AWAITING_CERTIFICATION', 'PENDING_REVIEW')
		const res = await tx.deal.updateMany({ where: { id, ...move.where }, data: move.data })
		if (res.count === 0) return { ok: false as const, problem: 'alreadyDecided' as const }
		await tx.review.create({ data: { kind: 'CERTIFICATION', dealId: id, listingId: deal.listing.id, reviewerId: admin.id, decision: 'RETURN', opinion, createdAt: now } })
		await appendAudit(tx, { actorId: admin.id, entityType: 'DEAL', entityId: id, action: 'certify:return', fromState: 'AWAITING_CERTIFICATION', toState: 'PENDING_REVIEW', reason: opinion })
		await notify(tx, [...(await reviewerIds(tx, deal.listing.townId)), ...(await villageUserIds(tx, deal.listing.villageId))], {
			kind: 'deal-returned',
			params: { listingId: deal.listing.id, listing: deal.listing.title, dealId: id, opinion },
			link: `/review/deals/${id}`,
		})
		return { ok: true as const, status: 'PENDING_REVIEW' as const }
	})
}

// ------------------------------------------------------------------ the certificate

/**
 * The 交易鉴证书 for its parties: the administrator, the deal's village and its registered buyer.
 * Anyone else (and an unknown number) gets null: the ownership is in the query's `where`.
 */
export async function getCertificate(viewer: Viewer, no: unknown) {
	if (!isCertificateNo(no)) return null
	const parties: Prisma.DealWhereInput =
		hasPermission(viewer, 'certify:deal')
			? {}
			: { OR: [{ buyerId: viewer.id }, ...(hasPermission(viewer, 'listing:manage:own-village') && viewer.villageId ? [{ listing: { villageId: viewer.villageId } }] : [])] }
	return prisma.deal.findFirst({
		where: { certificateNo: no, status: 'COMPLETED', ...parties },
		select: {
			id: true,
			certificateNo: true,
			verifyCode: true,
			certifiedAt: true,
			...dealTermsSelect,
			contractDate: true,
			approvedAt: true,
			noticeStartsAt: true,
			noticeEndsAt: true,
			outsideBuyerName: true,
			outsideBuyerIdNumber: true,
			buyer: { select: { name: true } },
			listing: { select: { id: true, title: true, type: true, landClass: true, town: { select: { name: true, nameEn: true } }, village: { select: { name: true, nameEn: true } } } },
			dossier: { select: { manifestHash: true } },
		},
	})
}

/** Public check of a verification code or a certificate number: nothing personal (a masked buyer at most). */
export async function verifyCertificate(code: unknown) {
	if (typeof code !== 'string') return null
	// A verification code (letters and digits) or a certificate number (DLT-2026-000123).
	const normalised = code.trim().toUpperCase()
	const key = isCertificateNo(normalised) ? { certificateNo: normalised } : /^[A-Z0-9]{6,16}$/.test(normalised) ? { verifyCode: normalised } : null
	if (!key) return null
	const deal = await prisma.deal.findFirst({
		where: { ...key, status: 'COMPLETED' },
		select: {
			id: true,
			certificateNo: true,
			certifiedAt: true,
			price: true,
			priceUnit: true,
			totalValueYuan: true,
			area: true,
			areaUnit: true,
			transferMode: true,
			tradingMode: true,
			outsideBuyerName: true,
			buyer: { select: { name: true } },
			listing: { select: { id: true, title: true, type: true, town: { select: { name: true, nameEn: true } }, village: { select: { name: true, nameEn: true } } } },
		},
	})
	if (!deal) return null
	const { buyer, outsideBuyerName, ...rest } = deal
	return { ...rest, buyerMasked: maskName(buyer?.name ?? outsideBuyerName) }
}
