// A certified deal's changes (变更), early end (解除) and disputes (纠纷) (issue 12, decision 033).
// A party files one with its documents (kept like the contract scan: UPLOAD_DIR/private, 0600); the
// town's reviewer approves or refuses it. An approved change rewrites the terms and the rent still
// to be paid; an approved early end removes the rent due from its day on and marks the deal ended;
// a dispute marks the deal in dispute until the reviewer settles it. Each step is audited and the
// parties and the town are told.
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Prisma } from '@prisma/client'
import { dealTotalYuan } from '~/domain/deal.ts'
import {
	checkChange,
	checkTermination,
	contractEnd,
	mayFile,
	readDocuments,
	MAX_DOCUMENTS,
	needsDocument,
	paymentsEndedBy,
	renewalOpensOn,
	renewalProblem,
	scheduleAfterChange,
	type ChangeDocument,
	type ChangeKind,
	type ChangeProblem,
	type Party,
	type ProposedTerms,
} from '~/domain/deal-change.ts'
import { DEAD_STATUSES } from '~/domain/relist.ts'
import { areaInMu } from '~/domain/units.ts'
import { addYears, rentSchedule } from '~/domain/rent-schedule.ts'
import type { PriceUnit, TransferMode } from '~/domain/listing.ts'
import { hasPermission } from '~/domain/permissions.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { chinaDay, parseChinaDate } from '~/utils/calendar-date.ts'
import { now } from '~/utils/clock.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { appendAudit } from './audit.server.ts'
import { contractDir, contractReaders, createDeal, isDealId, withPrivateFiles, type ContractProblem, type CreateDealProblem } from './deal.server.ts'
import { notify, reviewerIds, villageUserIds } from './notification.server.ts'

type Tx = Prisma.TransactionClient
type User = Pick<SessionUser, 'id' | 'role' | 'townId' | 'villageId'>

export const changesPath = (dealId: string) => `/deals/${dealId}/changes`

const dealSelect = {
	id: true,
	price: true,
	priceUnit: true,
	area: true,
	areaUnit: true,
	termYears: true,
	transferMode: true,
	totalValueYuan: true,
	contractDate: true,
	contractCode: true,
	certificateNo: true,
	startsOn: true,
	endsOn: true,
	buyerId: true,
	terminatedOn: true,
	disputedSince: true,
	changedAt: true,
	buyer: { select: { name: true } },
	outsideBuyerName: true,
	outsideBuyerIdNumber: true,
	origin: true,
	listing: {
		select: {
			id: true,
			title: true,
			status: true,
			townId: true,
			villageId: true,
			village: { select: { name: true, nameEn: true } },
			town: { select: { name: true, nameEn: true } },
			// Land listed again (decision 034) is not renewed as well.
			relists: { where: { status: { notIn: [...DEAD_STATUSES] } }, take: 1, select: { id: true } },
		},
	},
	renewals: { where: { status: { not: 'REJECTED' } }, orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, status: true, price: true, termYears: true, startsOn: true } },
	renewedFrom: { select: { id: true, certificateNo: true } },
} as const satisfies Prisma.DealSelect

const changeSelect = {
	id: true,
	kind: true,
	status: true,
	reason: true,
	newPrice: true,
	newArea: true,
	newTermYears: true,
	oldPrice: true,
	oldArea: true,
	oldTermYears: true,
	effectiveOn: true,
	documents: true,
	opinion: true,
	createdAt: true,
	decidedAt: true,
	filedBy: { select: { name: true, role: true } },
	decidedBy: { select: { name: true } },
} as const satisfies Prisma.DealChangeSelect

type DealRow = Prisma.DealGetPayload<{ select: typeof dealSelect }>

const day = (d: Date | null) => (d ? chinaDay(d) : null)
const endOf = (d: Pick<DealRow, 'contractDate' | 'startsOn' | 'endsOn' | 'termYears'>) => contractEnd({ contractDay: day(d.contractDate), startDay: day(d.startsOn), endDay: day(d.endsOn), termYears: d.termYears })

/** Which side of the deal the user is on, if any. */
function partyOf(user: User, deal: Pick<DealRow, 'buyerId' | 'listing'>): Party | null {
	if (hasPermission(user, 'listing:manage:own-village') && user.villageId === deal.listing.villageId) return 'VILLAGE'
	if (deal.buyerId === user.id) return 'BUYER'
	return null
}

/** A lease renewed already, or whose land is listed again, is not renewed (again). */
const renewalBlock = (d: Pick<DealRow, 'renewals' | 'listing'>) => (d.renewals.length > 0 ? ('renewed' as const) : d.listing.relists.length > 0 ? ('relisted' as const) : null)

const mayDecide = (user: User, deal: Pick<DealRow, 'listing'>) => hasPermission(user, 'review:deal:town') && user.townId === deal.listing.townId


/** A certified deal with its changes, for its parties, the town's reviewers and administrators; null otherwise. */
export async function dealChanges(user: User, dealId: unknown, at = now()) {
	if (!isDealId(dealId)) return null
	const deal = await prisma.deal.findFirst({ where: { id: dealId, status: 'COMPLETED', ...contractReaders(user) }, select: { ...dealSelect, changes: { orderBy: { createdAt: 'desc' }, select: changeSelect } } })
	if (!deal) return null
	const { changes, outsideBuyerIdNumber: _id, ...rest } = deal
	const end = endOf(deal)
	const party = partyOf(user, deal)
	return {
		deal: rest,
		party,
		mayDecide: mayDecide(user, deal),
		// The village may renew a lease with the same buyer near its end (decision 033).
		renewal: {
			end,
			opensOn: end ? renewalOpensOn(end) : null,
			problem: renewalBlock(deal) ?? renewalProblem(end, chinaDay(at), !!deal.terminatedOn),
			current: deal.renewals[0] ?? null,
			mayFile: party === 'VILLAGE' && deal.origin === 'PLATFORM',
		},
		changes: changes.map(({ documents, ...c }) => ({ ...c, documents: readDocuments(documents).map((d) => ({ name: d.name, bytes: d.bytes, sha256: d.sha256 })) })),
	}
}

export type FileInput = { kind: ChangeKind; reason: string; terms: ProposedTerms; effectiveOn: string | null; documents: { name: string; bytes: Uint8Array }[] }
export type FileProblem = ContractProblem | ChangeProblem | 'notFound' | 'notAllowed' | 'terminated' | 'pending' | 'disputeOpen' | 'tooManyDocuments' | 'documentMissing' | 'effectiveOn'
export type FileResult = { ok: true; id: string } | { ok: false; problem: FileProblem; field?: string }

/** A party files a change, an early end or a dispute; refused with the reason, and nothing written. */
export async function fileChange(user: User, dealId: unknown, input: FileInput, at: Date): Promise<FileResult> {
	if (!isDealId(dealId)) return { ok: false, problem: 'notFound' }
	const deal = await prisma.deal.findFirst({ where: { id: dealId, status: 'COMPLETED', ...contractReaders(user) }, select: dealSelect })
	if (!deal) return { ok: false, problem: 'notFound' }
	const party = partyOf(user, deal)
	if (!party || !mayFile(input.kind, party)) return { ok: false, problem: 'notAllowed' }
	if (deal.terminatedOn) return { ok: false, problem: 'terminated' }
	if (input.documents.length > MAX_DOCUMENTS) return { ok: false, problem: 'tooManyDocuments', field: 'documents' }
	if (needsDocument(input.kind) && input.documents.length === 0) return { ok: false, problem: 'documentMissing', field: 'documents' }
	const current = { price: deal.price, area: deal.area, termYears: deal.termYears }
	if (input.kind === 'CHANGE') {
		const problem = checkChange(current, input.terms)
		if (problem) return { ok: false, problem: problem.problem, field: problem.field ?? undefined }
	}
	if (input.kind === 'TERMINATION') {
		if (checkTermination(input.effectiveOn, { contractDay: chinaDay(deal.contractDate ?? at), endDay: endOf(deal) })) return { ok: false, problem: 'effectiveOn', field: 'effectiveOn' }
	}
	return withPrivateFiles(
		input.documents.map((d) => d.bytes),
		'd',
		async (stored) =>
			prisma.$transaction(async (tx): Promise<FileResult> => {
				// One open question of a kind at a time: a change and an early end wait on each other.
				const open = await tx.dealChange.findFirst({ where: { dealId: deal.id, status: 'PENDING', kind: input.kind === 'DISPUTE' ? 'DISPUTE' : { in: ['CHANGE', 'TERMINATION'] } }, select: { kind: true } })
				if (open) return { ok: false, problem: open.kind === 'DISPUTE' ? 'disputeOpen' : 'pending' }
				const documents: ChangeDocument[] = stored.map((s, i) => ({ name: input.documents[i].name.slice(0, 120) || s.file, file: s.file, sha256: s.sha256, bytes: s.bytes }))
				const change = await tx.dealChange.create({
					data: {
						dealId: deal.id,
						kind: input.kind,
						filedById: user.id,
						reason: input.reason,
						...(input.kind === 'CHANGE'
							? { newPrice: input.terms.price, newArea: input.terms.area, newTermYears: input.terms.termYears, oldPrice: current.price, oldArea: current.area, oldTermYears: current.termYears }
							: {}),
						effectiveOn: input.kind === 'TERMINATION' ? parseChinaDate(input.effectiveOn!)! : null,
						documents: JSON.stringify(documents),
						createdAt: at,
					},
					select: { id: true },
				})
				if (input.kind === 'DISPUTE' && !deal.disputedSince) await tx.deal.update({ where: { id: deal.id }, data: { disputedSince: at } })
				await appendAudit(tx, { actorId: user.id, entityType: 'DEAL', entityId: deal.id, action: 'deal-change:file', createdAt: at, params: { kind: input.kind, documents: documents.length } })
				const message = { kind: 'deal-change-filed' as const, params: { listingId: deal.listing.id, listing: deal.listing.title, dealId: deal.id, change: input.kind }, link: changesPath(deal.id) }
				const others = input.kind === 'DISPUTE' ? await otherParty(tx, deal, party) : []
				await notify(tx, [...(await reviewerIds(tx, deal.listing.townId)), ...others], message)
				return { ok: true, id: change.id }
			}),
	)
}

async function otherParty(tx: Tx, deal: DealRow, party: Party) {
	if (party === 'VILLAGE') return deal.buyerId ? [deal.buyerId] : []
	return villageUserIds(tx, deal.listing.villageId)
}

export type DecideResult = { ok: true } | { ok: false; problem: 'notFound' | 'decided' }

/**
 * The town's reviewer decides a pending filing. The update is conditional on it still pending, so
 * of two decisions at once one is kept. An approval applies in the same transaction.
 */
export async function decideChange(user: User, changeId: unknown, decision: 'APPROVED' | 'REJECTED', opinion: string, at: Date): Promise<DecideResult> {
	if (!isDealId(changeId) || !hasPermission(user, 'review:deal:town') || !user.townId) return { ok: false, problem: 'notFound' }
	const townId = user.townId
	return prisma.$transaction(async (tx): Promise<DecideResult> => {
		const change = await tx.dealChange.findFirst({
			where: { id: changeId, deal: { status: 'COMPLETED', listing: { townId } } },
			select: { id: true, kind: true, status: true, newPrice: true, newArea: true, newTermYears: true, effectiveOn: true, filedBy: { select: { id: true } }, deal: { select: dealSelect } },
		})
		if (!change) return { ok: false, problem: 'notFound' }
		const res = await tx.dealChange.updateMany({ where: { id: change.id, status: 'PENDING' }, data: { status: decision, decidedById: user.id, decidedAt: at, opinion } })
		if (res.count === 0) return { ok: false, problem: 'decided' }
		const deal = change.deal
		const kind = change.kind as ChangeKind
		let payments = 0
		if (decision === 'APPROVED' && kind === 'CHANGE') payments = await applyChange(tx, deal, change, at)
		if (decision === 'APPROVED' && kind === 'TERMINATION') payments = await applyTermination(tx, deal, change.effectiveOn!)
		if (kind === 'DISPUTE') {
			const stillOpen = await tx.dealChange.count({ where: { dealId: deal.id, kind: 'DISPUTE', status: 'PENDING' } })
			if (stillOpen === 0) await tx.deal.update({ where: { id: deal.id }, data: { disputedSince: null } })
		}
		await appendAudit(tx, {
			actorId: user.id,
			entityType: 'DEAL',
			entityId: deal.id,
			action: decision === 'APPROVED' ? 'deal-change:approve' : 'deal-change:reject',
			reason: opinion,
			createdAt: at,
			params: { kind, payments },
		})
		const parties = [...(await villageUserIds(tx, deal.listing.villageId)), ...(deal.buyerId ? [deal.buyerId] : []), change.filedBy.id]
		await notify(tx, parties, {
			kind: decision === 'APPROVED' ? 'deal-change-approved' : 'deal-change-rejected',
			params: { listingId: deal.listing.id, listing: deal.listing.title, dealId: deal.id, change: kind, opinion },
			link: changesPath(deal.id),
		})
		return { ok: true }
	})
}

/** New terms, a new total, and the unpaid rent re-planned from them. Returns the payments re-planned. */
async function applyChange(tx: Tx, deal: DealRow, change: { newPrice: number | null; newArea: number | null; newTermYears: number | null }, at: Date) {
	const terms = { price: change.newPrice ?? deal.price, area: change.newArea ?? deal.area, termYears: change.newTermYears ?? deal.termYears }
	const totalValueYuan = Math.round(dealTotalYuan(terms.price, deal.priceUnit, terms.area, areaInMu(terms.area, deal.areaUnit as 'mu' | 'm2'), terms.termYears) * 100) / 100
	const start = deal.startsOn ?? deal.contractDate
	await tx.deal.update({
		where: { id: deal.id },
		data: { ...terms, totalValueYuan, changedAt: at, ...(deal.endsOn && start && terms.termYears ? { endsOn: parseChinaDate(addYears(chinaDay(start), terms.termYears))! } : {}) },
	})
	if (!deal.contractDate) return 0
	const existing = await tx.rentPayment.findMany({ where: { dealId: deal.id }, select: { seq: true, dueDate: true, paidAt: true } })
	if (existing.length === 0) return 0
	const plan = rentSchedule({ ...deal, ...terms }, chinaDay(deal.startsOn ?? deal.contractDate))
	const { remove, upsert } = scheduleAfterChange(
		existing.map((p) => ({ seq: p.seq, due: chinaDay(p.dueDate), paid: !!p.paidAt })),
		plan,
	)
	if (remove.length > 0) await tx.rentPayment.deleteMany({ where: { dealId: deal.id, seq: { in: remove }, paidAt: null } })
	for (const p of upsert) {
		const dueDate = parseChinaDate(p.due)!
		await tx.rentPayment.upsert({ where: { dealId_seq: { dealId: deal.id, seq: p.seq } }, create: { dealId: deal.id, seq: p.seq, dueDate, amount: p.amount }, update: { dueDate, amount: p.amount } })
	}
	return upsert.length
}

/** The deal ends on its day; the unpaid rent due from then on goes. Returns the payments removed. */
async function applyTermination(tx: Tx, deal: DealRow, effectiveOn: Date) {
	await tx.deal.update({ where: { id: deal.id }, data: { terminatedOn: effectiveOn } })
	const existing = await tx.rentPayment.findMany({ where: { dealId: deal.id }, select: { seq: true, dueDate: true, paidAt: true } })
	const ended = paymentsEndedBy(
		existing.map((p) => ({ seq: p.seq, due: chinaDay(p.dueDate), paid: !!p.paidAt })),
		chinaDay(effectiveOn),
	)
	if (ended.length > 0) await tx.rentPayment.deleteMany({ where: { dealId: deal.id, seq: { in: ended }, paidAt: null } })
	return ended.length
}

/** A document of a filing, for whoever may read the deal's changes; null otherwise. */
export async function changeDocumentFor(user: User, dealId: unknown, changeId: unknown, index: number) {
	if (!isDealId(dealId) || !isDealId(changeId)) return null
	const change = await prisma.dealChange.findFirst({ where: { id: changeId, dealId, deal: { status: 'COMPLETED', ...contractReaders(user) } }, select: { documents: true } })
	const doc = change ? readDocuments(change.documents)[index] : undefined
	if (!doc) return null
	const file = path.join(contractDir(), path.basename(doc.file))
	return (await fs.stat(file).catch(() => null)) ? { file, name: doc.name } : null
}

/** The town's filings still waiting for a decision (the reviewer's queue), oldest first. */
export async function pendingChanges(townId: string, take = 50) {
	return prisma.dealChange.findMany({
		where: { status: 'PENDING', deal: { listing: { townId } } },
		orderBy: { createdAt: 'asc' },
		take,
		select: { id: true, kind: true, createdAt: true, dealId: true, deal: { select: { listing: { select: { title: true } } } } },
	})
}

export type RenewProblem = 'notFound' | 'terminated' | 'noEnd' | 'tooEarly' | 'ended' | 'renewed' | 'relisted' | 'price' | 'termYears' | CreateDealProblem
export type RenewResult = { ok: true; id: string; listingId: string } | { ok: false; problem: RenewProblem; field?: 'price' | 'termYears' }

/**
 * The village renews its certified lease with the same buyer (续约): a new negotiated deal on the
 * same listing, starting where the old one ends, which goes through the town's review, the notice
 * and certification again; the contract is generated and signed on the village's deal page.
 */
export async function renewDeal(user: User, dealId: unknown, terms: { price: number; termYears: number }, at: Date): Promise<RenewResult> {
	if (!isDealId(dealId) || !hasPermission(user, 'listing:manage:own-village') || !user.villageId) return { ok: false, problem: 'notFound' }
	const villageId = user.villageId
	const old = await prisma.deal.findFirst({ where: { id: dealId, status: 'COMPLETED', origin: 'PLATFORM', listing: { villageId } }, select: dealSelect })
	if (!old) return { ok: false, problem: 'notFound' }
	const end = endOf(old)
	const problem = renewalBlock(old) ?? renewalProblem(end, chinaDay(at), !!old.terminatedOn)
	if (problem) return { ok: false, problem }
	const termProblem = checkChange({ price: old.price, area: old.area, termYears: old.termYears }, { price: terms.price, area: null, termYears: terms.termYears })
	if (termProblem && termProblem.problem !== 'nothingChanged') return { ok: false, problem: termProblem.problem as 'price' | 'termYears', field: termProblem.field as 'price' | 'termYears' }
	return prisma.$transaction(async (tx): Promise<RenewResult> => {
		// Of two renewals at once one is kept: the second finds the first (an active deal on the listing).
		const created = await createDeal(tx, {
			listingId: old.listing.id,
			actorId: user.id,
			buyerId: old.buyerId,
			outsideBuyerName: old.buyerId ? null : old.outsideBuyerName,
			outsideBuyerIdNumber: old.buyerId ? null : old.outsideBuyerIdNumber,
			price: terms.price,
			priceUnit: old.priceUnit as PriceUnit,
			termYears: terms.termYears,
			transferMode: old.transferMode as TransferMode,
			tradingMode: 'NEGOTIATED',
			contractDate: null,
			renewedFromId: old.id,
			startsOn: parseChinaDate(end!)!,
		})
		return created.ok ? { ok: true, id: created.id, listingId: old.listing.id } : created
	})
}
