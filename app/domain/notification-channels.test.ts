import { describe, expect, it } from 'vitest'
import { channelPlan, DEFAULT_PREFERENCE, kindsForRole } from './notification-channels.ts'
import { NOTIFICATION_KINDS } from './notifications.ts'
import { ROLES } from './permissions.ts'

describe('kindsForRole', () => {
	it('gives every kind to at least one role, in the list’s order, and nothing to an unknown role', () => {
		const covered = new Set(ROLES.flatMap((r) => kindsForRole(r)))
		expect(NOTIFICATION_KINDS.filter((k) => !covered.has(k))).toEqual([])
		const village = kindsForRole('VILLAGE')
		expect(village).toEqual(NOTIFICATION_KINDS.filter((k) => village.includes(k)))
		expect(kindsForRole('BUYER')).toContain('bidding-won')
		expect(kindsForRole('BUYER')).not.toContain('listing-submitted')
		expect(kindsForRole('REVIEWER')).toContain('deal-submitted')
		expect(kindsForRole('NOBODY')).toEqual([])
	})
})

describe('channelPlan', () => {
	const both = { email: 'a@b.cn', phone: '13800000000' }
	it('sends e-mail and not SMS by default', () => {
		expect(DEFAULT_PREFERENCE).toEqual({ email: true, sms: false })
		expect(channelPlan(null, both)).toEqual({ email: 'send', sms: 'off' })
	})
	it('follows the choice, and says when there is no address to send to', () => {
		expect(channelPlan({ email: false, sms: true }, both)).toEqual({ email: 'off', sms: 'send' })
		expect(channelPlan({ email: true, sms: true }, { email: null, phone: null })).toEqual({ email: 'no-address', sms: 'no-address' })
	})
})
