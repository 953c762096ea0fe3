// The four forms of /admin/places: add a town or a village (folded away until used), and edit one.
// Each validates with its schema in the browser (conform) and again in the action.
import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { Field, SelectField, SubmitButton, useValidatedForm } from '~/components/forms.tsx'
import { TownCreateSchema, TownUpdateSchema, VillageCreateSchema, VillageUpdateSchema } from '~/utils/place-form.ts'
import { useLocale } from '~/utils/root-data.ts'

type Place = { id: string; name: string; nameEn: string }
type Town = Place & { kind: string }
type Village = Place & { contactName: string | null; contactPhone: string | null }
type ActionData = { formId: string; result: SubmissionResult<string[]> } | undefined

/** Error codes of this namespace in its words; the common ones go to ErrorList untouched. */
function useErrors() {
	const { t, i18n } = useTranslation('admin')
	return (errors?: string[]) => errors?.map((e) => (i18n.exists(`admin:errors.${e}`) ? t(`errors.${e}`) : e))
}

/** The action's answer, if it is about this form. */
function useLastResult(formId: string) {
	const data = useActionData() as ActionData
	return data?.formId === formId ? data.result : undefined
}

function FormErrors({ errors }: { errors?: string[] }) {
	const errs = useErrors()
	const list = errs(errors)
	if (!list?.length) return null
	return (
		<p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
			{list.join(' ')}
		</p>
	)
}

export function TownCreateForm() {
	const { t } = useTranslation('admin')
	const errs = useErrors()
	const lastResult = useLastResult('create-town')
	const [form, fields] = useValidatedForm({
		id: 'create-town',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: TownCreateSchema }),
		defaultValue: { kind: 'TOWN' },
	})
	return (
		<details className="mt-4 rounded-lg border border-stone-200 bg-white shadow-sm" open={Boolean(lastResult)}>
			<summary className="cursor-pointer px-4 py-3 font-medium text-brand-800">{t('places.createTown')}</summary>
			<Form method="post" {...getFormProps(form)} className="grid gap-4 border-t border-stone-200 p-4 sm:grid-cols-2 lg:grid-cols-3">
				<AuthenticityTokenInput name="csrf" />
				<Field label={t('places.name')} {...getInputProps(fields.name, { type: 'text' })} errors={errs(fields.name.errors)} />
				<Field label={t('places.nameEn')} {...getInputProps(fields.nameEn, { type: 'text' })} errors={errs(fields.nameEn.errors)} />
				<Field label={t('places.code')} hint={t('places.codeHint')} {...getInputProps(fields.code, { type: 'text' })} autoCapitalize="none" errors={errs(fields.code.errors)} />
				<SelectField label={t('places.kind')} {...getSelectProps(fields.kind)} errors={errs(fields.kind.errors)}>
					<option value="TOWN">{t('places.kinds.TOWN')}</option>
					<option value="SUMU">{t('places.kinds.SUMU')}</option>
				</SelectField>
				<Field label={t('places.lat')} hint={t('places.coordsHint')} {...getInputProps(fields.lat, { type: 'text' })} inputMode="decimal" errors={errs(fields.lat.errors)} />
				<Field label={t('places.lng')} {...getInputProps(fields.lng, { type: 'text' })} inputMode="decimal" errors={errs(fields.lng.errors)} />
				<div className="sm:col-span-2 lg:col-span-3">
					<FormErrors errors={form.errors} />
					<SubmitButton name="intent" value="create-town">
						{t('places.createTown')}
					</SubmitButton>
				</div>
			</Form>
		</details>
	)
}

export function TownEditForm({ town, cancel }: { town: Town; cancel: string }) {
	const { t } = useTranslation('admin')
	const errs = useErrors()
	const formId = `update-town-${town.id}`
	const [form, fields] = useValidatedForm({
		id: formId,
		lastResult: useLastResult(formId),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: TownUpdateSchema }),
		defaultValue: { id: town.id, name: town.name, nameEn: town.nameEn, kind: town.kind },
	})
	return (
		<Form method="post" {...getFormProps(form)} className="mt-3 grid gap-4 sm:grid-cols-3">
			<AuthenticityTokenInput name="csrf" />
			<input {...getInputProps(fields.id, { type: 'hidden' })} />
			<Field label={t('places.name')} {...getInputProps(fields.name, { type: 'text' })} errors={errs(fields.name.errors)} />
			<Field label={t('places.nameEn')} {...getInputProps(fields.nameEn, { type: 'text' })} errors={errs(fields.nameEn.errors)} />
			<SelectField label={t('places.kind')} {...getSelectProps(fields.kind)} errors={errs(fields.kind.errors)}>
				<option value="TOWN">{t('places.kinds.TOWN')}</option>
				<option value="SUMU">{t('places.kinds.SUMU')}</option>
			</SelectField>
			<div className="flex flex-wrap items-center gap-3 sm:col-span-3">
				<FormErrors errors={form.errors} />
				<SubmitButton name="intent" value="update-town">
					{t('common.save')}
				</SubmitButton>
				<Link to={cancel} className="text-sm text-stone-600 underline">
					{t('common.cancel')}
				</Link>
			</div>
		</Form>
	)
}

export function VillageCreateForm({ towns, defaultTownId }: { towns: Town[]; defaultTownId?: string }) {
	const { t } = useTranslation('admin')
	const errs = useErrors()
	const locale = useLocale()
	const lastResult = useLastResult('create-village')
	const [form, fields] = useValidatedForm({
		id: 'create-village',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: VillageCreateSchema }),
		defaultValue: { townId: defaultTownId ?? '' },
	})
	return (
		<details className="mt-4 rounded-lg border border-stone-200 bg-white shadow-sm" open={Boolean(lastResult)}>
			<summary className="cursor-pointer px-4 py-3 font-medium text-brand-800">{t('places.createVillage')}</summary>
			<Form method="post" {...getFormProps(form)} className="grid gap-4 border-t border-stone-200 p-4 sm:grid-cols-2 lg:grid-cols-3">
				<AuthenticityTokenInput name="csrf" />
				<SelectField label={t('places.town')} {...getSelectProps(fields.townId)} errors={errs(fields.townId.errors)}>
					<option value="">{t('users.choose')}</option>
					{towns.map((town) => (
						<option key={town.id} value={town.id}>
							{locale === 'en' ? town.nameEn : town.name}
						</option>
					))}
				</SelectField>
				<Field label={t('places.name')} {...getInputProps(fields.name, { type: 'text' })} errors={errs(fields.name.errors)} />
				<Field label={t('places.nameEn')} {...getInputProps(fields.nameEn, { type: 'text' })} errors={errs(fields.nameEn.errors)} />
				<Field label={t('places.code')} hint={t('places.codeHint')} {...getInputProps(fields.code, { type: 'text' })} autoCapitalize="none" errors={errs(fields.code.errors)} />
				<Field label={t('places.lat')} hint={t('places.coordsHint')} {...getInputProps(fields.lat, { type: 'text' })} inputMode="decimal" errors={errs(fields.lat.errors)} />
				<Field label={t('places.lng')} {...getInputProps(fields.lng, { type: 'text' })} inputMode="decimal" errors={errs(fields.lng.errors)} />
				<Field label={t('places.contactName')} {...getInputProps(fields.contactName, { type: 'text' })} errors={errs(fields.contactName.errors)} />
				<Field label={t('places.contactPhone')} {...getInputProps(fields.contactPhone, { type: 'tel' })} errors={errs(fields.contactPhone.errors)} />
				<div className="sm:col-span-2 lg:col-span-3">
					<FormErrors errors={form.errors} />
					<SubmitButton name="intent" value="create-village">
						{t('places.createVillage')}
					</SubmitButton>
				</div>
			</Form>
		</details>
	)
}

export function VillageEditForm({ village, cancel }: { village: Village; cancel: string }) {
	const { t } = useTranslation('admin')
	const errs = useErrors()
	const formId = `update-village-${village.id}`
	const [form, fields] = useValidatedForm({
		id: formId,
		lastResult: useLastResult(formId),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: VillageUpdateSchema }),
		defaultValue: { id: village.id, name: village.name, nameEn: village.nameEn, contactName: village.contactName ?? '', contactPhone: village.contactPhone ?? '' },
	})
	return (
		<Form method="post" {...getFormProps(form)} className="mt-3 grid gap-4 sm:grid-cols-2">
			<AuthenticityTokenInput name="csrf" />
			<input {...getInputProps(fields.id, { type: 'hidden' })} />
			<Field label={t('places.name')} {...getInputProps(fields.name, { type: 'text' })} errors={errs(fields.name.errors)} />
			<Field label={t('places.nameEn')} {...getInputProps(fields.nameEn, { type: 'text' })} errors={errs(fields.nameEn.errors)} />
			<Field label={t('places.contactName')} {...getInputProps(fields.contactName, { type: 'text' })} errors={errs(fields.contactName.errors)} />
			<Field label={t('places.contactPhone')} {...getInputProps(fields.contactPhone, { type: 'tel' })} errors={errs(fields.contactPhone.errors)} />
			<div className="flex flex-wrap items-center gap-3 sm:col-span-2">
				<FormErrors errors={form.errors} />
				<SubmitButton name="intent" value="update-village">
					{t('common.save')}
				</SubmitButton>
				<Link to={cancel} className="text-sm text-stone-600 underline">
					{t('common.cancel')}
				</Link>
			</div>
		</Form>
	)
}
