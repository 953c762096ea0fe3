// The listing form's schema, shared by the village's form (conform, in the browser) and the
// server action. Cross-field rules (allowed transfer modes, land-only fields) live here too.
import { z } from 'zod'
import { parseChinaDate } from './calendar-date.ts'
import { MAX_PARCELS_PER_LISTING } from '~/domain/parcels.ts'
import { allowedTransferModes, LAND_CLASSES, LISTING_TYPES, PRICE_UNITS, TRADING_MODES, TRANSFER_MODES } from '~/domain/listing.ts'

const text = (min: number, max: number) => z.string({ required_error: 'required' }).trim().min(min, 'tooShort').max(max, 'tooLong')
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'tooLong')
		.optional()
		.transform((v) => (v ? v : undefined))

export const LISTING_LIMITS = {
	titleMax: 80,
	descriptionMax: 5000,
	areaMax: 1_000_000,
	priceMax: 1_000_000_000,
	termMax: 70,
	listingDaysMax: 3650,
}

export const ListingFormSchema = z
	.object({
		type: z.enum(LISTING_TYPES, { required_error: 'required', invalid_type_error: 'invalid' }),
		title: text(4, LISTING_LIMITS.titleMax),
		description: text(10, LISTING_LIMITS.descriptionMax),
		lat: z.coerce.number({ required_error: 'pickPoint', invalid_type_error: 'pickPoint' }).min(17, 'pickPoint').max(54, 'pickPoint'),
		lng: z.coerce.number({ required_error: 'pickPoint', invalid_type_error: 'pickPoint' }).min(73, 'pickPoint').max(136, 'pickPoint'),
		/** GeoJSON Polygon text (land only); validated and measured on the server. */
		boundary: z.string().max(100_000, 'tooManyPoints').optional(),
		area: z.coerce.number({ required_error: 'required', invalid_type_error: 'number' }).positive('positive').max(LISTING_LIMITS.areaMax, 'tooBig'),
		landClass: z.enum(LAND_CLASSES).optional(),
		/** The 确权 parcels the land is made of (land only); the server reads their boundary and area. */
		parcelIds: z.array(z.string().trim().min(1).max(40)).max(MAX_PARCELS_PER_LISTING, 'tooManyParcels').optional(),
		price: z.coerce.number({ required_error: 'required', invalid_type_error: 'number' }).positive('positive').max(LISTING_LIMITS.priceMax, 'tooBig'),
		priceUnit: z.enum(PRICE_UNITS, { required_error: 'required', invalid_type_error: 'invalid' }),
		transferMode: z.enum(TRANSFER_MODES, { required_error: 'required', invalid_type_error: 'invalid' }),
		tradingMode: z.enum(TRADING_MODES).default('NEGOTIATED'),
		termYears: z.coerce.number({ invalid_type_error: 'number' }).int('integer').min(1, 'positive').max(LISTING_LIMITS.termMax, 'tooBig').optional(),
		listingDays: z.coerce.number({ invalid_type_error: 'number' }).int('integer').min(7, 'tooSmall').max(LISTING_LIMITS.listingDaysMax, 'tooBig').default(365),
		contactName: optionalText(40),
		contactPhone: optionalText(40).refine((v) => !v || /^[0-9+\-\s()]{5,20}$/.test(v), 'phone'),
	})
	.superRefine((v, ctx) => {
		if (!allowedTransferModes(v.type).includes(v.transferMode)) ctx.addIssue({ code: 'custom', path: ['transferMode'], message: 'modeNotAllowed' })
		if (v.type === 'LAND' && !v.landClass) ctx.addIssue({ code: 'custom', path: ['landClass'], message: 'required' })
		if (v.type !== 'LAND' && v.parcelIds?.length) ctx.addIssue({ code: 'custom', path: ['parcelIds'], message: 'landOnly' })
		if (v.type !== 'LAND' && v.boundary) ctx.addIssue({ code: 'custom', path: ['boundary'], message: 'landOnly' })
		if (v.type !== 'LAND' && v.priceUnit === 'YUAN_PER_MU_YEAR') ctx.addIssue({ code: 'custom', path: ['priceUnit'], message: 'landOnly' })
	})

export type ListingFormValues = z.infer<typeof ListingFormSchema>

const dateField = z
	.string()
	.trim()
	.optional()
	.transform((v, ctx) => {
		if (!v) return null
		const d = parseChinaDate(v)
		if (!d) {
			ctx.addIssue({ code: 'custom', message: 'date' })
			return z.NEVER
		}
		return d
	})
const count = z.coerce.number({ invalid_type_error: 'number' }).int('integer').min(0, 'positive').max(100_000, 'tooBig').optional().transform((v) => v ?? null)

/** The 四议两公开 record as typed; checkDecision (domain) then applies the rules. */
export const DecisionFormSchema = z.object({
	proposalDate: dateField,
	committeeDate: dateField,
	partyMeetingDate: dateField,
	partyMembersTotal: count,
	partyMembersPresent: count,
	partyVotesFor: count,
	villagersMeetingDate: dateField,
	villagersTotal: count,
	villagersPresent: count,
	villagersVotesFor: count,
	resolutionText: z.string().trim().max(5000, 'tooLong').optional().transform((v) => v || null),
	resolutionPublicDate: dateField,
})
