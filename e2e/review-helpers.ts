// Helpers of the review e2e tests: put a listing of a demo village into the review queue (what a
// village's "submit" does) straight into the e2e database, so a test has a listing of its own to
// decide without depending on the village workspace.
import crypto from 'node:crypto'
import { all, one, run } from './db.ts'

export const REVIEWER_X = 'reviewer.shulinzhao@demo.local'
export const REVIEWER_Y = 'reviewer.zhandanzhao@demo.local'
export const VILLAGE_X = 'village.shulinzhao@demo.local'

export type QueueListing = { id: string; title: string; type: string; lat: number; lng: number }

/** The SUBMITTED listings of a town (by its code), oldest first, as the queue should show them. */
export function submittedListings(townCode: string): QueueListing[] {
	return all<QueueListing>(
		`SELECT l.id, l.title, l.type, l.lat, l.lng FROM "Listing" l JOIN "Town" t ON t.id = l."townId"
		 WHERE t.code = $1 AND l.status = 'SUBMITTED' ORDER BY l."submittedAt" ASC, l.id ASC`,
		[townCode],
	)
}

export function listingStatus(id: string) {
	return all<{ status: string }>('SELECT status FROM "Listing" WHERE id = $1', [id])[0]?.status ?? null
}

/** A farmhouse of the village of `villageEmail`'s account, submitted `daysAgo` days ago. */
export function insertSubmittedListing(villageEmail: string, title: string, daysAgo = 2): string {
	const v = one<{ id: string; townId: string; lat: number; lng: number; contactName: string | null; contactPhone: string | null; userId: string }>(
		`SELECT v.id, v."townId", v.lat, v.lng, v."contactName", v."contactPhone", u.id AS "userId"
		 FROM "User" u JOIN "Village" v ON v.id = u."villageId" WHERE u.email = $1`,
		[villageEmail],
	)
	const id = `e2e${crypto.randomBytes(11).toString('hex')}`
	const submittedAt = new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000)
	run(
		`INSERT INTO "Listing" (id, type, status, title, description, "townId", "villageId", lat, lng, area, "areaUnit", price, "priceUnit", "priceYuan",
		 "transferMode", "tradingMode", "termYears", "contactName", "contactPhone", "createdById", "submittedAt", "listingDays", "isDemo", "createdAt", "updatedAt")
		 VALUES ($1, 'FARMHOUSE', 'SUBMITTED', $2, $3, $4, $5, $6, $7, 260, 'm2', 9000, 'YUAN_PER_YEAR', 9000,
		 'LEASE', 'NEGOTIATED', 5, $8, $9, $10, $11, 365, false, $12, $13)`,
		[id, title, '正房三间，东西厢房各两间，院内有水井。', v.townId, v.id, v.lat + 0.002, v.lng - 0.002, v.contactName, v.contactPhone, v.userId, submittedAt, new Date(submittedAt.getTime() - 60 * 60 * 1000), submittedAt],
	)
	return id
}
