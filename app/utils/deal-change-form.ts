// The forms of a certified deal's changes, early end and disputes (decision 033), shared by the
// action and the page: a party files one (intent=file), the town's reviewer decides (intent=decide).
import { z } from 'zod'
import { CHANGE_KINDS, REASON_LIMITS } from '~/domain/deal-change.ts'

const optionalNumber = (integer = false) =>
	z.preprocess(
		(v) => (v === '' || v === undefined || v === null ? undefined : v),
		integer ? z.coerce.number({ invalid_type_error: 'number' }).int('integer').optional() : z.coerce.number({ invalid_type_error: 'number' }).finite('number').optional(),
	)

/** A file input with nothing chosen still sends an empty part: that is no document. */
const documents = z.preprocess(
	(v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((f) => typeof f === 'object' && f !== null && 'size' in f && (f as Blob).size > 0),
	z.array(z.instanceof(Blob)),
)

export const FileChangeSchema = z.object({
	intent: z.literal('file'),
	kind: z.enum(CHANGE_KINDS, { errorMap: () => ({ message: 'invalid' }) }),
	reason: z.string({ required_error: 'required' }).trim().min(REASON_LIMITS.min, 'tooShort').max(REASON_LIMITS.max, 'tooLong'),
	newPrice: optionalNumber(),
	newArea: optionalNumber(),
	newTermYears: optionalNumber(true),
	effectiveOn: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date').optional()),
	documents,
})

export const DecideChangeSchema = z.object({
	intent: z.literal('decide'),
	changeId: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'invalid'),
	decision: z.enum(['APPROVED', 'REJECTED'], { errorMap: () => ({ message: 'required' }) }),
	opinion: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(1000, 'tooLong'),
})

/** The village renews its lease with the same buyer: the new price (in the deal's unit) and term. */
export const RenewSchema = z.object({
	intent: z.literal('renew'),
	price: z.coerce.number({ required_error: 'required', invalid_type_error: 'number' }).positive('positive'),
	termYears: z.coerce.number({ required_error: 'required', invalid_type_error: 'number' }).int('integer').min(1, 'positive').max(70, 'tooBig'),
})
