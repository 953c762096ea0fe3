// The server side of /deals/:id/changes (decision 033): reading the multipart form within the
// documents' caps, and the two intents — a party files (file), the town's reviewer decides
// (decide). A refusal of the model goes next to its field (400), or above the form (409).
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { MAX_DOCUMENTS } from '~/domain/deal-change.ts'
import { decideChange, fileChange, renewDeal, type FileInput } from '~/models/deal-change.server.ts'
import { MAX_CONTRACT_BYTES } from '~/models/deal.server.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { now } from '~/utils/clock.server.ts'
import { DecideChangeSchema, FileChangeSchema, RenewSchema } from '~/utils/deal-change-form.ts'
import { readMultipartForm } from '~/utils/form.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'

/** Every document at its cap, plus room for the other fields. */
export const readChangeForm = (request: Request) => readMultipartForm(request, MAX_CONTRACT_BYTES, MAX_DOCUMENTS * MAX_CONTRACT_BYTES + 256 * 1024)

export const documentsTooLarge = () => data({ intent: 'file' as const, result: { status: 'error' as const, error: { documents: ['contractTooLarge'] } } }, { status: 413 })

export async function fileIntent(user: SessionUser, dealId: string, formData: FormData) {
	const submission = parseWithZod(formData, { schema: FileChangeSchema })
	if (submission.status !== 'success') return data({ intent: 'file' as const, result: submission.reply({ hideFields: ['documents'] }) }, { status: 400 })
	const v = submission.value
	const documents: FileInput['documents'] = await Promise.all(v.documents.map(async (f) => ({ name: f instanceof File ? f.name : '', bytes: new Uint8Array(await f.arrayBuffer()) })))
	const result = await fileChange(
		user,
		dealId,
		{
			kind: v.kind,
			reason: v.reason,
			terms: { price: v.newPrice ?? null, area: v.newArea ?? null, termYears: v.newTermYears ?? null },
			effectiveOn: v.effectiveOn ?? null,
			documents,
		},
		now(),
	)
	if (!result.ok) {
		invariantResponse(result.problem !== 'notFound')
		const options = result.field ? { fieldErrors: { [result.field]: [result.problem] }, hideFields: ['documents'] } : { formErrors: [result.problem], hideFields: ['documents'] }
		return data({ intent: 'file' as const, result: submission.reply(options) }, { status: result.field ? 400 : 409 })
	}
	return redirect(`/deals/${dealId}/changes?filed=1`)
}

export async function decideIntent(user: SessionUser, dealId: string, formData: FormData) {
	const submission = parseWithZod(formData, { schema: DecideChangeSchema })
	const changeId = String(formData.get('changeId') ?? '')
	if (submission.status !== 'success') return data({ intent: 'decide' as const, changeId, result: submission.reply() }, { status: 400 })
	const v = submission.value
	const result = await decideChange(user, v.changeId, v.decision, v.opinion, now())
	if (!result.ok) {
		invariantResponse(result.problem !== 'notFound')
		return data({ intent: 'decide' as const, changeId, result: submission.reply({ formErrors: [result.problem] }) }, { status: 409 })
	}
	return redirect(`/deals/${dealId}/changes?decided=1`)
}

export async function renewIntent(user: SessionUser, dealId: string, formData: FormData) {
	const submission = parseWithZod(formData, { schema: RenewSchema })
	if (submission.status !== 'success') return data({ intent: 'renew' as const, result: submission.reply() }, { status: 400 })
	const result = await renewDeal(user, dealId, submission.value, now())
	if (!result.ok) {
		invariantResponse(result.problem !== 'notFound')
		const options = result.field ? { fieldErrors: { [result.field]: [result.problem] } } : { formErrors: [result.problem] }
		return data({ intent: 'renew' as const, result: submission.reply(options) }, { status: result.field ? 400 : 409 })
	}
	// The renewal's contract is generated and signed where the village records deals.
	return redirect(`/village/listings/${result.listingId}/deal?recorded=1`)
}
