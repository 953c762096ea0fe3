// The deal lifecycle (PRODUCT.md): recorded → Party review → public notice → the centre's
// certification → completed; rejected at either review; an objection during the notice sends it
// back to the Party review. Pure functions, shared by server, pages and tests.

export const DEAL_STATUSES = ['PENDING_REVIEW', 'IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION', 'COMPLETED', 'REJECTED'] as const
export type DealStatus = (typeof DEAL_STATUSES)[number]

/** Where a deal was done (023): here, or outside the platform (a 台账 row, or a village's 备案 filing). */
export const DEAL_ORIGINS = ['PLATFORM', 'LEDGER_IMPORT', 'FILED'] as const
export type DealOrigin = (typeof DEAL_ORIGINS)[number]
/** Both outside kinds show as 线下备案: no public notice, no certificate. */
export function isOutsideOrigin(origin: string): origin is 'LEDGER_IMPORT' | 'FILED' {
	return origin === 'LEDGER_IMPORT' || origin === 'FILED'
}

/** Shown in the public ledger (成交公示) from the public notice on. */
export const LEDGER_STATUSES: readonly DealStatus[] = ['IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION', 'COMPLETED']
/** Still in the public notice procedure — the ledger's 公示中 group and the figure on /stats. */
export const NOTICE_GROUP_STATUSES: readonly DealStatus[] = ['IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION']
/** A deal in any of these holds its listing: no second deal may be recorded meanwhile. */
export const ACTIVE_STATUSES: readonly DealStatus[] = ['PENDING_REVIEW', 'IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION']

const TRANSITIONS: Record<DealStatus, readonly DealStatus[]> = {
	PENDING_REVIEW: ['IN_NOTICE', 'REJECTED'],
	IN_NOTICE: ['OBJECTED', 'AWAITING_CERTIFICATION'],
	// Dismissed: the notice goes on (IN_NOTICE), and promotion moves it on when it has ended.
	OBJECTED: ['IN_NOTICE', 'REJECTED'],
	AWAITING_CERTIFICATION: ['COMPLETED', 'PENDING_REVIEW'],
	COMPLETED: [],
	REJECTED: [],
}

export function canDealTransition(from: DealStatus, to: DealStatus) {
	return TRANSITIONS[from].includes(to)
}

/**
 * Every state change of a deal in production goes through here: the `status` parts of a
 * conditional update (`where` the state it leaves, `data` the state it enters). A move the table
 * does not allow throws, so the table and the code cannot drift apart.
 */
export function dealMove(from: DealStatus, to: DealStatus) {
	if (!canDealTransition(from, to)) throw new Error(`Deal ${from} → ${to} is not in the lifecycle`)
	return { where: { status: from }, data: { status: to } }
}

/** Why the centre may not certify a deal yet (empty: it may). */
export type CertificationBlocker = 'contractMissing'

/**
 * A certificate says the deal is real and done by the rules: never without the signed contract and
 * its date. A bidding round's deal gets them when the village uploads the contract.
 */
export function certificationBlockers(deal: { contractFile: string | null; contractDate: Date | string | null }): CertificationBlocker[] {
	return deal.contractFile && deal.contractDate ? [] : ['contractMissing']
}

export const DEFAULT_NOTICE_DAYS = 7
const DAY = 24 * 60 * 60 * 1000

export function noticeEnd(start: Date, days = DEFAULT_NOTICE_DAYS) {
	return new Date(start.getTime() + days * DAY)
}

/** Whole days left in the notice (rounded up; 0 once it has ended). */
export function noticeDaysLeft(end: Date, now: Date) {
	return Math.max(0, Math.ceil((end.getTime() - now.getTime()) / DAY))
}

/** Objections are taken while the notice runs: in notice (or already objected) and before its end. */
export function noticeOpen(deal: { status: string; noticeEndsAt: Date | null }, now: Date) {
	return (deal.status === 'IN_NOTICE' || deal.status === 'OBJECTED') && !!deal.noticeEndsAt && now.getTime() < deal.noticeEndsAt.getTime()
}

/** Endings that make a name an organisation's, longest first: the ending stays readable. */
const ORGANISATION_ENDINGS = ['股份有限公司', '有限责任公司', '专业合作社', '经济合作社', '有限公司', '合作联社', '家庭农场', '合作社', '联合社', '公司', '集团', '农场', '协会', '中心', '工厂']

/**
 * Public pages never show a person's full name or ID number: 王*明. An organisation keeps the
 * start of its name and its kind — 塞上田园***有限公司 — and a trailing note in brackets
 * (（演示）) is dropped, so the mask never ends in half of it.
 */
export function maskName(name: string | null | undefined) {
	if (!name) return ''
	const chars = Array.from(name.trim().replace(/\s*[（(][^（）()]*[）)]$/, '').trim())
	if (chars.length <= 1) return '*'
	if (chars.length === 2) return `${chars[0]}*`
	const text = chars.join('')
	const ending = ORGANISATION_ENDINGS.find((e) => text.endsWith(e) && chars.length > Array.from(e).length)
	if (ending) {
		const rest = chars.slice(0, chars.length - Array.from(ending).length)
		return `${rest.slice(0, Math.min(4, rest.length - 1)).join('')}***${ending}`
	}
	// Other long names keep their beginning and end.
	if (chars.length > 6) return `${chars.slice(0, 4).join('')}${'*'.repeat(3)}${chars.slice(-2).join('')}`
	return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

export function maskIdNumber(id: string | null | undefined) {
	if (!id) return ''
	const s = id.trim()
	if (s.length <= 8) return '*'.repeat(s.length)
	return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`
}

/** 18-digit resident ID with its ISO 7064 MOD 11-2 check character. */
export function isValidResidentId(id: string) {
	if (!/^\d{17}[\dXx]$/.test(id)) return false
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
	const codes = '10X98765432'
	const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0)
	return codes[sum % 11] === id[17].toUpperCase()
}

/** The prefix of certificate numbers (CERTIFICATE_PREFIX): letters or digits, e.g. DLT or the county code 150621. */
export const CERTIFICATE_PREFIX_PATTERN = /^[A-Z0-9]{2,10}$/
const CERTIFICATE_NO = /^[A-Z0-9]{2,10}-\d{4}-\d{6}$/

/** Whether a string has the shape of a certificate number, for every prefix the environment accepts. */
export function isCertificateNo(value: unknown): value is string {
	return typeof value === 'string' && CERTIFICATE_NO.test(value)
}

/** Certificate numbers: DLT-2026-000123 (banner code, year, sequence within the year). */
export function certificateNumber(prefix: string, year: number, sequence: number) {
	return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`
}

/** The total contract value in yuan that the statistics sum. */
export function dealTotalYuan(price: number, priceUnit: string, area: number, areaUnitMu: number, termYears: number | null) {
	const years = termYears && termYears > 0 ? termYears : 1
	switch (priceUnit) {
		case 'YUAN_PER_YEAR':
			return price * years
		case 'YUAN_PER_MU_YEAR':
			return price * areaUnitMu * years
		case 'WAN_YUAN':
			return price * 10000
		default:
			return price
	}
}
