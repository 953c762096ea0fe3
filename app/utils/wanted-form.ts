// The wanted-post form's schema (issue 13), shared by the buyer's form (conform, in the browser) and
// the server action. Absurd ranges are refused here, next to their fields: a minimum above the
// maximum, negative numbers, areas and budgets beyond the sane limits, terms over 70 years.
import { z } from 'zod'
import { LISTING_TYPES, PRICE_UNITS } from '~/domain/listing.ts'
import { KIND_PRICE_UNITS, kindAllowedForType, WANTED_KINDS, WANTED_LIMITS } from '~/domain/wanted.ts'

const L = WANTED_LIMITS

const text = (min: number, max: number) => z.string({ required_error: 'required' }).trim().min(min, 'tooShort').max(max, 'tooLong')

/** An optional number: empty is "no bound"; negative is refused. */
const bound = z.coerce.number({ invalid_type_error: 'number' }).min(0, 'negative').optional()

export const WANTED_INTENTS = ['save', 'submit'] as const

export const WantedFormSchema = z
	.object({
		intent: z.enum(WANTED_INTENTS).default('save'),
		kind: z.enum(WANTED_KINDS, { required_error: 'required', invalid_type_error: 'invalid' }),
		title: text(L.titleMin, L.titleMax),
		types: z.array(z.enum(LISTING_TYPES, { invalid_type_error: 'invalid' }), { required_error: 'required' }).min(1, 'required').max(LISTING_TYPES.length),
		/** The first town: its reviewers review the post. */
		town: z.string({ required_error: 'required' }).trim().min(1, 'required').max(40),
		/** More towns where the buyer would also look. */
		otherTowns: z.array(z.string().trim().min(1).max(40)).max(L.towns - 1, 'tooManyTowns').default([]),
		areaUnit: z.enum(['mu', 'm2'], { required_error: 'required', invalid_type_error: 'invalid' }),
		areaMin: bound,
		areaMax: bound,
		priceUnit: z.enum(PRICE_UNITS, { required_error: 'required', invalid_type_error: 'invalid' }),
		budgetMin: bound,
		budgetMax: bound,
		intendedUse: text(L.useMin, L.useMax),
		termYears: z.coerce.number({ invalid_type_error: 'number' }).int('integer').min(1, 'positive').max(L.termMax, 'termTooLong').optional(),
		contactName: z
			.string()
			.trim()
			.max(40, 'tooLong')
			.optional()
			.transform((v) => v || undefined),
		contactPhone: z
			.string({ required_error: 'required' })
			.trim()
			.min(1, 'required')
			.refine((v) => /^[0-9+\-\s()]{5,20}$/.test(v), 'phone'),
	})
	.superRefine((v, ctx) => {
		const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
		for (const type of v.types) if (!kindAllowedForType(v.kind, type)) issue('types', 'kindNotForType')
		if (!KIND_PRICE_UNITS[v.kind].includes(v.priceUnit)) issue('priceUnit', 'unitNotForKind')
		else if (v.priceUnit === 'YUAN_PER_MU_YEAR' && v.types.some((t) => t !== 'LAND')) issue('priceUnit', 'perMuLandOnly')
		const areaMax = L.areaMax[v.areaUnit]
		for (const key of ['areaMin', 'areaMax'] as const) if ((v[key] ?? 0) > areaMax) issue(key, 'areaTooBig')
		if (v.areaMax === 0) issue('areaMax', 'positive')
		if (v.areaMin !== undefined && v.areaMax !== undefined && v.areaMin > v.areaMax) issue('areaMin', 'minAboveMax')
		const budgetMax = L.budgetMax[v.priceUnit]
		for (const key of ['budgetMin', 'budgetMax'] as const) if ((v[key] ?? 0) > budgetMax) issue(key, 'budgetTooBig')
		if (v.budgetMax === 0) issue('budgetMax', 'positive')
		if (v.budgetMin !== undefined && v.budgetMax !== undefined && v.budgetMin > v.budgetMax) issue('budgetMin', 'minAboveMax')
	})

export type WantedFormValues = z.infer<typeof WantedFormSchema>

/** The towns in order, the first once and first. */
export function wantedTownCodes(v: Pick<WantedFormValues, 'town' | 'otherTowns'>) {
	return [...new Set([v.town, ...v.otherTowns])]
}
