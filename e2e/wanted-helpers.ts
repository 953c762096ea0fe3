// Wanted posts (issue 13) for the page and action checks: the demo seed writes none, so buyer1 gets
// three with fixed ids (a draft, one awaiting 树林召镇's reviewer, one published), added once.
import { one, run } from './db.ts'
import { ACCOUNTS } from './session.ts'

export const WANTED_IDS = { draft: 'e2e-wanted-draft', submitted: 'e2e-wanted-submitted', published: 'e2e-wanted-published' } as const

export function ensureWantedPosts(url?: string) {
	const buyer = one<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [ACCOUNTS.buyer], url).id
	const town = one<{ id: string }>(`SELECT id FROM "Town" WHERE name = '树林召镇'`, [], url).id
	const now = new Date()
	for (const [key, id] of Object.entries(WANTED_IDS)) {
		const status = key.toUpperCase()
		const published = status === 'PUBLISHED'
		run(
			`INSERT INTO "WantedPost" (id, "buyerId", kind, status, title, "townId", "areaUnit", "areaMin", "areaMax", "priceUnit", "budgetMax", "intendedUse", "termYears", "contactPhone", "submittedAt", "publishedAt", "expiresAt", "createdAt", "updatedAt")
			 VALUES ($1, $2, 'RENT', $3, $4, $5, 'mu', 50, 500, 'YUAN_PER_MU_YEAR', 800, '种植玉米和向日葵', 10, '13900001234', $6, $7, $8, $9, $9) ON CONFLICT DO NOTHING`,
			[id, buyer, status, `求租耕地（${status}）`, town, status === 'DRAFT' ? null : now, published ? now : null, published ? new Date(now.getTime() + 90 * 86_400_000) : null, now],
			url,
		)
		run(`INSERT INTO "WantedTarget" ("wantedPostId", "townId", type, position) VALUES ($1, $2, 'LAND', 0) ON CONFLICT DO NOTHING`, [id, town], url)
	}
	return WANTED_IDS
}
