// /admin/certifications — the centre's 交易鉴证: deals whose public notice ended with no open
// objection, each with everything needed to check it (parties, terms, contract, the Party's
// approval, the notice and its objections, an asset's 四议两公开). The administrator certifies a
// deal (it completes, the listing becomes 已成交, a 交易鉴证书 is issued) or returns it to the Party
// review with an opinion. Loading the page first moves notices that have run out into the queue.
import { getFormProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { requirePermission } from '~/utils/permissions.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import { certificationBlockers } from '~/domain/deal.ts'
import { allowedTransferModes, type AreaUnit, type ListingType, type PriceUnit, type TransferMode } from '~/domain/listing.ts'
import { certificationQueue, certifiedRecently, certifyDeal, isDealId, promoteEndedNotices, returnDeal } from '~/models/deal.server.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatArea, formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'certify:deal')
	await promoteEndedNotices(now())
	const url = new URL(request.url)
	const [deals, recent] = await Promise.all([certificationQueue(), certifiedRecently()])
	return { deals, recent, certified: url.searchParams.get('certified'), returned: url.searchParams.has('returned') }
}

const CertifySchema = z
	.object({
		dealId: z.string({ required_error: 'required' }).max(64),
		intent: z.enum(['certify', 'return'], { errorMap: () => ({ message: 'invalid' }) }),
		opinion: z.string().trim().max(2000, 'tooLong').optional(),
	})
	.superRefine((v, ctx) => {
		if (v.intent === 'return' && (!v.opinion || v.opinion.length < 2)) ctx.addIssue({ code: 'custom', path: ['opinion'], message: 'opinionRequired' })
	})

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'certify:deal')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: CertifySchema })
	const dealId = String(formData.get('dealId') ?? '')
	if (submission.status !== 'success') return data({ dealId, result: submission.reply(), conflict: false }, { status: 400 })
	const { intent, opinion } = submission.value
	invariantResponse(isDealId(dealId))
	if (intent === 'certify') {
		const result = await certifyDeal(user, dealId, opinion ?? null, now())
		if (result.ok) return redirect(`/admin/certifications?certified=${result.certificateNo}`)
		invariantResponse(result.problem !== 'notFound')
		// Not certifiable yet (no signed contract): refused with the reason, nothing written.
		if (result.problem !== 'alreadyDecided') return data({ dealId, result: submission.reply({ formErrors: [result.problem] }), conflict: false }, { status: 409 })
	} else {
		const result = await returnDeal(user, dealId, opinion!, now())
		if (result.ok) return redirect(`/admin/certifications?returned=${dealId}`)
		invariantResponse(result.problem !== 'notFound')
	}
	// Decided meanwhile by someone else: the queue as it is now.
	return data({ dealId, result: submission.reply({ resetForm: true }), conflict: true }, { status: 409 })
}

type Deal = ReturnType<typeof useLoaderData<typeof loader>>['deals'][number]

export const shouldRevalidate = revalidateAfterRefusal

export default function CertificationsRoute() {
	const { deals, recent, certified, returned } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('deal')
	const locale: Locale = useLocale()
	return (
		<div>
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div className="max-w-2xl">
					<h1 className="text-2xl font-bold">{t('certify.title')}</h1>
					<p className="mt-1 text-sm text-stone-600">{t('certify.intro')}</p>
				</div>
				<p className="rounded-lg border border-stone-200 bg-white px-4 py-2 text-sm shadow-sm">
					{t('certify.waiting')} <strong className="ml-1 text-2xl text-brand-700" data-testid="count-awaiting">{deals.length}</strong>
				</p>
			</div>
			{certified ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t('certify.certified', { no: certified })}{' '}
					<Link to={`/certificates/${certified}`} className="font-medium underline underline-offset-2">
						{t('certify.openCertificate')}
					</Link>
				</p>
			) : returned ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t('certify.returned')}
				</p>
			) : null}
			{actionData?.conflict ? (
				<p role="alert" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
					{t('certify.conflict')}
				</p>
			) : null}
			{deals.length === 0 ? (
				<p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white px-4 py-8 text-center text-stone-600">{t('certify.empty')}</p>
			) : (
				<ol className="mt-6 space-y-6" data-testid="certification-queue">
					{deals.map((d) => (
						<CertificationCard key={d.id} deal={d} locale={locale} />
					))}
				</ol>
			)}
			{recent.length ? (
				<section aria-labelledby="recent-heading" className="mt-10">
					<h2 id="recent-heading" className="text-lg font-semibold">
						{t('certify.recent')}
					</h2>
					<ul className="mt-2 divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
						{recent.map((r) => (
							<li key={r.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
								<Link to={`/certificates/${r.certificateNo}`} className="font-mono text-brand-700 underline">
									{r.certificateNo}
								</Link>
								{/* At least 12rem: on a phone the title wraps to its own line rather than shrink to one character. */}
								<span className="min-w-48 flex-1 truncate">{r.listing.title}</span>
								<span className="text-stone-500">
									{formatMoney(r.totalValueYuan, locale)} · {formatDate(r.certifiedAt, locale)}
								</span>
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}

function Check({ label, ok, children }: { label: string; ok?: boolean; children: ReactNode }) {
	return (
		<div className="py-1.5">
			<dt className="flex items-center gap-1.5 text-xs text-stone-500">
				{ok === undefined ? null : (
					<span aria-hidden="true" className={ok ? 'text-emerald-700' : 'text-red-700'}>
						{ok ? '✓' : '✗'}
					</span>
				)}
				{label}
			</dt>
			<dd className="break-words text-stone-900">{children}</dd>
		</div>
	)
}

function CertificationCard({ deal, locale }: { deal: Deal; locale: Locale }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const [form, fields] = useValidatedForm({
		id: `certify-${deal.id}`,
		lastResult: actionData?.dealId === deal.id ? actionData.result : null,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CertifySchema }),
	})
	const l = deal.listing
	const approval = [...deal.reviews].reverse().find((r) => r.kind === 'DEAL' && r.decision === 'APPROVE')
	const modeOk = allowedTransferModes(l.type as ListingType).includes(deal.transferMode as TransferMode)
	const open = deal.objections.filter((o) => o.status === 'OPEN').length
	const blockers = certificationBlockers(deal)
	const busy = navigation.state !== 'idle'
	const button = 'inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60'
	return (
		<li className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5" data-testid="certification-item">
			<p className="text-xs text-stone-500">
				{tc(`types.${l.type as ListingType}`)} · {locale === 'en' ? `${l.village.nameEn}, ${l.town.nameEn}` : `${l.town.name} · ${l.village.name}`} ·{' '}
				{tc(`tradingModes.${deal.tradingMode as 'NEGOTIATED'}`)}
			</p>
			<h2 className="mt-1 break-words text-lg font-semibold">
				<Link to={`/admin/listings/${l.id}`} className="underline-offset-2 hover:underline">
					{l.title}
				</Link>
			</h2>
			<dl className="mt-3 grid gap-x-6 text-sm sm:grid-cols-2 lg:grid-cols-3">
				<Check label={t('fields.seller')}>{locale === 'en' ? l.village.nameEn : l.village.name}</Check>
				<Check label={t('fields.buyer')}>
					{deal.buyer ? `${deal.buyer.name} · ${[deal.buyer.phone, deal.buyer.email].filter(Boolean).join(' · ')}` : `${deal.outsideBuyerName} · ${deal.outsideBuyerIdNumber}`}
				</Check>
				<Check label={t('fields.price')}>
					{formatPrice(deal.price, deal.priceUnit as PriceUnit, locale)}
					<span className="text-stone-500"> · {t('review.asking', { price: formatPrice(l.price, l.priceUnit as PriceUnit, locale) })}</span>
				</Check>
				<Check label={t('fields.total')}>{formatMoney(deal.totalValueYuan, locale)}</Check>
				<Check label={t('fields.area')}>{formatArea(deal.area, deal.areaUnit as AreaUnit, locale)}</Check>
				<Check label={t('fields.term')}>{deal.termYears ? tc('units.years', { count: deal.termYears }) : '—'}</Check>
				<Check label={t('fields.transferMode')} ok={modeOk}>
					{tc(`transferModes.${deal.transferMode as TransferMode}`)}
				</Check>
				<Check label={t('fields.contract')} ok={!!deal.contractFile}>
					{formatDate(deal.contractDate, locale)}{' '}
					{deal.contractFile ? (
						<a href={`/deals/${deal.id}/contract`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
							{t('review.openContract', { kind: deal.contractFile.split('.').pop()?.toUpperCase() })}
						</a>
					) : (
						t('review.noContract')
					)}
				</Check>
				<Check label={t('certify.approval')} ok={!!approval}>
					{approval ? `${approval.reviewer.name} · ${formatDate(approval.createdAt, locale)}${t('colon')}${approval.opinion}` : t('certify.noApproval')}
				</Check>
				<Check label={t('fields.noticePeriod')} ok={open === 0}>
					{formatDate(deal.noticeStartsAt, locale)} – {formatDate(deal.noticeEndsAt, locale)} ·{' '}
					{t('certify.objections', { count: deal.objections.length, open })}
				</Check>
				{l.type === 'COLLECTIVE_ASSET' ? (
					<Check label={t('certify.decision')} ok={!!l.decision?.resolutionPublicDate}>
						{l.decision?.resolutionPublicDate ? t('certify.decisionPublic', { date: formatDate(l.decision.resolutionPublicDate, locale) }) : t('certify.noDecision')}
					</Check>
				) : null}
			</dl>
			<Form method="post" {...getFormProps(form)} className="mt-4 space-y-3 border-t border-stone-100 pt-4">
				<AuthenticityTokenInput name="csrf" />
				<input type="hidden" name="dealId" value={deal.id} />
				<TextareaField label={t('certify.opinion')} hint={t('certify.opinionHint')} {...getTextareaProps(fields.opinion)} rows={2} maxLength={2000} errors={fields.opinion.errors?.map((e) => t(`certify.errors.${e}`, { defaultValue: e }))} />
				{blockers.length ? (
					<p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="certify-blocked">
						{t('certify.blocked')}
						{blockers.map((b) => t(`certify.blockers.${b}`)).join('；')}
					</p>
				) : null}
				<ErrorList errors={form.errors?.map((e) => t(`certify.errors.${e}`, { defaultValue: e }))} />
				<div className="flex flex-col gap-2 sm:flex-row">
					<button type="submit" name="intent" value="certify" disabled={busy || blockers.length > 0} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
						{t('certify.certify')}
					</button>
					<button type="submit" name="intent" value="return" disabled={busy} className={`${button} border border-orange-300 bg-orange-50 text-orange-900 hover:bg-orange-100 sm:ml-auto`}>
						{t('certify.return')}
					</button>
				</div>
			</Form>
		</li>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'deal')('certify.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
