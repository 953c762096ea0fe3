// The server side of /village/listings/:id/deal: reading the multipart form within the contract's
// size cap, and the actions, one per intent (record a negotiated deal; upload a bidding round's
// signed contract). A refusal of the model goes next to the field it is about, or above the form.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { generateContract } from '~/models/contract.server.ts'
import { NoContractFontError } from '~/models/contract-pdf.server.ts'
import { attachContract, chinaDay, MAX_CONTRACT_BYTES, recordDeal, type AttachContractProblem, type RecordDealProblem } from '~/models/deal.server.ts'
import { parseChinaDate } from '~/utils/calendar-date.ts'
import { now } from '~/utils/clock.server.ts'
import { contractSchema, dealSchema } from '~/utils/deal-form.ts'
import { readMultipartForm } from '~/utils/form.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'

type Village = Parameters<typeof recordDeal>[0]

/** Which field a refusal of the model belongs to (none: the whole form). */
const PROBLEM_FIELD: Partial<Record<RecordDealProblem | AttachContractProblem, string>> = {
	contractDateEarly: 'contractDate',
	inquiryClosed: 'inquiryId',
	contractMissing: 'contract',
	contractTooLarge: 'contract',
	contractType: 'contract',
	contractDateFuture: 'contractDate',
	idNumber: 'outsideIdNumber',
	buyerMissing: 'buyerKind',
	inquiryNotFound: 'inquiryId',
	modeNotAllowed: 'transferMode',
	priceUnit: 'priceUnit',
}

/** The answer to a contract over the cap: a message next to the file, not a 500. */
export const contractTooLarge = () => data({ result: { status: 'error' as const, error: { contract: ['contractTooLarge'] } } }, { status: 413 })

/** The form's fields; null when the contract is over the cap. */
export async function readDealForm(request: Request) {
	// A body announced as too large (the contract plus room for the other fields) is refused unread.
	return readMultipartForm(request, MAX_CONTRACT_BYTES, MAX_CONTRACT_BYTES + 256 * 1024)
}

/** Where the model's refusal shows: next to its field (400), or above the form (409). */
function refusal(problem: RecordDealProblem | AttachContractProblem) {
	invariantResponse(problem !== 'notFound')
	const field = PROBLEM_FIELD[problem]
	const options = field ? { fieldErrors: { [field]: [problem] }, hideFields: ['contract'] } : { formErrors: [problem], hideFields: ['contract'] }
	return { options, status: field ? 400 : 409 }
}

const bytesOf = async (file: File | undefined) => (file ? new Uint8Array(await file.arrayBuffer()) : null)

export async function recordIntent(user: Village, listingId: string, formData: FormData, isLand: boolean) {
	const submission = parseWithZod(formData, { schema: dealSchema(chinaDay(now()), isLand) })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['contract'] }) }, { status: 400 })
	const v = submission.value
	// The schema has checked that the buyer's fields are there and the day parses.
	const buyer = v.buyerKind === 'inquiry' ? { kind: 'inquiry' as const, inquiryId: v.inquiryId! } : { kind: 'outside' as const, name: v.outsideName!, idNumber: v.outsideIdNumber! }
	const contract = await bytesOf(v.contract)
	const values = { buyer, price: v.price, priceUnit: v.priceUnit, termYears: v.termYears ?? null, transferMode: v.transferMode, contractDate: contract?.length ? parseChinaDate(v.contractDate!)! : null }
	const result = await recordDeal(user, listingId, values, contract?.length ? contract : null, now())
	if (!result.ok) {
		const { options, status } = refusal(result.problem)
		return data({ result: submission.reply(options) }, { status })
	}
	return redirect(`/village/listings/${listingId}/deal?recorded=1`)
}

export async function contractIntent(user: Village, listingId: string, formData: FormData) {
	const submission = parseWithZod(formData, { schema: contractSchema(chinaDay(now())) })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['contract'] }) }, { status: 400 })
	const v = submission.value
	const result = await attachContract(user, v.dealId, parseChinaDate(v.contractDate!)!, await bytesOf(v.contract), now())
	if (!result.ok) {
		const { options, status } = refusal(result.problem)
		return data({ result: submission.reply(options) }, { status })
	}
	return redirect(`/village/listings/${listingId}/deal?contract=1`)
}

/** Generate (or generate again) the active deal's contract from the model text (decision 030). */
export async function generateIntent(user: Village & { id: string }, listingId: string, formData: FormData) {
	const dealId = formData.get('dealId')
	if (typeof dealId !== 'string' || dealId.length > 64) return data({ generateProblem: 'notFound' as const }, { status: 400 })
	try {
		const result = await generateContract(user, dealId, now())
		if (!result.ok) return data({ generateProblem: result.problem }, { status: result.problem === 'notFound' ? 404 : 409 })
	} catch (error) {
		if (error instanceof NoContractFontError) return data({ generateProblem: 'noFont' as const }, { status: 503 })
		throw error
	}
	return redirect(`/village/listings/${listingId}/deal?generated=1`)
}
