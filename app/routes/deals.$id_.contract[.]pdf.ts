// GET /deals/:id/contract.pdf — the contract generated from the model text (decision 030), for
// the deal's parties and officials only: printed, signed, and its scan uploaded by the village.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { isDealId } from '~/models/deal.server.ts'
import { contractPdf } from '~/models/contract.server.ts'
import { NoContractFontError } from '~/models/contract-pdf.server.ts'
import { requireUser } from '~/utils/auth.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	invariantResponse(isDealId(params.id))
	let pdf: Awaited<ReturnType<typeof contractPdf>>
	try {
		pdf = await contractPdf(user, params.id)
	} catch (error) {
		if (error instanceof NoContractFontError) throw new Response(error.message, { status: 503 })
		throw error
	}
	invariantResponse(pdf)
	return new Response(new Uint8Array(pdf.bytes), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Length': String(pdf.bytes.length),
			'Content-Disposition': `inline; filename="${pdf.contractNo}.pdf"`,
			// Personal data: never stored by shared caches.
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
