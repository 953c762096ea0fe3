import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** One error page for every route: 404s, 400s with their message, and unexpected errors. */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation()
	let title = t('errors.serverTitle')
	let message = t('errors.server')
	let status = 500
	if (isRouteErrorResponse(error)) {
		status = error.status
		if (error.status === 404) {
			title = t('errors.notFoundTitle')
			message = t('errors.notFound')
		} else if (error.status === 400) {
			title = t('errors.badRequestTitle')
			message = typeof error.data === 'string' ? error.data : (error.data?.message ?? message)
		} else if (error.status === 503) {
			title = t('errors.unavailableTitle')
			message = t('errors.unavailable')
		} else if (error.status === 403) {
			title = t('errors.forbiddenTitle')
			message = typeof error.data === 'string' ? error.data : message
		}
	} else if (typeof document !== 'undefined') {
		console.error(error)
	}
	return (
		<div className="mx-auto max-w-xl px-4 py-16 text-center">
			<p className="text-5xl font-bold text-brand-700">{status}</p>
			<h1 className="mt-4 text-2xl font-semibold">{title}</h1>
			<p className="mt-3 text-stone-600">{message}</p>
			<Link to="/" className="mt-8 inline-block rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
				{t('errors.backHome')}
			</Link>
		</div>
	)
}
