// /verify/:code — anyone checks a 交易鉴证书 by the verification code printed on it: a valid code
// shows the certificate number, the listing, the place, the price and the date of certification,
// and nothing personal (the buyer's name masked at most). An unknown code is a clear "not found"
// page with a 404 status.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import type { AreaUnit, ListingType, PriceUnit, TransferMode } from '~/domain/listing.ts'
import { verifyCertificate } from '~/models/deal.server.ts'
import { formatArea, formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
import { useCentreName, useLocale } from '~/utils/root-data.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { Fact } from '~/components/fact.tsx'

export async function loader({ params }: LoaderFunctionArgs) {
	const certificate = await verifyCertificate(params.code)
	const code = (params.code ?? '').slice(0, 32)
	return data({ certificate, code }, { status: certificate ? 200 : 404, headers: { 'Cache-Control': 'no-store' } })
}

/** A certificate's check is never cached: single fetch sends the loader's headers only through this. */
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ 'Cache-Control': loaderHeaders.get('Cache-Control') ?? 'no-store' })

export default function VerifyRoute() {
	const { certificate: c, code } = useLoaderData<typeof loader>()
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const centreName = useCentreName()
	const locale: Locale = useLocale()
	if (!c) {
		return (
			<div className="mx-auto max-w-xl px-4 py-16 text-center">
				<p className="text-5xl font-bold text-brand-700">404</p>
				<h1 className="mt-4 text-2xl font-semibold" data-testid="verify-result">
					{t('verify.notFound')}
				</h1>
				<p className="mt-3 text-stone-600">{t('verify.notFoundText', { code })}</p>
				<div className="mt-8 flex flex-wrap justify-center gap-3">
					<Link to="/verify" className="inline-block rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
						{t('verify.again')}
					</Link>
					<Link to="/" className="inline-block rounded-md border border-stone-300 bg-white px-4 py-2 text-stone-800 hover:bg-stone-50">
						{tc('errors.backHome')}
					</Link>
				</div>
			</div>
		)
	}
	const l = c.listing
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	return (
		<div className="mx-auto max-w-2xl px-4 py-8">
			<p className="text-sm text-stone-600">{t('verify.eyebrow')}</p>
			<div className="mt-3 flex items-center gap-3 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-900" role="status">
				<span aria-hidden="true" className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-emerald-700 text-lg font-bold text-white">
					✓
				</span>
				<div>
					<h1 className="text-xl font-bold" data-testid="verify-result">
						{t('verify.valid')}
					</h1>
					<p className="text-sm">{t('verify.validText')}</p>
				</div>
			</div>
			<dl className="mt-5 divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white px-4 text-sm shadow-sm">
				<Fact labelWidth="7rem" label={t('fields.certificateNo')}>
					<span className="font-mono" data-testid="verify-certificate-no">
						{c.certificateNo}
					</span>
				</Fact>
				<Fact labelWidth="7rem" label={t('fields.status')}>
					<span className="font-semibold text-emerald-800">{t('verify.statusValid')}</span>
				</Fact>
				<Fact labelWidth="7rem" label={t('fields.listing')}>
					<Link to={`/listings/${l.id}`} className="text-brand-700 underline">
						{l.title}
					</Link>
				</Fact>
				<Fact labelWidth="7rem" label={t('fields.type')}>{tc(`types.${l.type as ListingType}`)}</Fact>
				<Fact labelWidth="7rem" label={t('fields.location')}>
					{name(l.town)} · {name(l.village)}
				</Fact>
				<Fact labelWidth="7rem" label={t('fields.transferMode')}>{tc(`transferModes.${c.transferMode as TransferMode}`)}</Fact>
				<Fact labelWidth="7rem" label={t('fields.area')}>{formatArea(c.area, c.areaUnit as AreaUnit, locale)}</Fact>
				<Fact labelWidth="7rem" label={t('fields.price')}>{formatPrice(c.price, c.priceUnit as PriceUnit, locale)}</Fact>
				<Fact labelWidth="7rem" label={t('fields.total')}>{formatMoney(c.totalValueYuan, locale)}</Fact>
				<Fact labelWidth="7rem" label={t('fields.buyer')}>{c.buyerMasked}</Fact>
				<Fact labelWidth="7rem" label={t('fields.certifiedAt')}>{formatDate(c.certifiedAt, locale)}</Fact>
				<Fact labelWidth="7rem" label={t('verify.issuer')}>{centreName}</Fact>
			</dl>
			<p className="mt-4 text-sm">
				<Link to="/verify" className="text-brand-700 underline">
					{t('verify.again')}
				</Link>
			</p>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'deal')
	return [{ title: pageTitle(locale, data?.certificate ? t('verify.valid') : t('verify.notFound')) }, { name: 'robots', content: 'noindex' }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
