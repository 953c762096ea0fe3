import { type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { chartHeight, ChartSection, ListingsChart, MONTHLY_HEIGHT, MonthlyChart, townName, ValueChart, type Row } from '~/components/stats-charts.tsx'
import { HeadlineCards, LandPriceTable, MonthlyTable, StatusTable, TownTable, TradeEfficiency } from '~/components/stats-tables.tsx'
import { getStats } from '~/models/stats.server.ts'
import { totalListings } from '~/models/stats.ts'
import { formatDate, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'

// The translation namespaces the browser loads before hydrating this page (app/entry.client.tsx).
export const handle = { i18n: ['stats'] }

export async function loader() {
	return { stats: await getStats() }
}

export default function StatsPage() {
	const { stats } = useLoaderData<typeof loader>()
	const locale: Locale = useLocale()
	const { t } = useTranslation('stats')
	const rows: Row[] = stats.towns.map((town) => ({
		town: townName(town, locale),
		FARMHOUSE: town.listings.FARMHOUSE.total,
		LAND: town.listings.LAND.total,
		COLLECTIVE_ASSET: town.listings.COLLECTIVE_ASSET.total,
		tradedValueYuan: town.tradedValueYuan,
	}))
	const valueRows = rows.filter((r) => r.tradedValueYuan > 0).sort((a, b) => b.tradedValueYuan - a.tradedValueYuan)

	return (
		<div className="mx-auto max-w-screen-xl px-4 py-6">
			<header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
				<div>
					<h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{t('title')}</h1>
					<p className="mt-2 max-w-3xl text-sm text-stone-600">{t('intro')}</p>
				</div>
				<p className="text-sm text-stone-500">
					<time dateTime={stats.generatedAt}>{t('updatedAt', { date: formatDate(stats.generatedAt, locale) })}</time>
					{' · '}
					<a href="/api/stats" className="text-brand-700 underline hover:text-brand-800">
						{t('downloadJson')}
					</a>
					{' · '}
					<Link to="/stats/prices" className="text-brand-700 underline hover:text-brand-800">
						{t('pricesLink')}
					</Link>
				</p>
			</header>

			<HeadlineCards stats={stats} locale={locale} />

			<div className="mt-8 grid gap-6 lg:grid-cols-3">
				<div className="min-w-0 lg:col-span-2">
					<ChartSection
						id="chart-monthly"
						title={t('charts.monthlyTitle')}
						description={t('charts.monthlyDescription')}
						height={MONTHLY_HEIGHT}
						empty={stats.tradedByMonth.length === 0}
						after={<MonthlyTable months={stats.tradedByMonth} locale={locale} />}
					>
						{() => <MonthlyChart months={stats.tradedByMonth} locale={locale} />}
					</ChartSection>
				</div>
				<TradeEfficiency stats={stats} locale={locale} />
			</div>

			<div className="mt-6 grid gap-6 lg:grid-cols-2">
				<ChartSection
					id="chart-listings"
					title={t('charts.listingsTitle')}
					description={t('charts.listingsDescription')}
					height={chartHeight(rows.length)}
					empty={totalListings(stats.listings) === 0}
				>
					{() => <ListingsChart rows={rows} locale={locale} height={chartHeight(rows.length)} />}
				</ChartSection>
				<ChartSection
					id="chart-value"
					title={t('charts.valueTitle')}
					description={t('charts.valueDescription')}
					height={chartHeight(valueRows.length)}
					empty={valueRows.length === 0}
				>
					{() => <ValueChart rows={valueRows} locale={locale} height={chartHeight(valueRows.length)} />}
				</ChartSection>
			</div>

			<TownTable stats={stats} locale={locale} />

			<div className="mt-8 grid gap-6 lg:grid-cols-2">
				<LandPriceTable prices={stats.landPricePerMu} locale={locale} />
				<StatusTable stats={stats} locale={locale} />
			</div>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'stats')
	return [{ title: pageTitle(locale, t('title')) }, { name: 'description', content: t('metaDescription') }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
