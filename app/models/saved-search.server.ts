// Saved searches (issue 13, decision 025): a buyer's own searches, the matching of each listing as
// the reviewer publishes it, and the daily digest the sweep sends. Every query on searches is
// scoped to the owner in its `where`; matching reads only the candidates the cell index names.
import type { Prisma } from '@prisma/client'
import type { ListingType, AreaUnit, PriceUnit, TransferMode } from '~/domain/listing.ts'
import {
	digestDue,
	MAX_SAVED_SEARCHES,
	masksAccepting,
	parseSavedQuery,
	pointCells,
	readSavedQuery,
	prefilterColumns,
	savedSearchMatcher,
	type Frequency,
	type MatchListing,
} from '~/domain/saved-search.ts'
import { chinaDay } from '~/utils/calendar-date.ts'
import { prisma, sqlPlaceholders } from '~/utils/db.server.ts'
import { documentTokens } from '~/utils/search-tokens.ts'
import { notify, notifyEach } from './notification.server.ts'

type Tx = Prisma.TransactionClient

export type CreateResult = { ok: true; id: string } | { ok: false; problem: 'tooMany' | 'unknownTown' } | { ok: false; problem: 'badQuery'; errors: Record<string, string> }

/** Saves a search for its owner; refused past MAX_SAVED_SEARCHES (counted inside the write). */
export async function createSavedSearch(userId: string, values: { name: string; frequency: Frequency; query: string }, at: Date): Promise<CreateResult> {
	const parsed = parseSavedQuery(values.query)
	if (!parsed.ok) return { ok: false, problem: 'badQuery', errors: parsed.errors }
	const columns = prefilterColumns(parsed.query)
	const { cells, ...indexed } = columns
	return prisma.$transaction(async (tx) => {
		if (indexed.townCode && !(await tx.town.findUnique({ where: { code: indexed.townCode }, select: { id: true } }))) return { ok: false as const, problem: 'unknownTown' as const }
		const count = await tx.savedSearch.count({ where: { userId } })
		if (count >= MAX_SAVED_SEARCHES) return { ok: false as const, problem: 'tooMany' as const }
		const search = await tx.savedSearch.create({
			data: { userId, name: values.name, frequency: values.frequency, query: parsed.params, ...indexed, seenAt: at, createdAt: at },
			select: { id: true },
		})
		await tx.savedSearchCell.createMany({ data: cells.map((cell) => ({ cell, searchId: search.id })) })
		return { ok: true as const, id: search.id }
	})
}

/** Renames, pauses or resumes, or changes the frequency of the owner's own search; false when not theirs. */
export async function updateSavedSearch(userId: string, id: string, data: { name?: string; paused?: boolean; frequency?: Frequency }) {
	const res = await prisma.savedSearch.updateMany({ where: { id, userId }, data })
	return res.count === 1
}

export async function deleteSavedSearch(userId: string, id: string) {
	const res = await prisma.savedSearch.deleteMany({ where: { id, userId } })
	return res.count === 1
}

/** Matches kept per search on /me/searches. */
const SHOWN_MATCHES = 20

/**
 * The owner's searches with their latest matches, each flagged new when it came after the owner
 * last looked; then every search counts as seen.
 */
export async function savedSearchesPage(userId: string, at: Date) {
	const searches = await prisma.savedSearch.findMany({
		where: { userId },
		orderBy: { createdAt: 'desc' },
		select: {
			id: true,
			name: true,
			frequency: true,
			paused: true,
			query: true,
			seenAt: true,
			createdAt: true,
			matches: {
				orderBy: { createdAt: 'desc' },
				take: SHOWN_MATCHES,
				select: {
					createdAt: true,
					listing: { select: { id: true, title: true, status: true, type: true, price: true, priceUnit: true, area: true, areaUnit: true } },
				},
			},
			_count: { select: { matches: true } },
		},
	})
	// Only searches with something new are written: a page with nothing new writes nothing.
	const seen = searches.filter((s) => s.matches.some((m) => m.createdAt > s.seenAt)).map((s) => s.id)
	if (seen.length) await prisma.savedSearch.updateMany({ where: { userId, id: { in: seen } }, data: { seenAt: at } })
	return searches.map(({ seenAt, _count, matches, ...s }) => ({
		...s,
		total: _count.matches,
		fresh: matches.filter((m) => m.createdAt > seenAt).length,
		matches: matches.map((m) => ({ ...m, fresh: m.createdAt > seenAt })),
	}))
}

export async function savedSearchCount(userId: string) {
	return prisma.savedSearch.count({ where: { userId } })
}

/** The one statement a publish adds: the listing waits for its matching (decision 029). */
export async function queueSavedSearchMatching(tx: Tx, listingId: string, at: Date) {
	await tx.savedSearchQueue.upsert({ where: { listingId }, create: { listingId, at }, update: { at, leaseUntil: null } })
}

/** How long one instance holds a queued listing; each written batch renews it. */
const LEASE_MS = 60_000
/** Matches written (and their alerts sent) per transaction: no other write waits long behind one. */
const WRITE_BATCH = 250

let draining: Promise<number> | null = null
let drainAgain = false

/**
 * Matches the queued listings, one after another, until none is left that another instance does
 * not hold. One run per process: a call while it runs makes it look again once it is done, and
 * resolves with it, so whoever calls it knows the queue it saw has been worked through.
 */
export function drainSavedSearchQueue(): Promise<number> {
	if (draining) {
		drainAgain = true
		return draining
	}
	draining = (async () => {
		let done = 0
		try {
			do {
				drainAgain = false
				for (let next = await claimQueued(); next; next = await claimQueued()) {
					if (next !== 'taken') done += await matchQueued(next)
				}
			} while (drainAgain)
		} finally {
			draining = null
		}
		return done
	})()
	return draining
}

/** After an approval commits: the matching runs in this process, not in the reviewer's request. */
export function startSavedSearchMatching() {
	drainSavedSearchQueue().catch((error: unknown) => console.error('saved-search matching failed', error))
}

type Claimed = { listingId: string; at: Date; lease: Date }

/** The oldest queued listing nobody holds, leased to this run ('taken': another instance was quicker). */
async function claimQueued(): Promise<Claimed | 'taken' | null> {
	const now = new Date()
	const next = await prisma.savedSearchQueue.findFirst({
		where: { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
		orderBy: { createdAt: 'asc' },
		select: { listingId: true, at: true, leaseUntil: true },
	})
	if (!next) return null
	const lease = new Date(now.getTime() + LEASE_MS)
	const res = await prisma.savedSearchQueue.updateMany({ where: { listingId: next.listingId, leaseUntil: next.leaseUntil }, data: { leaseUntil: lease } })
	return res.count === 1 ? { listingId: next.listingId, at: next.at, lease } : 'taken'
}

/**
 * The searches whose stored prefilter admits a listing here: the point's grid cells and its town's
 * key through the cell table's primary key, joined to the searches and their owners in one
 * statement; the type, town and box columns drop the rest. Plain SQL both engines read alike.
 */
function candidateSearches(l: { type: ListingType; lng: number; lat: number; townCode: string }) {
	const args: Array<number | string> = []
	// Each value its own placeholder, in order: SQLite's `?` cannot be named twice.
	const bind = (...values: Array<number | string>) => {
		args.push(...values)
		return sqlPlaceholders(values.length, args.length - values.length + 1)
	}
	return prisma.$queryRawUnsafe<Array<{ id: string; userId: string; name: string; frequency: string; query: string }>>(
		`SELECT s.id, s."userId", s.name, s.frequency, s.query
		FROM "SavedSearchCell" c
		JOIN "SavedSearch" s ON s.id = c."searchId"
		JOIN "User" u ON u.id = s."userId"
		WHERE c.cell IN (${bind(...pointCells(l.lng, l.lat, l.townCode))})
			AND NOT s.paused AND NOT u.disabled
			AND s."typeMask" IN (${bind(...masksAccepting(l.type))})
			AND (s."townCode" IS NULL OR s."townCode" = ${bind(l.townCode)})
			AND (s.west IS NULL OR (s.west <= ${bind(l.lng)} AND s.east >= ${bind(l.lng)} AND s.south <= ${bind(l.lat)} AND s.north >= ${bind(l.lat)}))`,
		...args,
	)
}

/**
 * One queued listing: its candidates read and matched outside any transaction, then the matches
 * and the instant alerts (one per buyer, naming their first instant search that matched) written
 * WRITE_BATCH at a time, each batch renewing the lease. A run that died half way is taken up again
 * after its lease: the searches matched and the buyers alerted already are skipped.
 */
async function matchQueued({ listingId, at, lease }: Claimed) {
	const l = await prisma.listing.findUnique({
		where: { id: listingId },
		select: {
			status: true,
			type: true,
			title: true,
			description: true,
			area: true,
			areaUnit: true,
			price: true,
			priceUnit: true,
			transferMode: true,
			lat: true,
			lng: true,
			town: { select: { code: true, name: true } },
			village: { select: { code: true, name: true } },
		},
	})
	// Withdrawn again before its turn: nobody is told of a listing no longer on the map.
	if (!l || l.status !== 'PUBLISHED') {
		await prisma.savedSearchQueue.deleteMany({ where: { listingId, leaseUntil: lease } })
		return 0
	}
	const type = l.type as ListingType
	const listing: MatchListing = {
		type,
		townCode: l.town.code,
		villageCode: l.village.code,
		area: l.area,
		areaUnit: l.areaUnit as AreaUnit,
		price: l.price,
		priceUnit: l.priceUnit as PriceUnit,
		transferMode: l.transferMode as TransferMode,
		lat: l.lat,
		lng: l.lng,
		title: l.title,
		description: l.description,
		village: l.village.name,
		town: l.town.name,
	}
	const candidates = await candidateSearches(listing)
	const earlier = await prisma.savedSearchMatch.findMany({ where: { listingId }, select: { searchId: true, notifiedAt: true, search: { select: { userId: true, frequency: true } } } })
	const already = new Set(earlier.map((m) => m.searchId))
	const alerted = new Set(earlier.filter((m) => m.notifiedAt && m.search.frequency === 'INSTANT').map((m) => m.search.userId))
	const tokens = documentTokens(listing)
	const matched = candidates.filter((s) => {
		if (already.has(s.id)) return false
		const read = readSavedQuery(s.query)
		return read.ok && savedSearchMatcher(read)(listing, tokens)
	})
	let held = lease
	for (let i = 0; i <= matched.length; i += WRITE_BATCH) {
		const batch = matched.slice(i, i + WRITE_BATCH)
		const last = i + WRITE_BATCH >= matched.length
		const renewed = new Date(Date.now() + LEASE_MS)
		const ours = await prisma.$transaction(async (tx) => {
			// Still this run's (the row lock orders it against another instance's claim), or stop.
			const own = last
				? await tx.savedSearchQueue.deleteMany({ where: { listingId, leaseUntil: held } })
				: await tx.savedSearchQueue.updateMany({ where: { listingId, leaseUntil: held }, data: { leaseUntil: renewed } })
			if (own.count === 0) return false
			if (batch.length === 0) return true
			await tx.savedSearchMatch.createMany({
				data: batch.map((s) => ({ searchId: s.id, listingId, createdAt: at, notifiedAt: s.frequency === 'INSTANT' ? at : null })),
			})
			const alerts = new Map<string, string>()
			for (const s of batch) if (s.frequency === 'INSTANT' && !alerted.has(s.userId) && !alerts.has(s.userId)) alerts.set(s.userId, s.name)
			await notifyEach(
				tx,
				Array.from(alerts, ([userId, search]) => ({ userId, message: { kind: 'saved-search-match' as const, params: { listingId, listing: l.title, search }, link: `/listings/${listingId}` } })),
			)
			for (const userId of alerts.keys()) alerted.add(userId)
			return true
		})
		if (!ours) return 0
		held = renewed
		if (last) break
	}
	return matched.length
}

/** Users digested per sweep at most: the next minute takes the rest. */
const DIGEST_BATCH = 200

/**
 * The daily digest, from DIGEST_HOUR (China) on: each user with matches of daily searches not yet
 * counted gets one notification with how many, once per day. The (user, day) row is written in the
 * same transaction as the notification, so a second sweep, on this instance or another, skips them.
 */
export async function sendSavedSearchDigests(at: Date) {
	if (!digestDue(at)) return 0
	const day = chinaDay(at)
	const pending = await prisma.savedSearchMatch.findMany({
		where: { notifiedAt: null, createdAt: { lte: at }, search: { frequency: 'DAILY', user: { disabled: false, searchDigests: { none: { day } } } } },
		select: { id: true, searchId: true, search: { select: { userId: true, name: true } } },
		orderBy: { createdAt: 'asc' },
		take: 5000,
	})
	const byUser = new Map<string, Array<(typeof pending)[number]>>()
	for (const m of pending) {
		const list = byUser.get(m.search.userId) ?? []
		list.push(m)
		byUser.set(m.search.userId, list)
	}
	let sent = 0
	for (const [userId, matches] of [...byUser].slice(0, DIGEST_BATCH)) {
		const done = await prisma.$transaction(async (tx) => {
			if (await tx.savedSearchDigest.findUnique({ where: { userId_day: { userId, day } }, select: { day: true } })) return false
			await tx.savedSearchDigest.create({ data: { userId, day, count: matches.length } })
			await tx.savedSearchMatch.updateMany({ where: { id: { in: matches.map((m) => m.id) }, notifiedAt: null }, data: { notifiedAt: at } })
			const searches = new Set(matches.map((m) => m.searchId))
			await notify(tx, [userId], {
				kind: 'saved-search-digest',
				params: { count: matches.length, searches: searches.size, search: matches[0].search.name, day },
				link: '/me/searches',
			})
			return true
		})
		if (done) sent++
	}
	return sent
}
