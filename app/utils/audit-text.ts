// Renders an audit entry in the reader's language (009): the action, the state change with each
// entity's own status names, and the parameters the system recorded. What people wrote (the
// reason) is shown as written, with any ISO time in it (older entries) shown as local time.
import type { TFunction } from 'i18next'
import { AUDIT_PARAMS, auditActionKey } from '~/domain/audit-actions.ts'
import { formatDateTime, formatMoney, formatNumber, formatPrice, type Locale } from '~/utils/format.ts'
import { priceUnitOf } from '~/utils/notification-text.ts'

/** The namespaces `t` must be fixed to. */
export const AUDIT_NAMESPACES = ['audit', 'common', 'deal', 'inquiry', 'bidding', 'wanted'] as const

export type StoredAuditEntry = { entityType: string; action: string; fromState: string | null; toState: string | null; reason: string | null; params: string | null }
export type RenderedAuditEntry = { action: string; change: string; details: string; reason: string }

const STATE_KEYS: Record<string, string> = {
	LISTING: 'common:status',
	DEAL: 'deal:status',
	INQUIRY: 'inquiry:status',
	OBJECTION: 'deal:objectionStatus',
	BIDDING_ROUND: 'bidding:roundStatus',
	BID_REGISTRATION: 'bidding:depositStatus',
	USER: 'audit:userStates',
	WANTED: 'wanted:status',
}

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g

function parse(json: string | null): Record<string, unknown> {
	if (!json) return {}
	try {
		const value: unknown = JSON.parse(json)
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
	} catch {
		return {}
	}
}

function has(list: readonly string[], key: string) {
	return list.includes(key)
}

function stateLabel(t: TFunction, locale: Locale, entry: Pick<StoredAuditEntry, 'entityType' | 'action'>, params: Record<string, unknown>, state: string | null) {
	if (!state) return '∅'
	// A bid's "states" are the price before and after it, in the listing's unit (older entries: none recorded).
	if (entry.entityType === 'BID' && /^\d+(\.\d+)?$/.test(state)) {
		const unit = priceUnitOf(params.priceUnit)
		return unit ? formatPrice(Number(state), unit, locale) : formatNumber(Number(state), locale)
	}
	if (entry.action === 'trading-mode') return t(`common:tradingModes.${state}`, { defaultValue: state })
	const key = STATE_KEYS[entry.entityType]
	return key ? t(`${key}.${state}`, { defaultValue: state }) : state
}

function codeText(t: TFunction, key: string, code: string) {
	if (key === 'role') return t(`common:roles.${code}`, { defaultValue: code })
	return t(`audit:codes.${key}.${code}`, { defaultValue: code })
}

function paramValue(t: TFunction, locale: Locale, params: Record<string, unknown>, key: string, value: unknown): string | null {
	if (value === null || value === undefined || value === '' || has(AUDIT_PARAMS.hidden, key)) return null
	if (has(AUDIT_PARAMS.money, key) && typeof value === 'number') return formatMoney(value, locale)
	if (has(AUDIT_PARAMS.price, key) && typeof value === 'number') {
		const unit = priceUnitOf(params.priceUnit)
		return unit ? formatPrice(value, unit, locale) : formatNumber(value, locale)
	}
	if (has(AUDIT_PARAMS.dateTime, key) && typeof value === 'string') return formatDateTime(value, locale) || value
	if (has(AUDIT_PARAMS.alias, key)) return t('audit:alias', { n: value })
	// A place update stores "before → after": translate each side.
	if (has(AUDIT_PARAMS.coded, key) && typeof value === 'string') return value.split(' → ').map((v) => codeText(t, key, v)).join(' → ')
	return String(value)
}

export function renderAuditEntry(t: TFunction, locale: Locale, e: StoredAuditEntry): RenderedAuditEntry {
	const params = parse(e.params)
	const details = Object.entries(params)
		.map(([key, value]) => {
			const shown = paramValue(t, locale, params, key, value)
			return shown === null ? null : `${t(`audit:params.${key}`, { defaultValue: key })}${t('audit:colon')}${shown}`
		})
		.filter((s): s is string => s !== null)
		.join(t('audit:separator'))
	return {
		action: t(`audit:actions.${auditActionKey(e.action)}`, { defaultValue: e.action }),
		change: e.fromState || e.toState ? `${stateLabel(t, locale, e, params, e.fromState)} → ${stateLabel(t, locale, e, params, e.toState)}` : '',
		details,
		reason: (e.reason ?? '').replace(ISO_TIME, (iso) => formatDateTime(iso, locale) || iso),
	}
}

/** Adds each entry's rendered text (and drops the raw params) for a loader's JSON. */
export function withAuditText<E extends StoredAuditEntry>(t: TFunction, locale: Locale, entries: E[]) {
	return entries.map(({ params, ...e }) => ({ ...e, text: renderAuditEntry(t, locale, { ...e, params }) }))
}
