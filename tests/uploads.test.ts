// The /uploads/:file route: which names are served, that nothing outside UPLOAD_DIR is, and the
// caching headers. The route runs against a temporary upload directory.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { etagMatches, isUploadName, resolveUploadPath, uploadContentType } from '~/utils/upload-path.server.ts'

describe('upload names', () => {
	it('accepts plain file names with a known extension', () => {
		for (const name of ['a.jpg', 'photo-1.jpeg', 'x_y.z.png', '0f3a9c.webp', 'Contract2024.pdf', `a${'b'.repeat(200)}.jpg`]) {
			expect(isUploadName(name), name).toBe(true)
		}
	})
	it('rejects paths, dot files, traversal, other extensions and over-long names', () => {
		for (const name of [
			'',
			'.jpg',
			'.hidden.jpg',
			'-a.jpg',
			'_a.jpg',
			'a..jpg',
			'..%2fa.jpg',
			'../a.jpg',
			'a/../b.jpg',
			'dir/a.jpg',
			'dir\\a.jpg',
			'a.JPG',
			'a.gif',
			'a.svg',
			'a.html',
			'a.jpg.exe',
			'a.jpg ',
			'a.jpg\0.png',
			'a .jpg',
			`a${'b'.repeat(201)}.jpg`,
		]) {
			expect(isUploadName(name), JSON.stringify(name)).toBe(false)
		}
		expect(isUploadName(undefined)).toBe(false)
		expect(isUploadName(42)).toBe(false)
	})
	it('resolves only to files directly inside the upload dir', () => {
		const dir = path.resolve('/srv/uploads')
		expect(resolveUploadPath(dir, 'a.jpg')).toBe(path.join(dir, 'a.jpg'))
		expect(resolveUploadPath('/srv/uploads/', 'a.jpg')).toBe(path.join(dir, 'a.jpg'))
		expect(resolveUploadPath(dir, '../etc/passwd.png')).toBeNull()
		expect(resolveUploadPath(dir, '/etc/a.png')).toBeNull()
		expect(resolveUploadPath(dir, 'sub/a.png')).toBeNull()
		expect(resolveUploadPath(dir, undefined)).toBeNull()
	})
	it('knows the content types', () => {
		expect(uploadContentType('a.jpg')).toBe('image/jpeg')
		expect(uploadContentType('a.jpeg')).toBe('image/jpeg')
		expect(uploadContentType('a.png')).toBe('image/png')
		expect(uploadContentType('a.webp')).toBe('image/webp')
		expect(uploadContentType('a.pdf')).toBe('application/pdf')
	})
	it('matches If-None-Match lists, weak tags and *', () => {
		expect(etagMatches('W/"1-2"', 'W/"1-2"')).toBe(true)
		expect(etagMatches('"1-2"', 'W/"1-2"')).toBe(true)
		expect(etagMatches('"0-0", W/"1-2"', 'W/"1-2"')).toBe(true)
		expect(etagMatches('*', 'W/"1-2"')).toBe(true)
		expect(etagMatches('W/"1-3"', 'W/"1-2"')).toBe(false)
		expect(etagMatches(null, 'W/"1-2"')).toBe(false)
	})
})

describe('GET /uploads/:file', () => {
	let root: string
	let dir: string
	let loader: typeof import('~/routes/uploads.$file.ts').loader
	const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])

	beforeAll(async () => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-test-'))
		dir = path.join(root, 'uploads')
		fs.mkdirSync(dir)
		fs.writeFileSync(path.join(dir, 'photo.jpg'), jpeg)
		fs.writeFileSync(path.join(root, 'secret.jpg'), 'outside')
		fs.mkdirSync(path.join(dir, 'folder.jpg'))
		fs.symlinkSync(path.join(root, 'secret.jpg'), path.join(dir, 'link.jpg'))
		// env() validates and caches on first use; this test file runs in its own process.
		process.env.UPLOAD_DIR = dir
		;({ loader } = await import('~/routes/uploads.$file.ts'))
	})
	afterAll(() => {
		fs.rmSync(root, { recursive: true, force: true })
	})

	const get = (file: string, headers: Record<string, string> = {}) =>
		loader({ request: new Request(`http://localhost/uploads/${file}`, { headers }), params: { file }, context: {} })

	it('streams a file with its type, length and caching headers', async () => {
		const res = await get('photo.jpg')
		expect(res.status).toBe(200)
		expect(res.headers.get('Content-Type')).toBe('image/jpeg')
		expect(res.headers.get('Content-Length')).toBe(String(jpeg.length))
		expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
		expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(res.headers.get('ETag')).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/)
		expect(Buffer.from(await res.arrayBuffer())).toEqual(jpeg)
	})
	it('answers 304 when the ETag matches', async () => {
		const etag = (await get('photo.jpg')).headers.get('ETag')!
		const res = await get('photo.jpg', { 'If-None-Match': etag })
		expect(res.status).toBe(304)
		expect(res.headers.get('ETag')).toBe(etag)
		expect(await res.text()).toBe('')
		expect((await get('photo.jpg', { 'If-None-Match': 'W/"0-0"' })).status).toBe(200)
	})
	it('is 404 for missing files, bad names, directories and links leaving the dir', async () => {
		for (const file of ['missing.jpg', '../secret.jpg', '..%2Fsecret.jpg', 'photo.gif', 'folder.jpg', 'link.jpg', '.jpg']) {
			const res = await get(file)
			expect(res.status, file).toBe(404)
			expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
		}
	})
})
