// GET /deals/:id/dossier.zip — the deal's dossier (档案, decision 031) for the officials who handle
// it: the administrator, the reviewers of its town, its village. It names every inquirer and the
// parties in full, so never the public and never other buyers.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { isDealId } from '~/models/deal.server.ts'
import { dossierZip } from '~/models/dossier.server.ts'
import { requireUser } from '~/utils/auth.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	invariantResponse(isDealId(params.id))
	const zip = await dossierZip(user, params.id)
	invariantResponse(zip)
	return new Response(new Uint8Array(zip.bytes), {
		headers: {
			'Content-Type': 'application/zip',
			'Content-Length': String(zip.bytes.length),
			'Content-Disposition': `attachment; filename="${zip.name}"`,
			...(zip.manifestHash ? { 'X-Dossier-Manifest-SHA256': zip.manifestHash } : {}),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
