// GET /deals/:id/changes/:changeId/:n — a document of a deal's change, early end or dispute
// (decision 033), for the deal's parties and officials only, like the signed contract.
import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { changeDocumentFor } from '~/models/deal-change.server.ts'
import { requireUser } from '~/utils/auth.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { uploadContentType } from '~/utils/upload-path.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const n = Number(params.n)
	invariantResponse(Number.isInteger(n) && n >= 0 && n < 100)
	const doc = await changeDocumentFor(user, params.id, params.changeId, n)
	const stat = doc ? await fs.stat(doc.file).catch(() => null) : null
	invariantResponse(doc && stat && stat.isFile())
	return new Response(createReadableStreamFromReadable(createReadStream(doc.file)), {
		headers: {
			'Content-Type': uploadContentType(doc.file),
			'Content-Length': String(stat.size),
			'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(doc.name)}`,
			// Personal data: never stored by shared caches.
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
