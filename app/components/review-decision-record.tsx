// The 四议两公开 record of a collective asset as the reviewer reads it: the six steps with their
// dates, attendance and votes, and each rule of the village's democratic decision, passed or not.
import { useTranslation } from 'react-i18next'
import { DecisionSteps, decisionSteps, type DecisionRecordDates } from '~/components/decision-steps.tsx'
import type { DecisionField, DecisionProblem } from '~/domain/democratic-decision.ts'
import type { RuleResult } from '~/models/review.server.ts'
import { formatDate, formatNumber, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

type Decision = DecisionRecordDates<Date | string> & { resolutionText: string | null }

function percent(part: number, whole: number, locale: Locale) {
	return whole > 0 ? `${formatNumber((part / whole) * 100, locale, 0)}%` : '—'
}

function useProblemText() {
	const { t } = useTranslation('review')
	return (p: DecisionProblem) => {
		const field = t(`decision.fields.${p.field}`)
		const previous = typeof p.params?.previous === 'string' ? t(`decision.fields.${p.params.previous as DecisionField}`) : undefined
		return t(`decision.problems.${p.code as 'required'}`, { ...p.params, field, previous, defaultValue: `${field}: ${p.code}` })
	}
}

export function ReviewDecisionRecord({ decision, rules }: { decision: Decision | null; rules: RuleResult[] | null }) {
	const { t } = useTranslation('review')
	const locale = useLocale()
	const problemText = useProblemText()
	if (!decision || !rules) {
		return (
			<section aria-labelledby="decision-heading" className="rounded-lg border border-red-200 bg-red-50 p-4">
				<h2 id="decision-heading" className="text-lg font-semibold text-red-900">
					{t('decision.heading')}
				</h2>
				<p className="mt-1 text-red-800" data-testid="decision-summary">
					{t('decision.missing')}
				</p>
			</section>
		)
	}
	const failing = rules.filter((r) => !r.ok).length
	const date = (d: Date | string | null) => formatDate(d, locale) || t('decision.noDate')
	const meeting = (total: number | null, present: number | null, votes: number | null) => {
		if (total == null || present == null || votes == null) return t('decision.notRecorded')
		return [
			t('decision.attendance', { total: formatNumber(total, locale), present: formatNumber(present, locale), percent: percent(present, total, locale) }),
			t('decision.votes', { votes: formatNumber(votes, locale), percent: percent(votes, present, locale) }),
		].join(locale === 'zh' ? '；' : '; ')
	}
	const steps = decisionSteps(decision, { label: (step) => t(`decision.steps.${step}`), date, meeting, pending: t('decision.resultPending') })
	return (
		<section aria-labelledby="decision-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<div className="flex flex-wrap items-baseline justify-between gap-2">
				<h2 id="decision-heading" className="text-lg font-semibold">
					{t('decision.heading')}
				</h2>
				<span
					data-testid="decision-summary"
					className={`rounded px-2 py-0.5 text-sm font-medium ring-1 ${failing ? 'bg-red-50 text-red-800 ring-red-200' : 'bg-emerald-50 text-emerald-800 ring-emerald-200'}`}
				>
					{failing ? t('decision.summaryFail', { count: failing }) : t('decision.summaryPass', { count: rules.length })}
				</span>
			</div>
			<p className="mt-1 text-sm text-stone-600">{t('decision.intro')}</p>

			<h3 className="mt-4 text-sm font-semibold text-stone-700">{t('decision.steps.heading')}</h3>
			<DecisionSteps steps={steps} resolution={{ label: t('decision.resolution'), text: decision.resolutionText ?? '' }} />

			<h3 className="mt-4 border-t border-stone-100 pt-3 text-sm font-semibold text-stone-700">{t('decision.rulesHeading')}</h3>
			<ul className="mt-2 divide-y divide-stone-100 text-sm" data-testid="decision-rules">
				{rules.map((r) => (
					<li key={r.rule} className="flex gap-3 py-2">
						<span
							className={`inline-flex h-6 shrink-0 items-center gap-1 rounded px-1.5 text-xs font-semibold ${r.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}
						>
							<span aria-hidden="true">{r.ok ? '✓' : '✗'}</span>
							{r.ok ? t('decision.pass') : t('decision.fail')}
						</span>
						<div>
							<p className="text-stone-900">{t(`decision.rules.${r.rule}`)}</p>
							{r.problems.length ? (
								<ul className="mt-0.5 list-disc pl-4 text-red-700">
									{r.problems.map((p, i) => (
										<li key={i}>{problemText(p)}</li>
									))}
								</ul>
							) : null}
						</div>
					</li>
				))}
			</ul>
		</section>
	)
}
