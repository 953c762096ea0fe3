// Wanted posts (求租 / 求购, issue 13) through their lifecycle: the buyer's drafts, the review by the
// reviewers of the post's first town, what villages and the public read, the buyers told when a
// matching listing is published, and the sweep's expiry. Every query is scoped to its actor in the
// `where` (the buyer's own posts, the reviewer's town, the village's town); the rules are
// app/domain/wanted.ts.
import type { Prisma } from '@prisma/client'
import type { AreaUnit, ListingType, PriceUnit, TransferMode } from '~/domain/listing.ts'
import {
	CLOSABLE_WANTED,
	EDITABLE_WANTED,
	KIND_TRANSFER_MODES,
	maskName,
	matchesWanted,
	OPEN_WANTED,
	WANTED_KINDS,
	WANTED_LIMITS,
	wantedExpiry,
	wantedMove,
	type WantedCriteria,
	type WantedKind,
	type WantedStatus,
} from '~/domain/wanted.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { wantedTownCodes, type WantedFormValues } from '~/utils/wanted-form.ts'
import { appendAudit } from './audit.server.ts'
import { notify, reviewerIds } from './notification.server.ts'

type Tx = Prisma.TransactionClient
type BuyerActor = Pick<SessionUser, 'id'>
type ReviewerActor = Pick<SessionUser, 'id' | 'townId'>
type VillageActor = Pick<SessionUser, 'id' | 'villageId'>

export const PUBLIC_PAGE_SIZE = 20
const VILLAGE_LIMIT = 200
const QUEUE_LIMIT = 500
const EXPIRE_BATCH = 200

export function isWantedId(value: unknown): value is string {
	return typeof value === 'string' && /^[a-z0-9_-]{1,64}$/i.test(value)
}

const targetsSelect = {
	select: { townId: true, type: true, position: true, town: { select: { code: true, name: true, nameEn: true } } },
	orderBy: [{ position: 'asc' as const }, { type: 'asc' as const }],
}

/** What everyone may read of a post: never the contact, never the buyer's name. */
const publicSelect = {
	id: true,
	kind: true,
	status: true,
	title: true,
	areaUnit: true,
	areaMin: true,
	areaMax: true,
	priceUnit: true,
	budgetMin: true,
	budgetMax: true,
	intendedUse: true,
	termYears: true,
	publishedAt: true,
	expiresAt: true,
	targets: targetsSelect,
} as const

type TargetRow = { townId: string; type: string; position: number; town: { code: string; name: string; nameEn: string } }

/** The post's towns in order and its types, from its target rows. */
export function postPlaces(targets: TargetRow[]) {
	const towns = new Map<string, TargetRow['town'] & { id: string }>()
	const types = new Set<ListingType>()
	for (const t of targets) {
		if (!towns.has(t.townId)) towns.set(t.townId, { id: t.townId, ...t.town })
		types.add(t.type as ListingType)
	}
	return { towns: [...towns.values()], types: [...types] }
}

function withPlaces<T extends { targets: TargetRow[] }>({ targets, ...row }: T) {
	return { ...row, ...postPlaces(targets) }
}

function criteria(row: { kind: string; areaUnit: string; areaMin: number | null; areaMax: number | null; priceUnit: string; budgetMin: number | null; budgetMax: number | null; targets: { townId: string; type: string }[] }): WantedCriteria {
	return {
		kind: row.kind as WantedKind,
		types: [...new Set(row.targets.map((t) => t.type as ListingType))],
		townIds: [...new Set(row.targets.map((t) => t.townId))],
		areaMin: row.areaMin,
		areaMax: row.areaMax,
		areaUnit: row.areaUnit as AreaUnit,
		budgetMin: row.budgetMin,
		budgetMax: row.budgetMax,
		priceUnit: row.priceUnit as PriceUnit,
	}
}

// ---------------------------------------------------------------- the buyer

export type SaveWantedResult = { ok: true; id: string } | { ok: false; problem: 'unknownTown' | 'limit' | 'notFound' | 'notEditable' }

async function townIdsOf(tx: Tx, codes: string[]) {
	const rows = await tx.town.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } })
	const byCode = new Map(rows.map((r) => [r.code, r.id]))
	const ids = codes.map((c) => byCode.get(c))
	return ids.every((id): id is string => Boolean(id)) ? ids : null
}

function columns(v: WantedFormValues) {
	return {
		kind: v.kind,
		title: v.title,
		areaUnit: v.areaUnit,
		areaMin: v.areaMin ?? null,
		areaMax: v.areaMax ?? null,
		priceUnit: v.priceUnit,
		budgetMin: v.budgetMin ?? null,
		budgetMax: v.budgetMax ?? null,
		intendedUse: v.intendedUse,
		termYears: v.termYears ?? null,
		contactName: v.contactName ?? null,
		contactPhone: v.contactPhone,
	}
}

async function writeTargets(tx: Tx, wantedPostId: string, townIds: string[], types: readonly ListingType[]) {
	await tx.wantedTarget.deleteMany({ where: { wantedPostId } })
	await tx.wantedTarget.createMany({ data: townIds.flatMap((townId, position) => [...new Set(types)].map((type) => ({ wantedPostId, townId, type, position }))) })
}

class Refusal extends Error {
	constructor(readonly problem: 'unknownTown' | 'limit') {
		super(problem)
	}
}

/** A new draft; refused past the per-account limit of open posts (counted in the same transaction). */
export async function createWanted(user: BuyerActor, values: WantedFormValues): Promise<SaveWantedResult> {
	try {
		const id = await prisma.$transaction(async (tx) => {
			const open = await tx.wantedPost.count({ where: { buyerId: user.id, status: { in: [...OPEN_WANTED] } } })
			if (open >= WANTED_LIMITS.openPerAccount) throw new Refusal('limit')
			const townIds = await townIdsOf(tx, wantedTownCodes(values))
			if (!townIds) throw new Refusal('unknownTown')
			const created = await tx.wantedPost.create({ data: { ...columns(values), buyerId: user.id, townId: townIds[0], status: 'DRAFT' }, select: { id: true } })
			await writeTargets(tx, created.id, townIds, values.types)
			await appendAudit(tx, { actorId: user.id, entityType: 'WANTED', entityId: created.id, action: 'create', fromState: null, toState: 'DRAFT' })
			return created.id
		})
		return { ok: true, id }
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, problem: error.problem }
		throw error
	}
}

export async function updateWanted(user: BuyerActor, id: string, values: WantedFormValues): Promise<SaveWantedResult> {
	try {
		const updated = await prisma.$transaction(async (tx) => {
			const townIds = await townIdsOf(tx, wantedTownCodes(values))
			if (!townIds) throw new Refusal('unknownTown')
			const res = await tx.wantedPost.updateMany({ where: { id, buyerId: user.id, status: { in: [...EDITABLE_WANTED] } }, data: { ...columns(values), townId: townIds[0] } })
			if (res.count === 0) return false
			await writeTargets(tx, id, townIds, values.types)
			await appendAudit(tx, { actorId: user.id, entityType: 'WANTED', entityId: id, action: 'edit' })
			return true
		})
		if (updated) return { ok: true, id }
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, problem: error.problem }
		throw error
	}
	const exists = await prisma.wantedPost.count({ where: { id, buyerId: user.id } })
	return { ok: false, problem: exists ? 'notEditable' : 'notFound' }
}

/** Draft or returned → submitted: the first town's reviewers hear of it. */
export async function submitWanted(user: BuyerActor, id: string, now = new Date()) {
	return prisma.$transaction(async (tx) => {
		const post = await tx.wantedPost.findFirst({ where: { id, buyerId: user.id }, select: { status: true, title: true, townId: true } })
		if (!post || !EDITABLE_WANTED.includes(post.status as WantedStatus)) return false
		const move = wantedMove(post.status as WantedStatus, 'SUBMITTED')
		const res = await tx.wantedPost.updateMany({ where: { id, buyerId: user.id, ...move.where }, data: { ...move.data, submittedAt: now } })
		if (res.count === 0) return false
		await appendAudit(tx, { actorId: user.id, entityType: 'WANTED', entityId: id, action: 'submit', fromState: post.status, toState: 'SUBMITTED' })
		await notify(tx, await reviewerIds(tx, post.townId), { kind: 'wanted-submitted', params: { wantedId: id, wanted: post.title }, link: `/review/wanted/${id}` })
		return true
	})
}

/** The buyer takes the post down (or drops a draft): closed for good. */
export async function closeWanted(user: BuyerActor, id: string) {
	return prisma.$transaction(async (tx) => {
		const post = await tx.wantedPost.findFirst({ where: { id, buyerId: user.id, status: { in: [...CLOSABLE_WANTED] } }, select: { status: true } })
		if (!post) return false
		const move = wantedMove(post.status as WantedStatus, 'CLOSED')
		const res = await tx.wantedPost.updateMany({ where: { id, buyerId: user.id, ...move.where }, data: move.data })
		if (res.count === 0) return false
		await appendAudit(tx, { actorId: user.id, entityType: 'WANTED', entityId: id, action: 'close', fromState: post.status, toState: 'CLOSED' })
		return true
	})
}

export async function buyerWanted(user: BuyerActor) {
	const rows = await prisma.wantedPost.findMany({
		where: { buyerId: user.id },
		orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
		select: { ...publicSelect, updatedAt: true, _count: { select: { matches: true } } },
	})
	return rows.map(withPlaces)
}

export async function openWantedCount(user: BuyerActor) {
	return prisma.wantedPost.count({ where: { buyerId: user.id, status: { in: [...OPEN_WANTED] } } })
}

const reviewsSelect = {
	where: { kind: 'WANTED' },
	orderBy: { createdAt: 'desc' },
	select: { id: true, decision: true, opinion: true, createdAt: true, reviewer: { select: { name: true } } },
} as const

/** One of the buyer's own posts, everything about it; someone else's is not found. */
export async function getOwnWanted(user: BuyerActor, id: string) {
	if (!isWantedId(id)) return null
	const row = await prisma.wantedPost.findFirst({
		where: { id, buyerId: user.id },
		select: {
			...publicSelect,
			contactName: true,
			contactPhone: true,
			reviews: reviewsSelect,
			matches: { orderBy: { createdAt: 'desc' }, take: 50, select: { createdAt: true, listing: { select: { id: true, title: true, status: true } } } },
		},
	})
	return row ? withPlaces(row) : null
}

// ---------------------------------------------------------------- the reviewer

/** The reviewer's queue: their town's submitted posts (their town named first), the longest-waiting first. */
export async function wantedQueue(reviewer: ReviewerActor) {
	if (!reviewer.townId) return { rows: [], waiting: 0 }
	const where = { townId: reviewer.townId, status: 'SUBMITTED' }
	const [rows, waiting] = await Promise.all([
		prisma.wantedPost.findMany({ where, orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }], take: QUEUE_LIMIT, select: { ...publicSelect, submittedAt: true } }),
		prisma.wantedPost.count({ where }),
	])
	return { rows: rows.map(withPlaces), waiting }
}

export async function getWantedForReview(reviewer: ReviewerActor, id: unknown) {
	if (!reviewer.townId || !isWantedId(id)) return null
	const row = await prisma.wantedPost.findFirst({
		where: { id, townId: reviewer.townId },
		select: { ...publicSelect, submittedAt: true, contactName: true, contactPhone: true, buyer: { select: { name: true } }, reviews: { ...reviewsSelect, orderBy: { createdAt: 'asc' } } },
	})
	return row ? withPlaces(row) : null
}

/** The title and status of a post just decided, for the confirmation on the queue page. */
export async function decidedWanted(reviewer: ReviewerActor, id: unknown) {
	if (!reviewer.townId || !isWantedId(id)) return null
	return prisma.wantedPost.findFirst({ where: { id, townId: reviewer.townId }, select: { id: true, title: true, status: true } })
}

export async function isWantedInReviewerTown(reviewer: ReviewerActor, id: unknown) {
	if (!reviewer.townId || !isWantedId(id)) return false
	return (await prisma.wantedPost.count({ where: { id, townId: reviewer.townId } })) > 0
}

const DECISIONS = { APPROVE: 'PUBLISHED', RETURN: 'RETURNED', REJECT: 'REJECTED' } as const
const REVIEW_ACTIONS = { APPROVE: 'review:approve', RETURN: 'review:return', REJECT: 'review:reject' } as const
const KINDS = { PUBLISHED: 'wanted-published', RETURNED: 'wanted-returned', REJECTED: 'wanted-rejected' } as const
export type WantedDecision = keyof typeof DECISIONS

export type WantedReviewResult = { ok: true; status: WantedStatus } | { ok: false; problem: 'notFound' | 'alreadyDecided' }

/** A decision on a submitted post of the reviewer's town: one conditional update, so of two reviewers one wins. */
export async function reviewWanted(reviewer: ReviewerActor, id: string, decision: WantedDecision, opinion: string, now = new Date()): Promise<WantedReviewResult> {
	if (!reviewer.townId) return { ok: false, problem: 'notFound' }
	const townId = reviewer.townId
	const to = DECISIONS[decision]
	return prisma.$transaction(async (tx) => {
		const post = await tx.wantedPost.findFirst({ where: { id, townId }, select: { title: true, buyerId: true } })
		if (!post) return { ok: false as const, problem: 'notFound' as const }
		const move = wantedMove('SUBMITTED', to)
		const res = await tx.wantedPost.updateMany({
			where: { id, townId, ...move.where },
			data: to === 'PUBLISHED' ? { ...move.data, publishedAt: now, expiresAt: wantedExpiry(now) } : move.data,
		})
		if (res.count === 0) return { ok: false as const, problem: 'alreadyDecided' as const }
		await tx.review.create({ data: { kind: 'WANTED', wantedPostId: id, reviewerId: reviewer.id, decision, opinion } })
		await appendAudit(tx, { actorId: reviewer.id, entityType: 'WANTED', entityId: id, action: REVIEW_ACTIONS[decision], fromState: 'SUBMITTED', toState: to, reason: opinion })
		await notify(tx, [post.buyerId], { kind: KINDS[to], params: { wantedId: id, wanted: post.title, opinion }, link: `/me/wanted/${id}` })
		return { ok: true as const, status: to as WantedStatus }
	})
}

// ---------------------------------------------------------------- villages and the public

/**
 * The published posts naming the village's town, with the contact, each with the village's own
 * listings (draft to published) that match it.
 */
export async function villageWanted(user: VillageActor, now = new Date()) {
	if (!user.villageId) return []
	const village = await prisma.village.findUnique({ where: { id: user.villageId }, select: { townId: true } })
	if (!village) return []
	const [posts, listings] = await Promise.all([
		prisma.wantedPost.findMany({
			where: { status: 'PUBLISHED', expiresAt: { gt: now }, targets: { some: { townId: village.townId } } },
			orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
			take: VILLAGE_LIMIT,
			select: { ...publicSelect, contactName: true, contactPhone: true, buyer: { select: { name: true } } },
		}),
		prisma.listing.findMany({
			where: { villageId: user.villageId, status: { in: ['DRAFT', 'SUBMITTED', 'RETURNED', 'PUBLISHED'] }, origin: 'PLATFORM' },
			select: { id: true, title: true, type: true, townId: true, area: true, areaUnit: true, price: true, priceUnit: true, transferMode: true },
			take: 1000,
		}),
	])
	return posts.map((post) => {
		const c = criteria(post)
		const matching = listings
			.filter((l) => matchesWanted(c, { ...l, type: l.type as ListingType, areaUnit: l.areaUnit as AreaUnit, priceUnit: l.priceUnit as PriceUnit, transferMode: l.transferMode as TransferMode }))
			.map((l) => ({ id: l.id, title: l.title }))
		return { ...withPlaces(post), matching }
	})
}

export type PublicWantedFilters = { townId?: string; type?: ListingType; kind?: WantedKind; page: number }

/** The public list: published posts, filtered by town, type and kind, a page at a time; no personal data. */
export async function publicWanted(f: PublicWantedFilters, now = new Date()) {
	const where: Prisma.WantedPostWhereInput = {
		status: 'PUBLISHED',
		expiresAt: { gt: now },
		...(f.kind ? { kind: f.kind } : {}),
		...(f.townId || f.type ? { targets: { some: { ...(f.townId ? { townId: f.townId } : {}), ...(f.type ? { type: f.type } : {}) } } } : {}),
	}
	const [rows, total] = await Promise.all([
		prisma.wantedPost.findMany({
			where,
			orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
			skip: (f.page - 1) * PUBLIC_PAGE_SIZE,
			take: PUBLIC_PAGE_SIZE,
			select: { ...publicSelect, buyer: { select: { name: true } } },
		}),
		prisma.wantedPost.count({ where }),
	])
	return { rows: rows.map(({ buyer, ...row }) => ({ ...withPlaces(row), buyer: maskName(buyer.name) })), total, pages: Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE)) }
}

export async function publicWantedPost(id: unknown, now = new Date()) {
	if (!isWantedId(id)) return null
	const row = await prisma.wantedPost.findFirst({ where: { id, status: 'PUBLISHED', expiresAt: { gt: now } }, select: { ...publicSelect, buyer: { select: { name: true } } } })
	if (!row) return null
	const { buyer, ...rest } = row
	return { ...withPlaces(rest), buyer: maskName(buyer.name) }
}

export async function townIdByCode(code: string) {
	return (await prisma.town.findUnique({ where: { code }, select: { id: true } }))?.id ?? null
}

// ---------------------------------------------------------------- at a listing's publication

/**
 * Called in the transaction that publishes a listing: the published posts it matches hear of it,
 * once per listing and post. The candidates come from the (townId, type) index of the posts'
 * targets and their kind, never from all posts; the exact rule (area, budget) is matchesWanted.
 */
export async function notifyWantedMatches(tx: Tx, listingId: string, now: Date) {
	const listing = await tx.listing.findUnique({
		where: { id: listingId },
		select: { title: true, type: true, townId: true, area: true, areaUnit: true, price: true, priceUnit: true, transferMode: true },
	})
	if (!listing) return 0
	const kinds = WANTED_KINDS.filter((k) => KIND_TRANSFER_MODES[k].includes(listing.transferMode as TransferMode))
	if (kinds.length === 0) return 0
	const candidates = await tx.wantedPost.findMany({
		where: {
			status: 'PUBLISHED',
			kind: { in: kinds },
			expiresAt: { gt: now },
			targets: { some: { townId: listing.townId, type: listing.type } },
			matches: { none: { listingId } },
		},
		select: { id: true, title: true, buyerId: true, kind: true, areaUnit: true, areaMin: true, areaMax: true, priceUnit: true, budgetMin: true, budgetMax: true, targets: { select: { townId: true, type: true } } },
	})
	const facts = { ...listing, type: listing.type as ListingType, areaUnit: listing.areaUnit as AreaUnit, priceUnit: listing.priceUnit as PriceUnit, transferMode: listing.transferMode as TransferMode }
	const matched = candidates.filter((p) => matchesWanted(criteria(p), facts))
	if (matched.length === 0) return 0
	await tx.wantedMatch.createMany({ data: matched.map((p) => ({ wantedPostId: p.id, listingId, createdAt: now })) })
	for (const p of matched) {
		await notify(tx, [p.buyerId], { kind: 'wanted-matched', params: { wantedId: p.id, wanted: p.title, listingId, listing: listing.title }, link: `/listings/${listingId}` })
	}
	return matched.length
}

// ---------------------------------------------------------------- the sweep

/** Published posts past their expiry become EXPIRED, each with its audit entry and a word to the buyer. */
export async function expireWanted(at = new Date()) {
	const due = await prisma.wantedPost.findMany({ where: { status: 'PUBLISHED', expiresAt: { lte: at } }, orderBy: { expiresAt: 'asc' }, take: EXPIRE_BATCH, select: { id: true, title: true, buyerId: true } })
	let expired = 0
	for (const post of due) {
		const done = await prisma.$transaction(async (tx) => {
			const move = wantedMove('PUBLISHED', 'EXPIRED')
			const res = await tx.wantedPost.updateMany({ where: { id: post.id, ...move.where, expiresAt: { lte: at } }, data: move.data })
			if (res.count === 0) return false
			await appendAudit(tx, { actorId: null, entityType: 'WANTED', entityId: post.id, action: 'expire', fromState: 'PUBLISHED', toState: 'EXPIRED' })
			await notify(tx, [post.buyerId], { kind: 'wanted-expired', params: { wantedId: post.id, wanted: post.title }, link: `/me/wanted/${post.id}` })
			return true
		})
		if (done) expired++
	}
	return expired
}
