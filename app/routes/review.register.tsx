// /review/register — the town's register of filed contracts (流转合同台账): every contract filed
// in the reviewer's town, on the platform or from outside, with filters and an Excel export.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FilingRegister } from '~/components/filing-register.tsx'
import { LEDGER_EXPORT_LIMIT } from '~/models/ledger.server.ts'
import { parseRegisterQuery, registerPage, registerYears } from '~/models/filing-register.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

export const handle = { i18n: ['filing', 'admin', 'common'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'register:town')
	invariantResponse(user.townId, 'Not found', { status: 404 })
	const query = parseRegisterQuery(new URL(request.url).searchParams)
	const [page, years] = await Promise.all([registerPage(user.townId, query), registerYears(user.townId)])
	return { page: { ...page, page: query.page }, years, limit: LEDGER_EXPORT_LIMIT }
}

export default function ReviewRegister() {
	const { page, years, limit } = useLoaderData<typeof loader>()
	const { t } = useTranslation('filing')
	return (
		<div className="mx-auto max-w-6xl px-4 py-6">
			<h1 className="text-2xl font-bold">{t('register.heading')}</h1>
			<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('register.intro')}</p>
			<FilingRegister page={page} years={years} towns={null} limit={limit} />
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
