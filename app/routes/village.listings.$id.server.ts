// Server code of /village/listings/:id: the page's data, and one handler per form `intent`.
// Every query is scoped to the user's village: another village's listing is a 404.
import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import type { ListingStatus } from '~/domain/listing.ts'
import type { HeldParcel } from '~/domain/parcels.ts'
import { changeListingPrice, deletePhoto, EDITABLE, saveDecision, submitListing, withdrawListing } from '~/models/listing-workflow.server.ts'
import { holderHref, listingParcels } from '~/models/parcel.server.ts'
import { relistListing, relistState } from '~/models/relist.server.ts'
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_LISTING } from '~/models/photo.server.ts'
import { getVillageListing } from '~/models/village.server.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { DecisionFormSchema, LISTING_LIMITS } from '~/utils/listing-form.ts'
import { knownValue } from '~/utils/page-notice.ts'
import { now } from '~/utils/clock.server.ts'

/** What the last redirect says on the page (`?notice=`), and how the last photo upload went (`?photo=`). */
const NOTICES = ['created', 'saved', 'submitted', 'withdrawn', 'photoDeleted', 'decisionSaved', 'notEditable', 'priceChanged', 'relisted'] as const
const PHOTO_OUTCOMES = ['added', 'empty', 'tooLarge', 'notAnImage', 'tooManyPixels', 'tooMany', 'notEditable', 'missing', 'failed'] as const

type Notice = (typeof NOTICES)[number]

export async function villageListingPage(user: Pick<SessionUser, 'villageId'>, id: string | undefined, search: URLSearchParams) {
	invariantResponse(user.villageId)
	const listing = await getVillageListing(user.villageId, id)
	invariantResponse(listing)
	return {
		listing,
		parcels: await listingParcels(listing.id),
		relist: await relistState(user.villageId, listing.id),
		editable: EDITABLE.includes(listing.status as ListingStatus),
		notice: knownValue(NOTICES, search.get('notice')),
		photoOutcome: knownValue(PHOTO_OUTCOMES, search.get('photo')),
		maxPhotoBytes: MAX_PHOTO_BYTES,
		maxPhotos: MAX_PHOTOS_PER_LISTING,
	}
}

const WithdrawSchema = z.object({ reason: z.string({ required_error: 'required' }).trim().min(4, 'tooShort').max(500, 'tooLong') })

const PriceSchema = z.object({
	price: z.coerce.number({ required_error: 'required', invalid_type_error: 'number' }).positive('positive').max(LISTING_LIMITS.priceMax, 'tooBig'),
})

export type VillageListingActionData =
	| { intent: 'submit'; problem: string; held?: HeldParcel[] }
	| { intent: 'withdraw'; problem?: string; result?: SubmissionResult<string[]> }
	| { intent: 'save-decision'; problem?: string; result?: SubmissionResult<string[]> }
	| { intent: 'delete-photo'; problem: string }
	| { intent: 'change-price'; problem?: string; result?: SubmissionResult<string[]> }
	| { intent: 'relist'; problem: string }

type Actor = Pick<SessionUser, 'id' | 'villageId'>
const reply = (body: VillageListingActionData, status: number) => data(body, { status })
type Handler = (user: Actor, id: string, formData: FormData, back: (notice: Notice, hash?: string) => Response) => Promise<Response | ReturnType<typeof reply>>

const HANDLERS: Record<VillageListingActionData['intent'], Handler> = {
	async submit(user, id, _formData, back) {
		const result = await submitListing(user, id, now())
		if (result.ok) return back('submitted')
		const held = result.problem === 'parcelHeld' ? result.holders.map((h) => ({ code: h.code, title: h.title, href: holderHref(h) })) : undefined
		return reply({ intent: 'submit', problem: result.problem, held }, result.problem === 'notFound' ? 404 : 409)
	},
	async withdraw(user, id, formData, back) {
		const submission = parseWithZod(formData, { schema: WithdrawSchema })
		if (submission.status !== 'success') return reply({ intent: 'withdraw', result: submission.reply() }, 400)
		if (await withdrawListing(user, id, submission.value.reason)) return back('withdrawn')
		return reply({ intent: 'withdraw', problem: 'notPublished' }, 409)
	},
	async 'change-price'(user, id, formData, back) {
		const submission = parseWithZod(formData, { schema: PriceSchema })
		if (submission.status !== 'success') return reply({ intent: 'change-price', result: submission.reply() }, 400)
		const result = await changeListingPrice(user, id, submission.value.price)
		if (result.ok) return back('priceChanged')
		return reply({ intent: 'change-price', problem: `price-${result.problem}` }, result.problem === 'notFound' ? 404 : 409)
	},
	async 'delete-photo'(user, _id, formData, back) {
		const photoId = formData.get('photoId')
		if (typeof photoId === 'string' && (await deletePhoto(user, photoId))) return back('photoDeleted', '#photos')
		return reply({ intent: 'delete-photo', problem: 'photoNotDeleted' }, 409)
	},
	async relist(user, id) {
		const result = await relistListing(user, id)
		// The new draft opens, to be checked and submitted.
		if (result.ok) return redirect(`/village/listings/${result.id}?notice=relisted`)
		return reply({ intent: 'relist', problem: `relist-${result.problem}` }, result.problem === 'notFound' ? 404 : 409)
	},
	async 'save-decision'(user, id, formData, back) {
		const submission = parseWithZod(formData, { schema: DecisionFormSchema })
		if (submission.status !== 'success') return reply({ intent: 'save-decision', result: submission.reply() }, 400)
		if (await saveDecision(user, id, submission.value)) return back('decisionSaved', '#decision')
		return reply({ intent: 'save-decision', problem: 'notEditable' }, 409)
	},
}

/** The listing's owner is checked by the caller; this runs the form's intent. */
export function handleVillageListingIntent(user: Actor, id: string, formData: FormData) {
	const intent = formData.get('intent')
	invariantResponse(typeof intent === 'string' && Object.hasOwn(HANDLERS, intent), 'Unknown intent', { status: 400 })
	const back = (notice: Notice, hash = '') => redirect(`/village/listings/${id}?notice=${notice}${hash}`)
	return HANDLERS[intent as keyof typeof HANDLERS](user, id, formData, back)
}
