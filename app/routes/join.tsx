import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type HeadersFunction, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Field, SubmitButton, useValidatedForm } from '~/components/forms.tsx'
import { registerBuyer, signupWaitSeconds } from '~/models/signup.server.ts'
import { requireAnonymous } from '~/utils/auth.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { normaliseLogin, retryAfterHeaders, waitText } from '~/utils/login.ts'
import { checkPassword, passwordErrorCode } from '~/utils/password-strength.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

const MOBILE = /^1[3-9]\d{9}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const JoinSchema = z
	.object({
		name: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(60, 'tooLong'),
		login: z
			.string({ required_error: 'required' })
			.trim()
			.max(100, 'tooLong')
			.refine((v) => {
				const key = normaliseLogin(v)
				return key.email ? EMAIL.test(key.email) : MOBILE.test(key.phone ?? '')
			}, 'login'),
		password: z.string({ required_error: 'required' }).min(8, 'password').max(200, 'tooLong'),
		confirm: z.string({ required_error: 'required' }),
		redirectTo: z.string().max(2000).optional(),
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'passwordMismatch' })

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	return {}
}

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const ip = typeof context.clientIp === 'string' ? context.clientIp : 'unknown'
	const wait = await signupWaitSeconds(ip)
	// The strength rule needs the dictionaries, so it runs here and not in the browser.
	const submission = parseWithZod(formData, {
		schema: JoinSchema.superRefine((v, ctx) => {
			// A password under 8 characters already has its message (zod runs this on a dirty parse too).
			if (typeof v.password !== 'string' || v.password.length < 8) return
			const strength = checkPassword(v.password, [v.login, v.name])
			if (!strength.ok) ctx.addIssue({ code: 'custom', path: ['password'], message: passwordErrorCode(strength.problem) })
		}),
	})
	if (wait > 0) {
		const reply = submission.reply({ formErrors: ['rate-limited'], hideFields: ['password', 'confirm'] })
		return data({ ...reply, retryAfter: wait }, { status: 429, headers: { 'Retry-After': String(wait) } })
	}
	if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password', 'confirm'] }), { status: 400 })
	const { name, login, password, redirectTo } = submission.value
	// New or already registered, the answer is the same (decision 012): nobody learns who has an account.
	await registerBuyer(ip, { name, login, password })
	const next = new URLSearchParams({ joined: '1' })
	if (redirectTo) next.set('redirectTo', redirectTo)
	return redirect(`/login?${next}`)
}

export const headers: HeadersFunction = retryAfterHeaders

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'auth')('join.title')) }]
}

export const shouldRevalidate = revalidateAfterRefusal

export default function JoinPage() {
	const lastResult = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t } = useTranslation('auth')
	const retryAfter = lastResult && 'retryAfter' in lastResult && typeof lastResult.retryAfter === 'number' ? lastResult.retryAfter : 0
	const [form, fields] = useValidatedForm({
		id: 'join',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinSchema }),
	})
	return (
		<div className="mx-auto max-w-md px-4 py-10">
			<h1 className="text-2xl font-bold">{t('join.title')}</h1>
			<p className="mt-2 text-sm text-stone-600">{t('join.intro')}</p>
			<Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
				<AuthenticityTokenInput name="csrf" />
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<Field label={t('join.name')} {...getInputProps(fields.name, { type: 'text' })} autoComplete="name" errors={fields.name.errors} />
				<Field label={t('join.login')} hint={t('join.loginHint')} {...getInputProps(fields.login, { type: 'text' })} autoComplete="username" errors={fields.login.errors} />
				<Field label={t('join.password')} hint={t('join.passwordHint')} {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" errors={fields.password.errors} />
				<Field label={t('join.confirm')} {...getInputProps(fields.confirm, { type: 'password' })} autoComplete="new-password" errors={fields.confirm.errors} />
				{retryAfter ? (
					<p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
						{t('join.rateLimited', { wait: t(...waitText(retryAfter)) })}
					</p>
				) : null}
				<SubmitButton name="intent" value="join" className="w-full">
					{t('join.submit')}
				</SubmitButton>
				<p className="text-center text-sm text-stone-600">
					{t('join.haveAccount')}{' '}
					<Link to="/login" className="text-brand-700 underline">
						{t('join.loginLink')}
					</Link>
				</p>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
