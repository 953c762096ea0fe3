import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'

// Every unknown path renders the real 404 page (with status 404).
export async function loader() {
	throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
	return null
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
