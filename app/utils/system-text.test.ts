// Text the system writes is stored as codes and parameters and rendered in the reader's language
// (009): every notification kind and every audit action has its text in both languages, and an
// English reader gets no Chinese from them.
import { createInstance, type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, AUDIT_PARAMS, auditActionKey } from '~/domain/audit-actions.ts'
import { NOTIFICATION_KINDS } from '~/domain/notifications.ts'
import i18nConfig, { resources, type Lng } from '~/i18n.ts'
import { AUDIT_NAMESPACES, renderAuditEntry } from '~/utils/audit-text.ts'
import { renderNotification } from '~/utils/notification-text.ts'

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/
const LNGS: Lng[] = ['zh', 'en']

async function fixedT(lng: Lng, ns: string | readonly string[]): Promise<TFunction> {
	const i18n = createInstance()
	await i18n.init({ ...i18nConfig, lng, resources })
	return i18n.getFixedT(lng, ns as string[])
}

describe('every kind and action has a text in both languages', () => {
	it.each(LNGS)('notification kinds (%s)', (lng) => {
		const kinds: Record<string, { title: string; body: string }> = resources[lng].notification.kinds
		for (const kind of NOTIFICATION_KINDS) {
			expect(kinds[kind]?.title, `${lng} ${kind}`).toBeTruthy()
			expect(kinds[kind]?.body, `${lng} ${kind}`).toBeTruthy()
			if (lng === 'en') expect(`${kinds[kind].title} ${kinds[kind].body}`).not.toMatch(CJK)
		}
	})

	it.each(LNGS)('audit actions and parameters (%s)', (lng) => {
		const { actions, params } = resources[lng].audit as { actions: Record<string, string>; params: Record<string, string> }
		for (const action of AUDIT_ACTIONS) {
			expect(actions[auditActionKey(action)], `${lng} ${action}`).toBeTruthy()
			if (lng === 'en') expect(actions[auditActionKey(action)]).not.toMatch(CJK)
		}
		for (const key of Object.values(AUDIT_PARAMS).flat()) expect(params[key], `${lng} ${key}`).toBeTruthy()
		if (lng === 'en') expect(JSON.stringify(resources.en.audit) + JSON.stringify(resources.en.notification)).not.toMatch(CJK)
	})
})

describe('renderNotification', () => {
	let en: TFunction
	let zh: TFunction
	beforeAll(async () => {
		en = await fixedT('en', 'notification')
		zh = await fixedT('zh', 'notification')
	})
	const won = { kind: 'bidding-won', params: JSON.stringify({ listingId: 'l1', listing: 'Willow farmhouse', amount: 17500, priceUnit: 'YUAN_PER_YEAR' }), title: null, body: null }

	it('renders the title and body in the reader’s language, money with the shared formatter', () => {
		expect(renderNotification(en, 'en', won)).toEqual({ title: 'Congratulations, you won the bidding', body: 'Willow farmhouse: winning price ¥17,500 / year, awaiting the Party review', legacy: false })
		expect(renderNotification(zh, 'zh', won)).toEqual({ title: '恭喜，您已竞得', body: 'Willow farmhouse：成交价 17,500 元/年，待党组织审核', legacy: false })
	})

	it('translates a failed round’s reason, and promises a refund only of a deposit that was paid', () => {
		const failed = { kind: 'bidding-failed-bidder', params: JSON.stringify({ listingId: 'l1', listing: 'Plot 7', reason: 'noBids', deposit: 2000 }), title: null, body: null }
		expect(renderNotification(en, 'en', failed).body).toBe('Plot 7: nobody bid; your deposit of ¥2,000 will be refunded')
		expect(renderNotification(zh, 'zh', failed).body).toBe('Plot 7：无人出价，保证金 2,000 元将退还')
		const lost = (deposit: number) => ({ kind: 'bidding-lost', params: JSON.stringify({ listingId: 'l1', listing: 'Plot 7', deposit }), title: null, body: null })
		expect(renderNotification(zh, 'zh', lost(0)).body).toBe('Plot 7：未竞得')
		expect(renderNotification(en, 'en', lost(0)).body).toBe('Plot 7: you did not win')
		expect(renderNotification(en, 'en', lost(500)).body).toBe('Plot 7: you did not win; your deposit of ¥500 will be refunded')
	})

	it('shows a row written before 009 as it was stored', () => {
		const old = { kind: 'bidding-won', params: null, title: '恭喜，您已竞得', body: '某院子：成交价 17500，待党组织审核' }
		expect(renderNotification(en, 'en', old)).toEqual({ title: old.title, body: old.body, legacy: true })
	})
})

describe('renderAuditEntry', () => {
	let en: TFunction
	let zh: TFunction
	beforeAll(async () => {
		en = await fixedT('en', AUDIT_NAMESPACES)
		zh = await fixedT('zh', AUDIT_NAMESPACES)
	})
	const entry = (e: Partial<Parameters<typeof renderAuditEntry>[2]>) => ({ entityType: 'DEAL', action: 'record', fromState: null, toState: null, reason: null, params: null, ...e })

	it('names a deal’s review and its states instead of codes', () => {
		const approve = entry({ action: 'review:approve', fromState: 'PENDING_REVIEW', toState: 'IN_NOTICE', reason: 'Parties verified.' })
		const shown = renderAuditEntry(en, 'en', approve)
		expect(shown.action).toBe('Approved')
		expect(shown.change).not.toMatch(/PENDING_REVIEW|IN_NOTICE|review:/)
		expect(`${shown.action} ${shown.change} ${shown.reason}`).not.toMatch(CJK)
		expect(renderAuditEntry(zh, 'zh', approve)).toMatchObject({ action: '审核通过', change: '待审核 → 公示中' })
	})

	it('names inquiry, deposit and bid changes', () => {
		expect(renderAuditEntry(zh, 'zh', entry({ entityType: 'INQUIRY', action: 'reply', fromState: 'OPEN', toState: 'REPLIED' })).change).toBe('待答复 → 已答复')
		expect(renderAuditEntry(en, 'en', entry({ entityType: 'BID_REGISTRATION', action: 'deposit-received', fromState: 'PENDING', toState: 'RECEIVED', params: JSON.stringify({ alias: 2, deposit: 5000 }) }))).toMatchObject({
			action: 'Deposit confirmed',
			details: 'Bidder: no. 2; Deposit: ¥5,000',
		})
		const bid = entry({ entityType: 'BID', action: 'place', fromState: '17000', toState: '17500', params: JSON.stringify({ alias: 1, priceUnit: 'YUAN_PER_YEAR', extendedTo: '2026-11-30T04:05:00.000Z' }) })
		const shown = renderAuditEntry(en, 'en', bid)
		expect(shown.change).toBe('¥17,000 / year → ¥17,500 / year')
		// Local (Beijing) time, never the raw UTC string.
		expect(shown.details).toMatch(/Deadline extended to: Nov 30, 2026, 12:05/)
		expect(shown.details).not.toMatch(CJK)
		expect(renderAuditEntry(zh, 'zh', bid).change).toBe('17,000 元/年 → 17,500 元/年')
		expect(renderAuditEntry(zh, 'zh', bid).details).not.toContain('YUAN')
	})

	it('shows an older entry’s UTC time in its reason as local time', () => {
		const old = entry({ entityType: 'BID', action: 'place', reason: '竞买人1；截止时间延长至 2026-11-30T04:05:00.000Z' })
		expect(renderAuditEntry(zh, 'zh', old).reason).not.toContain('T04:05')
		expect(renderAuditEntry(zh, 'zh', old).reason).toContain('12:05')
	})
})
