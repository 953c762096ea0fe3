import { describe, expect, it } from 'vitest'
import { hasPermission, homeFor, PERMISSIONS, ROLES, rolesWith, type Permission, type Role } from './permissions.ts'

// The whole table written out again by hand, so that granting or taking away any one power (a
// reviewer given certify:deal, which would open every contract to every reviewer) fails a test.
const EXPECTED: Record<Permission, readonly Role[]> = {
	'listing:manage:own-village': ['VILLAGE'],
	'review:listing:town': ['REVIEWER'],
	'review:deal:town': ['REVIEWER'],
	'certify:deal': ['ADMIN'],
	'admin:places': ['ADMIN'],
	'admin:users': ['ADMIN'],
	'admin:listings': ['ADMIN'],
	'admin:audit': ['ADMIN'],
	'inquiry:create:own': ['BUYER'],
	'bid:place': ['BUYER'],
	'admin:deposits': ['ADMIN'],
	'admin:imports': ['ADMIN'],
	'admin:contract-templates': ['ADMIN'],
	'ledger:export:reporting': ['ADMIN'],
	'filing:create:own-village': ['VILLAGE'],
	'filing:review:town': ['REVIEWER'],
	'rent:record:own-village': ['VILLAGE'],
	'warnings:town': ['REVIEWER'],
	'warnings:all': ['ADMIN'],
	'register:town': ['REVIEWER'],
	'register:all': ['ADMIN'],
	'search:save:own': ['BUYER'],
	'notification:read:own': ['BUYER', 'VILLAGE', 'REVIEWER', 'ADMIN'],
	'favourite:manage:own': ['BUYER'],
	'wanted:post:own': ['BUYER'],
	'wanted:review:town': ['REVIEWER'],
	'wanted:contact:own-town': ['VILLAGE'],
}

const pairs = ROLES.flatMap((role) => (Object.keys(EXPECTED) as Permission[]).map((permission) => [role, permission, EXPECTED[permission].includes(role)] as const))

describe('permissions', () => {
	it('has exactly the permissions of the table (4 roles × 27 permissions = 108 pairs)', () => {
		expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort())
		expect(pairs).toHaveLength(108)
	})
	it.each(pairs)('%s × %s → %s', (role, permission, allowed) => {
		expect(hasPermission({ role }, permission)).toBe(allowed)
	})
	it('gives nothing to nobody or an unknown role', () => {
		for (const permission of Object.keys(EXPECTED) as Permission[]) {
			expect(hasPermission(null, permission)).toBe(false)
			expect(hasPermission({ role: 'HACKER' }, permission)).toBe(false)
			expect(hasPermission({ role: 'admin' }, permission)).toBe(false)
		}
	})
	it('lists the roles a permission is granted to', () => {
		for (const permission of Object.keys(EXPECTED) as Permission[]) expect(rolesWith(permission)).toEqual(EXPECTED[permission])
	})
	it('sends each role home', () => {
		expect(homeFor('VILLAGE')).toBe('/village')
		expect(homeFor('REVIEWER')).toBe('/review')
		expect(homeFor('ADMIN')).toBe('/admin')
		expect(homeFor('BUYER')).toBe('/')
	})
})
