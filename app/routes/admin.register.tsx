// /admin/register — every town's register of filed contracts (流转合同台账), or one town's with the
// filter (?town=<code>); the same view as the town reviewer's (components/filing-register.tsx).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FilingRegister } from '~/components/filing-register.tsx'
import { parseRegisterQuery, registerPage, registerYears } from '~/models/filing-register.server.ts'
import { LEDGER_EXPORT_LIMIT } from '~/models/ledger.server.ts'
import { warningTowns } from '~/models/warnings.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

export const handle = { i18n: ['filing', 'admin', 'common'] }

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'register:all')
	const query = parseRegisterQuery(new URL(request.url).searchParams)
	const [page, years, towns] = await Promise.all([registerPage(null, query), registerYears(null), warningTowns()])
	return { page: { ...page, page: query.page }, years, limit: LEDGER_EXPORT_LIMIT, towns: towns.map(({ code, name, nameEn }) => ({ code, name, nameEn })) }
}

export default function AdminRegister() {
	const { page, years, towns, limit } = useLoaderData<typeof loader>()
	const { t } = useTranslation('filing')
	return (
		<div>
			<h1 className="text-2xl font-bold">{t('register.heading')}</h1>
			<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('register.intro')}</p>
			<FilingRegister page={page} years={years} towns={towns} limit={limit} />
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'filing')('register.heading')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
