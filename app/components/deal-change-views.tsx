// The views of /deals/:id/changes (decision 033): the filings of a certified deal, with their terms,
// documents and decisions; the reviewer's decision form; and a party's form to file one. The forms
// work without JavaScript: every field shows, and the hints say which kind each is for.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { CHANGE_KINDS, mayFile, MAX_DOCUMENTS, type ChangeKind, type ChangeStatus, type Party } from '~/domain/deal-change.ts'
import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import type { z } from 'zod'
import { DecideChangeSchema, RenewSchema, type FileChangeSchema } from '~/utils/deal-change-form.ts'
import { formatArea, formatDate, formatPrice, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import { Field, SelectField, SubmitButton, TextareaField, useValidatedForm } from './forms.tsx'

type Terms = { priceUnit: string; areaUnit: string }
export type ChangeView = {
	id: string
	kind: string
	status: string
	reason: string
	newPrice: number | null
	newArea: number | null
	newTermYears: number | null
	oldPrice: number | null
	oldArea: number | null
	oldTermYears: number | null
	effectiveOn: string | Date | null
	opinion: string | null
	createdAt: string | Date
	decidedAt: string | Date | null
	filedBy: { name: string }
	decidedBy: { name: string } | null
	documents: { name: string; bytes: number }[]
}

/** Problems of the model, in the deal namespace; the schema's own codes fall back to the common texts. */
export function useChangeError() {
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	return (code: string) => t(`changes.errors.${code}`, { defaultValue: tc(`forms.errors.${code}`, { defaultValue: code }) })
}

function Errors({ id, errors }: { id?: string; errors?: string[] | null }) {
	const text = useChangeError()
	if (!errors?.length) return null
	return (
		<ul id={id} role="alert" className="text-sm text-red-700">
			{errors.map((e) => (
				<li key={e}>{text(e)}</li>
			))}
		</ul>
	)
}

const STATUS_STYLE: Record<ChangeStatus, string> = {
	PENDING: 'bg-amber-100 text-amber-900',
	APPROVED: 'bg-emerald-100 text-emerald-900',
	REJECTED: 'bg-stone-200 text-stone-800',
}

export function ChangeCard({ change, dealId, terms, locale, children }: { change: ChangeView; dealId: string; terms: Terms; locale: Locale; children?: React.ReactNode }) {
	const { t } = useTranslation('deal')
	const kind = change.kind as ChangeKind
	const status = change.status as ChangeStatus
	const price = (v: number) => formatPrice(v, terms.priceUnit as PriceUnit, locale)
	const area = (v: number) => formatArea(v, terms.areaUnit as AreaUnit, locale)
	const years = (v: number | null) => (v ? `${v}` : '—')
	const rows = [
		change.newPrice !== null ? t('changes.termChange', { label: t('fields.price'), from: price(change.oldPrice ?? 0), to: price(change.newPrice) }) : null,
		change.newArea !== null ? t('changes.termChange', { label: t('fields.area'), from: area(change.oldArea ?? 0), to: area(change.newArea) }) : null,
		change.newTermYears !== null ? t('changes.termChange', { label: t('fields.term'), from: years(change.oldTermYears), to: years(change.newTermYears) }) : null,
	].filter(Boolean)
	return (
		<li data-testid="deal-change" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<p className="flex flex-wrap items-center gap-2">
				<span className="font-semibold">{t(`changes.kinds.${kind}`)}</span>
				<span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`} data-testid="change-status">
					{t(`changes.status.${kind}.${status}`)}
				</span>
				<span className="text-sm text-stone-500">{t('changes.filedBy', { name: change.filedBy.name, date: formatDate(change.createdAt, locale) })}</span>
			</p>
			<dl className="mt-2 space-y-1 text-sm">
				<div>
					<dt className="inline text-stone-500">{t('changes.reason')}：</dt>
					<dd className="inline whitespace-pre-line break-words">{change.reason}</dd>
				</div>
				{rows.length > 0 ? (
					<div>
						<dt className="inline text-stone-500">{t('changes.terms')}：</dt>
						<dd className="inline">{rows.join('；')}</dd>
					</div>
				) : null}
				{change.effectiveOn ? (
					<div>
						<dt className="inline text-stone-500">{t('changes.effectiveOn')}：</dt>
						<dd className="inline">{formatDate(change.effectiveOn, locale)}</dd>
					</div>
				) : null}
				<div>
					<dt className="inline text-stone-500">{t('changes.documents')}：</dt>
					<dd className="inline">
						{change.documents.length === 0
							? t('changes.noDocuments')
							: change.documents.map((d, i) => (
									<a key={i} href={`/deals/${dealId}/changes/${change.id}/${i}`} className="mr-3 text-brand-700 underline" target="_blank" rel="noreferrer">
										{d.name}
									</a>
								))}
					</dd>
				</div>
				{change.decidedAt && change.decidedBy ? (
					<div className="rounded bg-stone-50 p-2">
						<dt className="text-stone-500">{t('changes.decidedBy', { name: change.decidedBy.name, date: formatDate(change.decidedAt, locale) })}</dt>
						<dd className="whitespace-pre-line break-words">{change.opinion}</dd>
					</div>
				) : null}
			</dl>
			{children}
		</li>
	)
}

export function DecideForm({ change, lastResult }: { change: ChangeView; lastResult?: SubmissionResult<string[]> | null }) {
	const { t } = useTranslation('deal')
	const kind = change.kind as ChangeKind
	const [form, fields] = useValidatedForm({
		id: `decide-${change.id}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DecideChangeSchema }),
	})
	return (
		<Form method="post" {...getFormProps(form)} className="mt-3 space-y-2 border-t border-stone-200 pt-3" aria-label={t('changes.decide.heading')}>
			<AuthenticityTokenInput />
			<input type="hidden" name="intent" value="decide" />
			<input type="hidden" name="changeId" value={change.id} />
			<fieldset>
				<legend className="text-sm font-medium text-stone-700">{t('changes.decide.heading')}</legend>
				<div className="mt-1 flex flex-wrap gap-4 text-sm">
					{(['APPROVED', 'REJECTED'] as const).map((d) => (
						<label key={d} className="flex items-center gap-1.5">
							<input type="radio" name={fields.decision.name} value={d} />
							{d === 'APPROVED' ? t(`changes.decide.approve.${kind}`) : t(`changes.decide.reject.${kind}`)}
						</label>
					))}
				</div>
				<Errors id={fields.decision.errorId} errors={fields.decision.errors} />
			</fieldset>
			<TextareaField label={t('changes.decide.opinion')} errors={fields.opinion.errors} rows={2} {...getTextareaProps(fields.opinion)} />
			<Errors id={form.errorId} errors={form.errors} />
			<SubmitButton>{t('changes.decide.submit')}</SubmitButton>
		</Form>
	)
}

export function FileChangeForm({ party, terms, lastResult }: { party: Party; terms: Terms; lastResult?: SubmissionResult<string[]> | null }) {
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const kinds = CHANGE_KINDS.filter((k) => mayFile(k, party))
	const [form, fields] = useValidatedForm<z.input<typeof FileChangeSchema>>({
		id: 'file-change',
		lastResult,
		defaultValue: { kind: kinds[0] },
		// Checked on the server only: the files make the form multipart, and the terms depend on the kind.
	})
	return (
		<Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-3" aria-labelledby="file-change-heading">
			<h2 id="file-change-heading" className="text-lg font-semibold">
				{t('changes.file.heading')}
			</h2>
			<AuthenticityTokenInput />
			<input type="hidden" name="intent" value="file" />
			<SelectField label={t('changes.file.kind')} hint={t('changes.file.kindHint')} errors={fields.kind.errors} {...getSelectProps(fields.kind)}>
				{kinds.map((k) => (
					<option key={k} value={k}>
						{t(`changes.kinds.${k}`)}
					</option>
				))}
			</SelectField>
			<TextareaField label={t('changes.file.reason')} hint={t('changes.file.reasonHint')} errors={fields.reason.errors} rows={3} {...getTextareaProps(fields.reason)} />
			{party === 'VILLAGE' ? (
				<>
					<fieldset className="grid gap-3 sm:grid-cols-3">
						<legend className="mb-1 text-sm text-stone-600">{t('changes.file.changeHint')}</legend>
						<Field label={t('changes.file.newPrice', { unit: t(`priceUnits.${terms.priceUnit}`) })} errors={fields.newPrice.errors} {...getInputProps(fields.newPrice, { type: 'number' })} step="any" min="0" />
						<Field label={t('changes.file.newArea', { unit: tc(`units.${terms.areaUnit as AreaUnit}`) })} errors={fields.newArea.errors} {...getInputProps(fields.newArea, { type: 'number' })} step="any" min="0" />
						<Field label={t('changes.file.newTermYears')} errors={fields.newTermYears.errors} {...getInputProps(fields.newTermYears, { type: 'number' })} step="1" min="1" max="70" />
					</fieldset>
					<Field label={t('changes.file.effectiveOn')} hint={t('changes.file.effectiveOnHint')} errors={fields.effectiveOn.errors} {...getInputProps(fields.effectiveOn, { type: 'date' })} />
				</>
			) : null}
			<div>
				<label htmlFor="change-documents" className="mb-1 block text-sm font-medium text-stone-700">
					{t('changes.file.documents')}
				</label>
				<input id="change-documents" name="documents" type="file" multiple accept="application/pdf,image/jpeg,image/png" data-max={MAX_DOCUMENTS} aria-describedby="change-documents-hint" className="block text-sm" />
				<p id="change-documents-hint" className="mt-1 text-xs text-stone-500">
					{t('changes.file.documentsHint')}
				</p>
				<Errors id={fields.documents.errorId} errors={fields.documents.errors} />
			</div>
			<Errors id={form.errorId} errors={form.errors} />
			<SubmitButton>{t('changes.file.submit')}</SubmitButton>
		</Form>
	)
}

type Renewal = {
	end: string | null
	opensOn: string | null
	problem: string | null
	current: { id: string; status: string; price: number; termYears: number | null } | null
}

/**
 * The village renews its lease with the same buyer (续约): from 180 days before the end up to it. A
 * renewal under way or done shows instead, with its state; outside the window, when it opens.
 */
export function RenewSection({ renewal, deal, lastResult }: { renewal: Renewal; deal: { price: number; priceUnit: string; termYears: number | null; listing: { id: string } }; lastResult?: SubmissionResult<string[]> | null }) {
	const { t } = useTranslation('deal')
	const locale = useLocale()
	const [form, fields] = useValidatedForm({
		id: 'renew',
		lastResult,
		defaultValue: { price: String(deal.price), termYears: deal.termYears ? String(deal.termYears) : '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RenewSchema }),
	})
	let body: React.ReactNode
	if (renewal.current) {
		body = (
			<p className="text-sm" data-testid="renewal-state">
				{t('changes.renew.current', { status: t(`status.${renewal.current.status as 'PENDING_REVIEW'}`), price: formatPrice(renewal.current.price, deal.priceUnit as PriceUnit, locale), years: renewal.current.termYears ?? '—' })}{' '}
				<Link to={`/village/listings/${deal.listing.id}/deal`} className="text-brand-700 underline">
					{t('changes.renew.open')}
				</Link>
			</p>
		)
	} else if (renewal.problem === 'tooEarly' && renewal.opensOn) {
		body = <p className="text-sm text-stone-600">{t('changes.renew.opensOn', { date: formatDate(renewal.opensOn, locale) })}</p>
	} else if (renewal.problem) {
		body = <p className="text-sm text-stone-600">{t(`changes.renew.closed.${renewal.problem as 'ended'}`)}</p>
	} else {
		body = (
			<Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
				<AuthenticityTokenInput />
				<input type="hidden" name="intent" value="renew" />
				<Field label={t('changes.renew.price', { unit: t(`priceUnits.${deal.priceUnit as 'YUAN_PER_YEAR'}`) })} errors={fields.price.errors} {...getInputProps(fields.price, { type: 'number' })} step="any" min="0" />
				<Field label={t('changes.renew.termYears')} errors={fields.termYears.errors} {...getInputProps(fields.termYears, { type: 'number' })} step="1" min="1" max="70" />
				<SubmitButton>{t('changes.renew.submit')}</SubmitButton>
				<div className="sm:col-span-3">
					<Errors id={form.errorId} errors={form.errors} />
				</div>
			</Form>
		)
	}
	return (
		<section aria-labelledby="renew-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="renew-heading" className="text-lg font-semibold">
				{t('changes.renew.heading')}
			</h2>
			<p className="mb-3 mt-1 text-sm text-stone-600">{t('changes.renew.intro')}</p>
			{body}
			{renewal.problem !== 'renewed' ? (
				<p className="mt-3 text-sm">
					<Link to={`/village/listings/${deal.listing.id}#relist`} className="text-brand-700 underline">
						{t('changes.renew.relist')}
					</Link>
				</p>
			) : null}
		</section>
	)
}
