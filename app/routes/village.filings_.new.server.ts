// The server side of /village/filings/new: the form's fields are checked by the same rules as a
// 台账 row (app/domain/ledger-row.ts: one set of rules for an outside deal, however it arrives);
// a refusal goes next to its field. `?id=` corrects a returned filing and submits it again.
import { data, redirect } from '@remix-run/node'
import { LEDGER_COLUMNS, type CellValue, type LedgerColumnKey } from '~/domain/ledger-row.ts'
import { chinaDay } from '~/models/deal.server.ts'
import { checkFiling, createFiling, resubmitFiling, villageFiling } from '~/models/filing.server.ts'
import { now } from '~/utils/clock.server.ts'

type Village = Parameters<typeof createFiling>[0]
export type FieldErrors = Partial<Record<LedgerColumnKey | 'contract' | 'form', string>>

/** The form's fields: the ledger columns but the place (the village's own) and the row number. */
export const FORM_KEYS = LEDGER_COLUMNS.map((c) => c.key).filter((k) => k !== 'seq' && k !== 'town' && k !== 'village' && k !== 'parcelCodes')

export async function submitFiling(user: Village, form: FormData) {
	const cells: Partial<Record<LedgerColumnKey, CellValue>> = {}
	for (const key of FORM_KEYS) {
		const v = form.get(key)
		cells[key] = typeof v === 'string' ? v : null
	}
	const values = Object.fromEntries(FORM_KEYS.map((k) => [k, typeof cells[k] === 'string' ? (cells[k] as string) : '']))
	const checked = checkFiling(cells, chinaDay(now()))
	if (!checked.ok) {
		const errors: FieldErrors = {}
		for (const e of checked.errors) if (e.column && !errors[e.column]) errors[e.column] = `preview.problems.${e.problem}`
		return data({ errors, values }, { status: 400 })
	}
	const file = form.get('contract')
	const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null
	const id = form.get('id')
	const result = typeof id === 'string' && id ? await resubmitFiling(user, id, checked.value, bytes, now()) : await createFiling(user, checked.value, bytes, now())
	if (result.ok) return redirect(`/village/filings?${typeof id === 'string' && id ? 'resubmitted' : 'created'}=${result.id}`)
	if (result.problem === 'notFound' || result.problem === 'notReturned') return data({ errors: { form: 'form.notReturned' } as FieldErrors, values }, { status: 409 })
	return data({ errors: { contract: `form.contractProblems.${result.problem}` } as FieldErrors, values }, { status: result.problem === 'contractTooLarge' ? 413 : 400 })
}

/** The form's starting values: empty, or a returned filing's own (to correct it). */
export async function formDefaults(user: Village, id: string | null) {
	if (!id) return { id: null, values: {} as Record<string, string> }
	const f = await villageFiling(user, id)
	if (!f || f.state !== 'RETURNED') return null
	const day = (d: Date | null) => (d ? chinaDay(d) : '')
	const values: Record<string, string> = {
		title: f.listing.title,
		area: String(f.area),
		areaUnit: f.areaUnit === 'm2' ? '平方米' : '亩',
		transferee: f.outsideBuyerName ?? '',
		transfereeCode: f.transfereeCode ?? '',
		price: String(f.price),
		totalYuan: String(f.totalValueYuan),
		termYears: f.termYears ? String(f.termYears) : '',
		startsOn: day(f.startsOn),
		endsOn: day(f.endsOn),
		contractDate: day(f.contractDate),
		contractCode: f.contractCode ?? '',
		contractingContractCode: f.contractingContractCode ?? '',
		contractorCode: f.contractorCode ?? '',
		useBefore: f.useBefore ?? '',
		useAfter: f.useAfter ?? '',
		feeNote: f.feeNote ?? '',
	}
	return { id: f.id, values, codes: { type: f.listing.type, landClass: f.listing.landClass, transferMode: f.transferMode, priceUnit: f.priceUnit }, opinion: f.reviews[0]?.opinion ?? '' }
}
