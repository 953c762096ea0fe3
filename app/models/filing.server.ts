// 备案 of deals agreed outside the platform (issue 11; lifecycle in app/domain/filing.ts): the
// village records one with its signed contract (stored as every contract is: withContractFile), the
// town's reviewer files it or returns it with a reason, the village corrects and resubmits or
// withdraws it. Every query is scoped in its `where` (a village sees its own filings, a reviewer
// their town's); every change is a conditional update in one transaction with its audit entry and
// notification.
import type { Prisma } from '@prisma/client'
import { checkFiling, filingMove, filingState, type FilingDecision, type FilingState } from '~/domain/filing.ts'
import type { LedgerRowValue } from '~/domain/ledger-row.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { appendAudit } from './audit.server.ts'
import { nextFilingNo } from './filing-register.server.ts'
import { withContractFile, type ContractProblem } from './deal.server.ts'
import { insertOutsideDeal, outsideDealTerms } from './ledger-import/ledger-import.server.ts'
import { notify, reviewerIds, villageUserIds } from './notification.server.ts'

type VillageActor = Pick<SessionUser, 'id' | 'villageId'>
type ReviewerActor = Pick<SessionUser, 'id' | 'townId'>

/** The review rows of a filing: its decisions (FILE, RETURN) and the village's resubmissions (RESUBMIT). */
const FILING_REVIEW = 'FILING'

const filingSelect = {
	id: true,
	status: true,
	price: true,
	priceUnit: true,
	totalValueYuan: true,
	area: true,
	areaUnit: true,
	termYears: true,
	transferMode: true,
	outsideBuyerName: true,
	transfereeCode: true,
	contractDate: true,
	contractCode: true,
	contractingContractCode: true,
	contractorCode: true,
	startsOn: true,
	endsOn: true,
	useBefore: true,
	useAfter: true,
	feeNote: true,
	filedAt: true,
	createdAt: true,
	listing: { select: { id: true, title: true, type: true, landClass: true, villageId: true, village: { select: { name: true, nameEn: true } }, town: { select: { name: true, nameEn: true } } } },
	reviews: { where: { kind: FILING_REVIEW }, orderBy: { createdAt: 'desc' }, select: { decision: true, opinion: true, createdAt: true } },
} satisfies Prisma.DealSelect

type FilingRow = Prisma.DealGetPayload<{ select: typeof filingSelect }>
const withState = (d: FilingRow) => ({ ...d, state: filingState(d.status, d.reviews[0] ?? null) })

/** The form's fields checked as a 台账 row is (app/domain/filing.ts), for the model's callers. */
export { checkFiling }

export type FilingResult = { ok: true; id: string } | { ok: false; problem: ContractProblem | 'notFound' | 'notReturned' }

export async function createFiling(user: VillageActor, value: LedgerRowValue, contract: Uint8Array | null, at: Date): Promise<FilingResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const village = await prisma.village.findUnique({ where: { id: user.villageId }, select: { id: true, townId: true, lat: true, lng: true } })
	if (!village) return { ok: false, problem: 'notFound' }
	return withContractFile(contract, (file) =>
		prisma.$transaction(async (tx) => {
			const created = await insertOutsideDeal(tx, value, { village, origin: 'FILED', actorId: user.id, at, filed: false, contractFile: file })
			await appendAudit(tx, { actorId: user.id, entityType: 'DEAL', entityId: created.dealId, action: 'filing:submit', fromState: null, toState: 'SUBMITTED' })
			await notify(tx, await reviewerIds(tx, village.townId), {
				kind: 'filing-submitted',
				params: { listingId: created.listingId, listing: created.title, dealId: created.dealId },
				link: '/review/filings',
			})
			return { ok: true as const, id: created.dealId }
		}),
	)
}

/** The village's filings, newest first. */
export async function villageFilings(user: VillageActor) {
	if (!user.villageId) return []
	const rows = await prisma.deal.findMany({ where: { origin: 'FILED', listing: { villageId: user.villageId } }, orderBy: { createdAt: 'desc' }, take: 200, select: filingSelect })
	return rows.map(withState)
}

export async function villageFiling(user: VillageActor, id: string) {
	if (!user.villageId) return null
	const row = await prisma.deal.findFirst({ where: { id, origin: 'FILED', listing: { villageId: user.villageId } }, select: filingSelect })
	return row ? withState(row) : null
}

/** The town's filings waiting for the reviewer (returned ones wait for the village). */
export async function filingQueue(reviewer: ReviewerActor) {
	if (!reviewer.townId) return []
	const rows = await prisma.deal.findMany({
		where: { origin: 'FILED', status: 'PENDING_REVIEW', listing: { townId: reviewer.townId } },
		orderBy: { createdAt: 'asc' },
		take: 200,
		select: { ...filingSelect, outsideBuyerIdNumber: false, contractFile: true },
	})
	return rows.map(withState).filter((d) => d.state === 'SUBMITTED')
}

async function lockedState(tx: Prisma.TransactionClient, where: Prisma.DealWhereInput) {
	const deal = await tx.deal.findFirst({ where: { ...where, origin: 'FILED' }, select: { id: true, status: true, listing: { select: { id: true, title: true, villageId: true } }, reviews: filingSelect.reviews } })
	return deal ? { deal, state: filingState(deal.status, deal.reviews[0] ?? null) } : null
}

/** The reviewer files (FILE: the deal completes, the listing is traded) or returns (RETURN) a submitted filing. */
export async function decideFiling(reviewer: ReviewerActor, id: string, decision: FilingDecision, opinion: string, at: Date): Promise<{ ok: true; state: FilingState } | { ok: false; problem: 'notFound' | 'alreadyDecided' }> {
	if (!reviewer.townId) return { ok: false, problem: 'notFound' }
	const townId = reviewer.townId
	return prisma.$transaction(async (tx) => {
		const found = await lockedState(tx, { id, listing: { townId } })
		if (!found) return { ok: false as const, problem: 'notFound' as const }
		const { deal, state } = found
		if (state !== 'SUBMITTED') return { ok: false as const, problem: 'alreadyDecided' as const }
		const to: FilingState = decision === 'FILE' ? 'FILED' : 'RETURNED'
		if (to === 'FILED') {
			const move = filingMove(state, 'FILED')
			const res = await tx.deal.updateMany({ where: { id, ...move.deal.where }, data: { ...move.deal.data, filedAt: at, filedById: reviewer.id, filingNo: await nextFilingNo(tx, townId, at) } })
			if (res.count === 0) return { ok: false as const, problem: 'alreadyDecided' as const }
			await tx.listing.updateMany({ where: { id: deal.listing.id, ...move.listing.where }, data: move.listing.data })
		}
		await tx.review.create({ data: { kind: FILING_REVIEW, dealId: id, listingId: deal.listing.id, reviewerId: reviewer.id, decision, opinion, createdAt: at } })
		await appendAudit(tx, { actorId: reviewer.id, entityType: 'DEAL', entityId: id, action: decision === 'FILE' ? 'filing:file' : 'filing:return', fromState: state, toState: to, reason: opinion })
		await notify(tx, await villageUserIds(tx, deal.listing.villageId), {
			kind: decision === 'FILE' ? 'filing-filed' : 'filing-returned',
			params: { listingId: deal.listing.id, listing: deal.listing.title, dealId: id, opinion },
			link: '/village/filings',
		})
		return { ok: true as const, state: to }
	})
}

/** The village corrects a returned filing and submits it again (a new contract file is optional). */
export async function resubmitFiling(user: VillageActor, id: string, value: LedgerRowValue, contract: Uint8Array | null, at: Date): Promise<FilingResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const villageId = user.villageId
	const write = (file: string | null) =>
		prisma.$transaction(async (tx): Promise<FilingResult> => {
			const found = await lockedState(tx, { id, listing: { villageId } })
			if (!found) return { ok: false, problem: 'notFound' }
			if (found.state !== 'RETURNED') return { ok: false, problem: 'notReturned' }
			await tx.deal.update({ where: { id }, data: { ...outsideDealTerms(value), ...(file ? { contractFile: file } : {}) } })
			await tx.listing.update({
				where: { id: found.deal.listing.id },
				data: { type: value.type, landClass: value.landClass, title: value.title, description: value.feeNote ?? '', area: value.area, areaUnit: value.areaUnit, price: value.price, priceUnit: value.priceUnit, transferMode: value.transferMode, termYears: value.termYears, submittedAt: at },
			})
			await tx.review.create({ data: { kind: FILING_REVIEW, dealId: id, listingId: found.deal.listing.id, reviewerId: user.id, decision: 'RESUBMIT', opinion: '', createdAt: at } })
			await appendAudit(tx, { actorId: user.id, entityType: 'DEAL', entityId: id, action: 'filing:resubmit', fromState: 'RETURNED', toState: 'SUBMITTED' })
			const town = await tx.listing.findUniqueOrThrow({ where: { id: found.deal.listing.id }, select: { townId: true } })
			await notify(tx, await reviewerIds(tx, town.townId), { kind: 'filing-submitted', params: { listingId: found.deal.listing.id, listing: value.title, dealId: id }, link: '/review/filings' })
			return { ok: true, id }
		})
	return contract && contract.length > 0 ? withContractFile(contract, (file) => write(file)) : write(null)
}

/** The village withdraws a returned filing: it ends, and nothing of it counts anywhere. */
export async function withdrawFiling(user: VillageActor, id: string): Promise<FilingResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const villageId = user.villageId
	return prisma.$transaction(async (tx): Promise<FilingResult> => {
		const found = await lockedState(tx, { id, listing: { villageId } })
		if (!found) return { ok: false, problem: 'notFound' }
		if (found.state !== 'RETURNED') return { ok: false, problem: 'notReturned' }
		const move = filingMove('RETURNED', 'WITHDRAWN')
		await tx.deal.updateMany({ where: { id, ...move.deal.where }, data: move.deal.data })
		await tx.listing.updateMany({ where: { id: found.deal.listing.id, ...move.listing.where }, data: move.listing.data })
		await appendAudit(tx, { actorId: user.id, entityType: 'DEAL', entityId: id, action: 'filing:withdraw', fromState: 'RETURNED', toState: 'WITHDRAWN' })
		return { ok: true, id }
	})
}
