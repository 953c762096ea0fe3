// /village/inquiries — the inquiries on this village's own listings (scoped by listing.villageId in
// the query), the open ones first, each with the inquirer's name and contact (for the village only;
// no public page ever shows them), a reply form (intent `reply`) and a close button (intent `close`).
import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, SubmitButton, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import { closeInquiry, isInquiryStatus, replyToInquiry, villageInquiries, villageInquiryCounts, type InquiryStatus } from '~/models/inquiry.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDateTime, formatMoney, type Locale } from '~/utils/format.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

async function requireVillage(request: Request) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	invariantResponse(user.villageId)
	return { ...user, villageId: user.villageId }
}

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireVillage(request)
	const url = new URL(request.url)
	const status = url.searchParams.get('status')
	const filter = isInquiryStatus(status) ? status : null
	const [inquiries, counts] = await Promise.all([villageInquiries(user.villageId, filter), villageInquiryCounts(user.villageId)])
	const done = url.searchParams.get('done')
	return json({
		inquiries,
		counts,
		filter,
		notice: done === 'replied' || done === 'closed' ? done : null,
	})
}

const Id = z.string({ required_error: 'required' }).regex(/^[a-z0-9_-]{1,64}$/, 'invalid')
const ReplySchema = z.object({ id: Id, body: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(2000, 'tooLong') })
const CloseSchema = z.object({ id: Id })

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireVillage(request)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const intent = formData.get('intent')
	if (intent === 'reply') {
		const submission = parseWithZod(formData, { schema: ReplySchema })
		const id = String(formData.get('id') ?? '')
		if (submission.status !== 'success') return json({ id, result: submission.reply() }, { status: 400 })
		const result = await replyToInquiry(user, submission.value.id, submission.value.body)
		invariantResponse(result !== 'notFound')
		if (result === 'closed') return json({ id, result: submission.reply({ formErrors: ['closed'] }) }, { status: 409 })
		return redirect(`/village/inquiries?done=replied#inquiry-${id}`)
	}
	if (intent === 'close') {
		const submission = parseWithZod(formData, { schema: CloseSchema })
		invariantResponse(submission.status === 'success', 'Bad request', { status: 400 })
		const result = await closeInquiry(user, submission.value.id)
		invariantResponse(result !== 'notFound')
		return redirect('/village/inquiries?done=closed')
	}
	invariantResponse(false, 'Bad request', { status: 400 })
}

// The filter chips, in the order of the lifecycle (a .server module's values do not reach the browser).
const STATUSES: InquiryStatus[] = ['OPEN', 'REPLIED', 'CLOSED']

type Inquiry = ReturnType<typeof useLoaderData<typeof loader>>['inquiries'][number]

const BADGE: Record<string, string> = {
	OPEN: 'bg-amber-50 text-amber-900 ring-amber-300',
	REPLIED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	CLOSED: 'bg-stone-100 text-stone-600 ring-stone-300',
}

export const shouldRevalidate = revalidateAfterRefusal

export default function VillageInquiries() {
	const { inquiries, counts, filter, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('inquiry')
	const locale: Locale = useLocale()
	const total = Object.values(counts).reduce((a, b) => a + b, 0)
	const chip = (active: boolean) =>
		`inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm ${active ? 'border-brand-700 bg-brand-700 text-white' : 'border-stone-300 bg-white text-stone-700 hover:border-stone-400'}`
	return (
		<div>
			<h1 className="text-2xl font-bold">{t('village.title')}</h1>
			<p className="mt-1 text-sm text-stone-600">{t('village.intro')}</p>
			{notice ? (
				<p role="status" className="mt-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t(`village.${notice}`)}
				</p>
			) : null}
			<nav aria-label={t('village.filterLabel')} className="mt-4">
				<ul className="flex flex-wrap gap-2" data-testid="inquiry-counts">
					<li>
						<Link to="/village/inquiries" className={chip(!filter)} aria-current={!filter ? 'page' : undefined}>
							{t('village.all')} <span className="font-semibold">{total}</span>
						</Link>
					</li>
					{STATUSES.map((s) => (
						<li key={s}>
							<Link to={`/village/inquiries?status=${s}`} className={chip(filter === s)} aria-current={filter === s ? 'page' : undefined}>
								{t(`status.${s}`)} <span className="font-semibold">{counts[s]}</span>
							</Link>
						</li>
					))}
				</ul>
			</nav>
			{inquiries.length === 0 ? (
				<p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-600">
					{filter ? t('village.noneInStatus', { status: t(`status.${filter}`) }) : t('village.none')}
				</p>
			) : (
				<ul className="mt-5 space-y-4" data-testid="village-inquiries">
					{inquiries.map((inquiry) => (
						<li
							key={inquiry.id}
							id={`inquiry-${inquiry.id}`}
							data-testid="village-inquiry"
							className="scroll-mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm target:ring-2 target:ring-brand-600"
						>
							<InquiryDetails inquiry={inquiry} locale={locale} />
							{inquiry.status === 'CLOSED' ? (
								<p className="mt-3 text-sm text-stone-500">{t('village.closedNote')}</p>
							) : (
								<ReplyForm
									id={inquiry.id}
									collapsed={inquiry.status === 'REPLIED'}
									lastResult={actionData && actionData.id === inquiry.id ? actionData.result : null}
								/>
							)}
						</li>
					))}
				</ul>
			)}
		</div>
	)
}

type DetailsInquiry = Pick<Inquiry, 'id' | 'status' | 'intendedUse' | 'termYears' | 'offeredPrice' | 'message' | 'contact' | 'buyer'> & {
	createdAt: string | Date
	listing: { id: string; title: string }
	replies: { id: string; body: string; createdAt: string | Date }[]
}

/** What the inquirer wrote and what the village answered (all of it user text, rendered as text). */
export function InquiryDetails({ inquiry, locale }: { inquiry: DetailsInquiry; locale: Locale }) {
	const { t } = useTranslation('inquiry')
	const row = (label: string, value: ReactNode) => (
		<div className="grid grid-cols-[6rem_minmax(0,1fr)] gap-2 py-1">
			<dt className="text-stone-500">{label}</dt>
			<dd className="break-words text-stone-900">{value}</dd>
		</div>
	)
	const contact = inquiry.contact
	const href = contact.includes('@') ? `mailto:${contact}` : `tel:${contact.replace(/[^\d+]/g, '')}`
	return (
		<>
			<div className="flex items-start justify-between gap-3">
				<h2 className="font-semibold text-stone-900">
					<Link to={`/village/listings/${inquiry.listing.id}`} className="hover:underline">
						{inquiry.listing.title}
					</Link>
				</h2>
				<span data-testid="inquiry-status" className={`inline-block shrink-0 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${BADGE[inquiry.status] ?? BADGE.CLOSED}`}>
					{t(`status.${inquiry.status}`, { defaultValue: inquiry.status })}
				</span>
			</div>
			<p className="mt-0.5 text-sm text-stone-600">
				{t('fields.sentAt')} {formatDateTime(inquiry.createdAt, locale)}
			</p>
			<dl className="mt-3 divide-y divide-stone-100 border-y border-stone-100 text-sm">
				{row(t('fields.buyer'), <span data-testid="inquiry-buyer">{inquiry.buyer.name}</span>)}
				{row(
					t('fields.contact'),
					<a href={href} className="font-medium text-brand-700 underline underline-offset-2" data-testid="inquiry-contact">
						{contact}
					</a>,
				)}
				{row(t('fields.intendedUse'), inquiry.intendedUse)}
				{row(t('fields.termYears'), inquiry.termYears ? t('fields.years', { count: inquiry.termYears }) : t('fields.notGiven'))}
				{row(t('fields.offeredPrice'), inquiry.offeredPrice != null ? formatMoney(inquiry.offeredPrice, locale) : t('fields.notGiven'))}
				{row(t('fields.message'), <span className="whitespace-pre-line" data-testid="inquiry-message">{inquiry.message}</span>)}
			</dl>
			{inquiry.replies.length ? (
				<ol className="mt-3 space-y-2" aria-label={t('replies.heading')} data-testid="inquiry-replies">
					{inquiry.replies.map((r) => (
						<li key={r.id} className="rounded-md border-l-4 border-brand-600 bg-brand-50 px-3 py-2 text-sm">
							<p className="text-xs text-stone-600">{formatDateTime(r.createdAt, locale)}</p>
							<p className="mt-1 whitespace-pre-line break-words text-stone-900">{r.body}</p>
						</li>
					))}
				</ol>
			) : null}
		</>
	)
}

/** The reply form (folded away once answered: a native <details>, so it works without JavaScript) and the close button. */
function ReplyForm({ id, collapsed, lastResult }: { id: string; collapsed: boolean; lastResult: SubmissionResult<string[]> | null }) {
	const { t } = useTranslation('inquiry')
	const [form, fields] = useValidatedForm({
		id: `reply-${id}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
	})
	const formErrors = form.errors?.map((e) => (e === 'closed' ? t('village.errors.closed') : e))
	const reply = (
		<Form method="post" {...getFormProps(form)} className="space-y-2">
			<AuthenticityTokenInput name="csrf" />
			<input type="hidden" name="id" value={id} />
			<TextareaField label={t('village.reply')} hint={t('village.replyHint')} {...getTextareaProps(fields.body)} rows={3} maxLength={2000} errors={fields.body.errors} />
			<ErrorList errors={formErrors} />
			<SubmitButton name="intent" value="reply">
				{t('village.sendReply')}
			</SubmitButton>
		</Form>
	)
	return (
		<div className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end">
			{collapsed ? (
				<details open={Boolean(lastResult)} className="group">
					<summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">{t('village.replyAgain')}</summary>
					<div className="mt-2">{reply}</div>
				</details>
			) : (
				reply
			)}
			<Form method="post" className="sm:text-right">
				<AuthenticityTokenInput name="csrf" />
				<input type="hidden" name="id" value={id} />
				<button
					type="submit"
					name="intent"
					value="close"
					title={t('village.closeHint')}
					className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm text-stone-700 hover:bg-stone-50"
				>
					{t('village.close')}
				</button>
			</Form>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'inquiry')('village.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
