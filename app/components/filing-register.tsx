// The register of filed contracts (流转合同台账), as the town's reviewer and the administrator see
// it: filters in the URL (a GET form, no JavaScript needed), one row per filed contract, the
// pager and the Excel export of the same filters.
import { Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminTable, FilterForm, FilterSearch, FilterSelect, Pager, tdTop } from '~/components/admin-ui.tsx'
import { LISTING_TYPES, type AreaUnit, type PriceUnit } from '~/domain/listing.ts'
import { formatArea, formatDate, formatMoney, formatPrice } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

type Place = { name: string; nameEn: string }
export type RegisterView = {
	id: string
	filingNo: string | null
	filedAt: Date | string | null
	origin: string
	contractCode: string | null
	certificateNo: string | null
	transferMode: string
	area: number
	areaUnit: string
	price: number
	priceUnit: string
	termYears: number | null
	totalValueYuan: number
	startsOn: Date | string | null
	endsOn: Date | string | null
	outsideBuyerName: string | null
	buyer: { name: string } | null
	listing: { title: string; type: string; town: Place; village: Place }
}

export function FilingRegister({
	page,
	years,
	towns,
	limit,
}: {
	page: { rows: RegisterView[]; total: number; sumYuan: number; pages: number; page: number }
	years: number[]
	/** The administrator's town filter; a reviewer's register is one town's. */
	towns: { code: string; name: string; nameEn: string }[] | null
	limit: number
}) {
	const { t } = useTranslation('filing')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const location = useLocation()
	const name = (p: Place) => (locale === 'en' ? p.nameEn : p.name)
	return (
		<>
			<FilterForm resetTo={location.pathname} count={page.total} columns={towns ? 6 : 5}>
				<FilterSearch label={t('register.filters.q')} />
				<FilterSelect label={t('register.filters.year')} name="year">
					{years.map((y) => (
						<option key={y} value={y}>
							{y}
						</option>
					))}
				</FilterSelect>
				<FilterSelect label={t('register.filters.type')} name="type">
					{LISTING_TYPES.map((type) => (
						<option key={type} value={type}>
							{tc(`types.${type}`)}
						</option>
					))}
				</FilterSelect>
				<FilterSelect label={t('register.filters.origin')} name="origin">
					{(['PLATFORM', 'OUTSIDE'] as const).map((o) => (
						<option key={o} value={o}>
							{t(`register.origins.${o}`)}
						</option>
					))}
				</FilterSelect>
				{towns ? (
					<FilterSelect label={t('register.filters.town')} name="town">
						{towns.map((x) => (
							<option key={x.code} value={x.code}>
								{name(x)}
							</option>
						))}
					</FilterSelect>
				) : null}
			</FilterForm>

			<div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
				<p className="text-stone-700" data-testid="register-summary">
					{t('register.summary', { count: page.total, sum: formatMoney(page.sumYuan, locale) })}
				</p>
				<a href={`${location.pathname}.xlsx${location.search}`} className="ml-auto rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-brand-700 hover:bg-stone-50" download>
					{t('register.export')}
				</a>
				<span className="text-xs text-stone-500">{t('register.exportHint', { limit })}</span>
			</div>

			<AdminTable
				id="register"
				caption={t('register.heading')}
				rightAligned={[6]}
				headers={[t('register.columns.filingNo'), t('register.columns.subject'), t('register.columns.transferee'), t('register.columns.transferMode'), t('register.columns.area'), t('register.columns.period'), t('register.columns.valueShort'), t('register.columns.contract')]}
			>
				<tbody className="divide-y divide-stone-100">
					{page.rows.length === 0 ? (
						<tr>
							<td colSpan={8} className="px-3 py-6 text-center text-stone-500">
								{t('register.empty')}
							</td>
						</tr>
					) : null}
					{page.rows.map((r) => (
						<tr key={r.id} data-testid="register-row">
							<th scope="row" className={`${tdTop} whitespace-nowrap text-left font-normal`}>
								<div className="font-mono text-xs font-semibold">{r.filingNo ?? <span className="font-sans font-normal text-stone-500">{t('register.noNumber')}</span>}</div>
								<div className="text-xs text-stone-500">
									{formatDate(r.filedAt, locale)} · {t(`register.origins.${r.origin === 'PLATFORM' ? 'PLATFORM' : 'OUTSIDE'}`)}
								</div>
							</th>
							<td className={`${tdTop} min-w-48`}>
								<div className="font-medium">{r.listing.title}</div>
								<div className="text-xs text-stone-500">
									{tc(`types.${r.listing.type}`)} · {name(r.listing.town)} {name(r.listing.village)}
								</div>
							</td>
							<td className={`${tdTop} min-w-28`}>{r.buyer?.name ?? r.outsideBuyerName ?? '—'}</td>
							<td className={`${tdTop} whitespace-nowrap`}>
								{tc(`transferModes.${r.transferMode}`)}
								<div className="text-xs text-stone-500">{formatPrice(r.price, r.priceUnit as PriceUnit, locale)}</div>
							</td>
							<td className={`${tdTop} whitespace-nowrap`}>{formatArea(r.area, r.areaUnit as AreaUnit, locale)}</td>
							<td className={`${tdTop} whitespace-nowrap`}>
								{r.startsOn ? `${formatDate(r.startsOn, locale)} – ${formatDate(r.endsOn, locale)}` : r.termYears ? t('register.years', { n: r.termYears }) : '—'}
							</td>
							<td className={`${tdTop} whitespace-nowrap text-right tabular-nums`}>{formatMoney(r.totalValueYuan, locale)}</td>
							<td className={`${tdTop} whitespace-nowrap text-xs`}>
								{r.contractCode ? <div className="font-mono">{r.contractCode}</div> : null}
								{r.certificateNo ? (
									<Link to={`/certificates/${r.certificateNo}`} className="text-brand-700 underline">
										{r.certificateNo}
									</Link>
								) : null}
								{!r.contractCode && !r.certificateNo ? '—' : null}
							</td>
						</tr>
					))}
				</tbody>
			</AdminTable>
			<Pager page={page.page} pages={page.pages} />
		</>
	)
}
