// /admin/warnings — the early-warning page (风险预警) for administrators: every town's, or one
// town's with the filter (?town=<code>).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FilterForm, FilterSelect } from '~/components/admin-ui.tsx'
import { EarlyWarnings } from '~/components/early-warnings.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { earlyWarnings, missingCalendarYears, warningTowns, type Warning } from '~/models/warnings.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'

export const handle = { i18n: ['deadlines', 'bidding', 'admin'] }

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'warnings:all')
	const towns = await warningTowns()
	const code = new URL(request.url).searchParams.get('town')
	const town = towns.find((t) => t.code === code) ?? null
	return { rows: await earlyWarnings(town?.id ?? null), towns, missingYears: missingCalendarYears() }
}

const linkOf = (w: Warning) => `/admin/listings/${w.listingId}`

export default function AdminWarnings() {
	const { rows, towns, missingYears } = useLoaderData<typeof loader>()
	const { t } = useTranslation('deadlines')
	const locale = useLocale()
	return (
		<div>
			<h1 className="text-2xl font-bold">{t('warnings.heading')}</h1>
			<FilterForm resetTo="/admin/warnings" count={rows.length} columns={5}>
				<FilterSelect label={t('warnings.town')} name="town">
					{towns.map((x) => (
						<option key={x.code} value={x.code}>
							{locale === 'en' ? x.nameEn : x.name}
						</option>
					))}
				</FilterSelect>
			</FilterForm>
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
