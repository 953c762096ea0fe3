// /me — the logged-in user's own page: their inquiries with the villages' replies and status, and
// the deals in which they are the buyer, each with its place in the lifecycle and, once completed,
// its certificate. `?inquiry=<id>` shows one inquiry: only the buyer's own, anything else is a 404.
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { BuyerLinks } from '~/components/buyer-tools.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ChangesLink } from '~/components/deal-views.tsx'
import { noticeDaysLeft } from '~/domain/deal.ts'
import type { PriceUnit } from '~/domain/listing.ts'
import { buyerDeals, buyerInquiries, isId, withdrawInquiry } from '~/models/inquiry.server.ts'
import { requireUser } from '~/utils/auth.server.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate, formatDateTime, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const url = new URL(request.url)
	const only = url.searchParams.get('inquiry')
	invariantResponse(only === null || isId(only))
	const [inquiries, deals] = await Promise.all([buyerInquiries(user.id, only ?? undefined), only ? Promise.resolve([]) : buyerDeals(user.id)])
	// Scoped by buyer in the query: someone else's inquiry id finds nothing.
	invariantResponse(!only || inquiries.length > 0)
	const at = now()
	const sent = url.searchParams.get('sent')
	return json({
		name: user.name,
		only: Boolean(only),
		inquiries,
		deals: deals.map((d) => ({
			...d,
			noticeDaysLeft: d.status === 'IN_NOTICE' && d.noticeEndsAt ? noticeDaysLeft(d.noticeEndsAt, at) : null,
		})),
		notice: sent && inquiries.some((i) => i.id === sent) ? ('sent' as const) : url.searchParams.get('done') === 'withdrawn' ? ('withdrawn' as const) : null,
	})
}

const WithdrawSchema = z.object({ intent: z.literal('withdraw'), id: z.string().regex(/^[a-z0-9_-]{1,64}$/) })

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: WithdrawSchema })
	invariantResponse(submission.status === 'success', 'Bad request', { status: 400 })
	const result = await withdrawInquiry(user, submission.value.id)
	invariantResponse(result !== 'notFound')
	return redirect('/me?done=withdrawn')
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Inquiry = Data['inquiries'][number]
type Deal = Data['deals'][number]

const INQUIRY_BADGE: Record<string, string> = {
	OPEN: 'bg-amber-50 text-amber-900 ring-amber-300',
	REPLIED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	CLOSED: 'bg-stone-100 text-stone-600 ring-stone-300',
}
const DEAL_BADGE: Record<string, string> = {
	PENDING_REVIEW: 'bg-sky-50 text-sky-800 ring-sky-200',
	IN_NOTICE: 'bg-amber-50 text-amber-900 ring-amber-300',
	OBJECTED: 'bg-red-50 text-red-800 ring-red-200',
	AWAITING_CERTIFICATION: 'bg-violet-50 text-violet-800 ring-violet-200',
	COMPLETED: 'bg-stone-800 text-white ring-stone-800',
	REJECTED: 'bg-stone-100 text-stone-600 ring-stone-300',
}

function Badge({ classes, children, testId }: { classes?: string; children: React.ReactNode; testId: string }) {
	return (
		<span data-testid={testId} className={`inline-block shrink-0 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${classes ?? INQUIRY_BADGE.CLOSED}`}>
			{children}
		</span>
	)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function MePage() {
	const { name, only, inquiries, deals, notice } = useLoaderData<typeof loader>()
	const { t } = useTranslation('inquiry')
	const locale: Locale = useLocale()
	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<h1 className="text-2xl font-bold text-stone-900">{t('me.title')}</h1>
			<p className="mt-1 text-sm text-stone-600">{t('me.intro', { name })}</p>
			<BuyerLinks />
			{notice ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t(`me.${notice}`)}
				</p>
			) : null}
			<div className={`mt-5 grid gap-6 ${only ? '' : 'lg:grid-cols-[minmax(0,1fr)_24rem]'}`}>
				<section aria-labelledby="inquiries-heading" className="min-w-0">
					<div className="flex flex-wrap items-baseline justify-between gap-2">
						<h2 id="inquiries-heading" className="text-lg font-semibold">
							{t('me.inquiries.heading')}
						</h2>
						{only ? (
							<Link to="/me" className="text-sm text-brand-700 underline">
								{t('me.showAll')}
							</Link>
						) : (
							<span className="text-sm text-stone-500">{t('me.inquiries.count', { count: inquiries.length })}</span>
						)}
					</div>
					{inquiries.length === 0 ? (
						<div className="mt-3 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">
							<p>{t('me.inquiries.none')}</p>
							<Link to="/" className="mt-2 inline-block font-medium text-brand-700 underline">
								{t('me.inquiries.browse')}
							</Link>
						</div>
					) : (
						<ul className="mt-3 space-y-4" data-testid="my-inquiries">
							{inquiries.map((inquiry) => (
								<InquiryCard key={inquiry.id} inquiry={inquiry} locale={locale} />
							))}
						</ul>
					)}
				</section>
				{only ? null : (
					<section aria-labelledby="deals-heading" className="min-w-0">
						<h2 id="deals-heading" className="text-lg font-semibold">
							{t('me.deals.heading')}
						</h2>
						{deals.length === 0 ? (
							<p className="mt-3 rounded-lg border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t('me.deals.none')}</p>
						) : (
							<ul className="mt-3 space-y-3" data-testid="my-deals">
								{deals.map((deal) => (
									<DealCard key={deal.id} deal={deal} locale={locale} />
								))}
							</ul>
						)}
					</section>
				)}
			</div>
		</div>
	)
}

function place(l: { town: { name: string; nameEn: string }; village: { name: string; nameEn: string } }, locale: Locale) {
	return locale === 'en' ? `${l.village.nameEn}, ${l.town.nameEn}` : `${l.town.name} · ${l.village.name}`
}

function ListingTitle({ listing }: { listing: { id: string; title: string; status: string } }) {
	// Only published and traded listings have a public page.
	if (listing.status !== 'PUBLISHED' && listing.status !== 'TRADED') return <span>{listing.title}</span>
	return (
		<Link to={`/listings/${listing.id}`} className="hover:underline">
			{listing.title}
		</Link>
	)
}

function InquiryCard({ inquiry, locale }: { inquiry: Inquiry; locale: Locale }) {
	const { t } = useTranslation('inquiry')
	const active = inquiry.status === 'OPEN' || inquiry.status === 'REPLIED'
	const row = (label: string, value: React.ReactNode) => (
		<div className="grid grid-cols-[6rem_minmax(0,1fr)] gap-2 py-1">
			<dt className="text-stone-500">{label}</dt>
			<dd className="break-words text-stone-900">{value}</dd>
		</div>
	)
	return (
		<li id={`inquiry-${inquiry.id}`} data-testid="my-inquiry" className="scroll-mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm target:ring-2 target:ring-brand-600">
			<div className="flex items-start justify-between gap-3">
				<h3 className="font-semibold text-stone-900">
					<ListingTitle listing={inquiry.listing} />
				</h3>
				<Badge testId="inquiry-status" classes={INQUIRY_BADGE[inquiry.status]}>
					{t(`status.${inquiry.status}`, { defaultValue: inquiry.status })}
				</Badge>
			</div>
			<p className="mt-0.5 text-sm text-stone-600">
				{place(inquiry.listing, locale)}
				<span aria-hidden="true"> · </span>
				{t('fields.sentAt')} {formatDateTime(inquiry.createdAt, locale)}
			</p>
			<dl className="mt-3 divide-y divide-stone-100 border-y border-stone-100 text-sm">
				{row(t('fields.intendedUse'), inquiry.intendedUse)}
				{row(t('fields.termYears'), inquiry.termYears ? t('fields.years', { count: inquiry.termYears }) : t('fields.notGiven'))}
				{row(t('fields.offeredPrice'), inquiry.offeredPrice != null ? formatMoney(inquiry.offeredPrice, locale) : t('fields.notGiven'))}
				{row(t('fields.contact'), inquiry.contact)}
				{row(t('fields.message'), <span className="whitespace-pre-line">{inquiry.message}</span>)}
			</dl>
			<div className="mt-3">
				<h4 className="text-sm font-semibold text-stone-800">{t('replies.heading')}</h4>
				{inquiry.replies.length === 0 ? (
					<p className="mt-1 text-sm text-stone-500">{t('replies.none')}</p>
				) : (
					<ol className="mt-2 space-y-2" data-testid="inquiry-replies">
						{inquiry.replies.map((r) => (
							<li key={r.id} className="rounded-md border-l-4 border-brand-600 bg-brand-50 px-3 py-2 text-sm">
								<p className="text-xs text-stone-600">
									{t('replies.from', { village: locale === 'en' ? inquiry.listing.village.nameEn : inquiry.listing.village.name })} · {formatDateTime(r.createdAt, locale)}
								</p>
								<p className="mt-1 whitespace-pre-line break-words text-stone-900">{r.body}</p>
							</li>
						))}
					</ol>
				)}
			</div>
			{active ? (
				<Form method="post" className="mt-3 text-right">
					<AuthenticityTokenInput name="csrf" />
					<input type="hidden" name="id" value={inquiry.id} />
					<button type="submit" name="intent" value="withdraw" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-50">
						{t('me.inquiries.withdraw')}
					</button>
				</Form>
			) : null}
		</li>
	)
}

function DealCard({ deal, locale }: { deal: Deal; locale: Locale }) {
	const { t } = useTranslation('inquiry')
	return (
		<li data-testid="my-deal" className="rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm">
			<div className="flex items-start justify-between gap-3">
				<h3 className="font-semibold text-stone-900">
					<ListingTitle listing={deal.listing} />
				</h3>
				<Badge testId="deal-status" classes={DEAL_BADGE[deal.status]}>
					{t(`dealStatus.${deal.status}`, { defaultValue: deal.status })}
				</Badge>
			</div>
			<p className="mt-0.5 text-stone-600">{place(deal.listing, locale)}</p>
			<dl className="mt-2 space-y-0.5">
				<div className="flex flex-wrap gap-x-2">
					<dt className="text-stone-500">{t('me.deals.price')}</dt>
					<dd>{formatPrice(deal.price, deal.priceUnit as PriceUnit, locale)}</dd>
				</div>
				<div className="flex flex-wrap gap-x-2">
					<dt className="text-stone-500">{t('me.deals.total')}</dt>
					<dd>{formatMoney(deal.totalValueYuan, locale)}</dd>
				</div>
				<div className="flex flex-wrap gap-x-2">
					<dt className="text-stone-500">{t('me.deals.contractDate')}</dt>
					<dd>{formatDate(deal.contractDate, locale)}</dd>
				</div>
			</dl>
			{deal.status === 'IN_NOTICE' && deal.noticeEndsAt && !deal.noticeDaysLeft ? (
				// The notice has run out; the deal moves on when the centre takes it up.
				<p className="mt-2 text-stone-700">{t('me.deals.noticeEnded', { date: formatDate(deal.noticeEndsAt, locale) })}</p>
			) : (
				<p className="mt-2 text-stone-700">{t(`me.deals.steps.${deal.status}`, { defaultValue: '' })}</p>
			)}
			{deal.status === 'IN_NOTICE' && deal.noticeEndsAt && deal.noticeDaysLeft ? (
				<p className="mt-1 text-amber-800">{t('me.deals.noticeUntil', { date: formatDate(deal.noticeEndsAt, locale), count: deal.noticeDaysLeft })}</p>
			) : null}
			{deal.certificateNo ? (
				<Link to={`/certificates/${encodeURIComponent(deal.certificateNo)}`} className="mt-2 inline-block font-medium text-brand-700 underline" data-testid="certificate-link">
					{t('me.deals.certificate', { no: deal.certificateNo })}
				</Link>
			) : null}
			{deal.status === 'COMPLETED' ? <ChangesLink dealId={deal.id} className="ml-4 mt-2 inline-block font-medium text-brand-700 underline" /> : null}
		</li>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'inquiry')('me.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
