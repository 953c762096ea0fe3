// The filing form's schema (/village/filings/new), shared by the browser (conform) and the action:
// every field is text as typed, checked by the rules of a 台账 row (app/domain/filing.ts), each
// refusal next to its field as a `filing` message key. The contract's type and size are checked on
// the server by its bytes (withContractFile).
import { z } from 'zod'
import { checkFiling, FILING_FORM_KEYS } from '~/domain/filing.ts'
import type { CellValue, LedgerColumnKey } from '~/domain/ledger-row.ts'

const text = z.string().max(400, 'preview.problems.tooLong').optional()

export function filingSchema(today: string) {
	return z
		.object({
			...(Object.fromEntries(FILING_FORM_KEYS.map((k) => [k, text])) as Record<(typeof FILING_FORM_KEYS)[number], typeof text>),
			id: z.string().max(40).optional(),
			contract: z.instanceof(File).optional(),
		})
		.transform((v, ctx) => {
			const cells: Partial<Record<LedgerColumnKey, CellValue>> = Object.fromEntries(FILING_FORM_KEYS.map((k) => [k, v[k] ?? null]))
			const checked = checkFiling(cells, today)
			if (!checked.ok) {
				for (const e of checked.errors) ctx.addIssue({ code: 'custom', path: e.column ? [e.column] : [], message: `preview.problems.${e.problem}` })
				return z.NEVER
			}
			return { id: v.id ?? null, contract: v.contract && v.contract.size > 0 ? v.contract : null, value: checked.value }
		})
}
