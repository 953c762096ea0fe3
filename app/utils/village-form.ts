// The village listing form's schema, shared by the browser (conform) and the server action:
// ListingFormSchema plus the drawn boundary's own checks (self-intersection, too few corners…),
// so the browser reports them before saving.
import type { Submission } from '@conform-to/react'
import { parseBoundary } from '~/domain/geometry.ts'
import { allowedTransferModes, isListingType, isTransferMode } from '~/domain/listing.ts'
import { ListingFormSchema } from './listing-form.ts'

export const VillageListingSchema = ListingFormSchema.superRefine((v, ctx) => {
	if (v.type !== 'LAND' || !v.boundary) return
	const { problem } = parseBoundary(v.boundary)
	if (problem) ctx.addIssue({ code: 'custom', path: ['boundary'], message: problem })
})

/** The cross-field rules, read straight from the form (zod skips them while a field is invalid). */
function crossFieldErrors(formData: FormData) {
	const errors: Record<string, string[]> = {}
	const type = formData.get('type')
	if (!isListingType(type)) return errors
	const mode = formData.get('transferMode')
	const boundary = String(formData.get('boundary') ?? '').trim()
	if (isTransferMode(mode) && !allowedTransferModes(type).includes(mode)) errors.transferMode = ['modeNotAllowed']
	if (type === 'LAND' && !formData.get('landClass')) errors.landClass = ['required']
	if (type !== 'LAND' && formData.get('priceUnit') === 'YUAN_PER_MU_YEAR') errors.priceUnit = ['landOnly']
	if (type !== 'LAND' && boundary) errors.boundary = ['landOnly']
	if (type === 'LAND' && boundary) {
		const { problem } = parseBoundary(boundary)
		if (problem) errors.boundary = [problem]
	}
	return errors
}

/**
 * Completes a failed submission with every cross-field problem at once, so the village sees all
 * that is wrong in one go. A bad boundary is then the one location problem shown: the pin and the
 * area follow from it, so their being empty is not reported separately.
 */
export function withCrossFieldErrors<S extends Submission<unknown, string[]>>(submission: S, formData: FormData): S {
	if (submission.status !== 'error' || !submission.error) return submission
	const error = submission.error
	for (const [name, codes] of Object.entries(crossFieldErrors(formData))) {
		if (!error[name]?.length) error[name] = codes
	}
	if (error.boundary?.length && formData.get('type') === 'LAND') {
		for (const name of ['lat', 'lng', 'area']) if (!String(formData.get(name) ?? '').trim()) delete error[name]
	}
	return submission
}
