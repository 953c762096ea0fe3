// The life of a deal after its certificate (issue 12, decision 033): a change of terms (变更), an
// early end (解除) or a dispute (纠纷). A party files it with its documents; the town's reviewer
// approves or refuses it. Pure rules: who may file what, what a filing must hold, and what an
// approval does to the rent still to be paid.
import { addYears, type RentPaymentPlan } from './rent-schedule.ts'

export const CHANGE_KINDS = ['CHANGE', 'TERMINATION', 'DISPUTE'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]
export const CHANGE_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const
export type ChangeStatus = (typeof CHANGE_STATUSES)[number]

export const isChangeKind = (v: unknown): v is ChangeKind => typeof v === 'string' && (CHANGE_KINDS as readonly string[]).includes(v)

/** The side of the deal a user is on. */
export type Party = 'VILLAGE' | 'BUYER'

/**
 * A change or an early end is agreed by both parties in a signed supplementary agreement, which the
 * village (that holds the contract) files; a dispute may be raised by either party.
 */
export function mayFile(kind: ChangeKind, party: Party) {
	return kind === 'DISPUTE' || party === 'VILLAGE'
}

/** A change or an early end needs the signed agreement; a dispute may come with evidence or none. */
export function needsDocument(kind: ChangeKind) {
	return kind !== 'DISPUTE'
}

export const REASON_LIMITS = { min: 10, max: 2000 }
export const MAX_DOCUMENTS = 5
/** Longest term (years) the law allows a land management right to be transferred for. */
export const MAX_TERM_YEARS = 70
/** A new price or area more than this many times the old one is a typo, not a change. */
export const MAX_CHANGE_FACTOR = 10

export type Terms = { price: number; area: number; termYears: number | null }
export type ProposedTerms = { price: number | null; area: number | null; termYears: number | null }
export type ChangeProblem = 'nothingChanged' | 'price' | 'area' | 'termYears'

/** A change names at least one new term, each sensible: more than 0, within 10× the old, a whole term of 1–70 years. */
export function checkChange(current: Terms, next: ProposedTerms): { field: 'price' | 'area' | 'termYears' | null; problem: ChangeProblem } | null {
	const within = (v: number, old: number) => Number.isFinite(v) && v > 0 && v <= old * MAX_CHANGE_FACTOR
	if (next.price !== null && !within(next.price, current.price)) return { field: 'price', problem: 'price' }
	if (next.area !== null && !within(next.area, current.area)) return { field: 'area', problem: 'area' }
	if (next.termYears !== null && (!Number.isInteger(next.termYears) || next.termYears < 1 || next.termYears > MAX_TERM_YEARS)) return { field: 'termYears', problem: 'termYears' }
	const changed = (next.price !== null && next.price !== current.price) || (next.area !== null && next.area !== current.area) || (next.termYears !== null && next.termYears !== current.termYears)
	return changed ? null : { field: null, problem: 'nothingChanged' }
}

/** An early end takes effect on a day from the contract date up to the contract's end (both China days). */
export function checkTermination(effectiveOn: string | null, contract: { contractDay: string; endDay: string | null }) {
	if (!effectiveOn || effectiveOn < contract.contractDay) return 'effectiveOn' as const
	if (contract.endDay && effectiveOn > contract.endDay) return 'effectiveOn' as const
	return null
}

export type ScheduledPayment = { seq: number; due: string; paid: boolean }

/**
 * The unpaid payments an approved early end removes: those due on or after the day it takes effect.
 * What fell due before stays owed; what was paid stays recorded.
 */
export function paymentsEndedBy(payments: readonly ScheduledPayment[], effectiveOn: string) {
	return payments.filter((p) => !p.paid && p.due >= effectiveOn).map((p) => p.seq)
}

/**
 * The schedule after an approved change, from the plan the new terms give: paid payments stay as
 * they were; each unpaid one takes the new plan's amount and day for its place; payments the new
 * term no longer reaches go, and the ones a longer term adds are new.
 */
export function scheduleAfterChange(payments: readonly ScheduledPayment[], plan: readonly RentPaymentPlan[]) {
	const paid = new Set(payments.filter((p) => p.paid).map((p) => p.seq))
	const planned = new Set(plan.map((p) => p.seq))
	return {
		remove: payments.filter((p) => !p.paid && !planned.has(p.seq)).map((p) => p.seq),
		upsert: plan.filter((p) => !paid.has(p.seq)),
	}
}

/** A filing's documents as stored (UPLOAD_DIR/private): the name given, the file, its hash and size. */
export type ChangeDocument = { name: string; file: string; sha256: string; bytes: number }

/** The documents column (JSON); anything unreadable is no documents. */
export function readDocuments(json: string): ChangeDocument[] {
	try {
		const value: unknown = JSON.parse(json)
		return Array.isArray(value) ? (value as ChangeDocument[]) : []
	} catch {
		return []
	}
}

/** How a certified deal stands, as the ledger shows it: ended early, in dispute, changed, or as agreed. */
export type Standing = 'TERMINATED' | 'DISPUTED' | 'CHANGED' | 'ACTIVE'
export function dealStanding(d: { terminatedOn: Date | string | null; disputedSince: Date | string | null; changedAt: Date | string | null }): Standing {
	if (d.terminatedOn) return 'TERMINATED'
	if (d.disputedSince) return 'DISPUTED'
	if (d.changedAt) return 'CHANGED'
	return 'ACTIVE'
}

/** The contract's last day (exclusive): its recorded end, or its start (the contract date when none) plus the term. */
export function contractEnd(d: { contractDay: string | null; startDay: string | null; endDay: string | null; termYears: number | null }) {
	if (d.endDay) return d.endDay
	const start = d.startDay ?? d.contractDay
	return start && d.termYears ? addYears(start, d.termYears) : null
}

/** A lease may be renewed with the same buyer from this many days before it ends, up to its end. */
export const RENEWAL_WINDOW_DAYS = 180

const DAY_MS = 24 * 3600_000
const dayMinus = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10)

/** Why a renewal cannot be filed today, or null: an ended deal, a term with no end, outside the window. */
export function renewalProblem(end: string | null, today: string, terminated: boolean): 'terminated' | 'noEnd' | 'tooEarly' | 'ended' | null {
	if (terminated) return 'terminated'
	if (!end) return 'noEnd'
	if (today < dayMinus(end, RENEWAL_WINDOW_DAYS)) return 'tooEarly'
	if (today > end) return 'ended'
	return null
}

/** The first day a renewal may be filed. */
export const renewalOpensOn = (end: string) => dayMinus(end, RENEWAL_WINDOW_DAYS)
