// The Party organisation's decisions on one listing, each with its opinion: shown to the reviewer
// (oldest first, as a record) and to the village (newest first), in the order the model gives.
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

type ReviewRow = { id: string; decision: string; opinion: string; createdAt: Date | string; reviewer: { name: string } }

const COLOURS: Record<string, string> = { APPROVE: 'text-emerald-800 bg-emerald-50', RETURN: 'text-orange-800 bg-orange-50', REJECT: 'text-red-800 bg-red-50' }

export function ReviewHistory({ reviews }: { reviews: ReviewRow[] }) {
	const { t } = useTranslation('review')
	const locale = useLocale()
	return (
		<section aria-labelledby="history-heading">
			<h2 id="history-heading" className="mb-2 text-lg font-semibold">
				{t('history.heading')}
			</h2>
			{reviews.length === 0 ? (
				<p className="text-sm text-stone-600">{t('history.none')}</p>
			) : (
				<ol className="space-y-3" data-testid="review-history">
					{reviews.map((r) => (
						<li key={r.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
							<p className="flex flex-wrap items-center gap-2">
								<span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${COLOURS[r.decision] ?? 'bg-stone-100 text-stone-700'}`}>
									{t(`decisions.${r.decision as 'APPROVE' | 'RETURN' | 'REJECT'}`, { defaultValue: r.decision })}
								</span>
								<span className="text-stone-500">{t('history.by', { name: r.reviewer.name, date: formatDateTime(r.createdAt, locale) })}</span>
							</p>
							<p className="mt-1.5 whitespace-pre-line break-words text-stone-800">{r.opinion}</p>
						</li>
					))}
				</ol>
			)}
		</section>
	)
}
