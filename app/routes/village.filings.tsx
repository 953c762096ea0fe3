// /village/filings — the village's deals agreed outside the platform and filed (备案) with the
// township: their state, the reason of a return (correct and resubmit, or withdraw it).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { AdminTable, num, td } from '~/components/admin-ui.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { villageFilings, withdrawFiling } from '~/models/filing.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate, formatMoney } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'
import { useLocale } from '~/utils/root-data.ts'

export const handle = { i18n: ['common', 'admin', 'village', 'filing'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'filing:create:own-village')
	const url = new URL(request.url)
	const filings = await villageFilings(user)
	const note = url.searchParams.has('created') ? 'created' : url.searchParams.has('resubmitted') ? 'resubmitted' : url.searchParams.has('withdrawn') ? 'withdrawn' : null
	return {
		note,
		filings: filings.map((f) => ({ id: f.id, title: f.listing.title, party: f.outsideBuyerName, total: f.totalValueYuan, contractDate: f.contractDate, state: f.state, opinion: f.state === 'RETURNED' ? (f.reviews[0]?.opinion ?? '') : '' })),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'filing:create:own-village')
	const form = await readForm(request)
	await validateCSRF(form, request.headers)
	const id = form.get('id')
	const result = typeof id === 'string' && form.get('intent') === 'withdraw' ? await withdrawFiling(user, id) : null
	if (!result?.ok) return data({ error: 'form.notReturned' }, { status: 409 })
	return redirect('/village/filings?withdrawn')
}

export const shouldRevalidate = revalidateAfterRefusal

export default function VillageFilingsRoute() {
	const { filings, note } = useLoaderData<typeof loader>()
	const { t } = useTranslation('filing')
	const locale = useLocale()
	return (
		<div>
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div className="max-w-2xl">
					<h1 className="text-2xl font-bold">{t('filings.title')}</h1>
					<p className="mt-1 text-sm text-stone-600">{t('filings.intro')}</p>
				</div>
				<Link to="/village/filings/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
					{t('filings.new')}
				</Link>
			</div>
			{note ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t(`filings.${note}`)}
				</p>
			) : null}
			{filings.length === 0 ? (
				<p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white px-4 py-8 text-center text-stone-600">{t('filings.empty')}</p>
			) : (
				<AdminTable id="filings" caption={t('filings.title')} headers={[t('filings.columns.title'), t('filings.columns.party'), t('filings.columns.total'), t('filings.columns.contractDate'), t('filings.columns.state'), '']}>
					<tbody className="divide-y divide-stone-100">
						{filings.map((f) => (
							<tr key={f.id} data-testid="filing-row" data-state={f.state}>
								<td className={`${td} whitespace-normal`}>{f.title}</td>
								<td className={td}>{f.party}</td>
								<td className={num}>{formatMoney(f.total, locale)}</td>
								<td className={td}>{formatDate(f.contractDate, locale)}</td>
								<td className={`${td} whitespace-normal`}>
									{t(`filings.states.${f.state}`)}
									{f.opinion ? <span className="block text-xs text-amber-800">{t('filings.returnedBecause', { opinion: f.opinion })}</span> : null}
								</td>
								<td className={td}>
									{f.state === 'RETURNED' ? (
										<div className="flex gap-3">
											<Link to={`/village/filings/new?id=${f.id}`} className="text-brand-700 underline">
												{t('filings.correct')}
											</Link>
											<Form method="post">
												<AuthenticityTokenInput />
												<input type="hidden" name="id" value={f.id} />
												<button type="submit" name="intent" value="withdraw" className="text-red-700 underline">
													{t('filings.withdraw')}
												</button>
											</Form>
										</div>
									) : null}
								</td>
							</tr>
						))}
					</tbody>
				</AdminTable>
			)}
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'filing')('filings.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
