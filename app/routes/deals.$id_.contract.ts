// GET /deals/:id/contract — the signed contract of a deal, for its parties and officials only.
import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { contractFor } from '~/models/deal.server.ts'
import { requireUser } from '~/utils/auth.server.ts'
import { uploadContentType } from '~/utils/upload-path.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const file = await contractFor(user, params.id)
	const stat = file ? await fs.stat(file).catch(() => null) : null
	invariantResponse(file && stat && stat.isFile())
	return new Response(createReadableStreamFromReadable(createReadStream(file)), {
		headers: {
			'Content-Type': uploadContentType(file),
			'Content-Length': String(stat.size),
			'Content-Disposition': 'inline',
			// Personal data: never stored by shared caches.
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
