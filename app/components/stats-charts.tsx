// The charts of /stats: drawn in the browser only (the tables beside them carry the figures
// without JavaScript), by recharts loaded lazily from stats-recharts.tsx.
import { lazy, Suspense } from 'react'
import { ClientOnly } from 'remix-utils/client-only'
import { useTranslation } from 'react-i18next'
import { WhenNear } from '~/components/when-near.tsx'
import type { TownStats } from '~/models/stats.ts'
import type { Locale } from '~/utils/format.ts'

export type Row = { town: string; FARMHOUSE: number; LAND: number; COLLECTIVE_ASSET: number; tradedValueYuan: number }

export function townName(town: Pick<TownStats, 'name' | 'nameEn'>, locale: Locale) {
	return locale === 'en' ? town.nameEn : town.name
}

/** Bar charts lie horizontally (towns down the side) so long town names stay readable on phones. */
export function chartHeight(rows: number) {
	return Math.max(160, rows * 40 + 72)
}

export function ChartSection(props: {
	id: string
	title: string
	description: string
	height: number
	empty: boolean
	children: () => React.ReactNode
	after?: React.ReactNode
}) {
	const { t } = useTranslation('stats')
	const box = 'flex items-center justify-center rounded-md bg-stone-100 px-4 text-center text-sm text-stone-600'
	const loading = (
		<div className={box} style={{ height: props.height }}>
			{t('charts.loading')}
		</div>
	)
	return (
		<section aria-labelledby={`${props.id}-heading`} className="min-w-0 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id={`${props.id}-heading`} className="text-lg font-semibold text-stone-900">
				{props.title}
			</h2>
			<p className="mt-1 text-sm text-stone-600">{props.description}</p>
			<div className="mt-4">
				{props.empty ? (
					<p className={`${box} h-40`}>{t('charts.empty')}</p>
				) : (
					// The same height before and after hydration, so the page does not jump.
					<ClientOnly fallback={loading}>{() => <WhenNear fallback={loading}>{() => <Suspense fallback={loading}>{props.children()}</Suspense>}</WhenNear>}</ClientOnly>
				)}
			</div>
			{props.after}
		</section>
	)
}

export const MONTHLY_HEIGHT = 300

// One chunk for the three charts, fetched when the first of them renders.
const recharts = () => import('./stats-recharts.tsx')
export const ListingsChart = lazy(() => recharts().then((m) => ({ default: m.ListingsChart })))
export const ValueChart = lazy(() => recharts().then((m) => ({ default: m.ValueChart })))
export const MonthlyChart = lazy(() => recharts().then((m) => ({ default: m.MonthlyChart })))
