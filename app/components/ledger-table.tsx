// The public ledger's table (/ledger): a table on wide screens, cards on phones. Sortable column
// headers are links (they work without JavaScript) with the sort state in aria-sort; certificate
// numbers link to their public verification (/verify/:no).
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { LedgerRow } from '~/models/ledger.server.ts'
import type { SortDir, SortKey } from '~/utils/ledger-sort.ts'
import { formatArea, formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'

/** A ledger row as the page's loader sends it (json: dates as strings). */
type Row = { [K in keyof LedgerRow]: LedgerRow[K] extends Date | null ? string | null : LedgerRow[K] }
/** The current sort, and for each sortable column the link that sorts by it (or turns its order). */
export type LedgerSort = { sort: SortKey; dir: SortDir; links: Record<SortKey, string> }

const STATUS_STYLES: Record<string, string> = {
	IN_NOTICE: 'bg-amber-50 text-amber-900 ring-amber-300',
	OBJECTED: 'bg-red-50 text-red-800 ring-red-200',
	AWAITING_CERTIFICATION: 'bg-sky-50 text-sky-800 ring-sky-200',
	COMPLETED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
}

/**
 * A table on wide screens; below `lg` each row becomes a card whose cells carry their own
 * labels (data-label), so phones need no sideways scrolling and there is one copy of the data.
 */
export function LedgerTable({ rows, locale, sort }: { rows: Row[]; locale: Locale; sort: LedgerSort }) {
	const { t } = useTranslation('ledger')
	const th = 'px-3 py-2 text-left font-semibold whitespace-nowrap'
	const td =
		'block px-3 py-1 text-sm lg:table-cell lg:py-2 lg:align-top before:mr-2 before:text-xs before:text-stone-500 before:content-[attr(data-label)] lg:before:content-none'
	const date = (d: string | null) => formatDate(d, locale)
	return (
		<div className="mt-3 lg:overflow-x-auto lg:rounded-lg lg:border lg:border-stone-200 lg:bg-white lg:shadow-sm">
			<table className="block w-full text-sm lg:table">
				<caption className="sr-only">{t('caption')}</caption>
				<thead className="hidden bg-stone-100 text-stone-700 lg:table-header-group">
					<tr>
						<th scope="col" className={th}>{t('columns.title')}</th>
						<SortHeader sort={sort} column="town" label={t('columns.place')} />
						<th scope="col" className={th}>{t('columns.mode')}</th>
						<SortHeader sort={sort} column="price" label={t('columns.price')} right />
						<SortHeader sort={sort} column="area" label={t('columns.area')} right />
						<SortHeader sort={sort} column="value" label={t('columns.totalValue')} right />
						<th scope="col" className={th}>{t('columns.buyer')}</th>
						<SortHeader sort={sort} column="notice" label={t('columns.notice')} />
						<SortHeader sort={sort} column="certified" label={t('columns.certificate')} />
						<th scope="col" className={th}>{t('columns.status')}</th>
					</tr>
				</thead>
				<tbody className="block space-y-3 lg:table-row-group lg:space-y-0 lg:divide-y lg:divide-stone-100">
					{rows.map((row) => (
						<tr key={row.id} data-deal={row.id} className="block rounded-lg border border-stone-200 bg-white py-2 shadow-sm lg:table-row lg:rounded-none lg:border-0 lg:py-0 lg:shadow-none lg:hover:bg-stone-50">
							<th scope="row" className="block px-3 py-1 text-left font-medium lg:table-cell lg:max-w-72 lg:py-2 lg:align-top">
								<Link to={`/deals/${row.id}`} className="text-brand-700 underline decoration-brand-100 underline-offset-2 hover:text-brand-800 hover:decoration-brand-700">
									{row.listing.title}
								</Link>
								<span className="mt-0.5 block text-xs font-normal text-stone-500">{t(`common:types.${row.listing.type}`)}</span>
							</th>
							<td className={td} data-label={t('columns.place')}>
								{locale === 'en' ? `${row.village.nameEn}, ${row.town.nameEn}` : `${row.town.name} · ${row.village.name}`}
							</td>
							<td className={`${td} lg:whitespace-nowrap`} data-label={t('columns.mode')}>
								{t(`common:transferModes.${row.transferMode}`)} · {t(`common:tradingModes.${row.tradingMode}`)}
							</td>
							<td className={`${td} tabular-nums lg:text-right lg:whitespace-nowrap`} data-label={t('columns.price')}>
								{formatPrice(row.price, row.priceUnit, locale)}
								{row.termYears ? <span className="ml-1 text-xs text-stone-500 lg:ml-0 lg:block">{t('term', { count: row.termYears })}</span> : null}
							</td>
							<td className={`${td} tabular-nums lg:text-right lg:whitespace-nowrap`} data-label={t('columns.area')}>
								{formatArea(row.area, row.areaUnit, locale)}
							</td>
							<td className={`${td} font-medium tabular-nums lg:text-right lg:whitespace-nowrap`} data-label={t('columns.totalValue')}>
								{formatMoney(row.totalValueYuan, locale)}
							</td>
							<td className={td} data-label={t('columns.buyer')}>
								{row.buyerMasked || '—'}
							</td>
							<td className={`${td} lg:whitespace-nowrap`} data-label={t('columns.notice')}>
								{row.noticeStartsAt ? t('notice.range', { start: date(row.noticeStartsAt), end: date(row.noticeEndsAt) }) : '—'}
								<NoticeNote row={row} />
							</td>
							<td className={`${td} lg:whitespace-nowrap`} data-label={t('columns.certificate')}>
								{row.origin !== 'PLATFORM' ? (
									// Done outside the platform (023): no public notice, no certificate.
									<span data-testid="offline-mark" title={t('filing:offlineMarkHint')} className="inline-block rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-violet-800 ring-1 ring-inset ring-violet-200">
										{t('filing:offlineMark')}
									</span>
								) : row.certifiedAt ? (
									<>
										{date(row.certifiedAt)}
										{row.certificateNo ? (
											<Link
												to={`/verify/${encodeURIComponent(row.certificateNo)}`}
												title={t('sort.verifyHint')}
												className="ml-1 font-mono text-xs text-brand-700 underline lg:ml-0 lg:block"
												data-testid="certificate-verify-link"
											>
												{row.certificateNo}
											</Link>
										) : null}
									</>
								) : (
									<span className="text-stone-500">{t('notCertified')}</span>
								)}
							</td>
							<td className={td} data-label={t('columns.status')}>
								<span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_STYLES[row.status] ?? ''}`}>
									{t(`status.${row.status}`)}
								</span>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

function NoticeNote({ row }: { row: Row }) {
	const { t } = useTranslation('ledger')
	const note = 'ml-1 text-xs lg:ml-0 lg:block'
	if (row.status === 'OBJECTED') return <span className={`${note} text-red-700`}>{t('notice.suspended')}</span>
	if (row.status !== 'IN_NOTICE' || row.noticeDaysLeft === null) return null
	if (row.noticeDaysLeft === 0) return <span className={`${note} text-sky-800`}>{t('notice.ended')}</span>
	return <span className={`${note} font-medium text-amber-800`}>{t('notice.daysLeft', { count: row.noticeDaysLeft })}</span>
}


/**
 * A sortable column's header: a link that sorts by it (descending first, ascending for the town),
 * or turns the order when it is the current sort; aria-sort says which column sorts and how.
 */
function SortHeader({ sort, column, label, right = false }: { sort: LedgerSort; column: SortKey; label: string; right?: boolean }) {
	const { t } = useTranslation('ledger')
	const active = sort.sort === column
	return (
		<th scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined} className={`px-3 py-2 font-semibold whitespace-nowrap ${right ? 'text-right' : 'text-left'}`}>
			<Link to={sort.links[column]} title={t('sort.by', { column: label })} className={`inline-flex items-center gap-1 hover:text-brand-800 hover:underline ${active ? 'text-stone-900' : ''}`} data-sort={column}>
				{label}
				<span aria-hidden="true" className={active ? 'text-brand-700' : 'text-stone-400'}>
					{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
				</span>
			</Link>
		</th>
	)
}
