// The upload action of /admin/imports/parcels: the file is read and checked at once; a file that
// cannot be imported is refused with its reason (nothing written), one that can is staged with
// its preview report and the administrator goes to that preview.
import { data, redirect } from '@remix-run/node'
import { ImportRefusal, previewParcelFile } from '~/models/parcel-import.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { PARCEL_FILE_MAX_MB, type UploadAnswer } from '~/utils/parcel-import-page.ts'
import { IMPORT_BODY_LIMIT } from '../../server/request-guards.js'

const MAX_FILE_BYTES = PARCEL_FILE_MAX_MB * 1024 * 1024


export async function uploadParcelFile(request: Request, actorId: string) {
	// A direct call (tests, the dev server) without the server's guard in front is refused the same way.
	if (Number(request.headers.get('Content-Length') ?? 0) > IMPORT_BODY_LIMIT) return data<UploadAnswer>({ problem: 'tooLarge' }, { status: 413 })
	const form = await readForm(request)
	await validateCSRF(form, request.headers)
	const file = form.get('file')
	if (!file || typeof file === 'string' || file.size === 0) return data<UploadAnswer>({ problem: 'missing' }, { status: 400 })
	if (file.size > MAX_FILE_BYTES) return data<UploadAnswer>({ problem: 'tooLarge' }, { status: 413 })
	try {
		const id = await previewParcelFile({ fileName: file.name || 'upload', bytes: Buffer.from(await file.arrayBuffer()), actorId })
		return redirect(`/admin/imports/parcels/${id}`)
	} catch (error) {
		if (error instanceof ImportRefusal) return data<UploadAnswer>({ refusal: { code: error.code, params: error.params } }, { status: 400 })
		throw error
	}
}
