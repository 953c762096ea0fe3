// The server side of /village/filings/new: the form's schema (app/utils/filing-form.ts) checks the
// fields by the same rules as a 台账 row (one set of rules for an outside deal, however it arrives);
// a refusal goes next to its field. `?id=` corrects a returned filing and submits it again.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { chinaDay } from '~/models/deal.server.ts'
import { createFiling, resubmitFiling, villageFiling } from '~/models/filing.server.ts'
import { now } from '~/utils/clock.server.ts'
import { filingSchema } from '~/utils/filing-form.ts'

type Village = Parameters<typeof createFiling>[0]

/**
 * Checks the form with its schema (a refusal: 400, each message next to its field, nothing
 * written), then files it, or files the correction of a returned one (`id`). The model's refusals
 * go next to the contract, or above the form.
 */
export async function submitFiling(user: Village, form: FormData) {
	const submission = parseWithZod(form, { schema: filingSchema(chinaDay(now())) })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['contract'] }) }, { status: 400 })
	const { id, value, contract } = submission.value
	const bytes = contract ? new Uint8Array(await contract.arrayBuffer()) : null
	const result = id ? await resubmitFiling(user, id, value, bytes, now()) : await createFiling(user, value, bytes, now())
	if (result.ok) return redirect(`/village/filings?${id ? 'resubmitted' : 'created'}=${result.id}`)
	if (result.problem === 'notFound' || result.problem === 'notReturned') return data({ result: submission.reply({ formErrors: ['form.notReturned'], hideFields: ['contract'] }) }, { status: 409 })
	return data({ result: submission.reply({ fieldErrors: { contract: [result.problem] }, hideFields: ['contract'] }) }, { status: result.problem === 'contractTooLarge' ? 413 : 400 })
}

/** The form's starting values: empty, or a returned filing's own (to correct it). */
export async function formDefaults(user: Village, id: string | null) {
	const today = chinaDay(now())
	if (!id) return { id: null, today, values: {} as Record<string, string> }
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
	return { id: f.id, today, values, codes: { type: f.listing.type, landClass: f.listing.landClass, transferMode: f.transferMode, priceUnit: f.priceUnit }, opinion: f.reviews[0]?.opinion ?? '' }
}
