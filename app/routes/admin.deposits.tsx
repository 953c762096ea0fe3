// /admin/deposits — the centre's deposit desk (保证金). Bidders pay offline; the administrator
// confirms each registration's deposit as received (open rounds only), which lets the bidder bid.
// After a round ends the deposits of those who did not win are due for refund: the administrator
// records each refund here. Every change is a conditional update with its audit entry.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminTable, RoundListingCell, tdTop as td } from '~/components/admin-ui.tsx'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { useLocale } from '~/utils/root-data.ts'
import { parseWithZod } from '@conform-to/zod'
import { WinnerDeadlines } from '~/components/winner-deadlines.tsx'
import { isOverdue } from '~/domain/deadlines.ts'
import { closeDueRounds, depositQueues, moveDeposit } from '~/models/bidding.server.ts'
import { recordWinnerPayment, unpaidWinners, voidWin } from '~/models/deadlines.server.ts'
import { now } from '~/utils/clock.server.ts'
import { WinnerActionSchema } from '~/utils/deadline-forms.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDateTime, formatMoney } from '~/utils/format.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

const PERMISSION = 'admin:deposits'
const DONE = ['received', 'refunded', 'paid', 'runnerUp', 'failed'] as const

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, PERMISSION)
	await closeDueRounds()
	const at = now()
	const [queues, winners] = await Promise.all([depositQueues(), unpaidWinners(at)])
	const done = new URL(request.url).searchParams.get('done')
	return {
		...queues,
		refundDue: queues.refundDue.map((r) => ({ ...r, overdue: isOverdue(r.refundDueAt, at) })),
		winners,
		done: (DONE as readonly string[]).includes(done ?? '') ? (done as (typeof DONE)[number]) : null,
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, PERMISSION)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const intent = formData.get('intent')
	if (intent === 'winner-paid' || intent === 'void-win') {
		const submission = parseWithZod(formData, { schema: WinnerActionSchema })
		const roundId = String(formData.get('roundId') ?? '')
		if (submission.status !== 'success') return data({ failed: false, roundId, result: submission.reply() }, { status: 400 })
		const v = submission.value
		if (v.intent === 'winner-paid') {
			if (await recordWinnerPayment(user.id, v.roundId)) return redirect('/admin/deposits?done=paid')
			return data({ failed: true, roundId, result: null }, { status: 409 })
		}
		const result = await voidWin(user.id, v.roundId, v.reason)
		if (result.ok) return redirect(`/admin/deposits?done=${result.next}`)
		if (result.problem === 'notFound') return data({ failed: true, roundId, result: null }, { status: 409 })
		return data({ failed: false, roundId, result: submission.reply({ formErrors: [result.problem] }) }, { status: 409 })
	}
	const id = formData.get('registrationId')
	invariantResponse((intent === 'received' || intent === 'refunded') && typeof id === 'string' && /^[a-z0-9_-]{1,64}$/.test(id), 'Bad request', { status: 400 })
	await closeDueRounds()
	if (await moveDeposit(user.id, id, intent)) return redirect(`/admin/deposits?done=${intent}`)
	return data({ failed: true, roundId: null, result: null }, { status: 409 })
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['pending'][number] & { overdue?: boolean }

export const shouldRevalidate = revalidateAfterRefusal

export default function AdminDeposits() {
	const { pending, refundDue, winners, done } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('bidding')
	const { t: tdl } = useTranslation('deadlines')
	return (
		<div className="space-y-8">
			<header>
				<h1 className="text-2xl font-bold">{t('deposits.heading')}</h1>
				<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('deposits.intro')}</p>
			</header>
			{done ? <Notice tone="ok">{done === 'received' || done === 'refunded' ? t(`deposits.done.${done}`) : tdl(`winners.done.${done}`)}</Notice> : null}
			{actionData?.failed ? <Notice tone="error">{t('deposits.failed')}</Notice> : null}
			<DepositTable id="pending" title={t('deposits.pending')} empty={t('deposits.pendingEmpty')} rows={pending} intent="received" />
			<WinnerDeadlines rows={winners} lastResult={actionData?.result ?? null} roundId={actionData?.roundId ?? null} />
			<DepositTable id="refund-due" title={t('deposits.refundDue')} empty={t('deposits.refundDueEmpty')} rows={refundDue} intent="refunded" />
		</div>
	)
}


function DepositTable({ id, title, empty, rows, intent }: { id: string; title: string; empty: string; rows: Row[]; intent: 'received' | 'refunded' }) {
	const { t } = useTranslation('bidding')
	const { t: tdl } = useTranslation('deadlines')
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
				<AdminTable
					id={id}
					caption={title}
					rightAligned={[3]}
					headers={[
						t('deposits.listing'),
						t('deposits.bidder'),
						t('deposits.buyer'),
						t('deposits.amount'),
						intent === 'received' ? tdl('deposit.due') : tdl('refund.due'),
						<span key="action" className="sr-only">{intent === 'received' ? t('deposits.received') : t('deposits.refunded')}</span>,
					]}
				>
						<tbody className="divide-y divide-stone-100">
							{rows.map((r) => {
								const alias = t('alias', { n: r.alias })
								const listing = r.round.listing
								return (
									<tr key={r.id} className={r.overdue ? 'bg-red-50' : undefined} data-overdue={r.overdue ? 'true' : undefined}>
										<RoundListingCell listing={listing} />
										<td className={`${td} whitespace-nowrap`}>{alias}</td>
										<td className={td}>
											<div>{r.buyer.name}</div>
											<div className="text-xs text-stone-500">{r.buyer.phone ?? r.buyer.email}</div>
											<div className="text-xs text-stone-500">
												{t('deposits.registeredAt')} {formatDateTime(r.createdAt, locale)}
											</div>
										</td>
										<td className={`${td} whitespace-nowrap text-right tabular-nums`}>{formatMoney(r.round.deposit, locale)}</td>
										<td className={`${td} whitespace-nowrap`}>
											{intent === 'received' ? formatDateTime(r.round.depositDueAt ?? r.round.deadline, locale) : formatDateTime(r.refundDueAt, locale) || t(`roundStatus.${r.round.status}`)}
											{r.overdue ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">{tdl('refund.overdue')}</span> : null}
										</td>
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
				</AdminTable>
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
