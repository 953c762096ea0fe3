// Helpers of the bidding e2e tests: give a test a published listing of its own straight in the
// e2e database, move the application clock, and read what the server wrote.
import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import type { APIRequestContext } from '@playwright/test'

function open(readonly: boolean) {
	const url = process.env.DATABASE_URL ?? ''
	return new Database(url.replace(/^file:/, ''), { readonly, fileMustExist: true, timeout: 5000 })
}

/** A published farmhouse of the village of `villageEmail`'s account, for one test alone. */
export function insertPublishedListing(villageEmail: string, title: string) {
	const db = open(false)
	try {
		const v = db
			.prepare(`SELECT v.id, v.townId, v.lat, v.lng, u.id AS userId FROM "User" u JOIN "Village" v ON v.id = u.villageId WHERE u.email = ?`)
			.get(villageEmail) as { id: string; townId: string; lat: number; lng: number; userId: string }
		const id = `e2ebid${crypto.randomBytes(9).toString('hex')}`
		const iso = (d: Date) => d.toISOString().replace('Z', '+00:00')
		const now = new Date()
		db.prepare(
			`INSERT INTO "Listing" (id, type, status, title, description, townId, villageId, lat, lng, area, areaUnit, price, priceUnit, priceYuan,
			 transferMode, tradingMode, termYears, createdById, submittedAt, publishedAt, expiresAt, listingDays, isDemo, createdAt, updatedAt)
			 VALUES (?, 'FARMHOUSE', 'PUBLISHED', ?, ?, ?, ?, ?, ?, 300, 'm2', 10000, 'YUAN_PER_YEAR', 10000,
			 'LEASE', 'NEGOTIATED', 5, ?, ?, ?, ?, 365, 0, ?, ?)`,
		).run(
			id,
			title,
			'正房四间，院内可停车，适合农家乐。',
			v.townId,
			v.id,
			v.lat + 0.003,
			v.lng + 0.003,
			v.userId,
			iso(new Date(now.getTime() - 3 * 86400_000)),
			iso(new Date(now.getTime() - 2 * 86400_000)),
			iso(new Date(now.getTime() + 300 * 86400_000)),
			iso(new Date(now.getTime() - 4 * 86400_000)),
			iso(now),
		)
		return id
	} finally {
		db.close()
	}
}

/** Moves the server's clock so that it reads `at` now (offset 0 when `at` is null). */
export async function setClock(request: APIRequestContext, at: Date | null) {
	const offsetMs = at ? at.getTime() - Date.now() : 0
	const res = await request.post('/test-hooks/clock', { data: { offsetMs } })
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
	const db = open(true)
	try {
		const row = db.prepare(`SELECT id, status, deadline, currentPrice, version FROM "BiddingRound" WHERE listingId = ? ORDER BY createdAt DESC LIMIT 1`).get(listingId) as
			| { id: string; status: string; deadline: string | number; currentPrice: number | null; version: number }
			| undefined
		if (!row) throw new Error(`no round for ${listingId}`)
		return { ...row, deadline: new Date(typeof row.deadline === 'number' ? row.deadline : row.deadline.replace(' ', 'T')) }
	} finally {
		db.close()
	}
}

export function dealOf(listingId: string) {
	const db = open(true)
	try {
		return db
			.prepare(`SELECT d.status, d.price, d.tradingMode, u.email AS buyer FROM "Deal" d JOIN "User" u ON u.id = d.buyerId WHERE d.listingId = ?`)
			.get(listingId) as { status: string; price: number; tradingMode: string; buyer: string } | undefined
	} finally {
		db.close()
	}
}

export function tradingModeOf(listingId: string) {
	const db = open(true)
	try {
		return (db.prepare(`SELECT tradingMode FROM "Listing" WHERE id = ?`).get(listingId) as { tradingMode: string }).tradingMode
	} finally {
		db.close()
	}
}

export function depositStatuses(listingId: string) {
	const db = open(true)
	try {
		return (
			db
				.prepare(`SELECT r.alias, r.depositStatus FROM "BidRegistration" r JOIN "BiddingRound" b ON b.id = r.roundId WHERE b.listingId = ? ORDER BY r.alias`)
				.all(listingId) as { alias: number; depositStatus: string }[]
		).map((r) => `${r.alias}:${r.depositStatus}`)
	} finally {
		db.close()
	}
}
