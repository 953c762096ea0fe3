// The buyer's wanted-post form (issue 13), new and edit alike: a plain POST form that works without
// JavaScript; with it, conform checks the same schema as the server and shows errors by the fields.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { ErrorList, Field, SelectField, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import { LISTING_TYPES, PRICE_UNITS, type ListingType, type PriceUnit } from '~/domain/listing.ts'
import { WANTED_KINDS, WANTED_LIMITS, type WantedKind } from '~/domain/wanted.ts'
import { useLocale } from '~/utils/root-data.ts'
import { WantedFormSchema } from '~/utils/wanted-form.ts'
import type { WantedView } from './wanted-views.tsx'

type TownOption = { code: string; name: string; nameEn: string }
export type WantedFormDefaults = Record<string, string | string[] | undefined>

/** Error codes in the reader's language: the wanted namespace's own, else the common ones. */
export function useWantedErrors() {
	const { t, i18n } = useTranslation('wanted')
	return (errors?: string[] | null) => errors?.map((e) => (i18n.exists(`wanted:errors.${e}`) ? t(`errors.${e}`) : e))
}

function Choices({ legend, hint, errors, children }: { legend: string; hint?: string; errors?: string[]; children: ReactNode }) {
	const id = useId()
	return (
		<fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
			<legend className="mb-1 block text-sm font-medium text-stone-700">{legend}</legend>
			<div className="flex flex-wrap gap-x-5 gap-y-2">{children}</div>
			{hint ? <p className="mt-1 text-xs text-stone-500">{hint}</p> : null}
			<ErrorList id={`${id}-error`} errors={errors} />
		</fieldset>
	)
}

function Choice({ label, ...input }: { label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
	return (
		<label className="inline-flex items-center gap-2 text-sm">
			<input {...input} className="size-4 accent-brand-700" />
			{label}
		</label>
	)
}

const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])

export function WantedForm({ towns, lastResult, defaultValue, notice }: { towns: TownOption[]; lastResult?: SubmissionResult<string[]> | null; defaultValue?: WantedFormDefaults; notice?: ReactNode }) {
	const { t } = useTranslation('wanted')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const errs = useWantedErrors()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle' && navigation.formMethod?.toLowerCase() === 'post'
	const [form, fields] = useValidatedForm({
		id: 'wanted',
		lastResult,
		defaultValue: { kind: 'RENT', areaUnit: 'mu', priceUnit: 'YUAN_PER_MU_YEAR', types: ['LAND'], ...defaultValue },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: WantedFormSchema }),
	})
	const chosenTypes = list(fields.types.initialValue)
	const otherTowns = list(fields.otherTowns.initialValue)
	const townLabel = (town: TownOption) => (locale === 'en' ? town.nameEn : town.name)
	const fieldErrorCount = Object.entries(form.allErrors).filter(([name, errors]) => name !== '' && errors.length > 0).length

	return (
		<Form method="post" {...getFormProps(form)} className="space-y-5">
			<AuthenticityTokenInput name="csrf" />
			{notice}
			{form.errors?.length || fieldErrorCount ? (
				<div role="alert" id={form.errorId} className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
					<p className="font-medium">{t('form.fix')}</p>
					<ErrorList errors={errs(form.errors)} />
				</div>
			) : null}
			<section className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
				<Choices legend={t('form.kind')} errors={errs(fields.kind.errors)}>
					{WANTED_KINDS.map((kind) => (
						<Choice key={kind} label={t(`kinds.${kind}`)} type="radio" name={fields.kind.name} value={kind} defaultChecked={fields.kind.initialValue === kind} />
					))}
				</Choices>
				<ul className="space-y-0.5 text-xs text-stone-500">
					{WANTED_KINDS.map((kind) => (
						<li key={kind}>
							<strong className="font-medium">{t(`kinds.${kind as WantedKind}`)}</strong>：{t(`kindHints.${kind}`)}
						</li>
					))}
				</ul>
				<Field label={t('form.title')} hint={t('form.titleHint')} {...getInputProps(fields.title, { type: 'text' })} maxLength={WANTED_LIMITS.titleMax + 20} errors={errs(fields.title.errors)} />
				<Choices legend={t('form.types')} errors={errs(fields.types.errors)}>
					{LISTING_TYPES.map((type) => (
						<Choice key={type} label={tc(`types.${type as ListingType}`)} type="checkbox" name={fields.types.name} value={type} defaultChecked={chosenTypes.includes(type)} />
					))}
				</Choices>
				<TextareaField label={t('form.intendedUse')} hint={t('form.intendedUseHint')} {...getTextareaProps(fields.intendedUse)} rows={3} maxLength={WANTED_LIMITS.useMax} errors={errs(fields.intendedUse.errors)} />
			</section>

			<section className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
				<SelectField label={t('form.town')} hint={t('form.townHint')} {...getSelectProps(fields.town)} errors={errs(fields.town.errors)}>
					<option value="">{t('form.choose')}</option>
					{towns.map((town) => (
						<option key={town.code} value={town.code}>
							{townLabel(town)}
						</option>
					))}
				</SelectField>
				<Choices legend={t('form.otherTowns')} errors={errs(fields.otherTowns.errors)}>
					{towns.map((town) => (
						<Choice key={town.code} label={townLabel(town)} type="checkbox" name={fields.otherTowns.name} value={town.code} defaultChecked={otherTowns.includes(town.code)} />
					))}
				</Choices>
			</section>

			<section className="grid grid-cols-1 gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:grid-cols-3 sm:p-5">
				<SelectField label={t('form.areaUnit')} {...getSelectProps(fields.areaUnit)} errors={errs(fields.areaUnit.errors)}>
					<option value="mu">{t('areaUnits.mu')}</option>
					<option value="m2">{t('areaUnits.m2')}</option>
				</SelectField>
				<Field label={t('form.areaMin')} {...getInputProps(fields.areaMin, { type: 'number' })} step="any" min="0" inputMode="decimal" errors={errs(fields.areaMin.errors)} />
				<Field label={t('form.areaMax')} hint={t('form.areaHint')} {...getInputProps(fields.areaMax, { type: 'number' })} step="any" min="0" inputMode="decimal" errors={errs(fields.areaMax.errors)} />
				<SelectField label={t('form.priceUnit')} {...getSelectProps(fields.priceUnit)} errors={errs(fields.priceUnit.errors)}>
					{PRICE_UNITS.map((unit) => (
						<option key={unit} value={unit}>
							{t(`priceUnits.${unit as PriceUnit}`)}
						</option>
					))}
				</SelectField>
				<Field label={t('form.budgetMin')} {...getInputProps(fields.budgetMin, { type: 'number' })} step="any" min="0" inputMode="decimal" errors={errs(fields.budgetMin.errors)} />
				<Field label={t('form.budgetMax')} hint={t('form.budgetHint')} {...getInputProps(fields.budgetMax, { type: 'number' })} step="any" min="0" inputMode="decimal" errors={errs(fields.budgetMax.errors)} />
				<Field label={t('form.termYears')} hint={t('form.termHint')} {...getInputProps(fields.termYears, { type: 'number' })} step="1" min="1" inputMode="numeric" errors={errs(fields.termYears.errors)} />
			</section>

			<section className="grid grid-cols-1 gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:grid-cols-2 sm:p-5">
				<Field label={t('form.contactName')} {...getInputProps(fields.contactName, { type: 'text' })} autoComplete="name" maxLength={60} errors={errs(fields.contactName.errors)} />
				<Field label={t('form.contactPhone')} hint={t('form.contactHint')} {...getInputProps(fields.contactPhone, { type: 'tel' })} autoComplete="tel" maxLength={40} errors={errs(fields.contactPhone.errors)} />
			</section>

			<div className="flex flex-col gap-2 sm:flex-row">
				<button type="submit" name="intent" value="submit" disabled={busy} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60">
					{t('form.submit')}
				</button>
				<button type="submit" name="intent" value="save" disabled={busy} className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:bg-stone-50 disabled:opacity-60">
					{t('form.save')}
				</button>
			</div>
		</Form>
	)
}

/** A stored post as the form's default values. */
export function wantedDefaults(post: WantedView & { contactName: string | null; contactPhone: string }): WantedFormDefaults {
	const num = (v: number | null) => (v === null ? undefined : String(v))
	return {
		kind: post.kind,
		title: post.title,
		types: post.types,
		town: post.towns[0]?.code,
		otherTowns: post.towns.slice(1).map((t) => t.code),
		areaUnit: post.areaUnit,
		areaMin: num(post.areaMin),
		areaMax: num(post.areaMax),
		priceUnit: post.priceUnit,
		budgetMin: num(post.budgetMin),
		budgetMax: num(post.budgetMax),
		intendedUse: post.intendedUse,
		termYears: num(post.termYears),
		contactName: post.contactName ?? undefined,
		contactPhone: post.contactPhone,
	}
}
