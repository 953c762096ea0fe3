// The early-warning list (风险预警), shared by /review/warnings and /admin/warnings: one row per
// thing that waited too long, each linking to its listing or deal, the thresholds written above.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminTable, tdTop } from '~/components/admin-ui.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { WARNING_THRESHOLDS } from '~/domain/deadlines.ts'
import type { Warning } from '~/models/warnings.server.ts'
import { formatDate, formatMoney } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

export function EarlyWarnings({ rows, linkOf, missingYears }: { rows: Warning[]; linkOf: (w: Warning) => string; missingYears: number[] }) {
	const { t } = useTranslation('deadlines')
	const { t: tb } = useTranslation('bidding')
	const locale = useLocale()
	const detail = (w: Warning) => {
		const date = formatDate(w.date, locale)
		switch (w.kind) {
			case 'rentOverdue':
				return t('warnings.details.rentOverdue', { seq: w.params.seq, amount: formatMoney(Number(w.params.amount), locale), days: w.params.days })
			case 'dealStuck':
				return t('warnings.details.dealStuck', { status: tb(`dealStatus.${w.params.status as 'PENDING_REVIEW'}`), days: w.params.days })
			case 'listingStuck':
			case 'disputeOpen':
				return t(`warnings.details.${w.kind}`, { days: w.params.days })
			case 'refundOverdue':
				return t('warnings.details.refundOverdue', { alias: w.params.alias, date })
			default:
				return t(`warnings.details.${w.kind}`, { date })
		}
	}
	return (
		<div>
			<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('warnings.intro')}</p>
			<p className="mt-1 max-w-3xl text-xs text-stone-500">
				{t('warnings.thresholds', {
					listing: WARNING_THRESHOLDS.listingSubmittedDays,
					review: WARNING_THRESHOLDS.dealPendingReviewDays,
					cert: WARNING_THRESHOLDS.awaitingCertificationDays,
					ending: WARNING_THRESHOLDS.contractEndingDays,
				})}
			</p>
			{missingYears.length > 0 ? (
				<div className="mt-3">
					<Notice tone="warn">{t('warnings.calendarMissing', { years: missingYears.join(locale === 'en' ? ', ' : '、') })}</Notice>
				</div>
			) : null}
			{rows.length === 0 ? (
				<p className="mt-4 text-sm text-stone-600" data-testid="warnings-empty">
					{t('warnings.empty')}
				</p>
			) : (
				<AdminTable id="warnings" caption={t('warnings.heading')} headers={[t('warnings.kind'), t('warnings.subject'), t('warnings.place'), t('warnings.since'), t('warnings.detail')]}>
					<tbody className="divide-y divide-stone-100">
						{rows.map((w) => (
							<tr key={`${w.kind}-${w.key}`} data-testid="warning-row" data-kind={w.kind}>
								<td className={`${tdTop} whitespace-nowrap font-medium ${w.kind === 'contractEnding' ? 'text-amber-800' : 'text-red-800'}`}>{t(`warnings.kinds.${w.kind}`)}</td>
								<td className={`${tdTop} min-w-[12rem]`}>
									<Link to={linkOf(w)} className="text-brand-700 underline-offset-2 hover:underline">
										{w.title}
									</Link>
								</td>
								<td className={`${tdTop} whitespace-nowrap text-stone-600`}>{locale === 'en' ? `${w.village.nameEn}, ${w.town.nameEn}` : `${w.town.name} ${w.village.name}`}</td>
								<td className={`${tdTop} whitespace-nowrap tabular-nums`}>{formatDate(w.date, locale)}</td>
								<td className={`${tdTop} min-w-[12rem]`}>{detail(w)}</td>
							</tr>
						))}
					</tbody>
				</AdminTable>
			)}
		</div>
	)
}
