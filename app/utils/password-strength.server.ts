// Refuses passwords an online or offline guesser would try early: zxcvbn-ts (the maintained
// TypeScript port of Dropbox's zxcvbn) with its common-password and common-word lists, and the
// account's own details (e-mail, phone, name) as a dictionary so "my e-mail as password" fails.
// Server-side only: the dictionaries are megabytes and are loaded once per process.
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'
import { singleton } from './singleton.server.ts'

export const MIN_PASSWORD_LENGTH = 8
export const MAX_PASSWORD_LENGTH = 200
/** zxcvbn score 3: about 10^8 guesses or more, out of reach of throttled online guessing. */
export const MIN_PASSWORD_SCORE = 3

/** Why a password is refused; each has a message in the auth locale (password.*). */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'personal' | 'common' | 'pattern' | 'weak'

// zxcvbn's lists are English-centred; these are the most common passwords of Chinese users (pinyin
// phrases and number puns such as 5201314 "I love you for ever"), from published leak analyses.
const commonChinesePasswords = [
	'woaini', 'woaini1314', 'woaini520', 'woaini521', '5201314', '1314520', '5201314520', '1314520520',
	'caonima', 'zhang123', 'wang123', 'li123456', 'liu123456', 'chen123456', 'zhangwei', 'wangwei',
	'wangfang', 'liwei', 'lina', 'zhangmin', 'liujing', 'zhangsan', 'lisi', 'wangwu', 'nihao', 'nihao123',
	'qq123456', 'qq5201314', 'dearbook', 'xiazhili', 'zhongguo', 'beijing', 'shanghai', 'baotou', 'ordos',
	'eerduosi', 'neimenggu', 'huanghe', 'yangguang', 'tiantian', 'kuaile', 'xingfu', 'aini1314', '147258369',
	'789456123', '123654789', '110110110', '147852369', '159357', '741852963', '31415926', '88888888',
	'66666666', '168168168', '666888', '518518', 'a123456', 'abc123456', 'qwe123456', '1qaz2wsx', '1q2w3e4r',
]

const zxcvbn = singleton(
	'zxcvbn',
	() => new ZxcvbnFactory({ dictionary: { ...dictionary, 'passwords-zh': commonChinesePasswords }, graphs: adjacencyGraphs }),
)

/** The parts of the account's details a person might reuse as a password. */
function personalInputs(inputs: (string | null | undefined)[]) {
	const out = new Set<string>()
	for (const raw of inputs) {
		const value = raw?.trim().toLowerCase()
		if (!value) continue
		out.add(value)
		// The e-mail's local part and domain, and the phone number with or without +86.
		for (const part of value.split(/[@.\s+_-]+/)) if (part.length >= 3) out.add(part)
		const digits = value.replace(/\D/g, '')
		if (digits.length >= 6) out.add(digits.replace(/^86(?=1\d{10}$)/, ''))
	}
	return [...out]
}

function problemOf(result: ZxcvbnResult): PasswordProblem {
	const patterns = result.sequence
	if (patterns.some((m) => m.pattern === 'dictionary' && 'dictionaryName' in m && m.dictionaryName === 'userInputs')) return 'personal'
	if (patterns.some((m) => m.pattern === 'dictionary' && 'dictionaryName' in m && String(m.dictionaryName).startsWith('passwords'))) return 'common'
	if (patterns.some((m) => ['repeat', 'sequence', 'spatial', 'date'].includes(m.pattern))) return 'pattern'
	return 'weak'
}

/**
 * The one password rule, for every place a password is set (sign-up, an administrator's create
 * and reset, scripts/create-admin.ts). `userInputs` are the account's own e-mail, phone and name.
 */
export function checkPassword(password: string, userInputs: (string | null | undefined)[] = [], minLength = MIN_PASSWORD_LENGTH): { ok: true } | { ok: false; problem: PasswordProblem } {
	if (password.length < minLength) return { ok: false, problem: 'tooShort' }
	if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, problem: 'tooLong' }
	const inputs = personalInputs(userInputs)
	// The whole password equal to (or a trivial variant of) the login is refused outright.
	const lowered = password.trim().toLowerCase()
	if (inputs.includes(lowered)) return { ok: false, problem: 'personal' }
	const result = zxcvbn.check(password, inputs)
	if (result.score >= MIN_PASSWORD_SCORE) return { ok: true }
	return { ok: false, problem: problemOf(result) }
}

/** The form error code (common forms.errors.*) that explains a refusal next to the field. */
export function passwordErrorCode(problem: PasswordProblem) {
	if (problem === 'tooShort') return 'password'
	if (problem === 'tooLong') return 'tooLong'
	return `password${problem[0]!.toUpperCase()}${problem.slice(1)}` as 'passwordPersonal' | 'passwordCommon' | 'passwordPattern' | 'passwordWeak'
}
