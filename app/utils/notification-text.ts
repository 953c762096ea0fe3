// Renders a stored notification (kind + JSON params) in the reader's language (009).
import type { TFunction } from 'i18next'
import { isChangeKind } from '~/domain/deal-change.ts'
import { PRICE_UNITS, type PriceUnit } from '~/domain/listing.ts'
import { BIDDING_FAIL_REASONS, isNotificationKind, MONEY_PARAMS, PRICE_PARAMS, TIME_PARAMS } from '~/domain/notifications.ts'
import { formatDateTime, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'

export type StoredNotification = { kind: string; params: string | null; title: string | null; body: string | null }
export type RenderedNotification = { title: string; body: string; legacy: boolean }

export function priceUnitOf(value: unknown): PriceUnit | null {
	return typeof value === 'string' && (PRICE_UNITS as readonly string[]).includes(value) ? (value as PriceUnit) : null
}

function parse(json: string | null): Record<string, unknown> | null {
	if (!json) return null
	try {
		const value: unknown = JSON.parse(json)
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
	} catch {
		return null
	}
}

/** `t` is fixed to the reader's language and the `notification` namespace. */
export function renderNotification(t: TFunction, locale: Locale, n: StoredNotification): RenderedNotification {
	const params = parse(n.params)
	// Rows written before 009 have no params: their stored (Chinese) text is all there is.
	if (!params || !isNotificationKind(n.kind)) return { title: n.title ?? n.kind, body: n.body ?? '', legacy: true }
	const values: Record<string, unknown> = { ...params }
	for (const key of MONEY_PARAMS) if (typeof params[key] === 'number') values[key] = formatMoney(params[key], locale)
	const unit = priceUnitOf(params.priceUnit)
	for (const key of PRICE_PARAMS) {
		const v = params[key]
		if (typeof v === 'number') values[key] = unit ? formatPrice(v, unit, locale) : formatMoney(v, locale)
	}
	for (const key of TIME_PARAMS) if (typeof params[key] === 'string') values[key] = formatDateTime(params[key], locale)
	// Only a deposit that was paid is refunded (a round may ask none).
	values.refund = typeof params.deposit === 'number' && params.deposit > 0 ? t('refund', { deposit: values.deposit }) : ''
	if (typeof params.reason === 'string' && (BIDDING_FAIL_REASONS as readonly string[]).includes(params.reason)) values.reason = t(`failReasons.${params.reason}`)
	// A deal's change, early end or dispute (decision 033): its kind, and what came of it, in words.
	if (isChangeKind(params.change)) {
		values.change = t(`changeKinds.${params.change}`)
		if (n.kind === 'deal-change-approved' || n.kind === 'deal-change-rejected') values.outcome = t(`changeOutcomes.${n.kind}.${params.change}`)
	}
	return { title: t(`kinds.${n.kind}.title`, values), body: t(`kinds.${n.kind}.body`, values), legacy: false }
}
