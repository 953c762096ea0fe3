// /admin/deposits — the centre's deposit desk (保证金). Bidders pay offline; the administrator
// confirms each registration's deposit as received (open rounds only), which lets the bidder bid.
// After a round ends the deposits of those who did not win are due for refund: the administrator
// records each refund here. Every change is a conditional update with its audit entry.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { useLocale } from '~/utils/root-data.ts'
import { closeDueRounds, depositQueues, moveDeposit } from '~/models/bidding.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDateTime, formatMoney } from '~/utils/format.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

const PERMISSION = 'admin:deposits'
const DONE = ['received', 'refunded'] as const

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, PERMISSION)
	await closeDueRounds()
	const queues = await depositQueues()
	const done = new URL(request.url).searchParams.get('done')
	return {
		...queues,
		done: (DONE as readonly string[]).includes(done ?? '') ? (done as (typeof DONE)[number]) : null,
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, PERMISSION)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const intent = formData.get('intent')
	const id = formData.get('registrationId')
	invariantResponse((intent === 'received' || intent === 'refunded') && typeof id === 'string' && /^[a-z0-9_-]{1,64}$/.test(id), 'Bad request', { status: 400 })
	await closeDueRounds()
	if (await moveDeposit(user.id, id, intent)) return redirect(`/admin/deposits?done=${intent}`)
	return data({ failed: true }, { status: 409 })
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['pending'][number]

export const shouldRevalidate = revalidateAfterRefusal

export default function AdminDeposits() {
	const { pending, refundDue, done } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('bidding')
	return (
		<div className="space-y-8">
			<header>
				<h1 className="text-2xl font-bold">{t('deposits.heading')}</h1>
				<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('deposits.intro')}</p>
			</header>
			{done ? <Notice tone="ok">{t(`deposits.done.${done}`)}</Notice> : null}
			{actionData?.failed ? <Notice tone="error">{t('deposits.failed')}</Notice> : null}
			<DepositTable id="pending" title={t('deposits.pending')} empty={t('deposits.pendingEmpty')} rows={pending} intent="received" />
			<DepositTable id="refund-due" title={t('deposits.refundDue')} empty={t('deposits.refundDueEmpty')} rows={refundDue} intent="refunded" />
		</div>
	)
}

const th = 'whitespace-nowrap px-3 py-2 text-left font-semibold'
const td = 'px-3 py-2 align-top'

function DepositTable({ id, title, empty, rows, intent }: { id: string; title: string; empty: string; rows: Row[]; intent: 'received' | 'refunded' }) {
	const { t } = useTranslation('bidding')
	const locale = useLocale()
	const navigation = useNavigation()
	const busyId = navigation.state !== 'idle' ? navigation.formData?.get('registrationId') : null
	return (
		<section aria-labelledby={`${id}-heading`} data-testid={`deposits-${id}`}>
			<h2 id={`${id}-heading`} className="mb-2 text-lg font-semibold">
				{title} <span className="text-sm font-normal text-stone-500">({rows.length})</span>
			</h2>
			{rows.length === 0 ? (
				<p className="text-sm text-stone-600">{empty}</p>
			) : (
				<div className="relative overflow-x-auto rounded-lg border border-stone-200 bg-white">
					<table className="min-w-full text-sm">
						<thead className="bg-stone-100 text-stone-700">
							<tr>
								<th scope="col" className={th}>
									{t('deposits.listing')}
								</th>
								<th scope="col" className={th}>
									{t('deposits.bidder')}
								</th>
								<th scope="col" className={th}>
									{t('deposits.buyer')}
								</th>
								<th scope="col" className={`${th} text-right`}>
									{t('deposits.amount')}
								</th>
								<th scope="col" className={th}>
									{intent === 'received' ? t('deposits.deadline') : t('deposits.roundStatus')}
								</th>
								<th scope="col" className={th}>
									<span className="sr-only">{intent === 'received' ? t('deposits.received') : t('deposits.refunded')}</span>
								</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-stone-100">
							{rows.map((r) => {
								const alias = t('alias', { n: r.alias })
								const listing = r.round.listing
								return (
									<tr key={r.id}>
										<td className={`${td} min-w-[12rem]`}>
											<Link to={`/listings/${listing.id}/bid`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
												{listing.title}
											</Link>
											<div className="text-xs text-stone-500">{locale === 'en' ? `${listing.village.nameEn}, ${listing.town.nameEn}` : `${listing.town.name} ${listing.village.name}`}</div>
										</td>
										<td className={`${td} whitespace-nowrap`}>{alias}</td>
										<td className={td}>
											<div>{r.buyer.name}</div>
											<div className="text-xs text-stone-500">{r.buyer.phone ?? r.buyer.email}</div>
											<div className="text-xs text-stone-500">
												{t('deposits.registeredAt')} {formatDateTime(r.createdAt, locale)}
											</div>
										</td>
										<td className={`${td} whitespace-nowrap text-right tabular-nums`}>{formatMoney(r.round.deposit, locale)}</td>
										<td className={`${td} whitespace-nowrap`}>{intent === 'received' ? formatDateTime(r.round.deadline, locale) : t(`roundStatus.${r.round.status}`)}</td>
										<td className={td}>
											<Form method="post" preventScrollReset>
												<AuthenticityTokenInput name="csrf" />
												<input type="hidden" name="registrationId" value={r.id} />
												<button
													type="submit"
													name="intent"
													value={intent}
													disabled={busyId === r.id}
													aria-label={t(intent === 'received' ? 'deposits.receivedLabel' : 'deposits.refundedLabel', { alias, listing: listing.title })}
													className="whitespace-nowrap rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
												>
													{intent === 'received' ? t('deposits.received') : t('deposits.refunded')}
												</button>
											</Form>
										</td>
									</tr>
								)
							})}
						</tbody>
					</table>
				</div>
			)}
		</section>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'bidding')('deposits.heading')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
