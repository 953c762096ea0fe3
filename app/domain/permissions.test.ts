import { describe, expect, it } from 'vitest'
import { hasPermission, homeFor } from './permissions.ts'

describe('permissions', () => {
	it('gives each role only its own powers', () => {
		expect(hasPermission({ role: 'VILLAGE' }, 'listing:manage:own-village')).toBe(true)
		expect(hasPermission({ role: 'REVIEWER' }, 'listing:manage:own-village')).toBe(false)
		expect(hasPermission({ role: 'REVIEWER' }, 'review:listing:town')).toBe(true)
		expect(hasPermission({ role: 'ADMIN' }, 'review:listing:town')).toBe(false)
		expect(hasPermission({ role: 'ADMIN' }, 'admin:users')).toBe(true)
		expect(hasPermission({ role: 'BUYER' }, 'admin:users')).toBe(false)
		expect(hasPermission(null, 'notification:read:own')).toBe(false)
		expect(hasPermission({ role: 'HACKER' }, 'admin:users')).toBe(false)
	})
	it('sends each role home', () => {
		expect(homeFor('VILLAGE')).toBe('/village')
		expect(homeFor('REVIEWER')).toBe('/review')
		expect(homeFor('ADMIN')).toBe('/admin')
		expect(homeFor('BUYER')).toBe('/')
	})
})
