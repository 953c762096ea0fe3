// Helpers of the review e2e tests: put a listing of a demo village into the review queue (what a
// village's "submit" does) straight into the e2e database, so a test has a listing of its own to
// decide without depending on the village workspace.
import crypto from 'node:crypto'
import Database from 'better-sqlite3'

export const REVIEWER_X = 'reviewer.shulinzhao@demo.local'
export const REVIEWER_Y = 'reviewer.zhandanzhao@demo.local'
export const VILLAGE_X = 'village.shulinzhao@demo.local'

function open(readonly: boolean) {
	const url = process.env.DATABASE_URL ?? ''
	return new Database(url.replace(/^file:/, ''), { readonly, fileMustExist: true, timeout: 5000 })
}

export type QueueListing = { id: string; title: string; type: string; lat: number; lng: number }

/** The SUBMITTED listings of a town (by its code), oldest first, as the queue should show them. */
export function submittedListings(townCode: string): QueueListing[] {
	const db = open(true)
	try {
		return db
			.prepare(
				`SELECT l.id, l.title, l.type, l.lat, l.lng FROM "Listing" l JOIN "Town" t ON t.id = l.townId
				 WHERE t.code = ? AND l.status = 'SUBMITTED' ORDER BY l.submittedAt ASC, l.id ASC`,
			)
			.all(townCode) as QueueListing[]
	} finally {
		db.close()
	}
}

export function listingStatus(id: string) {
	const db = open(true)
	try {
		return (db.prepare('SELECT status FROM "Listing" WHERE id = ?').get(id) as { status: string } | undefined)?.status ?? null
	} finally {
		db.close()
	}
}

/** A farmhouse of the village of `villageEmail`'s account, submitted `daysAgo` days ago. */
export function insertSubmittedListing(villageEmail: string, title: string, daysAgo = 2): string {
	const db = open(false)
	try {
		const v = db
			.prepare(
				`SELECT v.id, v.townId, v.lat, v.lng, v.contactName, v.contactPhone, u.id AS userId
				 FROM "User" u JOIN "Village" v ON v.id = u.villageId WHERE u.email = ?`,
			)
			.get(villageEmail) as { id: string; townId: string; lat: number; lng: number; contactName: string | null; contactPhone: string | null; userId: string }
		const id = `e2e${crypto.randomBytes(11).toString('hex')}`
		const now = new Date()
		const iso = (d: Date) => d.toISOString().replace('Z', '+00:00')
		const submittedAt = new Date(now.getTime() - daysAgo * 24 * 60 * 60 * 1000)
		db.prepare(
			`INSERT INTO "Listing" (id, type, status, title, description, townId, villageId, lat, lng, area, areaUnit, price, priceUnit, priceYuan,
			 transferMode, tradingMode, termYears, contactName, contactPhone, createdById, submittedAt, listingDays, isDemo, createdAt, updatedAt)
			 VALUES (?, 'FARMHOUSE', 'SUBMITTED', ?, ?, ?, ?, ?, ?, 260, 'm2', 9000, 'YUAN_PER_YEAR', 9000,
			 'LEASE', 'NEGOTIATED', 5, ?, ?, ?, ?, 365, 0, ?, ?)`,
		).run(
			id,
			title,
			'正房三间，东西厢房各两间，院内有水井。',
			v.townId,
			v.id,
			v.lat + 0.002,
			v.lng - 0.002,
			v.contactName,
			v.contactPhone,
			v.userId,
			iso(submittedAt),
			iso(new Date(submittedAt.getTime() - 60 * 60 * 1000)),
			iso(submittedAt),
		)
		return id
	} finally {
		db.close()
	}
}
