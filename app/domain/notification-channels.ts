// Notifications beyond the web page (issue 12, decision 032): which kinds each role can receive,
// and which channels a notification goes out on given the user's choice and contact details.
// The web page always keeps every notification (it is the record); e-mail and SMS are chosen per kind.
import type { Role } from './permissions.ts'
import { NOTIFICATION_KINDS, type NotificationKind } from './notifications.ts'

export const CHANNELS = ['email', 'sms'] as const
export type Channel = (typeof CHANNELS)[number]

const BUYER: NotificationKind[] = [
	'inquiry-replied',
	'inquiry-closed',
	'deal-in-notice',
	'deal-rejected',
	'objection-upheld',
	'objection-dismissed',
	'deal-completed',
	'bidding-won',
	'bidding-lost',
	'bidding-failed-bidder',
	'deposit-pending',
	'deposit-received',
	'deposit-refunded',
	'win-voided',
	'win-runner-up',
	'favourite-price-changed',
	'favourite-bidding',
	'favourite-withdrawn',
	'favourite-expired',
	'favourite-traded',
	'wanted-published',
	'wanted-returned',
	'wanted-rejected',
	'wanted-expired',
	'wanted-matched',
	'saved-search-match',
	'saved-search-digest',
	'deal-change-filed',
	'deal-change-approved',
	'deal-change-rejected',
	'signup-existing',
]
const VILLAGE: NotificationKind[] = [
	'listing-published',
	'listing-returned',
	'listing-rejected',
	'inquiry-created',
	'inquiry-withdrawn',
	'deal-in-notice',
	'deal-rejected',
	'deal-objected',
	'objection-upheld',
	'objection-dismissed',
	'deal-completed',
	'deal-returned',
	'filing-filed',
	'filing-returned',
	'bidding-sold',
	'bidding-failed',
	'win-voided-village',
	'win-voided-failed',
	'rent-due-soon',
	'rent-overdue',
	'deal-change-filed',
	'deal-change-approved',
	'deal-change-rejected',
	'signup-existing',
]
const REVIEWER: NotificationKind[] = ['listing-submitted', 'deal-submitted', 'deal-objected', 'deal-returned', 'filing-submitted', 'wanted-submitted', 'rent-overdue', 'deal-change-filed', 'signup-existing']
const ADMIN: NotificationKind[] = ['deal-completed', 'signup-existing']

/** The kinds a role is sent, in the order of NOTIFICATION_KINDS: the rows of its settings page. */
export function kindsForRole(role: string): NotificationKind[] {
	const own = { BUYER, VILLAGE, REVIEWER, ADMIN }[role as Role] ?? []
	return NOTIFICATION_KINDS.filter((k) => own.includes(k))
}

export type Preference = { email: boolean; sms: boolean }

/** No choice made: e-mail on, SMS off (a text message may cost the centre money). */
export const DEFAULT_PREFERENCE: Preference = { email: true, sms: false }

export type Contact = { email: string | null; phone: string | null }
export type ChannelOutcome = 'send' | 'off' | 'no-address'

/** What each channel does with one notification: send it, or not (the user said no, or there is nowhere to send it). */
export function channelPlan(preference: Preference | null, contact: Contact): Record<Channel, ChannelOutcome> {
	const p = preference ?? DEFAULT_PREFERENCE
	return {
		email: !p.email ? 'off' : contact.email ? 'send' : 'no-address',
		sms: !p.sms ? 'off' : contact.phone ? 'send' : 'no-address',
	}
}

/** Attempts before a notification's failing channel is given up on (the sweep tries about every 10 s, backing off). */
export const MAX_DELIVERY_ATTEMPTS = 5
