import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type HeadersFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field, SubmitButton, useValidatedForm } from '~/components/forms.tsx'
import { homeFor } from '~/domain/permissions.ts'
import { requireAnonymous, startSession, verifyLogin } from '~/utils/auth.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { demoAccounts, DEMO_PASSWORD, isDemoMode } from '~/utils/demo.server.ts'
import { retryAfterHeaders, waitText } from '~/utils/login.ts'
import { safeRedirect } from '~/utils/redirect.ts'
import { useLocale } from '~/utils/root-data.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

const LoginSchema = z.object({
	login: z.string({ required_error: 'required' }).trim().min(3, 'login').max(100, 'tooLong'),
	password: z.string({ required_error: 'required' }).min(1, 'required').max(200, 'tooLong'),
	redirectTo: z.string().max(2000).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const demo = (await isDemoMode()) ? { password: DEMO_PASSWORD, accounts: demoAccounts } : null
	return { demo }
}

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: LoginSchema })
	if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
	const { login, password, redirectTo } = submission.value
	const ip = typeof context.clientIp === 'string' ? context.clientIp : 'unknown'
	const result = await verifyLogin(login, password, ip)
	if (result.ok === false && result.reason === 'rate-limited') {
		const reply = submission.reply({ formErrors: ['rate-limited'], hideFields: ['password'] })
		return data({ ...reply, retryAfter: result.retryAfterSeconds }, { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } })
	}
	if (!result.ok) return data(submission.reply({ formErrors: [result.reason], hideFields: ['password'] }), { status: 400 })
	return startSession(request, result.userId, safeRedirect(redirectTo, homeFor(result.role)))
}

export const headers: HeadersFunction = retryAfterHeaders

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'auth')('login.title')) }]
}

export const shouldRevalidate = revalidateAfterRefusal

export default function LoginPage() {
	const { demo } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t } = useTranslation('auth')
	const locale = useLocale()
	const [form, fields] = useValidatedForm({
		id: 'login',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
	})
	const formError = form.errors?.[0]
	const retryAfter = lastResult && 'retryAfter' in lastResult && typeof lastResult.retryAfter === 'number' ? lastResult.retryAfter : 0
	return (
		<div className="mx-auto max-w-md px-4 py-10">
			<h1 className="text-2xl font-bold">{t('login.title')}</h1>
			<p className="mt-2 text-sm text-stone-600">{t('login.intro')}</p>
			{searchParams.get('joined') ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t('login.joined')}
				</p>
			) : null}
			<Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
				<AuthenticityTokenInput name="csrf" />
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<Field label={t('login.login')} {...getInputProps(fields.login, { type: 'text' })} autoComplete="username" errors={fields.login.errors} />
				<Field label={t('login.password')} {...getInputProps(fields.password, { type: 'password' })} autoComplete="current-password" errors={fields.password.errors} />
				{formError ? (
					<p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
						{formError === 'rate-limited'
							? t('login.rateLimited', { wait: t(...waitText(retryAfter)) })
							: t(`login.${formError}`, { defaultValue: formError })}
					</p>
				) : null}
				<ErrorList errors={form.errors?.filter((e) => !['invalid', 'rate-limited', 'disabled'].includes(e))} />
				<SubmitButton name="intent" value="login" className="w-full">
					{t('login.submit')}
				</SubmitButton>
				<p className="text-center text-sm text-stone-600">
					{t('login.noAccount')}{' '}
					<Link to="/join" className="text-brand-700 underline">
						{t('login.joinLink')}
					</Link>
				</p>
			</Form>
			{demo ? (
				<section className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm" aria-labelledby="demo-accounts">
					<h2 id="demo-accounts" className="font-semibold text-amber-900">
						{t('demo.title')}
					</h2>
					<p className="mt-1 text-amber-900">{t('demo.intro', { password: demo.password })}</p>
					<ul className="mt-2 space-y-1">
						{demo.accounts.map((a) => (
							<li key={a.email} className="flex flex-wrap justify-between gap-x-2">
								<span>
									{t(`common:roles.${a.role}`)}
									{a.place ? ` · ${locale === 'en' ? a.placeEn : a.place}` : ''}
								</span>
								<code className="text-stone-700">{a.email}</code>
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
