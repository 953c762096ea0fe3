// GET /admin/contracts/:kind/preview?version=N — a template version printed with sample values,
// as the administrator checks it before (or after) saving.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { isTemplateKind } from '~/domain/contract-template.ts'
import { templatePreview } from '~/models/contract.server.ts'
import { NoContractFontError } from '~/models/contract-pdf.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:contract-templates')
	const version = Number(new URL(request.url).searchParams.get('version'))
	invariantResponse(isTemplateKind(params.kind) && Number.isInteger(version) && version > 0 && version < 1_000_000)
	let pdf: Awaited<ReturnType<typeof templatePreview>>
	try {
		pdf = await templatePreview(params.kind, version)
	} catch (error) {
		if (error instanceof NoContractFontError) throw new Response(error.message, { status: 503 })
		throw error
	}
	invariantResponse(pdf)
	return new Response(new Uint8Array(pdf.bytes), {
		headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${params.kind}-v${version}.pdf"`, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
	})
}
