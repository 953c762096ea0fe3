// Inquiries (意向登记): a buyer asks about a published listing, the listing's village answers or
// closes it. Every query is scoped in its `where` — to the buyer's own inquiries, or to the
// village's own listings — so an id that belongs to someone else is simply not found. Every state
// change is one transaction with its audit entry and the notification of the other side.
import { prisma } from '~/utils/db.server.ts'
import { appendAudit } from './audit.server.ts'
import { notify, villageUserIds } from './notification.server.ts'
import { hasPermission } from '~/domain/permissions.ts'
import { dealTermsSelect } from './listing-select.server.ts'

export const INQUIRY_STATUSES = ['OPEN', 'REPLIED', 'CLOSED'] as const
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number]
/**
 * Still being talked about: the village may answer or close it, the buyer may withdraw it, and a
 * deal may name its buyer.
 */
export const ACTIVE_INQUIRY_STATUSES: readonly InquiryStatus[] = ['OPEN', 'REPLIED']
const ACTIVE = [...ACTIVE_INQUIRY_STATUSES]

const ID = /^[a-z0-9_-]{1,64}$/
export function isId(value: unknown): value is string {
	return typeof value === 'string' && ID.test(value)
}

export function isInquiryStatus(value: unknown): value is InquiryStatus {
	return typeof value === 'string' && (INQUIRY_STATUSES as readonly string[]).includes(value)
}

/**
 * Who may send inquiries: buyers (意向受让方). A village, reviewer or administrator account is
 * there to serve the exchange, not to take property.
 */
export function canInquire(user: { role: string } | null | undefined) {
	return hasPermission(user, 'inquiry:create:own')
}

export type InquiryValues = { intendedUse: string; termYears?: number; offeredPrice?: number; message: string; contact: string }

/** The published listing an inquiry form is about (anything else is not found). */
export async function inquiryListing(id: unknown) {
	if (!isId(id)) return null
	return prisma.listing.findFirst({
		where: { id, status: 'PUBLISHED' },
		select: {
			id: true,
			title: true,
			type: true,
			price: true,
			priceUnit: true,
			area: true,
			areaUnit: true,
			tradingMode: true,
			town: { select: { name: true, nameEn: true } },
			village: { select: { name: true, nameEn: true } },
		},
	})
}

const inquirySelect = {
	id: true,
	status: true,
	intendedUse: true,
	termYears: true,
	offeredPrice: true,
	message: true,
	contact: true,
	createdAt: true,
	listing: {
		select: { id: true, title: true, status: true, town: { select: { name: true, nameEn: true } }, village: { select: { name: true, nameEn: true } } },
	},
	replies: { orderBy: { createdAt: 'asc' }, select: { id: true, body: true, createdAt: true } },
} as const

/** The buyer's inquiry on this listing that still waits for an answer, if any. */
export async function openInquiry(buyerId: string, listingId: string) {
	return prisma.inquiry.findFirst({ where: { buyerId, listingId, status: 'OPEN' }, orderBy: { createdAt: 'desc' }, select: inquirySelect })
}

/** The buyer's newest inquiry on this listing that is still active (open or answered), for the listing page. */
export async function myActiveInquiry(user: { id: string; role: string } | null, listingId: string) {
	if (!user || !canInquire(user)) return null
	return prisma.inquiry.findFirst({
		where: { buyerId: user.id, listingId, status: { in: ACTIVE } },
		orderBy: { createdAt: 'desc' },
		select: { id: true, status: true, createdAt: true },
	})
}

export type CreateResult = { ok: true; id: string } | { ok: false; problem: 'notFound' } | { ok: false; problem: 'duplicate'; id: string }

export async function createInquiry(buyer: { id: string; name: string }, listingId: string, values: InquiryValues): Promise<CreateResult> {
	// Transactions are serialised on the one SQLite connection: of two identical submissions at the
	// same moment, the second sees the first's open inquiry.
	return prisma.$transaction(async (tx) => {
		const listing = await tx.listing.findFirst({ where: { id: listingId, status: 'PUBLISHED' }, select: { id: true, title: true, villageId: true } })
		if (!listing) return { ok: false as const, problem: 'notFound' as const }
		const open = await tx.inquiry.findFirst({ where: { buyerId: buyer.id, listingId, status: 'OPEN' }, select: { id: true } })
		if (open) return { ok: false as const, problem: 'duplicate' as const, id: open.id }
		const created = await tx.inquiry.create({
			data: {
				listingId,
				buyerId: buyer.id,
				intendedUse: values.intendedUse,
				termYears: values.termYears ?? null,
				offeredPrice: values.offeredPrice ?? null,
				message: values.message,
				contact: values.contact,
				status: 'OPEN',
			},
			select: { id: true },
		})
		await appendAudit(tx, { actorId: buyer.id, entityType: 'INQUIRY', entityId: created.id, action: 'create', fromState: null, toState: 'OPEN' })
		await notify(tx, await villageUserIds(tx, listing.villageId), {
			kind: 'inquiry-created',
			params: { listingId: listing.id, listing: listing.title, buyer: buyer.name },
			link: '/village/inquiries',
		})
		return { ok: true as const, id: created.id }
	})
}

/** The buyer's own inquiries, newest first (or just one of them: null when it is not theirs). */
export async function buyerInquiries(buyerId: string, only?: string) {
	return prisma.inquiry.findMany({
		where: { buyerId, ...(only ? { id: only } : {}) },
		orderBy: { createdAt: 'desc' },
		take: 200,
		select: inquirySelect,
	})
}

/** Deals in which the user is the buyer, newest first; the certificate only once completed. */
export async function buyerDeals(buyerId: string) {
	const deals = await prisma.deal.findMany({
		where: { buyerId },
		orderBy: { createdAt: 'desc' },
		take: 200,
		select: {
			id: true,
			status: true,
			...dealTermsSelect,
			contractDate: true,
			noticeEndsAt: true,
			certificateNo: true,
			listing: { select: { id: true, title: true, status: true, town: { select: { name: true, nameEn: true } }, village: { select: { name: true, nameEn: true } } } },
		},
	})
	return deals.map((d) => ({ ...d, certificateNo: d.status === 'COMPLETED' ? d.certificateNo : null }))
}

export async function withdrawInquiry(buyer: { id: string; name: string }, id: string) {
	return prisma.$transaction(async (tx) => {
		const inquiry = await tx.inquiry.findFirst({
			where: { id, buyerId: buyer.id },
			select: { status: true, listing: { select: { id: true, title: true, villageId: true } } },
		})
		if (!inquiry) return 'notFound' as const
		const res = await tx.inquiry.updateMany({ where: { id, buyerId: buyer.id, status: { in: ACTIVE } }, data: { status: 'CLOSED' } })
		if (res.count === 0) return 'closed' as const
		await appendAudit(tx, { actorId: buyer.id, entityType: 'INQUIRY', entityId: id, action: 'withdraw', fromState: inquiry.status, toState: 'CLOSED' })
		await notify(tx, await villageUserIds(tx, inquiry.listing.villageId), {
			kind: 'inquiry-withdrawn',
			params: { listingId: inquiry.listing.id, listing: inquiry.listing.title, buyer: buyer.name },
			link: '/village/inquiries',
		})
		return 'ok' as const
	})
}

type VillageActor = { id: string; villageId: string | null }

/** Inquiries on the village's own listings: the open ones first, each group newest first. */
export async function villageInquiries(villageId: string, status: InquiryStatus | null) {
	const rows = await prisma.inquiry.findMany({
		where: { listing: { villageId }, ...(status ? { status } : {}) },
		orderBy: { createdAt: 'desc' },
		take: 300,
		select: { ...inquirySelect, buyer: { select: { name: true } } },
	})
	return [...rows.filter((r) => r.status === 'OPEN'), ...rows.filter((r) => r.status !== 'OPEN')]
}

export async function villageInquiryCounts(villageId: string) {
	const groups = await prisma.inquiry.groupBy({ by: ['status'], where: { listing: { villageId } }, _count: { _all: true } })
	const counts = Object.fromEntries(INQUIRY_STATUSES.map((s) => [s, 0])) as Record<InquiryStatus, number>
	for (const g of groups) if (isInquiryStatus(g.status)) counts[g.status] = g._count._all
	return counts
}

export type VillageResult = 'ok' | 'notFound' | 'closed'

/** The village answers an inquiry on one of its own listings (again, if it wants to). */
export async function replyToInquiry(user: VillageActor, id: string, body: string): Promise<VillageResult> {
	if (!user.villageId) return 'notFound'
	const villageId = user.villageId
	return prisma.$transaction(async (tx) => {
		const inquiry = await tx.inquiry.findFirst({
			where: { id, listing: { villageId } },
			select: { status: true, buyerId: true, listing: { select: { id: true, title: true } } },
		})
		if (!inquiry) return 'notFound'
		const res = await tx.inquiry.updateMany({ where: { id, listing: { villageId }, status: { in: ACTIVE } }, data: { status: 'REPLIED' } })
		if (res.count === 0) return 'closed'
		await tx.inquiryReply.create({ data: { inquiryId: id, authorId: user.id, body }, select: { id: true } })
		await appendAudit(tx, { actorId: user.id, entityType: 'INQUIRY', entityId: id, action: 'reply', fromState: inquiry.status, toState: 'REPLIED' })
		await notify(tx, [inquiry.buyerId], {
			kind: 'inquiry-replied',
			params: { listingId: inquiry.listing.id, listing: inquiry.listing.title, excerpt: excerpt(body) },
			link: '/me',
		})
		return 'ok'
	})
}

export async function closeInquiry(user: VillageActor, id: string): Promise<VillageResult> {
	if (!user.villageId) return 'notFound'
	const villageId = user.villageId
	return prisma.$transaction(async (tx) => {
		const inquiry = await tx.inquiry.findFirst({
			where: { id, listing: { villageId } },
			select: { status: true, buyerId: true, listing: { select: { id: true, title: true } } },
		})
		if (!inquiry) return 'notFound'
		const res = await tx.inquiry.updateMany({ where: { id, listing: { villageId }, status: { in: ACTIVE } }, data: { status: 'CLOSED' } })
		if (res.count === 0) return 'closed'
		await appendAudit(tx, { actorId: user.id, entityType: 'INQUIRY', entityId: id, action: 'close', fromState: inquiry.status, toState: 'CLOSED' })
		await notify(tx, [inquiry.buyerId], {
			kind: 'inquiry-closed',
			params: { listingId: inquiry.listing.id, listing: inquiry.listing.title },
			link: '/me',
		})
		return 'ok'
	})
}

function excerpt(text: string, max = 80) {
	const flat = text.replace(/\s+/g, ' ').trim()
	return flat.length > max ? `${flat.slice(0, max)}…` : flat
}
