// /notifications — the logged-in user's in-app notifications, newest first, unread highlighted,
// each rendered from its kind and parameters in the reader's language (009). Opening one goes
// through /notifications/:id, which marks it read. Mark one read or all read with plain POST forms
// (intent `read` / `read-all`); the model scopes every update to the user's own notifications.
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import i18next from '~/i18next.server.ts'
import { listNotifications, markRead } from '~/models/notification.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDateTime, type Locale } from '~/utils/format.ts'
import { renderNotification } from '~/utils/notification-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { safeRedirect } from '~/utils/redirect.ts'
import { useLocale } from '~/utils/root-data.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'notification:read:own')
	const [notifications, locale] = await Promise.all([listNotifications(user.id), i18next.getLocale(request)])
	const t = await i18next.getFixedT(request, 'notification')
	return {
		notifications: notifications.map((n) => ({
			id: n.id,
			readAt: n.readAt,
			createdAt: n.createdAt,
			...renderNotification(t, locale, n),
			// Only links on this site are followed; opening one marks it read on the way.
			link: n.link && safeRedirect(n.link, '') ? `/notifications/${n.id}` : null,
		})),
		unread: notifications.filter((n) => !n.readAt).length,
	}
}

const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('read'), id: z.string({ required_error: 'required' }).regex(/^[a-z0-9_-]{1,64}$/, 'invalid') }),
	z.object({ intent: z.literal('read-all') }),
])

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'notification:read:own')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: ActionSchema })
	invariantResponse(submission.status === 'success', 'Bad request', { status: 400 })
	const value = submission.value
	await markRead(user.id, value.intent === 'read' ? value.id : undefined)
	return redirect('/notifications')
}

export const shouldRevalidate = revalidateAfterRefusal

export default function NotificationsRoute() {
	const { notifications, unread } = useLoaderData<typeof loader>()
	const { t } = useTranslation('review')
	const { t: tn } = useTranslation('notification')
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const locale: Locale = useLocale()
	return (
		<div className="mx-auto max-w-3xl px-4 py-6">
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div>
					<h1 className="text-2xl font-bold text-stone-900">{t('notifications.title')}</h1>
					<p className="mt-1 text-sm text-stone-600">
						{t('notifications.intro')}
						{notifications.length ? (
							<>
								<span aria-hidden="true"> · </span>
								<span data-testid="unread-count">{unread ? t('notifications.unread', { count: unread }) : t('notifications.allRead')}</span>
							</>
						) : null}
					</p>
					<Link to="/notifications/settings" className="mt-1 inline-block text-sm text-brand-700 underline" data-testid="notification-settings-link">
						{tn('settings.link')}
					</Link>
				</div>
				{unread ? (
					<Form method="post">
						<AuthenticityTokenInput name="csrf" />
						<button
							type="submit"
							name="intent"
							value="read-all"
							disabled={busy}
							className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-50 disabled:opacity-60"
						>
							{t('notifications.readAll')}
						</button>
					</Form>
				) : null}
			</div>

			{notifications.length === 0 ? (
				<p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white px-4 py-10 text-center text-stone-600">{t('notifications.empty')}</p>
			) : (
				<ul aria-label={t('notifications.listLabel')} className="mt-5 space-y-2" data-testid="notifications">
					{notifications.map((n) => {
						const isUnread = !n.readAt
						const title = n.title
						const lang = n.legacy ? 'zh-CN' : undefined
						return (
							<li
								key={n.id}
								data-unread={isUnread ? 'true' : undefined}
								className={`flex gap-3 rounded-lg border p-3 sm:p-4 ${isUnread ? 'border-brand-100 border-l-4 border-l-brand-600 bg-brand-50' : 'border-stone-200 bg-white'}`}
							>
								<div className="min-w-0 flex-1">
									<p className="flex flex-wrap items-center gap-2">
										{isUnread ? <span className="rounded bg-brand-700 px-1.5 py-0.5 text-[11px] font-semibold text-white">{t('notifications.unreadBadge')}</span> : null}
										{n.link ? (
											<Link to={n.link} lang={lang} className={`text-brand-800 underline-offset-2 hover:underline ${isUnread ? 'font-semibold' : 'font-medium'}`}>
												{title}
											</Link>
										) : (
											<span lang={lang} className={isUnread ? 'font-semibold' : 'font-medium'}>
												{title}
											</span>
										)}
									</p>
									<p className="mt-1 whitespace-pre-line break-words text-sm text-stone-700" lang={lang}>
										{n.body}
									</p>
									{n.legacy && tn('legacy') ? <p className="mt-1 text-xs text-stone-600">{tn('legacy')}</p> : null}
									<p className="mt-1 text-xs text-stone-600">
										<time dateTime={n.createdAt.toISOString()}>{formatDateTime(n.createdAt, locale)}</time>
									</p>
								</div>
								{isUnread ? (
									<Form method="post" className="shrink-0 self-start">
										<AuthenticityTokenInput name="csrf" />
										<input type="hidden" name="id" value={n.id} />
										<button
											type="submit"
											name="intent"
											value="read"
											disabled={busy}
											aria-label={t('notifications.markReadLabel', { title })}
											className="rounded-md px-2 py-1 text-xs font-medium text-brand-800 hover:bg-brand-100 disabled:opacity-60"
										>
											{t('notifications.markRead')}
										</button>
									</Form>
								) : null}
							</li>
						)
					})}
				</ul>
			)}
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'review')('notifications.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
