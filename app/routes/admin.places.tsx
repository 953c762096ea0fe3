// Over 300 lines: not split here on purpose. Issue 9 splits the long routes in one step (server
// code into siblings, shared views such as the listing facts into components used by several
// routes); splitting this one alone would make the copies that step removes.
// /admin/places — the towns (苏木镇) and villages (嘎查村): list, add, rename, change contacts.
// Codes are fixed once created (they appear in addresses and exports). Every change is audited
// and reloads the public catalogue, which shows these names.
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Field, SelectField, SubmitButton } from '~/components/forms.tsx'
import i18next from '~/i18next.server.ts'
import { createTown, createVillage, listPlaces, updateTown, updateVillage, type PlaceResult } from '~/models/admin.server.ts'
import type { loader as rootLoader } from '~/root.tsx'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:places')
	const [towns, t] = await Promise.all([listPlaces(), i18next.getFixedT(request, ['admin', 'common'])])
	return json({ towns, title: `${t('admin:places.title')} · ${t('common:appName')}` })
}

const text = (min: number, max: number) => z.string({ required_error: 'required' }).trim().min(min, 'tooShort').max(max, 'tooLong')
const optionalText = (max: number) => z.string().trim().max(max, 'tooLong').optional()
const code = z
	.string({ required_error: 'required' })
	.trim()
	.toLowerCase()
	.min(2, 'tooShort')
	.max(40, 'tooLong')
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'code')
// Mainland China with a margin (as for listings): catches swapped or mistyped coordinates.
const degrees = (min: number, max: number) =>
	z.preprocess((v) => (v === undefined ? undefined : Number(v)), z.number({ required_error: 'required', invalid_type_error: 'number' }).min(min, 'outsideChina').max(max, 'outsideChina'))
const lat = degrees(17, 54)
const lng = degrees(73, 136)
const kind = z.enum(['TOWN', 'SUMU'], { required_error: 'required', invalid_type_error: 'invalid' })
const contactPhone = optionalText(20).refine((v) => !v || /^[0-9+\-\s()]{5,20}$/.test(v), 'phone')
const id = z.string({ required_error: 'required' }).max(64)

const TownCreateSchema = z.object({ code, name: text(2, 40), nameEn: text(2, 80), kind, lat, lng })
const TownUpdateSchema = z.object({ id, name: text(2, 40), nameEn: text(2, 80), kind })
const VillageCreateSchema = z.object({
	townId: z.string({ required_error: 'required' }).max(64),
	code,
	name: text(2, 40),
	nameEn: text(2, 80),
	lat,
	lng,
	contactName: optionalText(40),
	contactPhone,
})
const VillageUpdateSchema = z.object({ id, name: text(2, 40), nameEn: text(2, 80), contactName: optionalText(40), contactPhone })

const SCHEMAS = {
	'create-town': TownCreateSchema,
	'update-town': TownUpdateSchema,
	'create-village': VillageCreateSchema,
	'update-village': VillageUpdateSchema,
} as const
type Intent = keyof typeof SCHEMAS

function isIntent(v: unknown): v is Intent {
	// Own keys only: "__proto__" or "toString" must not reach Object.prototype.
	return typeof v === 'string' && Object.hasOwn(SCHEMAS, v)
}

/** The form that was sent: the create forms, or the edit form of one town or village. */
function formIdFor(intent: Intent, recordId?: string) {
	return intent.startsWith('create') ? intent : `${intent}-${recordId ?? ''}`
}

function backTo(request: Request, done: string, town?: string | null) {
	const params = new URLSearchParams()
	const current = new URL(request.url).searchParams.get('town')
	if (town ?? current) params.set('town', (town ?? current)!)
	params.set('done', done)
	return `/admin/places?${params}`
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'admin:places')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const intent = formData.get('intent')
	if (!isIntent(intent)) throw new Response('Unknown intent', { status: 400 })
	const submission = parseWithZod(formData, { schema: SCHEMAS[intent] })
	const formId = formIdFor(intent, String(formData.get('id') ?? ''))
	if (submission.status !== 'success') return json({ formId, result: submission.reply() }, { status: 400 })

	let result: PlaceResult
	let town: string | null = null
	switch (intent) {
		case 'create-town': {
			const v = TownCreateSchema.parse(submission.value)
			result = await createTown(user.id, v)
			town = v.code
			break
		}
		case 'update-town': {
			const { id: townId, ...v } = TownUpdateSchema.parse(submission.value)
			result = await updateTown(user.id, townId, v)
			break
		}
		case 'create-village': {
			const v = VillageCreateSchema.parse(submission.value)
			result = await createVillage(user.id, v)
			break
		}
		case 'update-village': {
			const { id: villageId, ...v } = VillageUpdateSchema.parse(submission.value)
			result = await updateVillage(user.id, villageId, v)
			break
		}
	}
	if (!result.ok) {
		const reply = result.field === 'id' ? submission.reply({ formErrors: [result.problem] }) : submission.reply({ fieldErrors: { [result.field]: [result.problem] } })
		return json({ formId, result: reply }, { status: result.problem === 'notFound' ? 404 : 400 })
	}
	const done = { 'create-town': 'townCreated', 'update-town': 'townUpdated', 'create-village': 'villageCreated', 'update-village': 'villageUpdated' }[intent]
	return redirect(backTo(request, done, town))
}

type Town = ReturnType<typeof useLoaderData<typeof loader>>['towns'][number]
type Village = Town['villages'][number]
type ActionData = { formId: string; result: SubmissionResult<string[]> } | undefined

const th = 'px-3 py-2 text-left font-semibold whitespace-nowrap'
const td = 'px-3 py-2 whitespace-nowrap'
const num = 'px-3 py-2 text-right tabular-nums whitespace-nowrap'
const region = 'mt-3 relative overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600'

/** Error codes of this namespace in its words; the common ones go to ErrorList untouched. */
function useErrors() {
	const { t, i18n } = useTranslation('admin')
	return (errors?: string[]) => errors?.map((e) => (i18n.exists(`admin:errors.${e}`) ? t(`errors.${e}`) : e))
}

function useLastResult(formId: string) {
	const data = useActionData<typeof action>() as ActionData
	return data?.formId === formId ? data.result : undefined
}

export default function AdminPlaces() {
	const { towns } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const locale = useRouteLoaderData<typeof rootLoader>('root')?.locale === 'en' ? 'en' : 'zh'
	const { t } = useTranslation('admin')
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	const townFilter = params.get('town') ?? ''
	const done = params.get('done')
	const editTown = towns.find((x) => x.id === params.get('editTown'))
	const editVillage = towns.flatMap((x) => x.villages).find((v) => v.id === params.get('editVillage'))
	const shownTowns = townFilter ? towns.filter((x) => x.code === townFilter) : towns
	const keep = (extra: Record<string, string>) => {
		const p = new URLSearchParams()
		if (townFilter) p.set('town', townFilter)
		for (const [k, v] of Object.entries(extra)) p.set(k, v)
		return `?${p}`
	}

	return (
		<div>
			<h1 className="text-2xl font-bold">{t('places.title')}</h1>
			<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('places.intro')}</p>
			{done && ['townCreated', 'townUpdated', 'villageCreated', 'villageUpdated'].includes(done) ? (
				<p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
					{t(`places.done.${done}`)}
				</p>
			) : null}

			{editTown ? (
				<section id="edit" aria-labelledby="edit-heading" className="mt-6 rounded-lg border border-brand-100 bg-white p-4 shadow-sm">
					<h2 id="edit-heading" className="font-semibold">
						{t('places.editTown', { name: name(editTown) })}
					</h2>
					<TownEditForm key={editTown.id} town={editTown} cancel={keep({})} />
				</section>
			) : null}
			{editVillage ? (
				<section id="edit" aria-labelledby="edit-heading" className="mt-6 rounded-lg border border-brand-100 bg-white p-4 shadow-sm">
					<h2 id="edit-heading" className="font-semibold">
						{t('places.editVillage', { name: name(editVillage) })}
					</h2>
					<VillageEditForm key={editVillage.id} village={editVillage} cancel={keep({})} />
				</section>
			) : null}

			{/* Not a landmark itself: the table's scrolling region below carries the heading's name. */}
			<section className="mt-8">
				<h2 id="towns-heading" className="text-lg font-semibold">
					{t('places.towns')}
				</h2>
				<p className="mt-1 text-xs text-stone-500 sm:hidden">{t('common.scrollHint')}</p>
				<div role="region" aria-labelledby="towns-heading" tabIndex={0} className={region}>
					<table className="min-w-full text-sm">
						<thead className="bg-stone-100 text-stone-700">
							<tr>
								<th scope="col" className={th}>
									{t('places.name')}
								</th>
								<th scope="col" className={th}>
									{t('places.code')}
								</th>
								<th scope="col" className={th}>
									{t('places.otherName')}
								</th>
								<th scope="col" className={th}>
									{t('places.kind')}
								</th>
								<th scope="col" className={`${th} text-right`}>
									{t('places.villageCount')}
								</th>
								<th scope="col" className={`${th} text-right`}>
									{t('places.listingCount')}
								</th>
								<th scope="col" className={th}>
									{t('places.lat')}, {t('places.lng')}
								</th>
								<th scope="col" className={th}>
									<span className="sr-only">{t('places.actions')}</span>
								</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-stone-100">
							{towns.map((town) => (
								<tr key={town.id} className={town.code === townFilter ? 'bg-brand-50' : 'hover:bg-stone-50'}>
									<th scope="row" className={`${td} text-left font-medium`}>
										<Link to={`?town=${town.code}`} className="text-brand-700 hover:underline">
											{name(town)}
										</Link>
									</th>
									<td className={`${td} font-mono text-xs`}>{town.code}</td>
									<td className={td}>{locale === 'en' ? town.name : town.nameEn}</td>
									<td className={td}>{t(`places.kinds.${town.kind}`, { defaultValue: town.kind })}</td>
									<td className={num}>{town.villages.length}</td>
									<td className={num}>{town._count.listings}</td>
									<td className={`${td} tabular-nums`}>
										{town.lat.toFixed(4)}, {town.lng.toFixed(4)}
									</td>
									<td className={td}>
										<Link to={`${keep({ editTown: town.id })}#edit`} className="text-brand-700 underline" aria-label={`${t('common.edit')} ${name(town)}`}>
											{t('common.edit')}
										</Link>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
				<TownCreateForm />
			</section>

			<section className="mt-10">
				<div className="flex flex-wrap items-end justify-between gap-3">
					<h2 id="villages-heading" className="text-lg font-semibold">
						{t('places.villages')}
					</h2>
					<Form method="get" className="flex items-end gap-2">
						<SelectField label={t('places.filterTown')} name="town" defaultValue={townFilter} key={townFilter}>
							<option value="">{t('common.all')}</option>
							{towns.map((town) => (
								<option key={town.id} value={town.code}>
									{name(town)}
								</option>
							))}
						</SelectField>
						<button type="submit" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-50">
							{t('common.filter')}
						</button>
					</Form>
				</div>
				<p className="mt-1 text-xs text-stone-500 sm:hidden">{t('common.scrollHint')}</p>
				<div role="region" aria-labelledby="villages-heading" tabIndex={0} className={region}>
					<table className="min-w-full text-sm">
						<thead className="bg-stone-100 text-stone-700">
							<tr>
								<th scope="col" className={th}>
									{t('places.name')}
								</th>
								<th scope="col" className={th}>
									{t('places.town')}
								</th>
								<th scope="col" className={th}>
									{t('places.code')}
								</th>
								<th scope="col" className={th}>
									{t('places.otherName')}
								</th>
								<th scope="col" className={th}>
									{t('places.contact')}
								</th>
								<th scope="col" className={`${th} text-right`}>
									{t('places.listingCount')}
								</th>
								<th scope="col" className={`${th} text-right`}>
									{t('places.userCount')}
								</th>
								<th scope="col" className={th}>
									<span className="sr-only">{t('places.actions')}</span>
								</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-stone-100">
							{shownTowns.flatMap((town) =>
								town.villages.length === 0
									? [
											<tr key={town.id}>
												<td colSpan={8} className={`${td} text-stone-500`}>
													{name(town)}: {t('places.noVillages')}
												</td>
											</tr>,
										]
									: town.villages.map((v) => (
											<tr key={v.id} className="hover:bg-stone-50">
												<th scope="row" className={`${td} text-left font-medium`}>
													{name(v)}
													{v.isDemo ? <span className="ml-1.5 rounded bg-amber-100 px-1 text-xs font-normal text-amber-900">{t('common.demo')}</span> : null}
												</th>
												<td className={td}>{name(town)}</td>
												<td className={`${td} font-mono text-xs`}>{v.code}</td>
												<td className={td}>{locale === 'en' ? v.name : v.nameEn}</td>
												<td className={td}>{[v.contactName, v.contactPhone].filter(Boolean).join(' · ') || t('common.none')}</td>
												<td className={num}>{v._count.listings}</td>
												<td className={num}>{v._count.users}</td>
												<td className={td}>
													<Link to={`${keep({ editVillage: v.id })}#edit`} className="text-brand-700 underline" aria-label={`${t('common.edit')} ${name(v)}`}>
														{t('common.edit')}
													</Link>
												</td>
											</tr>
										)),
							)}
						</tbody>
					</table>
				</div>
				<VillageCreateForm towns={towns} defaultTownId={towns.find((x) => x.code === townFilter)?.id} />
			</section>
		</div>
	)
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

function TownCreateForm() {
	const { t } = useTranslation('admin')
	const errs = useErrors()
	const lastResult = useLastResult('create-town')
	const [form, fields] = useForm({
		id: 'create-town',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: TownCreateSchema }),
		shouldRevalidate: 'onInput',
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

function TownEditForm({ town, cancel }: { town: Town; cancel: string }) {
	const { t } = useTranslation('admin')
	const errs = useErrors()
	const formId = `update-town-${town.id}`
	const [form, fields] = useForm({
		id: formId,
		lastResult: useLastResult(formId),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: TownUpdateSchema }),
		shouldRevalidate: 'onInput',
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

function VillageCreateForm({ towns, defaultTownId }: { towns: Town[]; defaultTownId?: string }) {
	const { t } = useTranslation('admin')
	const errs = useErrors()
	const locale = useRouteLoaderData<typeof rootLoader>('root')?.locale === 'en' ? 'en' : 'zh'
	const lastResult = useLastResult('create-village')
	const [form, fields] = useForm({
		id: 'create-village',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: VillageCreateSchema }),
		shouldRevalidate: 'onInput',
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

function VillageEditForm({ village, cancel }: { village: Village; cancel: string }) {
	const { t } = useTranslation('admin')
	const errs = useErrors()
	const formId = `update-village-${village.id}`
	const [form, fields] = useForm({
		id: formId,
		lastResult: useLastResult(formId),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: VillageUpdateSchema }),
		shouldRevalidate: 'onInput',
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '苏木镇与嘎查村' }]

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
