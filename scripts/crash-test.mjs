// npm run test:crash (also run by npm run test:e2e) — kill -9 must lose no acknowledged write.
// Starts the built server on a copy of a seeded database, has buyers sign up and send inquiries
// through HTTP, kills the server with SIGKILL at a random moment, restarts it, several times; then
// every sign-up and inquiry that was answered with a redirect must be in the database,
// PRAGMA integrity_check must say ok (SQLite) and the audit chain must verify.
// Needs `npm run build`. CRASH_SOURCE_DB: a seeded SQLite file to copy (default: seeds the demo),
// or a postgresql:// URL of a seeded database made for this test alone (scripts/run-e2e.mjs
// copies its seed), which the test writes in place. What is killed is the app server, so the
// question is the same on both engines: is every acknowledged write committed?
import { execFileSync, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { engineOf, openDatabase } from './db-query.mjs'

const CYCLES = Number(process.env.CRASH_CYCLES ?? 2)
const CLIENTS = 4
const port = Number(process.env.CRASH_PORT ?? Number(process.env.E2E_PORT ?? 4310) + 10)
const base = `http://127.0.0.1:${port}`
const dir = path.resolve(process.env.CRASH_DIR ?? 'tmp/crash')
const source = process.env.CRASH_SOURCE_DB
const onPostgres = !!source && engineOf(source) === 'postgresql'
const dbFile = path.join(dir, 'crash.db')
const databaseUrl = onPostgres ? source : `file:${dbFile}`
const started = Date.now()

fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })
const env = {
	...process.env,
	DATABASE_URL: databaseUrl,
	UPLOAD_DIR: path.join(dir, 'uploads'),
	SECRET_FILE: path.join(dir, 'session-secret'),
	PORT: String(port),
	HOST: '127.0.0.1',
	NODE_ENV: 'production',
	// Each client comes from its own address, as real buyers do (no per-address limit in the way).
	TRUST_PROXY: '1',
}

if (onPostgres) {
	// Already a copy of the seed (scripts/run-e2e.mjs); the uploads directory starts empty.
} else if (source) {
	const from = new Database(source, { readonly: true })
	from.prepare('VACUUM INTO ?').run(dbFile)
	from.close()
	const copy = new Database(dbFile)
	copy.pragma('journal_mode = WAL')
	copy.close()
} else {
	execFileSync(process.execPath, ['scripts/setup-db.mjs'], { env, stdio: 'ignore' })
}
const listings = await (async () => {
	const db = await openDatabase(databaseUrl, { readonly: true })
	const rows = await db.all(`SELECT id FROM "Listing" WHERE status = 'PUBLISHED' LIMIT 50`)
	await db.close()
	return rows.map((r) => r.id)
})()
if (listings.length === 0) throw new Error('no published listing to inquire on')

function startServer() {
	const server = spawn(process.execPath, ['server.mjs'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
	const exited = new Promise((resolve) => server.once('exit', resolve))
	return { server, exited }
}

// 60 s, as e2e/server.ts allows a worker's server: on a loaded machine a start on PostgreSQL took
// more than 30 s.
async function waitHealthy() {
	for (const t0 = Date.now(); Date.now() - t0 < 60_000; ) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) return
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
	throw new Error('the server did not come up')
}

/** One browser-like client: its own cookies and address. */
function client(ip) {
	const cookies = new Map()
	const request = async (pathname, init = {}) => {
		const res = await fetch(base + pathname, {
			...init,
			redirect: 'manual',
			headers: { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': ip },
		})
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';')
			const i = pair.indexOf('=')
			cookies.set(pair.slice(0, i), pair.slice(i + 1))
		}
		return res
	}
	const post = (pathname, fields) => request(pathname, { method: 'POST', body: new URLSearchParams(fields) })
	return { request, post }
}

const acked = { users: [], inquiries: [] }
let unexpected = null

/** Signs up a new buyer, logs in and sends one inquiry, again and again, until the server is gone. */
async function writer(cycle, n, alive) {
	for (let i = 0; alive(); i++) {
		const c = client(`10.${cycle}.${n}.${(i % 250) + 1}`)
		try {
			const html = await (await c.request('/join')).text()
			const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1]
			if (!csrf) throw new Error('no CSRF token on /join')
			const login = `crash-${cycle}-${n}-${i}@crash.test`
			const password = `Kx!${crypto.randomBytes(12).toString('base64url')}`
			const joined = await c.post('/join', { csrf, intent: 'join', name: `压力测试${n}-${i}`, login, password, confirm: password, redirectTo: '' })
			if (joined.status !== 302) throw Object.assign(new Error(`sign-up answered ${joined.status}`), { answered: true })
			acked.users.push(login)
			// Sign-up never logs in (it must not tell a new address from a registered one): log in.
			const loggedIn = await c.post('/login', { csrf, intent: 'login', login, password, redirectTo: '' })
			if (loggedIn.status !== 302) throw Object.assign(new Error(`login answered ${loggedIn.status}`), { answered: true })
			const listing = listings[(n + i) % listings.length]
			const sent = await c.post(`/listings/${listing}/inquire`, { csrf, intent: 'inquire', intendedUse: '种植玉米', message: '请问可以实地看地吗？', contact: login })
			const id = sent.status === 302 ? /sent=([^&#]+)/.exec(sent.headers.get('location') ?? '')?.[1] : null
			if (!id) throw Object.assign(new Error(`inquiry answered ${sent.status}`), { answered: true })
			acked.inquiries.push(id)
		} catch (error) {
			// A refused connection or a reset is the kill; an answer we did not expect is a failure.
			if (error.answered && alive()) unexpected ??= error
			if (!alive()) return
		}
	}
}

for (let cycle = 1; cycle <= CYCLES; cycle++) {
	const { server, exited } = startServer()
	// A server that never came up must not outlive the test (it would hold the port).
	await waitHealthy().catch((error) => {
		server.kill('SIGKILL')
		throw error
	})
	console.log(`cycle ${cycle}: server up at ${((Date.now() - started) / 1000).toFixed(1)} s`)
	let up = true
	const before = acked.inquiries.length
	const writers = Array.from({ length: CLIENTS }, (_, n) => writer(cycle, n, () => up))
	// Kill at a random moment once writes are being acknowledged.
	for (const t0 = Date.now(); acked.inquiries.length === before && Date.now() - t0 < 10_000; ) await new Promise((resolve) => setTimeout(resolve, 20))
	const killAfter = 300 + crypto.randomInt(1200)
	await new Promise((resolve) => setTimeout(resolve, killAfter))
	server.kill('SIGKILL')
	await exited
	up = false
	await Promise.all(writers)
	console.log(`cycle ${cycle}: SIGKILL ${killAfter} ms after the first acknowledged inquiry; acknowledged so far: ${acked.users.length} sign-ups, ${acked.inquiries.length} inquiries`)
	if (unexpected) break
}

// Restart once more: the server must come up on the killed database and take writes again.
const { server, exited } = startServer()
await waitHealthy()
server.kill('SIGTERM')
await exited

const problems = []
if (unexpected) problems.push(`unexpected answer while the server was up: ${unexpected.message}`)
if (acked.users.length === 0 || acked.inquiries.length === 0) problems.push('no write was acknowledged: nothing was tested')
const db = await openDatabase(databaseUrl, { readonly: true })
const lostUsers = []
const lostInquiries = []
for (const email of acked.users) if (!(await db.one('SELECT 1 AS found FROM "User" WHERE email = $1', [email]))) lostUsers.push(email)
for (const id of acked.inquiries) if (!(await db.one('SELECT 1 AS found FROM "Inquiry" WHERE id = $1', [id]))) lostInquiries.push(id)
// PostgreSQL keeps its own files (and was never killed here); SQLite's file is checked whole.
const integrity = db.engine === 'sqlite' ? db.sqlite.pragma('integrity_check', { simple: true }) : 'ok'
await db.close()
if (lostUsers.length) problems.push(`${lostUsers.length} acknowledged sign-ups lost, e.g. ${lostUsers[0]}`)
if (lostInquiries.length) problems.push(`${lostInquiries.length} acknowledged inquiries lost, e.g. ${lostInquiries[0]}`)
if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`)
try {
	const out = execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/audit-verify.ts'], { env, encoding: 'utf8' })
	console.log(`audit:verify ${out.trim()}`)
} catch (error) {
	problems.push(`audit:verify failed: ${error.stdout ?? error.message}`)
}

const seconds = ((Date.now() - started) / 1000).toFixed(1)
if (problems.length) {
	console.error(`kill -9 test FAILED after ${CYCLES} kills (${seconds} s):\n  ${problems.join('\n  ')}`)
	process.exit(1)
}
console.log(`kill -9 test passed: ${CYCLES} kills, ${acked.users.length} sign-ups and ${acked.inquiries.length} inquiries acknowledged, none lost; integrity ok (${seconds} s)`)
