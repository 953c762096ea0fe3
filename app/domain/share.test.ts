import { describe, expect, test } from 'vitest'
import { parseShortCode, shareableUrl, shortCode } from './share.ts'

describe('short codes', () => {
	test('round-trip the search key in base 36', () => {
		for (const key of [1, 35, 36, 110, 1_000_000, 2 ** 31 - 1]) expect(parseShortCode(shortCode(key))).toBe(key)
		expect(shortCode(110)).toBe('32')
	})
	test('anything else is no code', () => {
		// 'zzzzzz' is past the 32-bit key column (PostgreSQL would refuse the query).
		for (const bad of ['', '0', 'ABC', 'a-b', 'zzzzzz', 'zzzzzzz', '../x', 42, null]) expect(parseShortCode(bad)).toBeNull()
	})
})

describe('shareableUrl', () => {
	const origin = 'https://rpe.example.cn'
	test('this site\'s short links and listing pages pass', () => {
		expect(shareableUrl(`${origin}/s/2k`, origin)).toBe(`${origin}/s/2k`)
		expect(shareableUrl(`${origin}/listings/clx123abc`, origin)).toBe(`${origin}/listings/clx123abc`)
	})
	test('a foreign host, another scheme or port, credentials, other paths, queries are refused', () => {
		for (const bad of [
			'https://evil.example/s/2k',
			'http://rpe.example.cn/s/2k',
			'https://rpe.example.cn:8443/s/2k',
			'https://user:pw@rpe.example.cn/s/2k',
			`${origin}/login`,
			`${origin}/s/2k?x=1`,
			`${origin}/s/2k#top`,
			`${origin}/listings/a/b`,
			'javascript:alert(1)',
			'/s/2k',
			'not a url',
			`${origin}/s/${'a'.repeat(400)}`,
			undefined,
		]) {
			expect(shareableUrl(bad, origin), String(bad)).toBeNull()
		}
	})
})
