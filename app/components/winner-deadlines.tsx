// The administrator's table of winners who have yet to sign and pay (/admin/deposits): the
// deadline, overdue marked; "signed and paid", and past the deadline the form that voids the win.
import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminTable, RoundListingCell, tdTop as td } from '~/components/admin-ui.tsx'
import { useValidatedForm } from '~/components/forms.tsx'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import type { PriceUnit } from '~/domain/listing.ts'
import { WinnerActionSchema } from '~/utils/deadline-forms.ts'
import { formatDateTime, formatPrice } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

export type WinnerRow = {
	id: string
	paymentDueAt: Date | null
	overdue: boolean
	voidable: boolean
	listing: { id: string; title: string; priceUnit: string; town: { name: string; nameEn: string }; village: { name: string; nameEn: string } }
	deal: { id: string; status: string; price: number; buyer: { name: string; phone: string | null; email: string | null } | null }
}


export function WinnerDeadlines({ rows, lastResult, roundId }: { rows: WinnerRow[]; lastResult: SubmissionResult<string[]> | null; roundId: string | null }) {
	const { t } = useTranslation('deadlines')
	const locale = useLocale()
	return (
		<section aria-labelledby="winners-heading" data-testid="deposits-winners">
			<h2 id="winners-heading" className="text-lg font-semibold">
				{t('winners.heading')} <span className="text-sm font-normal text-stone-500">({rows.length})</span>
			</h2>
			<p className="mb-2 mt-1 max-w-3xl text-sm text-stone-600">{t('winners.intro')}</p>
			{rows.length === 0 ? (
				<p className="text-sm text-stone-600">{t('winners.empty')}</p>
			) : (
				<AdminTable
					id="winners"
					caption={t('winners.heading')}
					rightAligned={[2]}
					headers={[t('winners.listing'), t('winners.winner'), t('winners.price'), t('winners.due'), <span key="void" className="sr-only">{t('winners.void')}</span>]}
				>
						<tbody className="divide-y divide-stone-100">
							{rows.map((r) => (
								<tr key={r.id} data-testid="winner-row" className={r.overdue ? 'bg-red-50' : undefined}>
									<RoundListingCell listing={r.listing} />
									<td className={td}>
										<div>{r.deal.buyer?.name}</div>
										<div className="text-xs text-stone-500">{r.deal.buyer?.phone ?? r.deal.buyer?.email}</div>
									</td>
									<td className={`${td} whitespace-nowrap text-right tabular-nums`}>{formatPrice(r.deal.price, r.listing.priceUnit as PriceUnit, locale)}</td>
									<td className={`${td} whitespace-nowrap`}>
										{formatDateTime(r.paymentDueAt, locale)}
										{r.overdue ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">{t('winners.overdue')}</span> : null}
									</td>
									<td className={`${td} min-w-[16rem]`}>
										<WinnerActions row={r} lastResult={roundId === r.id ? lastResult : null} />
									</td>
								</tr>
							))}
						</tbody>
				</AdminTable>
			)}
		</section>
	)
}

function WinnerActions({ row, lastResult }: { row: WinnerRow; lastResult: SubmissionResult<string[]> | null }) {
	const { t } = useTranslation('deadlines')
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle' && navigation.formData?.get('roundId') === row.id
	const [form, fields] = useValidatedForm({
		id: `void-${row.id}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: WinnerActionSchema }),
	})
	const button = 'whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60'
	return (
		<div className="space-y-2">
			<Form method="post" preventScrollReset>
				<AuthenticityTokenInput name="csrf" />
				<input type="hidden" name="roundId" value={row.id} />
				<button type="submit" name="intent" value="winner-paid" disabled={busy} aria-label={t('winners.paidLabel', { listing: row.listing.title })} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
					{t('winners.paid')}
				</button>
			</Form>
			{row.voidable ? (
				<Form method="post" preventScrollReset {...getFormProps(form)} className="space-y-1">
					<AuthenticityTokenInput name="csrf" />
					<input type="hidden" name="roundId" value={row.id} />
					<label htmlFor={fields.reason.id} className="block text-xs font-medium text-stone-700">
						{t('winners.reason')}
					</label>
					<textarea {...getTextareaProps(fields.reason)} key={fields.reason.key} rows={2} className="block w-full rounded-md border border-stone-300 px-2 py-1 text-sm" />
					<p id={fields.reason.descriptionId} className="text-xs text-stone-500">
						{t('winners.reasonHint')}
					</p>
					{fields.reason.errors ? (
						<p id={fields.reason.errorId} className="text-xs text-red-700">
							{t('winners.reasonRequired')}
						</p>
					) : null}
					{form.errors ? <p className="text-xs text-red-700">{t(form.errors[0] === 'dealMoved' ? 'winners.dealMoved' : 'winners.notYet')}</p> : null}
					<button type="submit" name="intent" value="void-win" disabled={busy} className={`${button} border border-red-700 text-red-800 hover:bg-red-50`}>
						{t('winners.void')}
					</button>
				</Form>
			) : row.overdue ? (
				<p className="text-xs text-stone-500">{t('winners.dealMoved')}</p>
			) : null}
		</div>
	)
}
