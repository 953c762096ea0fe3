// /admin/users/:id (a sibling of the list, not nested in it: hence `users_`) — one account: its
// details and audit entries; disable or enable it, or set a new password for the person.
// Disabling and resetting end every session of the account.
import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Field, SubmitButton, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import i18next from '~/i18next.server.ts'
import { getUserForAdmin, resetAccountPassword, setAccountDisabled } from '~/models/admin.server.ts'
import { AUDIT_NAMESPACES, withAuditText } from '~/utils/audit-text.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate, formatDateTime } from '~/utils/format.ts'
import { passwordErrorCode } from '~/utils/password-strength.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { Fact } from '~/components/fact.tsx'
import { useAdminErrors } from '~/components/admin-ui.tsx'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const admin = await requirePermission(request, 'admin:users')
	const found = params.id && params.id.length <= 64 ? await getUserForAdmin(params.id) : null
	invariantResponse(found)
	const [ta, locale] = await Promise.all([i18next.getFixedT(request, AUDIT_NAMESPACES), i18next.getLocale(request)])
	return { ...found, audit: withAuditText(ta, locale, found.audit), isSelf: found.user.id === admin.id }
}

const StateSchema = z.object({ reason: z.string().trim().max(500, 'tooLong').optional() })
const ResetSchema = z.object({ password: z.string({ required_error: 'required' }).min(8, 'password').max(200, 'tooLong') })

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requirePermission(request, 'admin:users')
	const userId = params.id ?? ''
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const intent = formData.get('intent')
	if (intent === 'disable' || intent === 'enable') {
		const submission = parseWithZod(formData, { schema: StateSchema })
		if (submission.status !== 'success') return data({ formId: 'state', result: submission.reply() }, { status: 400 })
		const result = await setAccountDisabled(admin.id, userId, intent === 'disable', submission.value.reason)
		if (!result.ok) return data({ formId: 'state', result: submission.reply({ formErrors: [result.problem] }) }, { status: result.problem === 'notFound' ? 404 : 400 })
		return redirect(`/admin/users/${userId}?done=${intent}d`)
	}
	if (intent === 'reset-password') {
		const submission = parseWithZod(formData, { schema: ResetSchema })
		if (submission.status !== 'success') return data({ formId: 'reset', result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
		const result = await resetAccountPassword(admin.id, userId, submission.value.password)
		if (!result.ok && result.problem === 'password') {
			return data({ formId: 'reset', result: submission.reply({ fieldErrors: { password: [passwordErrorCode(result.reason)] }, hideFields: ['password'] }) }, { status: 400 })
		}
		if (!result.ok) return data({ formId: 'reset', result: submission.reply({ formErrors: [result.problem], hideFields: ['password'] }) }, { status: 404 })
		return redirect(`/admin/users/${userId}?done=reset`)
	}
	invariantResponse(false, 'Unknown intent', { status: 400 })
}

type ActionData = { formId: string; result: SubmissionResult<string[]> } | undefined

function useLastResult(formId: string) {
	const data = useActionData<typeof action>() as ActionData
	return data?.formId === formId ? data.result : undefined
}

export const shouldRevalidate = revalidateAfterRefusal

export default function AdminUser() {
	const { user, activeSessions, lastLoginAt, audit, isSelf } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const locale = useLocale()
	const { t } = useTranslation('admin')
	const { t: tc } = useTranslation('common')
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	const done = params.get('done')
	return (
		<div>
			<Link to="/admin/users" className="text-sm text-brand-700 hover:underline">
				← {t('user.back')}
			</Link>
			<h1 className="mt-2 text-2xl font-bold">{t('user.title', { name: user.name })}</h1>
			{done && ['created', 'disabled', 'enabled', 'reset'].includes(done) ? (
				<p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
					{t(`user.done.${done}`)}
				</p>
			) : null}

			<div className="mt-6 grid gap-6 lg:grid-cols-2">
				<section aria-labelledby="profile" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
					<h2 id="profile" className="font-semibold">
						{t('user.profile')}
					</h2>
					<dl className="mt-2 divide-y divide-stone-100 text-sm">
						<Fact labelWidth="7rem" label={t('users.role')}>{tc(`roles.${user.role}`, { defaultValue: user.role })}</Fact>
						<Fact labelWidth="7rem" label={t('users.binding')}>{user.village ? `${name(user.village.town)} · ${name(user.village)}` : user.town ? name(user.town) : t('common.none')}</Fact>
						<Fact labelWidth="7rem" label={t('users.email')}>{user.email ?? t('common.none')}</Fact>
						<Fact labelWidth="7rem" label={t('users.phone')}>{user.phone ?? t('common.none')}</Fact>
						<Fact labelWidth="7rem" label={t('user.status')}>
							<span data-testid="account-state" className={user.disabled ? 'font-medium text-stone-700' : 'font-medium text-green-800'}>
								{user.disabled ? t('users.states.disabled') : t('users.states.active')}
							</span>
						</Fact>
						<Fact labelWidth="7rem" label={t('user.sessions')}>{activeSessions}</Fact>
						<Fact labelWidth="7rem" label={t('user.lastLogin')}>{lastLoginAt ? formatDateTime(lastLoginAt, locale) : t('user.never')}</Fact>
						<Fact labelWidth="7rem" label={t('user.createdAt')}>{formatDate(user.createdAt, locale)}</Fact>
					</dl>
				</section>

				<div className="space-y-6">
					<StateForm disabled={user.disabled} isSelf={isSelf} />
					<ResetForm />
				</div>
			</div>

			<section aria-labelledby="history" className="mt-8">
				<h2 id="history" className="text-lg font-semibold">
					{t('user.history')}
				</h2>
				{audit.length === 0 ? (
					<p className="mt-2 text-sm text-stone-500">{t('user.historyEmpty')}</p>
				) : (
					<ol className="mt-3 divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm shadow-sm">
						{audit.map((e) => (
							<li key={e.seq} className="flex flex-wrap gap-x-4 gap-y-1 px-4 py-2">
								<span className="font-mono text-xs text-stone-500">#{e.seq}</span>
								<time dateTime={e.createdAt.toISOString()} className="tabular-nums text-stone-600">
									{formatDateTime(e.createdAt, locale)}
								</time>
								<span className="font-medium" title={e.action}>
									{e.text.action}
								</span>
								{e.text.change ? <span>{e.text.change}</span> : null}
								<span className="text-stone-600">{e.actor ? `${e.actor.name} · ${tc(`roles.${e.actor.role}`, { defaultValue: e.actor.role })}` : t('common.system')}</span>
								{e.text.details ? <span className="w-full break-words text-stone-700">{e.text.details}</span> : null}
								{e.text.reason ? <span className="w-full break-words text-stone-700">{e.text.reason}</span> : null}
							</li>
						))}
					</ol>
				)}
				<Link to={`/admin/audit?entityType=USER&entityId=${user.id}`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
					{t('listing.allAudit')}
				</Link>
			</section>
		</div>
	)
}

function StateForm({ disabled, isSelf }: { disabled: boolean; isSelf: boolean }) {
	const { t } = useTranslation('admin')
	const errs = useAdminErrors()
	const [form, fields] = useValidatedForm({
		id: 'state',
		lastResult: useLastResult('state'),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: StateSchema }),
	})
	const formErrors = errs(form.errors)
	return (
		<section aria-labelledby="state-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="state-heading" className="font-semibold">
				{disabled ? t('user.enableTitle') : t('user.disableTitle')}
			</h2>
			<p className="mt-1 text-sm text-stone-600">{disabled ? t('user.enableIntro') : t('user.disableIntro')}</p>
			{isSelf && !disabled ? (
				<p className="mt-3 text-sm text-stone-700">{t('user.selfNote')}</p>
			) : (
				<Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
					<AuthenticityTokenInput name="csrf" />
					<TextareaField label={t('user.reason')} {...getTextareaProps(fields.reason)} rows={2} errors={errs(fields.reason.errors)} />
					{formErrors?.length ? (
						<p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
							{formErrors.join(' ')}
						</p>
					) : null}
					{disabled ? (
						<SubmitButton name="intent" value="enable">
							{t('user.enable')}
						</SubmitButton>
					) : (
						<SubmitButton name="intent" value="disable" className="bg-red-700 hover:bg-red-800">
							{t('user.disable')}
						</SubmitButton>
					)}
				</Form>
			)}
		</section>
	)
}

function ResetForm() {
	const { t } = useTranslation('admin')
	const errs = useAdminErrors()
	const [form, fields] = useValidatedForm({
		id: 'reset',
		lastResult: useLastResult('reset'),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
	})
	const formErrors = errs(form.errors)
	return (
		<section aria-labelledby="reset-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="reset-heading" className="font-semibold">
				{t('user.resetTitle')}
			</h2>
			<p className="mt-1 text-sm text-stone-600">{t('user.resetIntro')}</p>
			<Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
				<AuthenticityTokenInput name="csrf" />
				<Field label={t('user.newPassword')} hint={t('users.passwordHint')} {...getInputProps(fields.password, { type: 'text' })} autoComplete="new-password" spellCheck={false} errors={errs(fields.password.errors)} />
				{formErrors?.length ? (
					<p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
						{formErrors.join(' ')}
					</p>
				) : null}
				<SubmitButton name="intent" value="reset-password">
					{t('user.reset')}
				</SubmitButton>
			</Form>
		</section>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'admin')
	return [{ title: pageTitle(locale, data ? t('user.title', { name: data.user.name }) : t('users.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
