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
	prefilterColumns,
	savedSearchMatcher,
	type Frequency,
	type MatchListing,
} from '~/domain/saved-search.ts'
import { chinaDay } from '~/utils/calendar-date.ts'
import { prisma } from '~/utils/db.server.ts'
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

/** Candidate ids are read in chunks of this many: a parameter list every engine takes. */
const CHUNK = 400

/**
 * Called in the reviewer's approval, inside its transaction: records the listing's matches and
 * sends the instant alerts. The point's grid cells find the searches whose area may hold it (an
 * index lookup); the stored columns drop other types, towns and boxes; the pure matcher decides.
 */
export async function matchPublishedListing(tx: Tx, listingId: string, at: Date) {
	const l = await tx.listing.findUnique({
		where: { id: listingId },
		select: {
			id: true,
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
	if (!l) return 0
	const cells = await tx.savedSearchCell.findMany({ where: { cell: { in: pointCells(l.lng, l.lat, l.town.code) } }, select: { searchId: true } })
	if (cells.length === 0) return 0
	const ids = [...new Set(cells.map((c) => c.searchId))]
	const type = l.type as ListingType
	const candidates: Array<{ id: string; userId: string; name: string; frequency: string; query: string }> = []
	for (let i = 0; i < ids.length; i += CHUNK) {
		candidates.push(
			...(await tx.savedSearch.findMany({
				where: {
					id: { in: ids.slice(i, i + CHUNK) },
					paused: false,
					typeMask: { in: masksAccepting(type) },
					AND: [
						{ OR: [{ townCode: null }, { townCode: l.town.code }] },
						{ OR: [{ west: null }, { west: { lte: l.lng }, east: { gte: l.lng }, south: { lte: l.lat }, north: { gte: l.lat } }] },
					],
					user: { disabled: false },
				},
				select: { id: true, userId: true, name: true, frequency: true, query: true },
			})),
		)
	}
	if (candidates.length === 0) return 0
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
	const tokens = documentTokens(listing)
	const already = new Set((await tx.savedSearchMatch.findMany({ where: { listingId }, select: { searchId: true } })).map((m) => m.searchId))
	const matched = candidates.filter((s) => {
		if (already.has(s.id)) return false
		const parsed = parseSavedQuery(s.query)
		return parsed.ok && savedSearchMatcher(parsed.query)(listing, tokens)
	})
	if (matched.length === 0) return 0
	await tx.savedSearchMatch.createMany({
		data: matched.map((s) => ({ searchId: s.id, listingId, createdAt: at, notifiedAt: s.frequency === 'INSTANT' ? at : null })),
	})
	// One alert per buyer, naming their first instant search that matched.
	const alerted = new Map<string, string>()
	for (const s of matched) if (s.frequency === 'INSTANT' && !alerted.has(s.userId)) alerted.set(s.userId, s.name)
	await notifyEach(
		tx,
		Array.from(alerted, ([userId, search]) => ({ userId, message: { kind: 'saved-search-match' as const, params: { listingId, listing: l.title, search }, link: `/listings/${listingId}` } })),
	)
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
