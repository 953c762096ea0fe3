// /review/warnings — the town reviewer's early-warning page (风险预警): overdue rent, contracts
// ending within 90 days, and listings and deals stuck too long, in the reviewer's own town only.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { EarlyWarnings } from '~/components/early-warnings.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { earlyWarnings, missingCalendarYears, type Warning } from '~/models/warnings.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

export const handle = { i18n: ['deadlines', 'bidding', 'admin'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'warnings:town')
	invariantResponse(user.townId, 'Not found', { status: 404 })
	return { rows: await earlyWarnings(user.townId), missingYears: missingCalendarYears() }
}

// Listings under review open the reviewer's listing page; deals the reviewer's deal page.
const linkOf = (w: Warning) => (w.kind === 'disputeOpen' ? `/deals/${w.dealId}/changes` : w.dealId ? `/review/deals/${w.dealId}` : `/review/listings/${w.listingId}`)

export default function ReviewWarnings() {
	const { rows, missingYears } = useLoaderData<typeof loader>()
	const { t } = useTranslation('deadlines')
	return (
		<div className="mx-auto max-w-6xl px-4 py-6">
			<h1 className="text-2xl font-bold">{t('warnings.heading')}</h1>
			<EarlyWarnings rows={rows} linkOf={linkOf} missingYears={missingYears} />
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'deadlines')('warnings.heading')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
