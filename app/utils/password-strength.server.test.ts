import { describe, expect, it } from 'vitest'
import { checkPassword, passwordErrorCode } from './password-strength.server.ts'

const me = ['wang.wei@example.com', '13812345678', '王伟']

describe('checkPassword', () => {
	it.each([
		['12345678', 'common'],
		['password', 'common'],
		['Password1', 'common'],
		['qwertyuiop', 'common'],
		['woaini1314', 'common'],
		['zhangsan123', 'common'],
		['aaaaaaaaaa', 'pattern'],
		['abcdefgh1', 'pattern'],
		['wang.wei@example.com', 'personal'],
		['WANG.WEI@EXAMPLE.COM', 'personal'],
		['13812345678', 'personal'],
		['13812345678x', 'personal'],
		['short', 'tooShort'],
		['x'.repeat(201), 'tooLong'],
	])('refuses %s (%s)', (password, problem) => {
		expect(checkPassword(password, me)).toEqual({ ok: false, problem })
	})

	it.each(['correct horse battery', 'lamb-river-orchard', 'Tr0ub4dor&3', '黄河边上的老槐树开花了'])('accepts %s', (password) => {
		expect(checkPassword(password, me)).toEqual({ ok: true })
	})

	it('holds a longer minimum when asked (the administrator command line)', () => {
		expect(checkPassword('lamb-river1', [], 12)).toEqual({ ok: false, problem: 'tooShort' })
	})

	it('maps each refusal to a form message code', () => {
		expect(passwordErrorCode('tooShort')).toBe('password')
		expect(passwordErrorCode('common')).toBe('passwordCommon')
		expect(passwordErrorCode('personal')).toBe('passwordPersonal')
	})
})
