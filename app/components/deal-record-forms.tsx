// The village's deal forms on /village/listings/:id/deal: recording a negotiated deal (buyer,
// terms, contract) and the contract step of a bidding round's deal. Multipart, checked by the
// schemas of ~/utils/deal-form.ts in the browser and again by the action; work without JavaScript.
import { getFormProps, getInputProps, getSelectProps, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { SerializeFrom } from '@remix-run/node'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneratedContract } from '~/components/deal-views.tsx'
import { ErrorList, Field, inputClass, SelectField, SubmitButton, useValidatedForm } from '~/components/forms.tsx'
import { PRICE_UNITS } from '~/domain/listing.ts'
import type { getDealFormData } from '~/models/deal.server.ts'
import { CONTRACT_MAX_MB, contractSchema, dealSchema } from '~/utils/deal-form.ts'
import { formatDate } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

type DealFormData = SerializeFrom<NonNullable<Awaited<ReturnType<typeof getDealFormData>>>> & { today: string }
type LastResult = SubmissionResult<string[]> | null | undefined

/** A form error code in words: the deal form's own, else the common one, else the code. */
function useErrorText() {
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	return (codes?: string[]) => codes?.map((c) => t(`record.errors.${c}`, { defaultValue: tc(`forms.errors.${c}`, { defaultValue: c }) }))
}

export function DealForm({ data, lastResult }: { data: DealFormData; lastResult: LastResult }) {
	const { listing } = data
	const navigation = useNavigation()
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const errs = useErrorText()
	const hasInquiries = listing.inquiries.length > 0
	const [form, fields] = useValidatedForm({
		id: 'record-deal',
		lastResult: navigation.state === 'idle' ? lastResult : null,
		defaultValue: {
			buyerKind: hasInquiries ? 'inquiry' : 'outside',
			price: String(listing.price),
			priceUnit: listing.priceUnit,
			termYears: listing.termYears ? String(listing.termYears) : '',
			transferMode: listing.transferMode,
			contractDate: data.today,
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: dealSchema(data.today, listing.type === 'LAND') }),
	})
	const units = PRICE_UNITS.filter((u) => listing.type === 'LAND' || u !== 'YUAN_PER_MU_YEAR')
	return (
		<Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-5 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
			<AuthenticityTokenInput name="csrf" />
			<p className="text-sm text-stone-600">{t('record.intro')}</p>
			<fieldset className="space-y-3">
				<legend className="text-base font-semibold">{t('record.buyer')}</legend>
				<div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
					{(['inquiry', 'outside'] as const).map((kind) => (
						<label key={kind} className="inline-flex items-center gap-2">
							<input type="radio" name={fields.buyerKind.name} value={kind} defaultChecked={fields.buyerKind.initialValue === kind} disabled={kind === 'inquiry' && !hasInquiries} />
							{t(`record.buyerKind.${kind}`)}
						</label>
					))}
				</div>
				<ErrorList errors={errs(fields.buyerKind.errors)} />
				<SelectField label={t('record.inquiry')} hint={hasInquiries ? t('record.inquiryHint') : t('record.noInquiries')} {...getSelectProps(fields.inquiryId)} errors={errs(fields.inquiryId.errors)} disabled={!hasInquiries}>
					<option value="">{t('record.pickInquiry')}</option>
					{listing.inquiries.map((q) => (
						<option key={q.id} value={q.id}>
							{t('record.inquiryOption', { name: q.buyer.name, date: formatDate(q.createdAt, locale), use: q.intendedUse.slice(0, 30) })}
						</option>
					))}
				</SelectField>
				<div className="grid gap-3 sm:grid-cols-2">
					<Field label={t('record.outsideName')} {...getInputProps(fields.outsideName, { type: 'text' })} autoComplete="off" errors={errs(fields.outsideName.errors)} />
					<Field
						label={t('record.outsideIdNumber')}
						hint={t('record.outsideIdHint')}
						{...getInputProps(fields.outsideIdNumber, { type: 'text' })}
						inputMode="text"
						autoComplete="off"
						maxLength={18}
						errors={errs(fields.outsideIdNumber.errors)}
					/>
				</div>
			</fieldset>
			<fieldset className="grid gap-3 sm:grid-cols-2">
				<legend className="mb-2 text-base font-semibold">{t('record.terms')}</legend>
				<Field label={t('fields.price')} {...getInputProps(fields.price, { type: 'number' })} step="0.01" min="0" inputMode="decimal" errors={errs(fields.price.errors)} />
				<SelectField label={t('fields.priceUnit')} {...getSelectProps(fields.priceUnit)} errors={errs(fields.priceUnit.errors)}>
					{units.map((u) => (
						<option key={u} value={u}>
							{t(`priceUnits.${u}`)}
						</option>
					))}
				</SelectField>
				<Field label={t('record.termYears')} hint={t('record.termHint')} {...getInputProps(fields.termYears, { type: 'number' })} min="1" max="70" step="1" inputMode="numeric" errors={errs(fields.termYears.errors)} />
				<SelectField label={t('fields.transferMode')} {...getSelectProps(fields.transferMode)} errors={errs(fields.transferMode.errors)}>
					{data.allowedModes.map((m) => (
						<option key={m} value={m}>
							{tc(`transferModes.${m}`)}
						</option>
					))}
				</SelectField>
				<ContractInputs date={fields.contractDate} file={fields.contract} today={data.today} optional />
			</fieldset>
			<ErrorList errors={errs(form.errors)} />
			<div className="flex flex-wrap items-center gap-3">
				<SubmitButton name="intent" value="record" disabled={navigation.state === 'submitting'}>
					{t('record.submit')}
				</SubmitButton>
				<p className="text-sm text-stone-500">{t('record.submitHint')}</p>
			</div>
		</Form>
	)
}

type ContractField = FieldMetadata<string | File | undefined>

/** The contract's date and file inputs, shared by the record form and the contract step. */
function ContractInputs({ date, file, today, optional = false }: { date: ContractField; file: ContractField; today: string; optional?: boolean }) {
	const { t } = useTranslation('deal')
	const errs = useErrorText()
	return (
		<>
			<Field label={t('fields.contractDate')} {...getInputProps(date, { type: 'date' })} max={today} errors={errs(date.errors)} />
			<div>
				<label htmlFor={file.id} className="mb-1 block text-sm font-medium text-stone-700">
					{t('fields.contract')}
				</label>
				<input
					{...getInputProps(file, { type: 'file' })}
					accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
					className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-stone-100 file:px-2 file:py-1`}
				/>
				<p className="mt-1 text-xs text-stone-500">
					{t('record.contractHint', { mb: CONTRACT_MAX_MB })}
					{optional ? ` ${t('record.contractOptional')}` : null}
				</p>
				<ErrorList id={file.errorId} errors={errs(file.errors)} />
			</div>
		</>
	)
}

/** A bidding round's deal: the village uploads the signed contract with its date. */
export function ContractStepForm({ dealId, today, lastResult }: { dealId: string; today: string; lastResult: LastResult }) {
	const navigation = useNavigation()
	const { t } = useTranslation('deal')
	const errs = useErrorText()
	const [form, fields] = useValidatedForm({
		id: 'contract-step',
		lastResult: navigation.state === 'idle' ? lastResult : null,
		defaultValue: { contractDate: today },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: contractSchema(today) }),
	})
	return (
		<Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-4 space-y-3 rounded-lg border border-stone-200 bg-white p-4 text-stone-900" data-testid="contract-step">
			<AuthenticityTokenInput name="csrf" />
			<input type="hidden" name="dealId" value={dealId} />
			<h2 className="text-base font-semibold">{t('record.contractStep')}</h2>
			<p className="text-sm text-stone-600">{t('record.contractStepIntro')}</p>
			<div className="grid gap-3 sm:grid-cols-2">
				<ContractInputs date={fields.contractDate} file={fields.contract} today={today} />
			</div>
			<ErrorList errors={errs(form.errors)} />
			<SubmitButton name="intent" value="contract" disabled={navigation.state === 'submitting'}>
				{t('record.contractSubmit')}
			</SubmitButton>
		</Form>
	)
}

type ActiveDeal = DealFormData['deals'][number]

/**
 * The contract text of the village's active deal (decision 030): generated from the model text
 * (again, from the newest version, until the signed scan is in), then downloaded and printed.
 */
export function ContractTextPanel({ deal, problem, generated }: { deal: ActiveDeal; problem: string | null; generated: boolean }) {
	const navigation = useNavigation()
	const { t } = useTranslation('deal')
	return (
		<Form method="post" encType="multipart/form-data" className="mt-4 space-y-2 rounded-lg border border-stone-200 bg-white p-4 text-stone-900" data-testid="contract-text">
			<AuthenticityTokenInput name="csrf" />
			<input type="hidden" name="dealId" value={deal.id} />
			<h2 className="text-base font-semibold">{t('contract.heading')}</h2>
			<p className="text-sm text-stone-600">{t('contract.intro')}</p>
			<p className="text-sm">
				<GeneratedContract deal={deal} />
			</p>
			{generated && !problem ? (
				<p role="status" className="text-sm text-emerald-800">
					{t('contract.done')}
				</p>
			) : null}
			{problem ? (
				<p role="alert" className="text-sm font-medium text-red-700">
					{t(`contract.errors.${problem as 'notFound'}`)}
				</p>
			) : null}
			{deal.hasContract ? (
				<p className="text-sm text-stone-600">{t('contract.locked')}</p>
			) : (
				<div className="flex flex-wrap items-center gap-3">
					<SubmitButton name="intent" value="generate-contract" disabled={navigation.state === 'submitting'}>
						{deal.contractTemplate ? t('contract.regenerate') : t('contract.generate')}
					</SubmitButton>
					{deal.contractTemplate ? <span className="text-xs text-stone-500">{t('contract.regenerateHint')}</span> : null}
				</div>
			)}
		</Form>
	)
}
