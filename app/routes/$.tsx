import type { MetaFunction } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

// Every unknown path renders the real 404 page (with status 404).
export async function loader() {
	invariantResponse(false)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'common')('errors.notFoundTitle')) }]
}

export default function NotFound() {
	return null
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
