// /certificates/:no — the printable 交易鉴证书 of a completed deal, for its parties only: the
// centre's administrator, the deal's village and its registered buyer (anyone else: 404, exactly
// like an unknown number). It carries the certificate number, the verification code and the
// address where anyone can check it (/verify/:code). Print CSS (Tailwind `print:` variants and an
// A4 @page rule) makes the browser's print, or Playwright's page.pdf(), one clean A4 page.
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { maskIdNumber } from '~/domain/deal.ts'
import type { AreaUnit, LandClass, ListingType, PriceUnit, TransferMode } from '~/domain/listing.ts'
import { certificatePrintCount, recordCertificatePrint } from '~/models/certificate-print.server.ts'
import { getCertificate } from '~/models/deal.server.ts'
import { requireUser } from '~/utils/auth.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { qrSvg } from '~/utils/share.server.ts'
import { formatAreaBoth, formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
import { useCentreName, useLocale } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const certificate = await getCertificate(user, params.no)
	invariantResponse(certificate)
	const verifyUrl = `${new URL(request.url).origin}/verify/${certificate.verifyCode}`
	const printed = await certificatePrintCount(certificate.id)
	// The copy being printed (after the print button): a number the log has, else none.
	const asked = Number(new URL(request.url).searchParams.get('copy'))
	const copy = Number.isInteger(asked) && asked >= 1 && asked <= printed ? asked : null
	return json({ certificate, verifyUrl, qr: qrSvg(verifyUrl), printed, copy }, { headers: { 'Cache-Control': 'private, no-store' } })
}

/** The print button: the print is logged and numbered, then the page is drawn as that copy and printed. */
export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	invariantResponse(formData.get('intent') === 'print', 'Unknown intent', { status: 400 })
	const copy = await recordCertificatePrint(user, params.no)
	invariantResponse(copy)
	return redirect(`/certificates/${params.no}?copy=${copy}`)
}

/** The page itself (not only its data) is private: never kept by a shared cache. */
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ 'Cache-Control': loaderHeaders.get('Cache-Control') ?? 'private, no-store' })

/** One A4 page with even margins; the site's header and footer stay on screen only. */
const PRINT_CSS = '@page { size: A4; margin: 14mm; } @media print { body > header, body > footer, body > a[href="#main"] { display: none !important; } }'

export default function CertificateRoute() {
	const { certificate: c, verifyUrl, qr, printed, copy } = useLoaderData<typeof loader>()
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const centreName = useCentreName()
	const locale: Locale = useLocale()
	const l = c.listing
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	const buyer = c.buyer?.name ?? c.outsideBuyerName ?? ''
	// Back from the print button: the browser's print dialog opens on the numbered copy.
	useEffect(() => {
		if (copy) window.print()
	}, [copy])
	return (
		<div className="mx-auto max-w-3xl px-4 py-6 print:max-w-none print:p-0">
			{/* A constant stylesheet (no user data); as inner HTML so its quotes are not entity-escaped. */}
			<style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
			<div className="mb-4 flex flex-wrap items-center justify-between gap-3 print:hidden">
				<Link to="/" className="text-sm text-brand-700 underline-offset-2 hover:underline">
					<span aria-hidden="true">← </span>
					{t('certificate.back')}
				</Link>
				<Form method="post" className="flex flex-wrap items-center gap-3">
					<AuthenticityTokenInput name="csrf" />
					{printed > 0 ? (
						<span className="text-sm text-stone-600" data-testid="print-count">
							{t('certificate.printed', { count: printed })}
						</span>
					) : null}
					<button
						type="submit"
						name="intent"
						value="print"
						className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
					>
						{t('certificate.print')}
					</button>
				</Form>
			</div>
			<article
				className="relative border-4 border-double border-brand-700 bg-white px-6 py-8 shadow-sm sm:px-12 print:border-brand-700 print:px-10 print:py-8 print:shadow-none"
				data-testid="certificate"
				aria-labelledby="certificate-title"
			>
				{copy && copy > 1 ? (
					<p className="mb-2 inline-block rounded border-2 border-red-700 px-2 py-0.5 text-sm font-bold text-red-700 sm:absolute sm:top-3 sm:left-4 sm:mb-0" data-testid="reprint-mark">
						{t('certificate.reprint', { n: copy - 1 })}
					</p>
				) : null}
				<p className="text-right font-mono text-sm text-stone-700">
					{t('fields.certificateNo')}
					{t('colon')}
					<span data-testid="certificate-no">{c.certificateNo}</span>
				</p>
				<h1 id="certificate-title" className={`mt-4 text-center text-3xl font-bold text-brand-800 ${locale === 'zh' ? 'tracking-[0.3em]' : 'tracking-wide'}`}>
					{t('certificate.title')}
				</h1>
				<p className="mt-1 text-center text-sm text-stone-500">{t('certificate.subtitle')}</p>
				<dl className="mt-8 grid grid-cols-[8rem_minmax(0,1fr)] border-t border-l border-stone-300 text-sm print:text-[13px]">
					<Row label={t('fields.listing')}>{l.title}</Row>
					<Row label={t('fields.location')}>
						{name(l.town)} · {name(l.village)}
					</Row>
					<Row label={t('fields.type')}>
						{tc(`types.${l.type as ListingType}`)}
						{l.landClass ? ` · ${tc(`landClasses.${l.landClass as LandClass}`)}` : ''}
					</Row>
					<Row label={t('fields.seller')}>{t('certificate.sellerValue', { village: name(l.village) })}</Row>
					<Row label={t('fields.buyer')}>
						{buyer}
						{c.outsideBuyerIdNumber ? <span className="ml-2 font-mono text-stone-600">{maskIdNumber(c.outsideBuyerIdNumber)}</span> : null}
					</Row>
					<Row label={t('fields.transferMode')}>
						{tc(`transferModes.${c.transferMode as TransferMode}`)} · {tc(`tradingModes.${c.tradingMode as 'NEGOTIATED'}`)}
					</Row>
					<Row label={t('fields.area')}>{formatAreaBoth(c.area, c.areaUnit as AreaUnit, locale)}</Row>
					<Row label={t('fields.price')}>{formatPrice(c.price, c.priceUnit as PriceUnit, locale)}</Row>
					<Row label={t('fields.total')}>
						<span data-testid="certificate-total">{formatMoney(c.totalValueYuan, locale)}</span>
					</Row>
					<Row label={t('fields.term')}>{c.termYears ? tc('units.years', { count: c.termYears }) : '—'}</Row>
					<Row label={t('fields.contractDate')}>{formatDate(c.contractDate, locale)}</Row>
					<Row label={t('fields.noticePeriod')}>
						{formatDate(c.noticeStartsAt, locale)} – {formatDate(c.noticeEndsAt, locale)}
					</Row>
				</dl>
				<p className="mt-6 text-sm leading-relaxed text-stone-800">{t('certificate.statement')}</p>
				<div className="mt-8 flex flex-wrap items-end justify-between gap-6">
					<div className="flex min-w-0 items-end gap-3 text-xs text-stone-600">
						{/* The QR code of the verification address, drawn on the server by the site's one QR generator. */}
						<figure className="shrink-0 text-center" data-testid="certificate-qr">
							<div className="h-24 w-24 [&>svg]:h-full [&>svg]:w-full" role="img" aria-label={t('certificate.qr')} dangerouslySetInnerHTML={{ __html: qr }} />
							<figcaption className="mt-0.5 text-[10px]">{t('certificate.qr')}</figcaption>
						</figure>
						<div>
							<p>
								{t('fields.verifyCode')}
								{t('colon')}
								<span className="font-mono text-sm font-semibold text-stone-900" data-testid="verify-code">
									{c.verifyCode}
								</span>
							</p>
							<p className="mt-1 break-all" data-testid="verify-url">
								{t('certificate.verifyLine', { url: verifyUrl })}
							</p>
							{c.dossier ? (
								<p className="mt-1 break-all" data-testid="dossier-hash">
									{t('certificate.dossierHash')}
									{t('colon')}
									<span className="font-mono text-[10px] text-stone-900">{c.dossier.manifestHash}</span>
								</p>
							) : null}
						</div>
					</div>
					<div className="relative shrink-0 text-center text-sm">
						<div aria-hidden="true" className="absolute -top-6 left-1/2 h-24 w-24 -translate-x-1/2 rounded-full border-2 border-brand-600/70" />
						<p className="relative font-semibold">{centreName}</p>
						<p className="relative mt-1">{t('certificate.issuedOn', { date: formatDate(c.certifiedAt, locale) })}</p>
					</div>
				</div>
			</article>
		</div>
	)
}

function Row({ label, children }: { label: string; children: ReactNode }) {
	return (
		<>
			<dt className="border-r border-b border-stone-300 bg-stone-50 px-3 py-2 font-medium text-stone-600">{label}</dt>
			<dd className="border-r border-b border-stone-300 px-3 py-2 break-words text-stone-900">{children}</dd>
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const page = metaT(locale, 'deal')('certificate.title')
	return [{ title: pageTitle(locale, data ? `${page} ${data.certificate.certificateNo}` : page) }, { name: 'robots', content: 'noindex' }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
