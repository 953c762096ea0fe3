// The 四议两公开 record of a collective asset: the four steps with their dates, attendance and
// votes at the two meetings, the resolution and the date it was made public. Saving stores the
// record as typed; the rules (checkDecision) are then shown next to each field, in words that say
// exactly what is missing or wrong. Submitting is refused until none is left.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import type { TFunction } from 'i18next'
import type { InputHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { inputClass, SubmitButton, useValidatedForm } from '~/components/forms.tsx'
import type { DecisionField, DecisionProblem } from '~/domain/democratic-decision.ts'
import { formatDate, formatNumber, type Locale } from '~/utils/format.ts'
import { DecisionFormSchema } from '~/utils/listing-form.ts'
import { toDateInput } from './village-ui.tsx'

/** The record as the loader sends it (dates as ISO strings). */
export type DecisionValues = { [K in DecisionField]: K extends `${string}Date` ? Date | string | null : K extends 'resolutionText' ? string | null : number | null }

const QUORUM_FIELDS = { partyMembersPresent: 'party', villagersPresent: 'villagers' } as const
const VOTE_FIELDS = { partyVotesFor: 'partyMembersPresent', villagersVotesFor: 'villagersPresent' } as const

/** One problem of checkDecision in words, with the record's own numbers. */
export function decisionProblemText(t: TFunction<'village'>, p: DecisionProblem, record: Partial<DecisionValues> | null) {
	const label = t(`decision.fields.${p.field}`)
	const num = (f: DecisionField) => (record?.[f] as number | null | undefined) ?? '?'
	switch (p.code) {
		case 'quorum':
			return t(`decision.problems.quorum.${QUORUM_FIELDS[p.field as keyof typeof QUORUM_FIELDS] ?? 'party'}`, {
				present: num(p.field),
				total: p.params?.total,
				needed: p.params?.needed,
			})
		case 'majority':
			return t('decision.problems.majority', {
				votes: num(p.field),
				present: p.params?.present ?? num(VOTE_FIELDS[p.field as keyof typeof VOTE_FIELDS]),
				needed: p.params?.needed,
			})
		case 'order':
			return t('decision.problems.order', { label, previous: t(`decision.fields.${String(p.params?.previous)}`) })
		case 'moreThanTotal':
			return t('decision.problems.moreThanTotal', { present: num(p.field), total: p.params?.total })
		case 'moreThanPresent':
			return t('decision.problems.moreThanPresent', { votes: num(p.field), present: p.params?.present })
		case 'tooShort':
			return t('decision.problems.tooShort', { min: p.params?.min ?? 10 })
		default:
			return t(`decision.problems.${p.code}`, { label, defaultValue: label })
	}
}

type Step = { key: string; fields: DecisionField[] }
const STEPS: Step[] = [
	{ key: 'proposal', fields: ['proposalDate'] },
	{ key: 'committee', fields: ['committeeDate'] },
	{ key: 'partyMeeting', fields: ['partyMeetingDate', 'partyMembersTotal', 'partyMembersPresent', 'partyVotesFor'] },
	{ key: 'villagersMeeting', fields: ['villagersMeetingDate', 'villagersTotal', 'villagersPresent', 'villagersVotesFor'] },
	{ key: 'publication', fields: ['resolutionText', 'resolutionPublicDate'] },
]

function DecisionInput({
	label,
	messages,
	id,
	textarea,
	...input
}: { label: string; messages: string[]; id: string; textarea?: boolean } & InputHTMLAttributes<HTMLInputElement>) {
	const errorId = messages.length ? `${id}-error` : undefined
	const common = { id, 'aria-invalid': errorId ? true : undefined, 'aria-describedby': errorId, className: inputClass }
	return (
		<div className={textarea ? 'sm:col-span-2' : ''}>
			<label htmlFor={id} className="mb-1 block text-sm font-medium text-stone-700">
				{label}
			</label>
			{textarea ? (
				<textarea {...common} name={input.name} defaultValue={input.defaultValue as string | undefined} rows={4} maxLength={5000} />
			) : (
				<input {...common} {...input} />
			)}
			{errorId ? (
				<ul id={errorId} className="mt-1 space-y-0.5 text-sm text-red-700" data-testid={`problem-${input.name}`}>
					{messages.map((m) => (
						<li key={m}>{m}</li>
					))}
				</ul>
			) : null}
		</div>
	)
}

export function DecisionForm({
	record,
	problems,
	lastResult,
}: {
	record: DecisionValues | null
	problems: DecisionProblem[]
	lastResult?: SubmissionResult<string[]> | null
}) {
	const { t } = useTranslation('village')
	const { t: tc } = useTranslation('common')
	const defaults = Object.fromEntries(
		Object.entries(record ?? {}).map(([k, v]) => [k, v === null || v === undefined ? '' : k.endsWith('Date') ? toDateInput(v as Date | string) : String(v)]),
	)
	const [form, fields] = useValidatedForm({
		id: 'decision',
		lastResult,
		defaultValue: defaults,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionFormSchema }),
	})
	// Type errors of this form (a malformed date…) first; the stored record's rule problems after.
	const messagesOf = (f: DecisionField) => [
		...(fields[f].errors ?? []).map((code) => tc(`forms.errors.${code}`, { defaultValue: code })),
		...(fields[f].errors?.length ? [] : problems.filter((p) => p.field === f).map((p) => decisionProblemText(t, p, record))),
	]
	return (
		<Form method="post" {...getFormProps(form)} preventScrollReset className="space-y-5">
			<AuthenticityTokenInput name="csrf" />
			{STEPS.map((step, i) => (
				<fieldset key={step.key} className="rounded-lg border border-stone-200 p-3 sm:p-4">
					<legend className="px-1 text-sm font-semibold text-stone-800">
						{i + 1}. {t(`decision.steps.${step.key}`)}
					</legend>
					<div className="grid gap-3 sm:grid-cols-2">
						{step.fields.map((f) => (
							<DecisionInput
								key={f}
								id={`decision-${f}`}
								name={f}
								label={t(`decision.fields.${f}`)}
								messages={messagesOf(f)}
								textarea={f === 'resolutionText'}
								type={f.endsWith('Date') ? 'date' : 'number'}
								min={f.endsWith('Date') ? undefined : 0}
								step={f.endsWith('Date') ? undefined : 1}
								inputMode={f.endsWith('Date') ? undefined : 'numeric'}
								defaultValue={typeof fields[f].initialValue === 'string' ? fields[f].initialValue : ''}
							/>
						))}
					</div>
				</fieldset>
			))}
			<div className="flex flex-wrap items-center gap-3">
				<SubmitButton name="intent" value="save-decision">
					{t('decision.save')}
				</SubmitButton>
				<p className="text-sm text-stone-500">{t('decision.saveHint')}</p>
			</div>
		</Form>
	)
}

/** The record read-only, once the listing is no longer editable. */
export function DecisionView({ record, locale }: { record: DecisionValues | null; locale: Locale }) {
	const { t } = useTranslation('village')
	if (!record) return <p className="text-sm text-stone-600">{t('decision.none')}</p>
	const value = (f: DecisionField) => {
		const v = record[f]
		if (v === null || v === undefined || v === '') return t('decision.empty')
		if (f.endsWith('Date')) return formatDate(v as Date | string, locale)
		return typeof v === 'number' ? formatNumber(v, locale, 0) : String(v)
	}
	return (
		<dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
			{STEPS.flatMap((s) => s.fields).map((f) => (
				<div key={f} className={f === 'resolutionText' ? 'sm:col-span-2' : ''}>
					<dt className="text-stone-500">{t(`decision.fields.${f}`)}</dt>
					<dd className="whitespace-pre-line text-stone-900">{value(f)}</dd>
				</div>
			))}
		</dl>
	)
}
