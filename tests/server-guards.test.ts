// server/request-guards.js and server/security-headers.js: what server.mjs decides before Remix.
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { bodyLimit, checkRequest, DRAIN_LIMIT, FORM_BODY_LIMIT, multipartParses, readBody, UPLOAD_BODY_LIMIT } from '../server/request-guards.js'
import { noStore, securityHeaders, tileHosts } from '../server/security-headers.js'

const form = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '10' }
const req = (method: string, headers: Record<string, string>, path = '/login') => checkRequest({ method, path, headers, host: '127.0.0.1:3000' })

describe('checkRequest', () => {
	it('lets reads and forms through', () => {
		expect(req('GET', {})).toBeNull()
		expect(req('HEAD', {})).toBeNull()
		expect(req('POST', form)).toBeNull()
		expect(req('POST', { 'content-type': 'multipart/form-data; boundary=abc' })).toBeNull()
		expect(req('POST', { ...form, origin: 'http://127.0.0.1:3000' })).toBeNull()
		// Behind a TLS proxy without TRUST_PROXY the scheme differs; the host is what matters.
		expect(req('POST', { ...form, origin: 'https://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' })).toBeNull()
	})
	it('answers other verbs 405 with Allow', () => {
		for (const m of ['DELETE', 'PUT', 'PATCH', 'OPTIONS']) {
			expect(req(m, form)).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD, POST' } })
		}
	})
	it('answers bodies that are not forms 415, and a multipart without boundary 400', () => {
		for (const type of ['application/json', 'application/xml', 'text/plain', '']) expect(req('POST', { 'content-type': type })?.status).toBe(415)
		expect(req('POST', {})?.status).toBe(415)
		expect(req('POST', { 'content-type': 'multipart/form-data' })?.status).toBe(400)
		// JSON only for the test hooks.
		expect(req('POST', { 'content-type': 'application/json' }, '/test-hooks/clock')).toBeNull()
	})
	it('refuses cross-site posts with 403', () => {
		expect(req('POST', { ...form, origin: 'http://evil.example' })?.status).toBe(403)
		expect(req('POST', { ...form, origin: 'null' })?.status).toBe(403)
		expect(req('POST', { ...form, 'sec-fetch-site': 'cross-site' })?.status).toBe(403)
	})
	it('refuses an announced body over the cap with 413 before reading it', () => {
		expect(req('POST', { ...form, 'content-length': String(50 * 1024 * 1024) })).toMatchObject({ status: 413, headers: { Connection: 'close' } })
		// Up to DRAIN_LIMIT the connection stays open and the body is read and dropped, so the
		// client, still sending, gets the answer rather than a reset (e2e/security.spec.ts).
		expect(req('POST', { ...form, 'content-length': String(3 * 1024 * 1024) })).toEqual({ status: 413, message: expect.stringContaining('too large'), headers: {} })
		expect(req('POST', { ...form, 'content-length': String(DRAIN_LIMIT + 1) })?.headers).toEqual({ Connection: 'close' })
		expect(req('POST', { ...form, 'content-length': String(FORM_BODY_LIMIT) })).toBeNull()
		expect(req('POST', { ...form, 'content-length': 'abc' })?.status).toBe(400)
		const upload = { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(15 * 1024 * 1024) }
		expect(req('POST', upload, '/village/listings/abc/photos')).toBeNull()
		expect(req('POST', upload, '/login')?.status).toBe(413)
	})
	it('gives uploads their own, larger cap', () => {
		expect(bodyLimit('/village/listings/c1/photos')).toBe(UPLOAD_BODY_LIMIT)
		expect(bodyLimit('/village/listings/c1/deal')).toBe(UPLOAD_BODY_LIMIT)
		expect(bodyLimit('/village/listings/c1/edit')).toBe(FORM_BODY_LIMIT)
		expect(bodyLimit('/login')).toBe(FORM_BODY_LIMIT)
	})
})

describe('readBody', () => {
	it('reads a body under the limit and stops at one over it', async () => {
		expect(String(await readBody(Readable.from([Buffer.from('a=1'), Buffer.from('&b=2')]), 100))).toBe('a=1&b=2')
		expect(await readBody(Readable.from([Buffer.alloc(60), Buffer.alloc(60)]), 100)).toBeNull()
	})
	it('tells a parseable multipart body from garbage and truncation', async () => {
		const ok = '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'
		expect(await multipartParses('multipart/form-data; boundary=x', Buffer.from(ok))).toBe(true)
		expect(await multipartParses('multipart/form-data; boundary=x', Buffer.from('garbage'))).toBe(false)
		expect(await multipartParses('multipart/form-data; boundary=x', Buffer.from(ok.slice(0, 40)))).toBe(false)
	})
})

describe('securityHeaders', () => {
	it('allows scripts only with the nonce, images only from the app and the tile hosts', () => {
		const csp = securityHeaders({ nonce: 'abc', imgHosts: ['https://a.tile.example'] })['Content-Security-Policy']
		expect(csp).toContain("script-src 'self' 'nonce-abc';")
		expect(csp).not.toContain('unsafe-inline\'; style') // scripts never inline-unsafe
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
		expect(csp).toContain("img-src 'self' data: blob: https://a.tile.example;")
		expect(csp).toContain("connect-src 'self';")
		expect(securityHeaders({ development: true })['Content-Security-Policy']).toContain('ws://localhost:*')
	})
	it('sends HSTS only over HTTPS', () => {
		expect(securityHeaders({ secure: false })['Strict-Transport-Security']).toBeUndefined()
		expect(securityHeaders({ secure: true })['Strict-Transport-Security']).toContain('max-age=')
	})
	it('lists every tile host of a template', () => {
		expect(tileHosts('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', 'abc')).toEqual(['https://a.tile.openstreetmap.org', 'https://b.tile.openstreetmap.org', 'https://c.tile.openstreetmap.org'])
		expect(tileHosts('https://t{s}.tianditu.gov.cn/vec_w/wmts?x', '01')).toEqual(['https://t0.tianditu.gov.cn', 'https://t1.tianditu.gov.cn'])
		expect(tileHosts('https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'abc')).toEqual(['https://tile.openstreetmap.org'])
	})
	it('keeps personal pages out of caches', () => {
		for (const p of ['/me', '/admin', '/admin/users', '/village/listings/x', '/review', '/notifications', '/deals/abc/contract']) expect(noStore(p), p).toBe(true)
		for (const p of ['/', '/listings/abc', '/deals/abc', '/ledger', '/stats', '/meadow']) expect(noStore(p), p).toBe(false)
	})
})
