// Every action the audit log records (009). The log stores these codes; the admin page renders them
// in the reader's language from the `audit` namespace, where each one must have a text (tsc and a
// unit test check both languages).

export const AUDIT_ACTIONS = [
	// listings
	'create',
	'edit',
	'decision-record',
	'submit',
	'withdraw',
	'review:approve',
	'review:return',
	'review:reject',
	'expire',
	'traded',
	'trading-mode',
	/** A published listing's price changed by its village (issue 13). */
	'price-change',
	/** The village listed a traded, expired or withdrawn listing again, as a new draft (decision 034). */
	'relist',
	// inquiries
	'reply',
	'close',
	// deals and objections
	'record',
	'record:bidding',
	'contract',
	'object',
	'objection:uphold',
	'objection:dismiss',
	'notice-ended',
	'certify',
	'certify:return',
	// bidding
	'open',
	'register',
	'place',
	'round-closed',
	'round-failed',
	'deposit-received',
	'deposit-refunded',
	// money deadlines and rent (issue 12)
	'winner-paid',
	'win-voided',
	'deposit-forfeited',
	'runner-up',
	'rent-scheduled',
	'rent-paid',
	'certificate-print',
	/** The village generated the deal's contract from the model text (decision 030). */
	'contract:generate',
	/** An administrator saved a new version of a contract template. */
	'template:save',
	/** A certified deal's change, early end or dispute (decision 033): filed, approved (settled), refused. */
	'deal-change:file',
	'deal-change:approve',
	'deal-change:reject',
	/** The village renews a certified lease with the same buyer: a new deal, reviewed and noticed again. */
	'record:renewal',
	// places and accounts
	'update',
	'signup',
	'create-admin-cli',
	'disable',
	'enable',
	'reset-password',
	// data imports (023)
	'import:commit',
	'import:cancel',
	'import:fail',
	// 备案 of deals done outside the platform (023)
	'filing:submit',
	'filing:file',
	'filing:return',
	'filing:resubmit',
	'filing:withdraw',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** i18next reads ':' as its namespace separator, so the texts are keyed with '-' instead. */
export type AuditActionKey = AuditAction extends infer A ? (A extends `${infer H}:${infer T}` ? `${H}-${T}` : A) : never

export function auditActionKey(action: string) {
	return action.replace(/:/g, '-')
}

/** Parameters the system records with an entry, and how each is shown. */
export const AUDIT_PARAMS = {
	/** Sums in yuan. */
	money: ['deposit', 'rent'],
	/** Prices in the listing's unit, which the entry records as `priceUnit` (not shown by itself). */
	price: ['amount', 'startPrice', 'increment', 'oldPrice', 'newPrice'],
	hidden: ['priceUnit'],
	dateTime: ['deadline', 'extendedTo'],
	/** China days (YYYY-MM-DD) and counts, shown as recorded. */
	day: ['due', 'paidOn', 'payments', 'copy', 'version', 'documents'],
	alias: ['alias'],
	// Codes with a text of their own (`audit:codes`, common roles, town kinds); a place update stores
	// "before → after", and each side is translated.
	coded: ['reason', 'problem', 'cause', 'role', 'kind'],
	plain: ['source', 'dealId', 'code', 'name', 'nameEn', 'town', 'village', 'contactName', 'contactPhone', 'certificateNo', 'contractNo', 'contractDate', 'inserted', 'updated', 'unchanged'],
} as const

export type AuditParamKey = (typeof AUDIT_PARAMS)[keyof typeof AUDIT_PARAMS][number]
