// /stats/prices — what completed land deals were agreed at per 亩 and year, by town, land class
// and year (issue 13): a chart and tables, filtered by a plain GET form (years, land class), and
// exported as CSV or Excel with the same filters. Groups of fewer than 3 deals show their count only.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FILTER_FIELD, FILTER_LABEL } from '~/components/forms.tsx'
import { PriceLineChart, PriceTables } from '~/components/price-stats.tsx'
import { LAND_CLASSES } from '~/domain/listing.ts'
import { priceFilterSearch } from '~/domain/price-reference.ts'
import { landPriceStats } from '~/models/price-reference.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { useLocale } from '~/utils/root-data.ts'

export const handle = { i18n: ['stats', 'prices'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const stats = await landPriceStats(new URL(request.url).searchParams)
	return { ...stats, exportSearch: priceFilterSearch(stats.filter) }
}

const field = FILTER_FIELD
const label = FILTER_LABEL
const button = 'rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 hover:bg-stone-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600'

export default function PriceStatsPage() {
	const { filter, errors, years, byTown, banner, exportSearch } = useLoaderData<typeof loader>()
	const locale = useLocale()
	const { t } = useTranslation('prices')
	const yearOptions = (id: string, name: string, value: number | null, text: string) => (
		<div>
			<label htmlFor={id} className={label}>
				{text}
			</label>
			<select id={id} name={name} defaultValue={value ?? ''} className={field}>
				<option value="">{t('stats.filters.anyYear')}</option>
				{years.map((y) => (
					<option key={y} value={y}>
						{y}
					</option>
				))}
			</select>
		</div>
	)
	return (
		<div className="mx-auto max-w-screen-xl px-4 py-6">
			<header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
				<div>
					<h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{t('stats.title')}</h1>
					<p className="mt-2 max-w-3xl text-sm text-stone-600">{t('stats.intro')}</p>
				</div>
				<Link to="/stats" className="text-sm text-brand-700 underline hover:text-brand-800">
					{t('stats.back')}
				</Link>
			</header>

			<Form method="get" action="/stats/prices" aria-label={t('stats.filters.label')} className="mt-5 grid grid-cols-2 gap-x-3 gap-y-2 rounded-lg border border-stone-200 bg-white p-3 shadow-sm sm:grid-cols-4">
				{yearOptions('p-from', 'from', filter.fromYear, t('stats.filters.fromYear'))}
				{yearOptions('p-to', 'to', filter.toYear, t('stats.filters.toYear'))}
				<div>
					<label htmlFor="p-class" className={label}>
						{t('stats.filters.landClass')}
					</label>
					<select id="p-class" name="class" defaultValue={filter.landClass ?? ''} className={field}>
						<option value="">{t('stats.filters.anyClass')}</option>
						{LAND_CLASSES.map((c) => (
							<option key={c} value={c}>
								{t(`common:landClasses.${c}`)}
							</option>
						))}
					</select>
				</div>
				<div className="flex items-end gap-2">
					<button type="submit" className="rounded-md bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1">
						{t('stats.filters.submit')}
					</button>
					<Link to="/stats/prices" className="px-1 py-1.5 text-sm whitespace-nowrap text-stone-600 underline hover:text-stone-900">
						{t('stats.filters.reset')}
					</Link>
				</div>
			</Form>
			{errors.length > 0 ? (
				<p role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
					{t('stats.filters.invalid', { fields: errors.map((e) => t(`stats.filters.${e === 'class' ? 'landClass' : e === 'from' ? 'fromYear' : 'toYear'}`)).join(locale === 'zh' ? '、' : ', ') })}
				</p>
			) : null}

			<section aria-labelledby="price-chart-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
				<div className="flex flex-wrap items-start justify-between gap-3">
					<h2 id="price-chart-heading" className="text-lg font-semibold text-stone-900">
						{t('stats.chart.title')}
					</h2>
					<nav aria-label={t('stats.export.label')} className="flex gap-2">
						<a href={`/stats/prices.csv${exportSearch}`} download className={button}>
							{t('stats.export.csv')}
						</a>
						<a href={`/stats/prices.xlsx${exportSearch}`} download className={button}>
							{t('stats.export.xlsx')}
						</a>
					</nav>
				</div>
				<PriceLineChart groups={banner} locale={locale} />
			</section>

			<PriceTables byTown={byTown} banner={banner} locale={locale} />
			<p className="mt-4 text-xs text-stone-500">{t('stats.method')}</p>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'prices')
	return [{ title: pageTitle(locale, t('stats.title')) }, { name: 'description', content: t('stats.metaDescription') }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
