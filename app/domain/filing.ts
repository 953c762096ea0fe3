// 备案 of a deal agreed outside the platform (issue 11, decision 023). The village records it with
// the signed contract; the town's reviewer files it or returns it with a reason; the village
// corrects and resubmits a returned one, or withdraws it. Stored as a Deal of origin FILED on an
// OFFLINE listing, so the state is read from those two rows and the last filing review:
//   SUBMITTED  deal PENDING_REVIEW, listing SUBMITTED, no RETURN since the last submission
//   RETURNED   deal PENDING_REVIEW, listing SUBMITTED, the last filing review a RETURN
//   FILED      deal COMPLETED, listing TRADED (counted in the ledger and statistics from here on)
//   WITHDRAWN  deal REJECTED, listing REJECTED
// The listing stays SUBMITTED while returned, so the listing workflow's edit and submit (which
// take DRAFT and RETURNED) never reach it; the listing and deal review queues read PLATFORM rows only.

import { checkLedgerRow, LEDGER_COLUMNS, type CellValue, type LedgerColumnKey, type LedgerRowValue, type RowError } from './ledger-row.ts'

/** The filing form's fields: the ledger columns but the place (the village's own), the row number and the parcel codes. */
export const FILING_FORM_KEYS = LEDGER_COLUMNS.map((c) => c.key).filter((k) => k !== 'seq' && k !== 'town' && k !== 'village' && k !== 'parcelCodes')

/** A filing's fields checked by the rules of a 台账 row (one set of rules for an outside deal, however it arrives). */
export function checkFiling(cells: Partial<Record<LedgerColumnKey, CellValue>>, today: string): { ok: true; value: LedgerRowValue } | { ok: false; errors: RowError[] } {
	return checkLedgerRow(0, { ...cells, town: '-', village: '-' }, today)
}

export const FILING_STATES = ['SUBMITTED', 'RETURNED', 'FILED', 'WITHDRAWN'] as const
export type FilingState = (typeof FILING_STATES)[number]
export type FilingDecision = 'FILE' | 'RETURN'

export function filingState(dealStatus: string, lastReview: { decision: string } | null): FilingState {
	if (dealStatus === 'COMPLETED') return 'FILED'
	if (dealStatus === 'REJECTED') return 'WITHDRAWN'
	return lastReview?.decision === 'RETURN' ? 'RETURNED' : 'SUBMITTED'
}

const MOVES: Record<FilingState, readonly FilingState[]> = {
	SUBMITTED: ['FILED', 'RETURNED'],
	RETURNED: ['SUBMITTED', 'WITHDRAWN'],
	FILED: [],
	WITHDRAWN: [],
}

export function canFilingMove(from: FilingState, to: FilingState) {
	return MOVES[from].includes(to)
}

/** The status parts of the deal's and the listing's conditional updates for a move that changes them. */
export function filingMove(from: FilingState, to: 'FILED' | 'WITHDRAWN') {
	if (!canFilingMove(from, to)) throw new Error(`Filing ${from} → ${to} is not in the lifecycle`)
	return to === 'FILED'
		? { deal: { where: { status: 'PENDING_REVIEW' }, data: { status: 'COMPLETED' } }, listing: { where: { status: 'SUBMITTED' }, data: { status: 'TRADED' } } }
		: { deal: { where: { status: 'PENDING_REVIEW' }, data: { status: 'REJECTED' } }, listing: { where: { status: 'SUBMITTED' }, data: { status: 'REJECTED' } } }
}

/**
 * 备案编号 of a deal filed on the platform: the banner's code, the filing town's code, the year in
 * China and a serial that starts at 1 each year in each town: DLT-SHULINZHAO-2026-00001. The town
 * is the listing's (the township that files it); outside deals imported from a ledger keep the
 * numbers of their own paper register and get none.
 */
export function filingNumber(prefix: string, townCode: string, year: number, serial: number) {
	return `${filingNumberStem(prefix, townCode, year)}${String(serial).padStart(5, '0')}`
}

/** Everything of a filing number but its serial: what the year's numbers of a town start with. */
export function filingNumberStem(prefix: string, townCode: string, year: number) {
	return `${prefix}-${townCode.toUpperCase()}-${year}-`
}

/** The serial after the highest number of the year so far (null: none yet). */
export function nextFilingSerial(last: string | null) {
	if (!last) return 1
	const serial = Number(last.slice(last.lastIndexOf('-') + 1))
	return Number.isInteger(serial) && serial > 0 ? serial + 1 : 1
}
