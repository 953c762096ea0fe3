// /notifications/settings — which notifications also go out by e-mail and by SMS (decision 032),
// per kind the user's role receives. One form of checkboxes (works without JavaScript); the web
// page keeps every notification regardless. Shows where messages go, and says so when the
// account lacks an address or the platform has a channel turned off.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { SubmitButton } from '~/components/forms.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { CHANNELS } from '~/domain/notification-channels.ts'
import type { NotificationKind } from '~/domain/notifications.ts'
import { preferencesOf, savePreferences } from '~/models/delivery.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { env } from '~/utils/env.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { choicesFrom, SettingsSchema } from '~/utils/notification-settings-form.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

const PERMISSION = 'notification:read:own'

export const handle = { i18n: ['notification', 'review'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, PERMISSION)
	const e = env()
	return {
		preferences: await preferencesOf(user),
		contact: { email: user.email, phone: user.phone },
		channelOn: { email: e.NOTIFY_EMAIL !== 'off', sms: e.NOTIFY_SMS !== 'off' },
		saved: new URL(request.url).searchParams.has('saved'),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, PERMISSION)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	formData.delete('csrf')
	const submission = parseWithZod(formData, { schema: SettingsSchema })
	if (submission.status !== 'success') return data({ invalid: true }, { status: 400 })
	await savePreferences(user, choicesFrom(submission.value))
	return redirect('/notifications/settings?saved=1')
}

export const shouldRevalidate = revalidateAfterRefusal

export default function NotificationSettingsRoute() {
	const { preferences, contact, channelOn, saved } = useLoaderData<typeof loader>()
	const invalid = useActionData<typeof action>()?.invalid
	const navigation = useNavigation()
	const { t } = useTranslation('notification')
	const label = (kind: NotificationKind) => t(`settings.labels.${kind as 'saved-search-digest'}`, { defaultValue: t(`kinds.${kind}.title`) })
	return (
		<div className="mx-auto max-w-3xl px-4 py-6">
			<Link to="/notifications" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('settings.back')}
			</Link>
			<h1 className="mt-2 text-2xl font-bold text-stone-900">{t('settings.title')}</h1>
			<p className="mt-1 text-sm text-stone-600">{t('settings.intro')}</p>
			<div className="mt-4 space-y-2">
				{saved ? <Notice tone="ok">{t('settings.saved')}</Notice> : null}
				{invalid ? <Notice tone="error">{t('settings.errors.invalid')}</Notice> : null}
				<dl className="rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm" data-testid="contact">
					<dt className="font-medium text-stone-700">{t('settings.sendTo')}</dt>
					<dd>
						{t('settings.email')}：{contact.email ?? t('settings.none')}；{t('settings.sms')}：{contact.phone ?? t('settings.none')}
					</dd>
				</dl>
				{!contact.email ? <Notice tone="warn">{t('settings.noEmail')}</Notice> : null}
				{!contact.phone ? <Notice tone="warn">{t('settings.noPhone')}</Notice> : null}
				{CHANNELS.filter((c) => !channelOn[c]).map((c) => (
					<Notice key={c} tone="info">
						{t('settings.channelOff', { channel: t(`settings.${c}`) })}
					</Notice>
				))}
			</div>
			<Form method="post" className="mt-4">
				<AuthenticityTokenInput name="csrf" />
				<div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
					<table className="w-full text-sm">
						<thead className="bg-stone-50 text-left">
							<tr>
								<th scope="col" className="px-3 py-2 font-semibold">
									{t('settings.kind')}
								</th>
								{CHANNELS.map((c) => (
									<th key={c} scope="col" className="w-24 px-3 py-2 text-center font-semibold">
										{t(`settings.${c}`)}
									</th>
								))}
							</tr>
						</thead>
						<tbody className="divide-y divide-stone-100">
							{preferences.map((p) => (
								<tr key={p.kind} data-testid={`preference-${p.kind}`}>
									<th scope="row" className="px-3 py-2 text-left font-normal">
										{label(p.kind)}
									</th>
									{CHANNELS.map((c) => (
										<td key={c} className="px-3 py-2 text-center">
											<input type="checkbox" name={`${c}:${p.kind}`} defaultChecked={p[c]} aria-label={t(c === 'email' ? 'settings.emailFor' : 'settings.smsFor', { kind: label(p.kind) })} className="h-5 w-5" />
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
				<div className="mt-4">
					<SubmitButton name="intent" value="save" disabled={navigation.state === 'submitting'}>
						{t('settings.save')}
					</SubmitButton>
				</div>
			</Form>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'notification')('settings.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
