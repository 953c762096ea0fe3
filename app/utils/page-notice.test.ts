import { describe, expect, it } from 'vitest'
import { knownValue } from './page-notice.ts'

const NOTICES = ['saved', 'submitted'] as const

describe('knownValue', () => {
	it('keeps a value of the list', () => {
		expect(knownValue(NOTICES, 'submitted')).toBe('submitted')
	})
	it('drops an unknown, empty or missing value', () => {
		expect(knownValue(NOTICES, '<script>')).toBeNull()
		expect(knownValue(NOTICES, 'toString')).toBeNull()
		expect(knownValue(NOTICES, '')).toBeNull()
		expect(knownValue(NOTICES, null)).toBeNull()
	})
})
