// The role × route matrix: every protected page and action, tried as every kind of user.
// "allowed" means the server let the request through (a page, a redirect after success, or a
// 400 from form validation); "denied" is 403/404; "login" is a redirect to /login.
import { expect, test } from './fixtures.ts'
import { one, type Who } from './session.ts'

type Outcome = 'allowed' | 'denied' | 'login'
const WHO: Who[] = ['anonymous', 'buyer', 'villageA', 'villageB', 'reviewerX', 'reviewerY', 'admin']

function ids() {
	// Village A (树林召镇) owns the demo's returned listing; reviewer X reviews 树林召镇.
	const own = one<{ id: string }>(`SELECT l.id FROM "Listing" l JOIN "User" u ON u."villageId" = l."villageId" WHERE u.email = 'village.shulinzhao@demo.local' AND l.status = 'RETURNED'`).id
	const submitted = one<{ id: string }>(`SELECT l.id FROM "Listing" l JOIN "Town" t ON t.id = l."townId" WHERE t.code = 'shulinzhao' AND l.status = 'SUBMITTED' ORDER BY l."submittedAt" DESC LIMIT 1`).id
	const published = one<{ id: string }>(`SELECT id FROM "Listing" WHERE status = 'PUBLISHED' ORDER BY id LIMIT 1`).id
	// A published listing of village A with no deal or bidding round (for the trading pages).
	const ownPublished = one<{ id: string }>(
		`SELECT l.id FROM "Listing" l JOIN "User" u ON u."villageId" = l."villageId" WHERE u.email = 'village.shulinzhao@demo.local' AND l.status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM "Deal" d WHERE d."listingId" = l.id) AND NOT EXISTS (SELECT 1 FROM "BiddingRound" b WHERE b."listingId" = l.id) ORDER BY l.title DESC LIMIT 1`,
	).id
	const completedDeal = one<{ id: string }>(`SELECT d.id FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" JOIN "Town" t ON t.id = l."townId" WHERE t.code = 'shulinzhao' AND d.status = 'COMPLETED' ORDER BY d.id LIMIT 1`).id
	return { own, submitted, published, ownPublished, completedDeal }
}

function expectFor(page: string, who: Who, rules: Partial<Record<Who, Outcome>>, fallback: Outcome): Outcome {
	if (who === 'anonymous') return 'login'
	return rules[who] ?? fallback
}

function classify(status: number, location: string | undefined): Outcome {
	if ((status === 302 || status === 303) && location?.startsWith('/login')) return 'login'
	if (status === 403 || status === 404) return 'denied'
	if (status >= 500) throw new Error(`server error ${status}`)
	return 'allowed'
}

const villages = { villageA: 'allowed', villageB: 'allowed' } as const
const reviewers = { reviewerX: 'allowed', reviewerY: 'allowed' } as const
const everyone = { buyer: 'allowed', villageA: 'allowed', villageB: 'allowed', reviewerX: 'allowed', reviewerY: 'allowed', admin: 'allowed' } as const

function pages({ own, submitted, published, ownPublished, completedDeal }: ReturnType<typeof ids>): Array<[string, Partial<Record<Who, Outcome>>]> {
	return [
		['/village', villages],
		['/village/listings/new', villages],
		[`/village/listings/${own}`, { villageA: 'allowed', villageB: 'denied' }],
		['/review', reviewers],
		[`/review/listings/${submitted}`, { reviewerX: 'allowed', reviewerY: 'denied' }],
		['/admin', { admin: 'allowed' }],
		['/admin/users', { admin: 'allowed' }],
		['/admin/places', { admin: 'allowed' }],
		['/admin/listings', { admin: 'allowed' }],
		['/admin/audit', { admin: 'allowed' }],
		['/notifications', everyone],
		['/me', everyone],
		['/village/inquiries', villages],
		[`/listings/${published}/inquire`, { buyer: 'allowed' }],
		[`/village/listings/${ownPublished}/deal`, { villageA: 'allowed', villageB: 'denied' }],
		[`/village/listings/${ownPublished}/bidding`, { villageA: 'allowed', villageB: 'denied' }],
		['/review/deals', reviewers],
		[`/review/deals/${completedDeal}`, { reviewerX: 'allowed', reviewerY: 'denied' }],
		['/admin/certifications', { admin: 'allowed' }],
		['/admin/deposits', { admin: 'allowed' }],
	]
}

for (const who of WHO) {
	test(`pages as ${who}`, async ({ browser, login }) => {
		const context = await browser.newContext()
		if (who !== 'anonymous') await login(who, context)
		const cells: string[] = []
		for (const [path, rules] of pages(ids())) {
			const res = await context.request.get(path, { maxRedirects: 0 })
			const got = classify(res.status(), res.headers()['location'])
			const want = expectFor(path, who, rules, 'denied')
			cells.push(`${path}: ${got === want ? 'ok' : `want ${want}, got ${got} (${res.status()})`}`)
		}
		await context.close()
		expect(cells.filter((c) => !c.endsWith(': ok')), cells.join('\n')).toEqual([])
	})

	test(`actions as ${who}`, async ({ browser, login }) => {
		const context = await browser.newContext()
		if (who !== 'anonymous') await login(who, context)
		const html = await (await context.request.get('/login')).text()
		const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
		const { own, submitted, ownPublished, completedDeal } = ids()
		// Each action is posted with a deliberately incomplete form: allowed roles get a validation
		// answer (400) without any change, denied roles get 403/404 before validation.
		const actions: Array<[string, Record<string, string>, Partial<Record<Who, Outcome>>]> = [
			['/village/listings/new', { intent: 'save' }, villages],
			[`/village/listings/${own}`, { intent: 'save' }, { villageA: 'allowed', villageB: 'denied' }],
			[`/review/listings/${submitted}`, { intent: 'approve', opinion: '' }, { reviewerX: 'allowed', reviewerY: 'denied' }],
			['/admin/users', { intent: 'create' }, { admin: 'allowed' }],
			['/admin/places', { intent: 'create-town' }, { admin: 'allowed' }],
			['/admin/audit', { intent: 'verify' }, { admin: 'allowed' }],
			['/notifications', { intent: 'read-all' }, everyone],
			[`/village/listings/${ownPublished}/bidding`, { intent: 'open' }, { villageA: 'allowed', villageB: 'denied' }],
			['/admin/certifications', { intent: 'certify', dealId: completedDeal }, { admin: 'allowed' }],
			['/admin/deposits', { intent: 'received', registrationId: 'no-such-registration' }, { admin: 'allowed' }],
		]
		const cells: string[] = []
		for (const [path, form, rules] of actions) {
			const res = await context.request.post(path, { form: { csrf, ...form }, maxRedirects: 0 })
			const got = classify(res.status(), res.headers()['location'])
			const want = expectFor(path, who, rules, 'denied')
			cells.push(`POST ${path} ${form.intent}: ${got === want ? 'ok' : `want ${want}, got ${got} (${res.status()})`}`)
		}
		await context.close()
		expect(cells.filter((c) => !c.endsWith(': ok')), cells.join('\n')).toEqual([])
		// None of these requests decided anything: no review by anyone but the town's own reviewer,
		// and none at all from this matrix's incomplete forms.
		const foreign = one<{ n: number }>(
			`SELECT count(*) AS n FROM "Review" r JOIN "User" u ON u.id = r."reviewerId" WHERE r."listingId" = $1 AND u.email <> 'reviewer.shulinzhao@demo.local'`,
			submitted,
		)
		expect(foreign.n).toBe(0)
	})
}
