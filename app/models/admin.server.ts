// The service centre's administration: towns and villages, accounts, oversight of every listing.
// Every change is one transaction with its audit entry (never a password); changes to places
// reload the public catalogue, which shows town and village names.
import type { Prisma } from '@prisma/client'
import { isRole, type Role } from '~/domain/permissions.ts'
import { normaliseLogin } from '~/utils/auth.server.ts'
import { isUniqueViolation } from '~/utils/database-errors.ts'
import { containsText, prisma } from '~/utils/db.server.ts'
import { hashPassword } from '~/utils/password.server.ts'
import { checkPassword, MIN_PASSWORD_LENGTH, type PasswordProblem } from '~/utils/password-strength.server.ts'
import { appendAudit, pendingAuditCount, verifyAuditChain, type AuditParams } from './audit.server.ts'
import { placesChanged } from './listing-catalog.server.ts'

const DAY = 24 * 60 * 60 * 1000
export const MIN_ADMIN_CLI_PASSWORD_LENGTH = 12

// ---------------------------------------------------------------- overview

export async function getAdminOverview(now = new Date()) {
	const since = new Date(now.getTime() - 30 * DAY)
	const [users, listings, reviews, lastEntry, chain, pending] = await Promise.all([
		prisma.user.groupBy({ by: ['role', 'disabled'], _count: { _all: true } }),
		// From the tally the triggers keep (docs/decisions/018), not a GROUP BY over every listing.
		prisma.listingTally.groupBy({ by: ['status'], _sum: { count: true } }),
		prisma.review.groupBy({ by: ['kind', 'decision'], where: { createdAt: { gte: since } }, _count: { _all: true } }),
		prisma.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, createdAt: true } }),
		verifyAuditChain(),
		pendingAuditCount(),
	])
	return {
		users: users.map((u) => ({ role: u.role, disabled: u.disabled, count: u._count._all })),
		listings: listings.map((l) => ({ status: l.status, count: l._sum.count ?? 0 })),
		reviews: reviews.map((r) => ({ kind: r.kind, decision: r.decision, count: r._count._all })),
		audit: { chain, lastEntry, pending },
	}
}

// ---------------------------------------------------------------- towns and villages

/** Towns and their villages, with their accounts and listings (listings counted from the tallies, 018). */
export async function listPlaces() {
	const [towns, townListings, villageListings] = await Promise.all([placesWithUsers(), prisma.listingTally.groupBy({ by: ['townId'], _sum: { count: true } }), prisma.villageTally.findMany({ select: { villageId: true, count: true } })])
	const byTown = new Map(townListings.map((t) => [t.townId, t._sum.count ?? 0]))
	const byVillage = new Map(villageListings.map((v) => [v.villageId, v.count]))
	return towns.map((town) => ({
		...town,
		_count: { ...town._count, listings: byTown.get(town.id) ?? 0 },
		villages: town.villages.map((v) => ({ ...v, _count: { ...v._count, listings: byVillage.get(v.id) ?? 0 } })),
	}))
}

function placesWithUsers() {
	return prisma.town.findMany({
		orderBy: { code: 'asc' },
		select: {
			id: true,
			code: true,
			name: true,
			nameEn: true,
			kind: true,
			lat: true,
			lng: true,
			isDemo: true,
			_count: { select: { users: true } },
			villages: {
				orderBy: { code: 'asc' },
				select: {
					id: true,
					code: true,
					name: true,
					nameEn: true,
					lat: true,
					lng: true,
					contactName: true,
					contactPhone: true,
					isDemo: true,
					_count: { select: { users: true } },
				},
			},
		},
	})
}

export type PlaceProblem = { ok: false; field: 'code' | 'name' | 'townId' | 'id'; problem: 'codeTaken' | 'nameTaken' | 'notFound' }
export type PlaceResult = { ok: true; id: string } | PlaceProblem

export type TownInput = { code: string; name: string; nameEn: string; kind: 'TOWN' | 'SUMU'; lat: number; lng: number }
export type TownUpdate = Pick<TownInput, 'name' | 'nameEn' | 'kind'>
export type VillageInput = {
	townId: string
	code: string
	name: string
	nameEn: string
	lat: number
	lng: number
	contactName?: string | null
	contactPhone?: string | null
}
export type VillageUpdate = Pick<VillageInput, 'name' | 'nameEn' | 'contactName' | 'contactPhone'>

/** { name: "旧 → 新", … } for the fields that changed (the audit entry's params); null: none did. */
function describeChanges(before: Record<string, unknown>, after: Record<string, unknown>): AuditParams | null {
	const changed = Object.keys(after).filter((k) => (before[k] ?? null) !== (after[k] ?? null))
	if (changed.length === 0) return null
	return Object.fromEntries(changed.map((k) => [k, `${before[k] ?? '—'} → ${after[k] ?? '—'}`]))
}

/**
 * A change to towns or villages: one transaction with its audit entry, then the public catalogue
 * reloads (names show on the map and in filters). A unique-index race with another admin answers
 * as `taken`, like the checks inside `work` would have.
 */
async function changePlaces(work: (tx: Prisma.TransactionClient) => Promise<PlaceResult>, taken: PlaceProblem): Promise<PlaceResult> {
	try {
		const result = await prisma.$transaction(work)
		if (result.ok) placesChanged()
		return result
	} catch (error) {
		if (isUniqueViolation(error)) return taken
		throw error
	}
}

export async function createTown(actorId: string | null, input: TownInput): Promise<PlaceResult> {
	return changePlaces(
		async (tx) => {
			const clash = await tx.town.findFirst({ where: { OR: [{ code: input.code }, { name: input.name }] }, select: { code: true } })
			if (clash) return clash.code === input.code ? { ok: false, field: 'code', problem: 'codeTaken' } : { ok: false, field: 'name', problem: 'nameTaken' }
			const town = await tx.town.create({ data: input, select: { id: true } })
			await appendAudit(tx, {
				actorId,
				entityType: 'TOWN',
				entityId: town.id,
				action: 'create',
				params: { code: input.code, name: input.name, nameEn: input.nameEn, kind: input.kind },
			})
			return { ok: true, id: town.id }
		},
		{ ok: false, field: 'code', problem: 'codeTaken' },
	)
}

export async function updateTown(actorId: string | null, id: string, input: TownUpdate): Promise<PlaceResult> {
	return changePlaces(
		async (tx) => {
			const before = await tx.town.findUnique({ where: { id }, select: { name: true, nameEn: true, kind: true } })
			if (!before) return { ok: false, field: 'id', problem: 'notFound' }
			if (before.name !== input.name && (await tx.town.count({ where: { name: input.name } }))) return { ok: false, field: 'name', problem: 'nameTaken' }
			const changes = describeChanges(before, input)
			if (!changes) return { ok: true, id }
			await tx.town.update({ where: { id }, data: input, select: { id: true } })
			await appendAudit(tx, { actorId, entityType: 'TOWN', entityId: id, action: 'update', params: changes })
			return { ok: true, id }
		},
		{ ok: false, field: 'name', problem: 'nameTaken' },
	)
}

export async function createVillage(actorId: string | null, input: VillageInput): Promise<PlaceResult> {
	return changePlaces(
		async (tx) => {
			const town = await tx.town.findUnique({ where: { id: input.townId }, select: { code: true } })
			if (!town) return { ok: false, field: 'townId', problem: 'notFound' }
			if (await tx.village.count({ where: { code: input.code } })) return { ok: false, field: 'code', problem: 'codeTaken' }
			if (await tx.village.count({ where: { townId: input.townId, name: input.name } })) return { ok: false, field: 'name', problem: 'nameTaken' }
			const village = await tx.village.create({
				data: { ...input, contactName: input.contactName || null, contactPhone: input.contactPhone || null },
				select: { id: true },
			})
			await appendAudit(tx, {
				actorId,
				entityType: 'VILLAGE',
				entityId: village.id,
				action: 'create',
				params: { code: input.code, town: town.code, name: input.name, nameEn: input.nameEn },
			})
			return { ok: true, id: village.id }
		},
		{ ok: false, field: 'code', problem: 'codeTaken' },
	)
}

export async function updateVillage(actorId: string | null, id: string, input: VillageUpdate): Promise<PlaceResult> {
	const data = { name: input.name, nameEn: input.nameEn, contactName: input.contactName || null, contactPhone: input.contactPhone || null }
	return changePlaces(
		async (tx) => {
			const before = await tx.village.findUnique({ where: { id }, select: { townId: true, name: true, nameEn: true, contactName: true, contactPhone: true } })
			if (!before) return { ok: false, field: 'id', problem: 'notFound' }
			if (before.name !== data.name && (await tx.village.count({ where: { townId: before.townId, name: data.name } }))) {
				return { ok: false, field: 'name', problem: 'nameTaken' }
			}
			const changes = describeChanges(before, data)
			if (!changes) return { ok: true, id }
			await tx.village.update({ where: { id }, data, select: { id: true } })
			await appendAudit(tx, { actorId, entityType: 'VILLAGE', entityId: id, action: 'update', params: changes })
			return { ok: true, id }
		},
		{ ok: false, field: 'name', problem: 'nameTaken' },
	)
}

// ---------------------------------------------------------------- accounts

export type UserFilters = {
	role?: Role
	townCode?: string
	villageCode?: string
	/** 'active' | 'disabled'; anything else: both. */
	state?: 'active' | 'disabled'
	q?: string
	page?: number
	pageSize?: number
}

export async function listUsers({ role, townCode, villageCode, state, q, page = 1, pageSize = 50 }: UserFilters) {
	const and: Prisma.UserWhereInput[] = []
	if (role) and.push({ role })
	// A town's accounts: its reviewers and the accounts of its villages.
	if (townCode) and.push({ OR: [{ town: { code: townCode } }, { village: { town: { code: townCode } } }] })
	if (villageCode) and.push({ village: { code: villageCode } })
	if (state) and.push({ disabled: state === 'disabled' })
	if (q) and.push({ OR: [{ name: containsText(q) }, { email: { contains: q.toLowerCase() } }, { phone: { contains: q.replace(/[\s-]/g, '') } }] })
	const where: Prisma.UserWhereInput = and.length ? { AND: and } : {}
	const [total, rows] = await Promise.all([
		prisma.user.count({ where }),
		prisma.user.findMany({
			where,
			orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
			skip: (page - 1) * pageSize,
			take: pageSize,
			select: {
				id: true,
				name: true,
				email: true,
				phone: true,
				role: true,
				disabled: true,
				createdAt: true,
				town: { select: { code: true, name: true, nameEn: true } },
				village: { select: { code: true, name: true, nameEn: true, town: { select: { name: true, nameEn: true } } } },
			},
		}),
	])
	return { total, rows, page, pageSize }
}

export async function getUserForAdmin(id: string, now = new Date()) {
	const user = await prisma.user.findUnique({
		where: { id },
		select: {
			id: true,
			name: true,
			email: true,
			phone: true,
			role: true,
			disabled: true,
			createdAt: true,
			updatedAt: true,
			town: { select: { code: true, name: true, nameEn: true } },
			village: { select: { code: true, name: true, nameEn: true, town: { select: { name: true, nameEn: true } } } },
		},
	})
	if (!user) return null
	const [activeSessions, lastLogin, audit] = await Promise.all([
		prisma.session.count({ where: { userId: id, expirationDate: { gt: now } } }),
		prisma.loginAttempt.findFirst({ where: { userId: id, success: true }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } }),
		prisma.auditLog.findMany({
			where: { entityType: 'USER', entityId: id },
			orderBy: { seq: 'desc' },
			take: 50,
			select: { seq: true, createdAt: true, entityType: true, action: true, fromState: true, toState: true, reason: true, params: true, actor: { select: { id: true, name: true, role: true } } },
		}),
	])
	return { user, activeSessions, lastLoginAt: lastLogin?.createdAt ?? null, audit }
}

export type AccountInput = {
	name: string
	role: string
	email?: string | null
	phone?: string | null
	townId?: string | null
	villageId?: string | null
	password: string
}

export type AccountField = 'role' | 'townId' | 'villageId' | 'email' | 'phone' | 'password'
export type AccountResult =
	| { ok: true; id: string }
	| { ok: false; field: Exclude<AccountField, 'password'>; problem: 'required' | 'invalid' | 'notFound' | 'taken' }
	| { ok: false; field: 'password'; problem: 'password'; reason: PasswordProblem }

/**
 * Creates an account of any role with the binding its role needs: a VILLAGE account belongs to
 * one village, a REVIEWER to one town; buyers and administrators to neither (any binding given
 * for them is dropped). The login is an email or a mobile number, at least one of them.
 */
export async function createAccount(actorId: string | null, input: AccountInput, options: { action?: 'create' | 'create-admin-cli'; minPasswordLength?: number } = {}): Promise<AccountResult> {
	const { action = 'create', minPasswordLength = MIN_PASSWORD_LENGTH } = options
	if (!isRole(input.role)) return { ok: false, field: 'role', problem: 'invalid' }
	const role = input.role
	const email = input.email?.trim() ? normaliseLogin(input.email).email : null
	const phone = input.phone?.trim() ? normaliseLogin(input.phone).phone : null
	// The same rule as sign-up: no common, patterned or personal passwords, for any role.
	const strength = checkPassword(input.password, [email, phone, input.name], minPasswordLength)
	if (!strength.ok) return { ok: false, field: 'password', problem: 'password', reason: strength.problem }
	if (input.email?.trim() && !email) return { ok: false, field: 'email', problem: 'invalid' }
	if (!email && !phone) return { ok: false, field: 'email', problem: 'required' }
	const villageId = role === 'VILLAGE' ? input.villageId || null : null
	const townId = role === 'REVIEWER' ? input.townId || null : null
	if (role === 'VILLAGE' && !villageId) return { ok: false, field: 'villageId', problem: 'required' }
	if (role === 'REVIEWER' && !townId) return { ok: false, field: 'townId', problem: 'required' }
	const hash = await hashPassword(input.password)
	try {
		return await prisma.$transaction(async (tx): Promise<AccountResult> => {
			const place: AuditParams = {}
			if (villageId) {
				const village = await tx.village.findUnique({ where: { id: villageId }, select: { code: true } })
				if (!village) return { ok: false, field: 'villageId', problem: 'notFound' }
				place.village = village.code
			}
			if (townId) {
				const town = await tx.town.findUnique({ where: { id: townId }, select: { code: true } })
				if (!town) return { ok: false, field: 'townId', problem: 'notFound' }
				place.town = town.code
			}
			if (email && (await tx.user.count({ where: { email } }))) return { ok: false, field: 'email', problem: 'taken' }
			if (phone && (await tx.user.count({ where: { phone } }))) return { ok: false, field: 'phone', problem: 'taken' }
			const user = await tx.user.create({
				data: { name: input.name.trim(), email, phone, role, townId, villageId, password: { create: { hash } } },
				select: { id: true },
			})
			await appendAudit(tx, { actorId, entityType: 'USER', entityId: user.id, action, fromState: null, toState: 'ACTIVE', params: { role, ...place } })
			return { ok: true, id: user.id }
		})
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, field: email ? 'email' : 'phone', problem: 'taken' }
		throw error
	}
}

export type AccountChangeResult = { ok: true } | { ok: false; problem: 'notFound' | 'self' | 'unchanged' }

/**
 * Disables or re-enables an account. Disabling ends every session of the account at once (the
 * login page then refuses it with the "disabled" message). An administrator cannot disable
 * themself, so the centre is never locked out by a slip of the mouse.
 */
export async function setAccountDisabled(actorId: string, userId: string, disabled: boolean, reason?: string | null): Promise<AccountChangeResult> {
	if (disabled && actorId === userId) return { ok: false, problem: 'self' }
	return prisma.$transaction(async (tx): Promise<AccountChangeResult> => {
		const res = await tx.user.updateMany({ where: { id: userId, disabled: !disabled }, data: { disabled } })
		if (res.count === 0) return { ok: false, problem: (await tx.user.count({ where: { id: userId } })) ? 'unchanged' : 'notFound' }
		if (disabled) await tx.session.deleteMany({ where: { userId } })
		await appendAudit(tx, {
			actorId,
			entityType: 'USER',
			entityId: userId,
			action: disabled ? 'disable' : 'enable',
			fromState: disabled ? 'ACTIVE' : 'DISABLED',
			toState: disabled ? 'DISABLED' : 'ACTIVE',
			reason: reason || null,
		})
		return { ok: true }
	})
}

/**
 * Sets a new password the administrator hands over, ending every session of the account.
 * What setPassword (auth.server.ts) does, plus the audit entry in the same transaction.
 */
export async function resetAccountPassword(
	actorId: string,
	userId: string,
	password: string,
	reason?: string | null,
): Promise<{ ok: true } | { ok: false; problem: 'notFound' } | { ok: false; problem: 'password'; reason: PasswordProblem }> {
	const account = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, phone: true, name: true } })
	if (!account) return { ok: false, problem: 'notFound' }
	const strength = checkPassword(password, [account.email, account.phone, account.name])
	if (!strength.ok) return { ok: false, problem: 'password', reason: strength.problem }
	const hash = await hashPassword(password)
	return prisma.$transaction(async (tx) => {
		if (!(await tx.user.count({ where: { id: userId } }))) return { ok: false as const, problem: 'notFound' as const }
		await tx.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } })
		await tx.session.deleteMany({ where: { userId } })
		await appendAudit(tx, { actorId, entityType: 'USER', entityId: userId, action: 'reset-password', reason: reason || null })
		return { ok: true as const }
	})
}

// ---------------------------------------------------------------- oversight of listings

export type AdminListingFilters = { status?: string; type?: string; townCode?: string; q?: string; page?: number; pageSize?: number }

const reviewSelect = {
	id: true,
	kind: true,
	decision: true,
	opinion: true,
	createdAt: true,
	reviewer: { select: { id: true, name: true, role: true } },
} as const

/**
 * The newest-changed listings first, in an index's order (status, town or none, then updatedAt
 * and id). Without words the count comes from the tallies (018); words are a LIKE over titles and
 * are counted by the database.
 */
export async function listAllListings({ status, type, townCode, q, page = 1, pageSize = 25 }: AdminListingFilters) {
	const town = townCode ? await prisma.town.findUnique({ where: { code: townCode }, select: { id: true } }) : null
	if (townCode && !town) return { total: 0, rows: [], page, pageSize }
	const where: Prisma.ListingWhereInput = {
		...(status ? { status } : {}),
		...(type ? { type } : {}),
		...(town ? { townId: town.id } : {}),
		...(q ? { title: containsText(q) } : {}),
	}
	const tallied = q
		? null
		: prisma.listingTally.aggregate({ where: { ...(status ? { status } : {}), ...(type ? { type } : {}), ...(town ? { townId: town.id } : {}) }, _sum: { count: true } })
	const [total, rows] = await Promise.all([
		tallied ? tallied.then((t) => t._sum.count ?? 0) : prisma.listing.count({ where }),
		prisma.listing.findMany({
			where,
			orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
			skip: (page - 1) * pageSize,
			take: pageSize,
			select: {
				id: true,
				type: true,
				status: true,
				title: true,
				isDemo: true,
				submittedAt: true,
				publishedAt: true,
				updatedAt: true,
				town: { select: { code: true, name: true, nameEn: true } },
				village: { select: { code: true, name: true, nameEn: true } },
				reviews: { where: { kind: 'LISTING' }, orderBy: { createdAt: 'desc' }, select: reviewSelect },
			},
		}),
	])
	return { total, rows, page, pageSize }
}

export async function getListingForAdmin(id: string) {
	const listing = await prisma.listing.findUnique({
		where: { id },
		select: {
			id: true,
			type: true,
			status: true,
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
			contactName: true,
			contactPhone: true,
			isDemo: true,
			createdAt: true,
			submittedAt: true,
			publishedAt: true,
			expiresAt: true,
			updatedAt: true,
			town: { select: { code: true, name: true, nameEn: true } },
			village: { select: { code: true, name: true, nameEn: true } },
			createdBy: { select: { id: true, name: true } },
			decision: { select: { partyMeetingDate: true, villagersMeetingDate: true, resolutionPublicDate: true } },
			_count: { select: { photos: true, inquiries: true, deals: true } },
			reviews: { orderBy: { createdAt: 'desc' }, select: reviewSelect },
		},
	})
	if (!listing) return null
	const audit = await prisma.auditLog.findMany({
		where: { entityType: 'LISTING', entityId: id },
		orderBy: { seq: 'desc' },
		take: 200,
		select: { seq: true, createdAt: true, entityType: true, action: true, fromState: true, toState: true, reason: true, params: true, hash: true, actor: { select: { id: true, name: true, role: true } } },
	})
	return { listing, audit }
}
