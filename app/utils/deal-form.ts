// The village's deal forms' schemas, shared by the browser (conform) and the action of
// /village/listings/:id/deal: recording a negotiated deal, and the contract step of a bidding
// round's deal. The file's type is checked by its bytes on the server (checkContract).
import { z } from 'zod'
import { isValidResidentId } from '~/domain/deal.ts'
import { PRICE_UNITS, TRANSFER_MODES } from '~/domain/listing.ts'
import { parseChinaDate } from '~/utils/calendar-date.ts'

/** The server's cap (MAX_CONTRACT_BYTES) as the browser checks it before uploading. */
export const CONTRACT_MAX_MB = 10

/**
 * The contract's day and file: the same fields and checks for a recorded deal and a bidding round's
 * deal. A negotiated deal may be recorded before the contract is signed (generated from the model
 * text, decision 030): then there is no file, and the day is not asked for.
 */
const contractFields = {
	contractDate: z.string().optional(),
	contract: z.instanceof(File).optional(),
}
function checkContractFields(v: { contractDate?: string; contract?: File }, ctx: z.RefinementCtx, today: string, fileRequired: boolean) {
	const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message })
	const hasFile = !!v.contract && v.contract.size > 0
	if (!hasFile) {
		if (fileRequired) issue('contract', 'contractMissing')
		return
	}
	if (v.contract!.size > CONTRACT_MAX_MB * 1024 * 1024) issue('contract', 'contractTooLarge')
	if (!v.contractDate) issue('contractDate', 'required')
	else if (parseChinaDate(v.contractDate) === null) issue('contractDate', 'date')
	// Only a real day can be in the future.
	else if (v.contractDate > today) issue('contractDate', 'contractDateFuture')
}

/** The contract step of a bidding round's deal (intent=contract); `today` is the China day (YYYY-MM-DD). */
export function contractSchema(today: string) {
	return z
		.object({ intent: z.literal('contract'), dealId: z.string({ required_error: 'required' }).max(64), ...contractFields })
		.superRefine((v, ctx) => checkContractFields(v, ctx, today, true))
}

const num = (max: number) => z.coerce.number({ required_error: 'required', invalid_type_error: 'number' }).positive('positive').max(max, 'tooBig')

/** A negotiated deal: the buyer (an inquirer, or an outside party with name and resident ID), the terms and the signed contract if there is one yet. */
export function dealSchema(today: string, isLand: boolean) {
	return z
		.object({
			buyerKind: z.enum(['inquiry', 'outside'], { required_error: 'required', invalid_type_error: 'invalid' }),
			inquiryId: z.string().max(64).optional(),
			outsideName: z.string().trim().max(60, 'tooLong').optional(),
			outsideIdNumber: z.string().trim().max(18, 'idNumber').optional(),
			price: num(1_000_000_000),
			priceUnit: z.enum(PRICE_UNITS, { required_error: 'required', invalid_type_error: 'invalid' }),
			termYears: z.coerce.number({ invalid_type_error: 'number' }).int('integer').min(1, 'positive').max(70, 'tooBig').optional(),
			transferMode: z.enum(TRANSFER_MODES, { required_error: 'required', invalid_type_error: 'invalid' }),
			...contractFields,
		})
		.superRefine((v, ctx) => {
			const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message })
			if (v.buyerKind === 'inquiry' && !v.inquiryId) issue('inquiryId', 'inquiryRequired')
			if (v.buyerKind === 'outside') {
				if (!v.outsideName || Array.from(v.outsideName).length < 2) issue('outsideName', 'required')
				if (!v.outsideIdNumber || !isValidResidentId(v.outsideIdNumber)) issue('outsideIdNumber', 'idNumber')
			}
			if (!isLand && v.priceUnit === 'YUAN_PER_MU_YEAR') issue('priceUnit', 'landOnly')
			if (v.priceUnit !== 'WAN_YUAN' && !v.termYears) issue('termYears', 'termRequired')
			checkContractFields(v, ctx, today, false)
		})
}
