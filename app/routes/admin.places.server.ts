// The action of /admin/places: each `intent` parses its own schema once and calls the model.
// A problem the model finds (a code or name already taken, an unknown id) goes back to the form
// that was sent, on the field it concerns.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import type { z } from 'zod'
import { createTown, createVillage, updateTown, updateVillage, type PlaceResult } from '~/models/admin.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import {
	isPlaceIntent,
	PLACE_DONE,
	placeFormId,
	placesHref,
	TownCreateSchema,
	TownUpdateSchema,
	VillageCreateSchema,
	VillageUpdateSchema,
	type PlaceIntent,
} from '~/utils/place-form.ts'

type Change = { result: PlaceResult; town?: string }

/** One intent: its schema, and what to do with the parsed value. Parsing happens once, here. */
function intent<S extends z.ZodTypeAny>(schema: S, run: (actorId: string, value: z.output<S>) => Promise<Change>) {
	return async (actorId: string, formData: FormData) => {
		const submission = parseWithZod(formData, { schema })
		return { submission, change: submission.status === 'success' ? await run(actorId, submission.value) : null }
	}
}

const INTENTS = {
	'create-town': intent(TownCreateSchema, async (actorId, v) => ({ result: await createTown(actorId, v), town: v.code })),
	'update-town': intent(TownUpdateSchema, async (actorId, { id, ...v }) => ({ result: await updateTown(actorId, id, v) })),
	'create-village': intent(VillageCreateSchema, async (actorId, v) => ({ result: await createVillage(actorId, v) })),
	'update-village': intent(VillageUpdateSchema, async (actorId, { id, ...v }) => ({ result: await updateVillage(actorId, id, v) })),
} satisfies Record<PlaceIntent, unknown>

export async function changePlaces(request: Request, actorId: string, formData: FormData) {
	const name = formData.get('intent')
	invariantResponse(isPlaceIntent(name), 'Unknown intent', { status: 400 })
	const formId = placeFormId(name, String(formData.get('id') ?? ''))
	const { submission, change } = await INTENTS[name](actorId, formData)
	if (!change) return data({ formId, result: submission.reply() }, { status: 400 })
	const { result, town } = change
	if (!result.ok) {
		const reply = result.field === 'id' ? submission.reply({ formErrors: [result.problem] }) : submission.reply({ fieldErrors: { [result.field]: [result.problem] } })
		return data({ formId, result: reply }, { status: result.problem === 'notFound' ? 404 : 400 })
	}
	return redirect(placesHref(new URL(request.url).searchParams, PLACE_DONE[name], town))
}
