// POST /village/listings/:id/photos — one photo for a listing of the user's village (multipart).
// Only real JPEG, PNG or WebP are kept (sharp reads the bytes; see photo.server.ts); a file over
// the cap is refused with a message, not a 500. The browser's upload (XMLHttpRequest, with a
// progress bar) asks for JSON; a plain form post without JavaScript is sent back to the listing
// with the outcome in the address.
import {
	json,
	MaxPartSizeExceededError,
	redirect,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
} from '@remix-run/node'
import { addPhoto } from '~/models/listing-workflow.server.ts'
import { isListingId } from '~/models/listing.server.ts'
import { MAX_PHOTO_BYTES, PhotoError } from '~/models/photo.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { cleanForm } from '~/utils/form.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'

/** Room for the other fields and the multipart framing around one full-size photo. */
const MAX_BODY_BYTES = MAX_PHOTO_BYTES + 256 * 1024

export async function loader({ params }: LoaderFunctionArgs) {
	// Nothing to show here: the listing's page has the upload form.
	return redirect(`/village/listings/${encodeURIComponent(params.id ?? '')}#photos`)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	const id = params.id
	invariantResponse(isListingId(id))
	const wantsJson = (request.headers.get('Accept') ?? '').includes('application/json')
	const answer = (problem: string | null, status = 200) => {
		if (wantsJson) return json(problem ? { ok: false, problem } : { ok: true }, { status })
		return redirect(`/village/listings/${id}?photo=${problem ?? 'added'}#photos`)
	}

	// A body announced as too large is refused before reading it.
	const length = Number(request.headers.get('Content-Length') ?? 0)
	if (length > MAX_BODY_BYTES) return answer('tooLarge', 413)

	let formData: FormData
	try {
		formData = cleanForm(await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES })))
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) return answer('tooLarge', 413)
		return answer('failed', 400)
	}
	await validateCSRF(formData, request.headers)

	const file = formData.get('photo')
	if (!file || typeof file === 'string' || file.size === 0) return answer('missing', 400)
	const caption = formData.get('caption')
	try {
		const result = await addPhoto(user, id, Buffer.from(await file.arrayBuffer()), typeof caption === 'string' ? caption.trim() : undefined)
		if (result.ok) return answer(null)
		invariantResponse(result.problem !== 'notFound')
		return answer(result.problem, 409)
	} catch (error) {
		if (error instanceof PhotoError) return answer(error.problem, 400)
		throw error
	}
}
