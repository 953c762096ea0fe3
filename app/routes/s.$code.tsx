// /s/:code — a listing's short link (issue 13, decision 026): redirects to the listing's page. A
// code that names no public listing renders the real 404 page.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { listingIdForCode } from '~/models/share.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

export async function loader({ params }: LoaderFunctionArgs) {
	const id = await listingIdForCode(params.code)
	invariantResponse(id)
	// 302, not 301: a listing that stops being public must stop resolving, so nobody caches the move.
	return redirect(`/listings/${id}`)
}

export default function ShortLink() {
	return null
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'common')('errors.notFoundTitle')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
