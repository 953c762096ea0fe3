import type { MetaFunction } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { resources } from '~/i18n.ts'
import type { loader as rootLoader } from '~/root.tsx'

// Every unknown path renders the real 404 page (with status 404).
export async function loader() {
	throw new Response('Not found', { status: 404 })
}

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => {
	const common = resources[matches.find((m) => m.id === 'root')?.data?.locale === 'en' ? 'en' : 'zh'].common
	return [{ title: `${common.errors.notFoundTitle} | ${common.appName}` }]
}

export default function NotFound() {
	return null
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
