// /village/filings/new — the village records a deal agreed outside the platform (备案) with its
// signed contract and the fields of the LZHT record; `?id=` corrects a returned filing and
// submits it again. Multipart; conform + zod (app/utils/filing-form.ts), checked in the browser and
// again on the server; works without JavaScript; a contract over the cap gets a message.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field, SelectField, SubmitButton, useValidatedForm } from '~/components/forms.tsx'
import { AREA_UNITS, MODES, PRICE_UNIT_NAMES, SUBJECT_TYPES } from '~/domain/ledger-row.ts'
import { contractTooLarge, readDealForm } from './village.listings.$id_.deal.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'
import { type FILING_FORM_KEYS } from '~/domain/filing.ts'
import { filingSchema } from '~/utils/filing-form.ts'
import { formDefaults, submitFiling } from './village.filings_.new.server.ts'

export const handle = { i18n: ['common', 'village', 'ledger', 'filing'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'filing:create:own-village')
	const defaults = await formDefaults(user, new URL(request.url).searchParams.get('id'))
	invariantResponse(defaults, 'Not found', { status: 404 })
	return defaults
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'filing:create:own-village')
	const form = await readDealForm(request)
	if (!form) return contractTooLarge()
	await validateCSRF(form, request.headers)
	return submitFiling(user, form)
}

export const shouldRevalidate = revalidateAfterRefusal

// The choices are the template's own texts (the checks read them); each is shown in the reader's language.
const SUBJECTS = Object.entries(SUBJECT_TYPES).filter(([label]) => label !== '宅基地及农房')
const UNITS = Object.entries(AREA_UNITS).slice(0, 2)

export default function NewFilingRoute() {
	const loaded = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()?.result
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const { t } = useTranslation('filing')
	const codes = 'codes' in loaded ? loaded.codes : null
	const label = <T,>(map: Readonly<Record<string, T>>, code: T | undefined) => Object.entries(map).find(([, v]) => v === code)?.[0] ?? ''
	const subjectDefault = codes ? (SUBJECTS.find(([, s]) => s.type === codes.type && s.landClass === (codes.landClass ?? null))?.[0] ?? '') : ''
	const [form, fields] = useValidatedForm({
		id: 'filing',
		lastResult: navigation.state === 'idle' ? lastResult : null,
		defaultValue: { areaUnit: '亩', ...loaded.values, subject: subjectDefault, transferMode: label(MODES, codes?.transferMode), priceUnit: label(PRICE_UNIT_NAMES, codes?.priceUnit) },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: filingSchema(loaded.today) }),
	})
	// Messages are `filing` keys (the row checks') or a contract problem's code.
	const errs = (list?: string[]) => list?.map((e) => (e.includes('.') ? t(e) : t(`form.contractProblems.${e}`)))
	const text = (key: string, name: (typeof FILING_FORM_KEYS)[number], extra: Record<string, string> = {}) => (
		<Field label={t(`form.${key}`)} {...getInputProps(fields[name], { type: 'text' })} errors={errs(fields[name].errors)} {...extra} />
	)
	return (
		<div className="max-w-3xl">
			<Link to="/village/filings" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				← {t('form.back')}
			</Link>
			<h1 className="mt-2 text-2xl font-bold">{loaded.id ? t('form.correctTitle') : t('form.title')}</h1>
			{'opinion' in loaded && loaded.opinion ? <p className="mt-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">{t('filings.returnedBecause', { opinion: loaded.opinion })}</p> : null}
			<ErrorList id={form.errorId} errors={errs(form.errors)} />
			<Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-4 grid gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:grid-cols-2 sm:p-5">
				<AuthenticityTokenInput />
				{loaded.id ? <input type="hidden" name="id" value={loaded.id} /> : null}
				<SelectField label={t('form.subject')} {...getSelectProps(fields.subject)} errors={errs(fields.subject.errors)} required>
					{SUBJECTS.map(([value, s]) => (
						<option key={value} value={value}>
							{s.landClass ? t(`common:landClasses.${s.landClass}`) : t(`common:types.${s.type}`)}
						</option>
					))}
				</SelectField>
				{text('titleField', 'title', { required: 'required', maxLength: '200' })}
				{text('area', 'area', { inputMode: 'decimal', required: 'required' })}
				<SelectField label={t('form.areaUnit')} {...getSelectProps(fields.areaUnit)} errors={errs(fields.areaUnit.errors)}>
					{UNITS.map(([value, code]) => (
						<option key={value} value={value}>
							{t(`common:units.${code}`)}
						</option>
					))}
				</SelectField>
				<SelectField label={t('form.transferMode')} {...getSelectProps(fields.transferMode)} errors={errs(fields.transferMode.errors)}>
					{Object.entries(MODES).map(([value, code]) => (
						<option key={value} value={value}>
							{t(`common:transferModes.${code}`)}
						</option>
					))}
				</SelectField>
				{text('transferee', 'transferee', { required: 'required', maxLength: '200' })}
				{text('transfereeCode', 'transfereeCode')}
				{text('price', 'price', { inputMode: 'decimal', required: 'required' })}
				<SelectField label={t('form.priceUnit')} {...getSelectProps(fields.priceUnit)} errors={errs(fields.priceUnit.errors)}>
					{Object.entries(PRICE_UNIT_NAMES)
						.filter(([value]) => value !== '元/亩/年')
						.map(([value, code]) => (
							<option key={value} value={value}>
								{t(`ledger:priceUnits.${code}`)}
							</option>
						))}
				</SelectField>
				{text('totalYuan', 'totalYuan', { inputMode: 'decimal' })}
				{text('termYears', 'termYears', { inputMode: 'numeric', required: 'required' })}
				{text('startsOn', 'startsOn', { type: 'date', required: 'required' })}
				{text('endsOn', 'endsOn', { type: 'date', required: 'required' })}
				{text('contractDate', 'contractDate', { type: 'date', required: 'required' })}
				{text('contractCode', 'contractCode')}
				{text('contractingContractCode', 'contractingContractCode')}
				{text('contractorCode', 'contractorCode')}
				{text('useBefore', 'useBefore')}
				{text('useAfter', 'useAfter')}
				<div className="sm:col-span-2">{text('feeNote', 'feeNote')}</div>
				<div className="sm:col-span-2">
					<Field
						label={loaded.id ? t('form.contractOptional') : t('form.contract')}
						{...getInputProps(fields.contract, { type: 'file' })}
						accept="application/pdf,image/jpeg,image/png"
						required={!loaded.id}
						errors={errs(fields.contract.errors)}
					/>
				</div>
				<div className="sm:col-span-2">
					<SubmitButton disabled={busy}>{loaded.id ? t('form.resubmit') : t('form.submit')}</SubmitButton>
				</div>
			</Form>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'filing')('form.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
