// /village/deals/:id/rent — a certified lease's rent schedule (issue 12): each payment's due date
// and amount, overdue marked; the village records a payment received (amount, date). Refused
// input (negative or absurd amounts, dates before the contract or in the future) answers 400 with
// the message by the field, and nothing is written; a payment recorded twice at once records once.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { useValidatedForm } from '~/components/forms.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { rentOverdue } from '~/domain/rent-schedule.ts'
import { isDealId } from '~/models/deal.server.ts'
import { markRentPaid, villageRent } from '~/models/rent.server.ts'
import { chinaDay } from '~/utils/calendar-date.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate, formatMoney } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { MarkPaidSchema } from '~/utils/rent-form.ts'
import { useLocale } from '~/utils/root-data.ts'

export const handle = { i18n: ['deadlines'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'rent:record:own-village')
	invariantResponse(user.villageId && isDealId(params.id))
	const deal = await villageRent(user.villageId, params.id)
	invariantResponse(deal)
	const today = chinaDay(now())
	return {
		deal,
		today,
		payments: deal.rentPayments.map((p) => ({ ...p, overdue: rentOverdue({ due: chinaDay(p.dueDate), paid: !!p.paidAt }, today) })),
		done: new URL(request.url).searchParams.has('paid'),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'rent:record:own-village')
	invariantResponse(isDealId(params.id))
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const paymentId = String(formData.get('paymentId') ?? '')
	const submission = parseWithZod(formData, { schema: MarkPaidSchema })
	if (submission.status !== 'success') return data({ paymentId, result: submission.reply() }, { status: 400 })
	const { amount, paidOn } = submission.value
	const result = await markRentPaid(user, submission.value.paymentId, amount, paidOn)
	if (result.ok) return redirect(`/village/deals/${params.id}/rent?paid=1`)
	const field = result.problem === 'amount' ? 'amount' : result.problem === 'date' ? 'paidOn' : null
	const reply = field ? submission.reply({ fieldErrors: { [field]: [result.problem] } }) : submission.reply({ formErrors: [result.problem] })
	return data({ paymentId, result: reply }, { status: result.problem === 'alreadyPaid' ? 409 : result.problem === 'notFound' ? 404 : 400 })
}

export default function RentRoute() {
	const { deal, payments, today, done } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('deadlines')
	const locale = useLocale()
	return (
		<div className="max-w-4xl space-y-4">
			<Link to={`/village/listings/${deal.listing.id}`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
				{deal.listing.title}
			</Link>
			<h1 className="text-2xl font-bold">{t('rent.heading')}</h1>
			{done ? <Notice tone="ok">{t('rent.done')}</Notice> : null}
			{payments.length === 0 ? (
				<p className="text-sm text-stone-600">{t('rent.empty')}</p>
			) : (
				<ol className="space-y-3">
					{payments.map((p) => (
						<li key={p.id} data-testid="rent-payment" className={`rounded-lg border p-4 ${p.overdue ? 'border-red-300 bg-red-50' : 'border-stone-200 bg-white'}`}>
							<div className="flex flex-wrap items-baseline gap-x-6 gap-y-1 text-sm">
								<span className="font-semibold">
									{t('rent.seq')} {p.seq}
								</span>
								<span>
									{t('rent.due')} {formatDate(p.dueDate, locale)}
								</span>
								<span className="tabular-nums">
									{t('rent.amount')} {formatMoney(p.amount, locale)}
								</span>
								<span className={p.overdue ? 'font-semibold text-red-800' : 'text-stone-600'}>
									{p.paidAt ? t('rent.paid', { amount: formatMoney(p.paidAmount ?? 0, locale), date: formatDate(p.paidAt, locale) }) : p.overdue ? t('rent.overdue') : t('rent.open')}
								</span>
							</div>
							{p.paidAt ? null : <MarkPaid paymentId={p.id} amount={p.amount} today={today} lastResult={actionData?.paymentId === p.id ? actionData.result : null} />}
						</li>
					))}
				</ol>
			)}
		</div>
	)
}

function MarkPaid({ paymentId, amount, today, lastResult }: { paymentId: string; amount: number; today: string; lastResult: SubmissionResult<string[]> | null }) {
	const { t } = useTranslation('deadlines')
	const navigation = useNavigation()
	const [form, fields] = useValidatedForm({
		id: `rent-${paymentId}`,
		lastResult,
		defaultValue: { amount: String(amount), paidOn: today },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: MarkPaidSchema }),
	})
	const problem = (e: string | undefined) => (e ? t(`rent.problems.${e === 'amount' || e === 'date' || e === 'alreadyPaid' ? e : 'notFound'}`) : null)
	const input = 'mt-1 block w-40 rounded-md border border-stone-300 px-2 py-1 text-sm'
	return (
		<Form method="post" {...getFormProps(form)} className="mt-3 flex flex-wrap items-end gap-3">
			<AuthenticityTokenInput name="csrf" />
			<input type="hidden" name="paymentId" value={paymentId} />
			<div>
				<label htmlFor={fields.amount.id} className="block text-xs font-medium text-stone-700">
					{t('rent.paidAmount')}
				</label>
				<input {...getInputProps(fields.amount, { type: 'text' })} key={fields.amount.key} inputMode="decimal" className={input} />
				{fields.amount.errors ? <p id={fields.amount.errorId} className="mt-1 text-xs text-red-700">{problem(fields.amount.errors[0])}</p> : null}
			</div>
			<div>
				<label htmlFor={fields.paidOn.id} className="block text-xs font-medium text-stone-700">
					{t('rent.paidOn')}
				</label>
				<input {...getInputProps(fields.paidOn, { type: 'date' })} key={fields.paidOn.key} max={today} className={input} />
				{fields.paidOn.errors ? <p id={fields.paidOn.errorId} className="mt-1 text-xs text-red-700">{problem(fields.paidOn.errors[0])}</p> : null}
			</div>
			<button type="submit" disabled={navigation.state !== 'idle'} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60">
				{t('rent.markPaid')}
			</button>
			{form.errors ? <p className="w-full text-xs text-red-700">{problem(form.errors[0])}</p> : null}
		</Form>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'deadlines')('rent.heading')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
