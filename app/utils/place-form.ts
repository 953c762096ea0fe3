// The forms of /admin/places: one zod schema per `intent`, read by conform in the browser and by
// the action on the server, and the URLs the page goes back to after a change.
import { z } from 'zod'

const text = (min: number, max: number) => z.string({ required_error: 'required' }).trim().min(min, 'tooShort').max(max, 'tooLong')
const optionalText = (max: number) => z.string().trim().max(max, 'tooLong').optional()
const code = z
	.string({ required_error: 'required' })
	.trim()
	.toLowerCase()
	.min(2, 'tooShort')
	.max(40, 'tooLong')
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'code')
// Mainland China with a margin (as for listings): catches swapped or mistyped coordinates.
const degrees = (min: number, max: number) =>
	z.preprocess((v) => (v === undefined ? undefined : Number(v)), z.number({ required_error: 'required', invalid_type_error: 'number' }).min(min, 'outsideChina').max(max, 'outsideChina'))
const lat = degrees(17, 54)
const lng = degrees(73, 136)
const kind = z.enum(['TOWN', 'SUMU'], { required_error: 'required', invalid_type_error: 'invalid' })
const contactPhone = optionalText(20).refine((v) => !v || /^[0-9+\-\s()]{5,20}$/.test(v), 'phone')
const id = z.string({ required_error: 'required' }).max(64)

export const TownCreateSchema = z.object({ code, name: text(2, 40), nameEn: text(2, 80), kind, lat, lng })
export const TownUpdateSchema = z.object({ id, name: text(2, 40), nameEn: text(2, 80), kind })
export const VillageCreateSchema = z.object({
	townId: z.string({ required_error: 'required' }).max(64),
	code,
	name: text(2, 40),
	nameEn: text(2, 80),
	lat,
	lng,
	contactName: optionalText(40),
	contactPhone,
})
export const VillageUpdateSchema = z.object({ id, name: text(2, 40), nameEn: text(2, 80), contactName: optionalText(40), contactPhone })

export const PLACE_INTENTS = ['create-town', 'update-town', 'create-village', 'update-village'] as const
export type PlaceIntent = (typeof PLACE_INTENTS)[number]

/** What the page says after each change (`?done=`). */
export const PLACE_DONE = { 'create-town': 'townCreated', 'update-town': 'townUpdated', 'create-village': 'villageCreated', 'update-village': 'villageUpdated' } as const satisfies Record<PlaceIntent, string>
export const DONE_NOTICES = Object.values(PLACE_DONE)

export function isPlaceIntent(value: unknown): value is PlaceIntent {
	return PLACE_INTENTS.some((intent) => intent === value)
}

/** The form that was sent: a create form, or the edit form of one town or village. */
export function placeFormId(intent: PlaceIntent, recordId?: string) {
	return intent.startsWith('create') ? intent : `${intent}-${recordId ?? ''}`
}

/** Back to the list after a change, keeping the town filter (or showing the new town). */
export function placesHref(current: URLSearchParams, done: string, town?: string | null) {
	const params = new URLSearchParams()
	const shown = town ?? current.get('town')
	if (shown) params.set('town', shown)
	params.set('done', done)
	return `/admin/places?${params}`
}

/** A link on the page that keeps the town filter and adds `extra` (which form to show). */
export function keepTownFilter(townFilter: string, extra: Record<string, string> = {}) {
	const params = new URLSearchParams()
	if (townFilter) params.set('town', townFilter)
	for (const [k, v] of Object.entries(extra)) params.set(k, v)
	return `?${params}`
}
