// Helpers of the bidding e2e tests: give a test a published listing of its own straight in the
// e2e database, move the application clock, and read what the server wrote.
import crypto from 'node:crypto'
import type { APIRequestContext } from '@playwright/test'
import { all, one, run, toDate } from './db.ts'

/** A published farmhouse of the village of `villageEmail`'s account, for one test alone. */
export function insertPublishedListing(villageEmail: string, title: string) {
	const v = one<{ id: string; townId: string; lat: number; lng: number; userId: string }>(
		`SELECT v.id, v."townId", v.lat, v.lng, u.id AS "userId" FROM "User" u JOIN "Village" v ON v.id = u."villageId" WHERE u.email = $1`,
		[villageEmail],
	)
	const id = `e2ebid${crypto.randomBytes(9).toString('hex')}`
	const now = new Date()
	const days = (n: number) => new Date(now.getTime() + n * 86400_000)
	run(
		`INSERT INTO "Listing" (id, type, status, title, description, "townId", "villageId", lat, lng, area, "areaUnit", price, "priceUnit", "priceYuan",
		 "transferMode", "tradingMode", "termYears", "createdById", "submittedAt", "publishedAt", "expiresAt", "listingDays", "isDemo", "createdAt", "updatedAt")
		 VALUES ($1, 'FARMHOUSE', 'PUBLISHED', $2, $3, $4, $5, $6, $7, 300, 'm2', 10000, 'YUAN_PER_YEAR', 10000,
		 'LEASE', 'NEGOTIATED', 5, $8, $9, $10, $11, 365, false, $12, $13)`,
		[id, title, '正房四间，院内可停车，适合农家乐。', v.townId, v.id, v.lat + 0.003, v.lng + 0.003, v.userId, days(-3), days(-2), days(300), days(-4), now],
	)
	return id
}

/** Moves the server's clock so that it reads `at` now (offset 0 when `at` is null). */
export async function setClock(request: APIRequestContext, at: Date | null) {
	await setClockOffset(request, at ? at.getTime() - Date.now() : 0)
}

/**
 * Sets the server's clock offset. Setting it is idempotent, so a POST on a kept-alive socket the
 * server closed as it was sent (ECONNRESET; a test idles longer than Node's 5 s keep-alive
 * between two moves of the clock) is sent again once.
 */
export async function setClockOffset(request: APIRequestContext, offsetMs: number) {
	const post = () => request.post('/test-hooks/clock', { data: { offsetMs } })
	const res = await post().catch((error: Error) => {
		if (!/ECONNRESET|socket hang up/.test(error.message)) throw error
		return post()
	})
	if (!res.ok()) throw new Error(`clock answered ${res.status()}`)
}

/** The server's current time. */
export async function serverNow(request: APIRequestContext) {
	const res = await request.get('/test-hooks/clock')
	return new Date(((await res.json()) as { now: string }).now)
}

/** A datetime-local value in China time. */
export function chinaDateTime(d: Date) {
	return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16)
}

/** How the bidding pages print an instant (zh, China time): the app's one formatDateTime. */
export function shownDateTime(d: Date) {
	return new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(d)
}

export function roundOf(listingId: string) {
	const row = all<{ id: string; status: string; deadline: string | number; depositDueAt: string | number | null; currentPrice: number | null; version: number }>(
		`SELECT id, status, deadline, "depositDueAt", "currentPrice", version FROM "BiddingRound" WHERE "listingId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
		[listingId],
	)[0]
	if (!row) throw new Error(`no round for ${listingId}`)
	return { ...row, deadline: toDate(row.deadline), depositDueAt: row.depositDueAt === null ? null : toDate(row.depositDueAt) }
}

export function dealOf(listingId: string) {
	return all<{ status: string; price: number; tradingMode: string; buyer: string }>(
		`SELECT d.status, d.price, d."tradingMode", u.email AS buyer FROM "Deal" d JOIN "User" u ON u.id = d."buyerId" WHERE d."listingId" = $1`,
		[listingId],
	)[0]
}

export function tradingModeOf(listingId: string) {
	return one<{ tradingMode: string }>(`SELECT "tradingMode" FROM "Listing" WHERE id = $1`, [listingId]).tradingMode
}

export function depositStatuses(listingId: string) {
	return all<{ alias: number; depositStatus: string }>(
		`SELECT r.alias, r."depositStatus" FROM "BidRegistration" r JOIN "BiddingRound" b ON b.id = r."roundId" WHERE b."listingId" = $1 ORDER BY r.alias`,
		[listingId],
	).map((r) => `${r.alias}:${r.depositStatus}`)
}
