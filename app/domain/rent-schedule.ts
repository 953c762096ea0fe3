// A certified lease's rent payments (issue 12): yearly, in advance — the first due on the start
// day, then on each anniversary — for the term. Amounts are the deal's yearly rent; a final partial
// year (a term ending before a whole year) pays its share by days. Dates are China days (YYYY-MM-DD).
import type { AreaUnit, PriceUnit, TransferMode } from './listing.ts'
import { priceInYuan } from './units.ts'

/** Transfer modes that pay rent over the term, and the price units that are yearly rents. */
export const RENT_MODES: readonly TransferMode[] = ['LEASE', 'SUBCONTRACT']
export const YEARLY_UNITS: readonly PriceUnit[] = ['YUAN_PER_MU_YEAR', 'YUAN_PER_YEAR']

export type RentTerms = { transferMode: string; priceUnit: string; price: number; area: number; areaUnit: string; termYears: number | null }

/** Whether a deal pays yearly rent (and so gets a schedule at certification). */
export function paysYearlyRent(d: RentTerms) {
	return RENT_MODES.includes(d.transferMode as TransferMode) && YEARLY_UNITS.includes(d.priceUnit as PriceUnit) && !!d.termYears && d.termYears > 0 && d.price > 0
}

export type RentPaymentPlan = { seq: number; due: string; amount: number }

const DAY_MS = 24 * 3600_000

function parts(day: string) {
	return { y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) }
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number) {
	const { y, m, d } = parts(day)
	const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate()
	return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

function daysBetween(a: string, b: string) {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

const cents = (n: number) => Math.round(n * 100) / 100

/**
 * The schedule from `start` (the contract date or an explicit start) to `end` (exclusive; by
 * default start + termYears): one payment per started year, due at its start.
 */
export function rentSchedule(d: RentTerms, start: string, end = addYears(start, d.termYears ?? 0)): RentPaymentPlan[] {
	if (!paysYearlyRent(d) || !/^\d{4}-\d{2}-\d{2}$/.test(start) || end <= start) return []
	const yearly = priceInYuan(d.price, d.priceUnit as PriceUnit, d.area, d.areaUnit as AreaUnit)
	const plan: RentPaymentPlan[] = []
	for (let i = 0; ; i++) {
		const from = addYears(start, i)
		if (from >= end) break
		const next = addYears(start, i + 1)
		const amount = next <= end ? yearly : (yearly * daysBetween(from, end)) / daysBetween(from, next)
		plan.push({ seq: i + 1, due: from, amount: cents(amount) })
	}
	return plan
}

/** A payment is overdue once its due day has passed in China and nothing was recorded. */
export function rentOverdue(p: { due: string; paid: boolean }, today: string) {
	return !p.paid && today > p.due
}

/** The largest payment the village may record against an amount due: anything above is a typo. */
export const MAX_PAYMENT_FACTOR = 10

export type PaymentProblem = 'amount' | 'date'

/** A recorded payment: more than 0 and at most 10× the amount due, on a real day from the contract date to today. */
export function checkPayment(p: { amount: number; paidOn: string | null }, due: { amount: number; contractDay: string; today: string }): PaymentProblem | null {
	if (!Number.isFinite(p.amount) || p.amount <= 0 || p.amount > due.amount * MAX_PAYMENT_FACTOR) return 'amount'
	if (!p.paidOn || p.paidOn < due.contractDay || p.paidOn > due.today) return 'date'
	return null
}
