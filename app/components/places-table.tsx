// One table of /admin/places (the towns, or the villages): a scrolling region named by its
// heading, a row per place with its name as the row header and an edit link at the end.
import type { ReactNode } from 'react'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export type PlaceColumn = { label: ReactNode; numeric?: boolean }
/** `number`: right-aligned figures; `code`: a fixed-width code; `figures`: aligned figures, left. */
export type PlaceCell = { value: ReactNode; kind?: 'number' | 'code' | 'figures' }
export type PlaceRow =
	| { key: string; name: ReactNode; label: string; cells: PlaceCell[]; editTo: string; current?: boolean }
	/** A line across the table (a town without villages). */
	| { key: string; note: ReactNode }

const th = 'px-3 py-2 text-left font-semibold whitespace-nowrap'
const td = 'px-3 py-2 whitespace-nowrap'
const CELL = { number: 'px-3 py-2 text-right tabular-nums whitespace-nowrap', code: `${td} font-mono text-xs`, figures: `${td} tabular-nums` }

export function PlacesTable({ id, heading, tools, columns, rows }: { id: string; heading: string; tools?: ReactNode; columns: PlaceColumn[]; rows: PlaceRow[] }) {
	const { t } = useTranslation('admin')
	const width = columns.length + 2
	return (
		<>
			<div className="flex flex-wrap items-end justify-between gap-3">
				<h2 id={id} className="text-lg font-semibold">
					{heading}
				</h2>
				{tools}
			</div>
			<p className="mt-1 text-xs text-stone-500 sm:hidden">{t('common.scrollHint')}</p>
			<div
				role="region"
				aria-labelledby={id}
				tabIndex={0}
				className="relative mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
			>
				<table className="min-w-full text-sm">
					<thead className="bg-stone-100 text-stone-700">
						<tr>
							<th scope="col" className={th}>
								{t('places.name')}
							</th>
							{columns.map((c, i) => (
								<th key={i} scope="col" className={c.numeric ? `${th} text-right` : th}>
									{c.label}
								</th>
							))}
							<th scope="col" className={th}>
								<span className="sr-only">{t('places.actions')}</span>
							</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-stone-100">
						{rows.map((row) =>
							'note' in row ? (
								<tr key={row.key}>
									<td colSpan={width} className={`${td} text-stone-500`}>
										{row.note}
									</td>
								</tr>
							) : (
								<tr key={row.key} className={row.current ? 'bg-brand-50' : 'hover:bg-stone-50'}>
									<th scope="row" className={`${td} text-left font-medium`}>
										{row.name}
									</th>
									{row.cells.map((c, i) => (
										<td key={i} className={c.kind ? CELL[c.kind] : td}>
											{c.value}
										</td>
									))}
									<td className={td}>
										<Link to={row.editTo} className="text-brand-700 underline" aria-label={`${t('common.edit')} ${row.label}`}>
											{t('common.edit')}
										</Link>
									</td>
								</tr>
							),
						)}
					</tbody>
				</table>
			</div>
		</>
	)
}
