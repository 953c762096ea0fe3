// The load row: 100 virtual users, no think time, each with one request in flight at a time
// (autocannon, pipelining 1, bounded by the duration), mixing the map API, the list page, detail
// pages, /ledger, /stats and logged-in buyers' inquiries (10% writes).
import type { PrismaClient } from '@prisma/client'
import autocannon from 'autocannon'
import { hashPassword } from '../../app/utils/password.server.ts'
import type { Ctx, Row } from './rows.ts'
import { eventLoop } from './server.ts'
import { BenchRandom, distinctFilters, summarize, viewport } from './workload.ts'

const KINDS = [
	['map', 0.3],
	['list', 0.2],
	['detail', 0.2],
	['ledger', 0.1],
	['stats', 0.1],
	['inquiry', 0.1],
] as const
type Kind = (typeof KINDS)[number][0]

const BUYERS = 20
const PASSWORD = 'bench-Buyer-password-2026'

/** Bench buyers, created as the app's seed creates accounts (a user row, then its password hash). */
async function ensureBuyers(prisma: PrismaClient) {
	const emails = Array.from({ length: BUYERS }, (_, i) => `bench.buyer${i + 1}@bench.local`)
	const existing = new Set((await prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((u) => u.email))
	const missing = emails.filter((e) => !existing.has(e))
	if (missing.length) {
		await prisma.user.createMany({ data: missing.map((email, i) => ({ name: `压测买家${i + 1}`, email, role: 'BUYER' })) })
		const hash = await hashPassword(PASSWORD)
		const users = await prisma.user.findMany({ where: { email: { in: missing } }, select: { id: true } })
		await prisma.password.createMany({ data: users.map((u) => ({ userId: u.id, hash })) })
	}
	return emails
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0])
const csrfIn = (html: string) => html.match(/<input[^>]*name="csrf"[^>]*value="([^"]+)"/)?.[1] ?? html.match(/<input[^>]*value="([^"]+)"[^>]*name="csrf"/)?.[1]

/** Logs a buyer in through the real login form (CSRF token and all); returns cookie and form token. */
async function logIn(base: string, email: string, listingId: string) {
	const page = await fetch(`${base}/login`)
	const jar = new Map(cookiesOf(page).map((c) => c.split('=') as [string, string]))
	const token = csrfIn(await page.text())
	if (!token) throw new Error('no CSRF token on /login')
	const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
		body: new URLSearchParams({ csrf: token, login: email, password: PASSWORD, redirectTo: '', intent: 'login' }),
	})
	if (res.status !== 302) throw new Error(`login of ${email} answered ${res.status}`)
	for (const c of cookiesOf(res)) jar.set(c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1))
	const form = await fetch(`${base}/listings/${listingId}/inquire`, { headers: { cookie: cookie() } })
	const formToken = csrfIn(await form.text())
	if (form.status !== 200 || !formToken) throw new Error(`the inquiry form answered ${form.status} to ${email}`)
	return { cookie: cookie(), csrf: formToken }
}

/**
 * 100 users for `seconds`, spread evenly over `bases` (several instances of the app on one database
 * behind the client, as behind a load balancer); one instance by default.
 */
export async function loadRow(ctx: Ctx, seconds: number, bases = [ctx.server.base]): Promise<Row> {
	const { prisma, server } = ctx
	const ids = (
		await prisma.$queryRawUnsafe<Array<{ id: string }>>(`SELECT "id" FROM "Listing" WHERE "status" = 'PUBLISHED' AND "id" LIKE 'csyn%' ORDER BY random() LIMIT 5000`)
	).map((r) => r.id)
	// Inquiries go to listings nobody has inquired about, each once: the app refuses a buyer's second
	// open inquiry on a listing (a 4xx), which earlier runs counted as errors (6–8 a run).
	const fresh = (
		await prisma.$queryRawUnsafe<Array<{ id: string }>>(
			`SELECT "id" FROM "Listing" l WHERE "status" = 'PUBLISHED' AND "id" LIKE 'csyn%' AND NOT EXISTS (SELECT 1 FROM "Inquiry" i WHERE i."listingId" = l."id") ORDER BY random() LIMIT 20000`,
		)
	).map((r) => r.id)
	let nextFresh = 0
	const emails = await ensureBuyers(prisma)
	const buyers: Array<{ cookie: string; csrf: string }> = []
	for (const email of emails) buyers.push(await logIn(server.base, email, ids[0]))

	const rng = new BenchRandom(31337)
	const filters = distinctFilters(rng, 20_000)
	let f = 0
	const pickKind = (): Kind => {
		let x = rng.next()
		for (const [kind, weight] of KINDS) if ((x -= weight) < 0) return kind
		return 'map'
	}
	const place = () => {
		const zoom = rng.int(8, 14)
		return `bbox=${viewport(rng, zoom)}&zoom=${zoom}`
	}
	const request = (kind: Kind): autocannon.Request => {
		const filter = () => (rng.chance(0.5) ? `&${filters[f++ % filters.length]}` : '')
		switch (kind) {
			case 'map':
				return { method: 'GET', path: `/api/listings?${place()}${filter()}` }
			case 'list':
				return { method: 'GET', path: `/?${place()}${filter()}` }
			case 'detail':
				return { method: 'GET', path: `/listings/${rng.pick(ids)}` }
			case 'ledger':
				return { method: 'GET', path: '/ledger' }
			case 'stats':
				return { method: 'GET', path: '/stats' }
			case 'inquiry': {
				const buyer = rng.pick(buyers)
				const body = new URLSearchParams({
					csrf: buyer.csrf,
					intendedUse: '压测：种植和养殖',
					termYears: String(rng.int(3, 15)),
					offeredPrice: String(rng.int(200, 900)),
					message: '压测询价，请忽略。希望实地看看。',
					contact: '13800138000',
					intent: 'inquire',
				}).toString()
				return {
					method: 'POST',
					path: `/listings/${fresh[nextFresh++ % fresh.length]}/inquire`,
					headers: { cookie: buyer.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' },
					body,
				}
			}
		}
	}

	const latency = new Map<Kind, number[]>(KINDS.map(([k]) => [k, []]))
	const failures = new Map<Kind, number>(KINDS.map(([k]) => [k, 0]))
	// autocannon calls onResponse, then emits 'response' with the time, in one go: this links them.
	let answered: Kind = 'map'
	await eventLoop(server.base)
	const options = (base: string): autocannon.Options => ({
		url: base,
		connections: Math.round(100 / bases.length),
		pipelining: 1,
		duration: seconds,
		timeout: 10,
		requests: [
			{
				setupRequest: (req, context) => {
					const kind = pickKind()
					;(context as { kind?: Kind }).kind = kind
					return { ...req, headers: { 'accept-language': 'zh-CN' }, body: undefined, ...request(kind) }
				},
				onResponse: (_status, _body, context) => {
					answered = (context as { kind?: Kind }).kind ?? 'map'
				},
			},
		],
	})
	const results = await Promise.all(
		bases.map(
			(base) =>
				new Promise<autocannon.Result>((resolve, reject) => {
					const instance = autocannon(options(base), (error, done) => (error ? reject(error) : resolve(done)))
					instance.on('response', (_client, status, _bytes, ms) => {
						latency.get(answered)!.push(ms)
						if (status >= 400) failures.set(answered, failures.get(answered)! + 1)
					})
				}),
		),
	)
	const result = {
		duration: Math.max(...results.map((r) => r.duration)),
		errors: results.reduce((a, r) => a + r.errors, 0),
		timeouts: results.reduce((a, r) => a + r.timeouts, 0),
		requests: { sent: results.reduce((a, r) => a + r.requests.sent, 0) },
	}
	const loop = await eventLoop(server.base)

	const perKind = Object.fromEntries(KINDS.map(([k]) => [k, { ...summarize(latency.get(k)!), errors: failures.get(k)! }]))
	const responses = [...latency.values()].reduce((a, l) => a + l.length, 0)
	const throughput = Math.round(responses / (result.duration || seconds))
	// When the time runs out autocannon stops with one request in flight per connection (up to 100):
	// those are reported, not counted as errors. A stalled server still shows: a request that waits
	// longer than the 10 s timeout is a timeout, and timeouts are among result.errors.
	const unanswered = Math.max(0, result.requests.sent - responses - result.errors)
	const errors = [...failures.values()].reduce((a, b) => a + b, 0) + result.errors
	const worstP95 = Math.max(...Object.values(perKind).map((k) => k.p95ms))
	const kinds = Object.entries(perKind)
		.map(([k, v]) => `${k} ${v.p50ms}/${v.p95ms}`)
		.join(', ')
	return {
		key: 'load',
		name: `load: 100 users × ${seconds} s${bases.length > 1 ? ` over ${bases.length} instances` : ''} (p50/p95 ms per kind)`,
		measured: `${throughput} req/s · ${kinds} · ${errors} errors (${result.timeouts} timeouts, ${unanswered} unanswered at the end) · loop max ${loop?.maxMs ?? '?'} ms`,
		target: '≥ 300 req/s, every kind p95 ≤ 500 ms, 0 errors',
		pass: throughput >= 300 && worstP95 <= 500 && errors === 0,
		details: { throughput, answered: responses, sent: result.requests.sent, unanswered, durationS: result.duration, errors, timeouts: result.timeouts, connectionErrors: result.errors, perKind, eventLoop: loop },
	}
}
