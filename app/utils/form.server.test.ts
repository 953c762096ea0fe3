import { describe, expect, it } from 'vitest'
import { cleanForm, cleanText, readForm } from './form.server.ts'

describe('cleanText', () => {
	it('strips control characters, noncharacters and lone surrogates, and keeps text', () => {
		expect(cleanText('a\u0000b\u0001c\u007fd\u009fe')).toBe('abcde')
		expect(cleanText('line one\r\nline two\ttab')).toBe('line one\r\nline two\ttab')
		expect(cleanText('耕地\ufffe\uffff 50 亩')).toBe('耕地 50 亩')
		expect(cleanText('x\ud800y\udc00z')).toBe('xyz')
		expect(cleanText('😀 ok')).toBe('😀 ok')
		expect(cleanText('全角\u3000空格')).toBe('全角\u3000空格')
	})
})

describe('readForm', () => {
	it('cleans every text field and keeps files', async () => {
		const form = new FormData()
		form.set('title', 'A\u0000B')
		form.set('file', new Blob(['\u0000binary']), 'x.pdf')
		const clean = cleanForm(form)
		expect(clean.get('title')).toBe('AB')
		expect(await (clean.get('file') as File).text()).toBe('\u0000binary')
	})
	it('answers 400 to a body that is not a form', async () => {
		const request = new Request('http://x/', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' })
		const error = await readForm(request).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(Response)
		expect((error as Response).status).toBe(400)
	})
})
