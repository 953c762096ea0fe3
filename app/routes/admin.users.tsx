// /admin/users — every account: filter by role, town, village and state, search by name, email or
// mobile; open an account of any role with the place its role needs and an initial password.
import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { z } from 'zod'
import { AdminTable, FilterForm, FilterSearch, FilterSelect, Pager, td, useAdminErrors } from '~/components/admin-ui.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Field, SelectField, SubmitButton, useValidatedForm } from '~/components/forms.tsx'
import { isRole, ROLES } from '~/domain/permissions.ts'
import { createAccount, listPlaces, listUsers, type AccountResult } from '~/models/admin.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate } from '~/utils/format.ts'
import { passwordErrorCode } from '~/utils/password-strength.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

const PAGE_SIZE = 50
const STATES = ['active', 'disabled'] as const

function filtersFrom(url: URL) {
	const p = url.searchParams
	const str = (k: string, max: number) => (p.get(k)?.trim() || undefined)?.slice(0, max)
	const role = p.get('role')
	const state = p.get('state')
	const page = Number(p.get('page'))
	return {
		q: str('q', 100),
		role: isRole(role) ? role : undefined,
		townCode: str('town', 64),
		villageCode: str('village', 64),
		state: state === 'active' ? ('active' as const) : state === 'disabled' ? ('disabled' as const) : undefined,
		page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
	}
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:users')
	const filters = filtersFrom(new URL(request.url))
	const [users, towns] = await Promise.all([listUsers({ ...filters, pageSize: PAGE_SIZE }), listPlaces()])
	return {
		users,
		towns: towns.map((x) => ({ id: x.id, code: x.code, name: x.name, nameEn: x.nameEn, villages: x.villages.map((v) => ({ id: v.id, code: v.code, name: v.name, nameEn: v.nameEn })) })),
	}
}

const MOBILE = /^1[3-9]\d{9}$/
const mobileDigits = (v: string) => v.replace(/[\s-]/g, '').replace(/^\+?86/, '')
const optional = (max: number) => z.string().trim().max(max, 'tooLong').optional()

const AccountSchema = z
	.object({
		name: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(60, 'tooLong'),
		role: z.enum(ROLES, { required_error: 'required', invalid_type_error: 'invalid' }),
		townId: optional(64),
		villageId: optional(64),
		email: optional(100).refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'email'),
		phone: optional(20).refine((v) => !v || MOBILE.test(mobileDigits(v)), 'mobile'),
		password: z.string({ required_error: 'required' }).min(8, 'password').max(200, 'tooLong'),
	})
	.superRefine((v, ctx) => {
		if (!v.email && !v.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'loginRequired' })
		if (v.role === 'VILLAGE' && !v.villageId) ctx.addIssue({ code: 'custom', path: ['villageId'], message: 'villageRequired' })
		if (v.role === 'REVIEWER' && !v.townId) ctx.addIssue({ code: 'custom', path: ['townId'], message: 'townRequired' })
	})

/** The model's refusal as the message code shown next to the field. */
function problemCode(r: Extract<AccountResult, { ok: false }>) {
	if (r.field === 'password') return passwordErrorCode(r.reason)
	if (r.problem === 'taken') return r.field === 'phone' ? 'phoneTaken' : 'emailTaken'
	if (r.problem === 'required') return { villageId: 'villageRequired', townId: 'townRequired' }[r.field as string] ?? 'loginRequired'
	return r.problem
}

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requirePermission(request, 'admin:users')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	invariantResponse(formData.get('intent') === 'create-account', 'Unknown intent', { status: 400 })
	const submission = parseWithZod(formData, { schema: AccountSchema })
	if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
	const result = await createAccount(admin.id, submission.value)
	if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: [problemCode(result)] }, hideFields: ['password'] }), { status: 400 })
	return redirect(`/admin/users/${result.id}?done=created`)
}


export const shouldRevalidate = revalidateAfterRefusal

export default function AdminUsers() {
	const { users, towns } = useLoaderData<typeof loader>()
	const locale = useLocale()
	const { t } = useTranslation('admin')
	const { t: tc } = useTranslation('common')
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	const pages = Math.max(1, Math.ceil(users.total / users.pageSize))
	return (
		<div>
			<h1 className="text-2xl font-bold">{t('users.title')}</h1>
			<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('users.intro')}</p>

			<CreateAccount towns={towns} />

			<FilterForm resetTo="/admin/users" count={users.total} columns={6}>
				<FilterSearch label={t('users.search')} />
				<FilterSelect label={t('users.role')} name="role">
					{ROLES.map((r) => (
						<option key={r} value={r}>
							{tc(`roles.${r}`)}
						</option>
					))}
				</FilterSelect>
				<FilterSelect label={t('users.town')} name="town">
					{towns.map((x) => (
						<option key={x.code} value={x.code}>
							{name(x)}
						</option>
					))}
				</FilterSelect>
				<FilterSelect label={t('users.village')} name="village">
					{towns.map((x) => (
						<optgroup key={x.code} label={name(x)}>
							{x.villages.map((v) => (
								<option key={v.code} value={v.code}>
									{name(v)}
								</option>
							))}
						</optgroup>
					))}
				</FilterSelect>
				<FilterSelect label={t('users.state')} name="state">
					{STATES.map((s) => (
						<option key={s} value={s}>
							{t(`users.states.${s}`)}
						</option>
					))}
				</FilterSelect>
			</FilterForm>

			<AdminTable id="users-table" caption={t('users.title')} headers={[t('users.name'), t('users.role'), t('users.binding'), t('users.email'), t('users.phone'), t('users.state'), t('users.createdAt')]}>
					<tbody className="divide-y divide-stone-100">
						{users.rows.length === 0 ? (
							<tr>
								<td colSpan={7} className="px-3 py-6 text-center text-stone-500">
									{t('users.empty')}
								</td>
							</tr>
						) : null}
						{users.rows.map((u) => (
							<tr key={u.id} className="hover:bg-stone-50">
								<th scope="row" className={`${td} text-left font-medium`}>
									<Link to={`/admin/users/${u.id}`} className="text-brand-700 hover:underline">
										{u.name}
									</Link>
								</th>
								<td className={td}>{tc(`roles.${u.role}`, { defaultValue: u.role })}</td>
								<td className={td}>
									{u.village ? `${name(u.village.town)} · ${name(u.village)}` : u.town ? name(u.town) : t('common.none')}
								</td>
								<td className={td}>{u.email ?? t('common.none')}</td>
								<td className={`${td} tabular-nums`}>{u.phone ?? t('common.none')}</td>
								<td className={td}>
									<StateBadge disabled={u.disabled} />
								</td>
								<td className={td}>{formatDate(u.createdAt, locale)}</td>
							</tr>
						))}
					</tbody>
			</AdminTable>
			<Pager page={users.page} pages={pages} />
		</div>
	)
}

function StateBadge({ disabled }: { disabled: boolean }) {
	const { t } = useTranslation('admin')
	return disabled ? (
		<span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-700">{t('users.states.disabled')}</span>
	) : (
		<span className="rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-800">{t('users.states.active')}</span>
	)
}

type Towns = ReturnType<typeof useLoaderData<typeof loader>>['towns']

function CreateAccount({ towns }: { towns: Towns }) {
	const { t } = useTranslation('admin')
	const { t: tc } = useTranslation('common')
	const errs = useAdminErrors()
	const locale = useLocale()
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	const lastResult = useActionData<typeof action>()
	const [form, fields] = useValidatedForm({
		id: 'create-account',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AccountSchema }),
		defaultValue: { role: 'VILLAGE' },
	})
	// Without JavaScript both places show (each with its hint); with it, only the one the role needs.
	const hydrated = useHydrated()
	const role = fields.role.value ?? 'VILLAGE'
	return (
		<details className="mt-6 rounded-lg border border-stone-200 bg-white shadow-sm" open={Boolean(lastResult)}>
			<summary className="cursor-pointer px-4 py-3 font-medium text-brand-800">{t('users.create')}</summary>
			<Form method="post" {...getFormProps(form)} className="grid gap-4 border-t border-stone-200 p-4 sm:grid-cols-2 lg:grid-cols-3">
				<AuthenticityTokenInput name="csrf" />
				<p className="text-sm text-stone-600 sm:col-span-2 lg:col-span-3">{t('users.createIntro')}</p>
				<Field label={t('users.name')} {...getInputProps(fields.name, { type: 'text' })} autoComplete="off" errors={errs(fields.name.errors)} />
				<SelectField label={t('users.role')} {...getSelectProps(fields.role)} errors={errs(fields.role.errors)}>
					{ROLES.map((r) => (
						<option key={r} value={r}>
							{tc(`roles.${r}`)}
						</option>
					))}
				</SelectField>
				<SelectField
					className={hydrated && role !== 'VILLAGE' ? 'hidden' : undefined}
					label={t('users.village')}
					hint={t('users.villageHint')}
					{...getSelectProps(fields.villageId)} errors={errs(fields.villageId.errors)}>
					<option value="">{t('users.choose')}</option>
					{towns.map((x) => (
						<optgroup key={x.id} label={name(x)}>
							{x.villages.map((v) => (
								<option key={v.id} value={v.id}>
									{name(v)}
								</option>
							))}
						</optgroup>
					))}
				</SelectField>
				<SelectField
					className={hydrated && role !== 'REVIEWER' ? 'hidden' : undefined}
					label={t('users.town')}
					hint={t('users.townHint')}
					{...getSelectProps(fields.townId)} errors={errs(fields.townId.errors)}>
					<option value="">{t('users.choose')}</option>
					{towns.map((x) => (
						<option key={x.id} value={x.id}>
							{name(x)}
						</option>
					))}
				</SelectField>
				<Field label={t('users.email')} hint={t('users.loginHint')} {...getInputProps(fields.email, { type: 'email' })} autoComplete="off" errors={errs(fields.email.errors)} />
				<Field label={t('users.phone')} {...getInputProps(fields.phone, { type: 'tel' })} autoComplete="off" errors={errs(fields.phone.errors)} />
				<Field label={t('users.password')} hint={t('users.passwordHint')} {...getInputProps(fields.password, { type: 'text' })} autoComplete="new-password" spellCheck={false} errors={errs(fields.password.errors)} />
				<div className="sm:col-span-2 lg:col-span-3">
					<SubmitButton name="intent" value="create-account">
						{t('users.submit')}
					</SubmitButton>
				</div>
			</Form>
		</details>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'admin')('users.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
