// Over 300 lines: not split here on purpose. Issue 9 splits the long routes in one step (server
// code into siblings, shared views such as the listing facts into components used by several
// routes); splitting this one alone would make the copies that step removes.
// /village/listings/:id/deal — the village records the agreed negotiated deal (协议) on its own
// published listing: the buyer (one of the listing's inquirers, or an outside party with name and
// resident ID), price, term, transfer mode, contract date and the signed contract (PDF, JPEG or
// PNG — checked by its bytes on the server). The deal then waits for the Party review and is
// invisible to the public until approved. A bidding round's deal has no contract yet: here the
// village uploads the signed one with its date (intent=contract, the same fields and checks), and
// certification waits for it. Multipart form; works without JavaScript; a file over the cap is
// refused with a message, not a 500.
import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
	json,
	MaxPartSizeExceededError,
	redirect,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field, SelectField, SubmitButton, inputClass } from '~/components/forms.tsx'
import { ACTIVE_STATUSES, isValidResidentId, LEDGER_STATUSES, type DealStatus } from '~/domain/deal.ts'
import { PRICE_UNITS, TRANSFER_MODES, type AreaUnit, type ListingStatus, type PriceUnit } from '~/domain/listing.ts'
import { resources } from '~/i18n.ts'
import { attachContract, chinaDay, getDealFormData, isDealId, MAX_CONTRACT_BYTES, recordDeal, type AttachContractProblem, type RecordDealProblem } from '~/models/deal.server.ts'
import type { loader as rootLoader } from '~/root.tsx'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { parseChinaDate } from '~/utils/calendar-date.ts'
import { cleanForm } from '~/utils/form.server.ts'
import { formatArea, formatDate, formatMoney, formatPrice, type Locale } from '~/utils/format.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { opinionText } from '~/utils/review-opinion.ts'

/** The server's cap (MAX_CONTRACT_BYTES) as the browser checks it before uploading. */
const CONTRACT_MAX_MB = 10

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	const data = await getDealFormData(user, params.id)
	if (!data) throw new Response('Not found', { status: 404 })
	const url = new URL(request.url)
	return json({ ...data, today: chinaDay(now()), recorded: url.searchParams.has('recorded'), contractUploaded: url.searchParams.has('contract') })
}

/** The contract's day and file: the same fields and checks for a recorded deal and a bidding round's deal. */
const contractFields = {
	contractDate: z.string({ required_error: 'required' }).refine((v) => parseChinaDate(v) !== null, 'date'),
	contract: z.instanceof(File).optional(),
}
function checkContractFields(v: { contractDate: string; contract?: File }, ctx: z.RefinementCtx, today: string) {
	if (v.contractDate > today) ctx.addIssue({ code: 'custom', path: ['contractDate'], message: 'contractDateFuture' })
	if (!v.contract || v.contract.size === 0) ctx.addIssue({ code: 'custom', path: ['contract'], message: 'contractMissing' })
	else if (v.contract.size > CONTRACT_MAX_MB * 1024 * 1024) ctx.addIssue({ code: 'custom', path: ['contract'], message: 'contractTooLarge' })
}

/** The contract step of a bidding round's deal (intent=contract). */
function contractSchema(today: string) {
	return z
		.object({ intent: z.literal('contract'), dealId: z.string({ required_error: 'required' }).max(64), ...contractFields })
		.superRefine((v, ctx) => checkContractFields(v, ctx, today))
}

const num = (max: number) => z.coerce.number({ required_error: 'required', invalid_type_error: 'number' }).positive('positive').max(max, 'tooBig')

function dealSchema(today: string, isLand: boolean) {
	return z
		.object({
			buyerKind: z.enum(['inquiry', 'outside'], { required_error: 'required', invalid_type_error: 'invalid' }),
			inquiryId: z.string().max(64).optional(),
			outsideName: z.string().trim().max(60, 'tooLong').optional(),
			outsideIdNumber: z.string().trim().max(18, 'idNumber').optional(),
			price: num(1_000_000_000),
			priceUnit: z.enum(PRICE_UNITS, { required_error: 'required', invalid_type_error: 'invalid' }),
			termYears: z.coerce.number({ invalid_type_error: 'number' }).int('integer').min(1, 'positive').max(70, 'tooBig').optional(),
			transferMode: z.enum(TRANSFER_MODES, { required_error: 'required', invalid_type_error: 'invalid' }),
			...contractFields,
		})
		.superRefine((v, ctx) => {
			const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message })
			if (v.buyerKind === 'inquiry' && !v.inquiryId) issue('inquiryId', 'inquiryRequired')
			if (v.buyerKind === 'outside') {
				if (!v.outsideName || Array.from(v.outsideName).length < 2) issue('outsideName', 'required')
				if (!v.outsideIdNumber || !isValidResidentId(v.outsideIdNumber)) issue('outsideIdNumber', 'idNumber')
			}
			if (!isLand && v.priceUnit === 'YUAN_PER_MU_YEAR') issue('priceUnit', 'landOnly')
			if (v.priceUnit !== 'WAN_YUAN' && !v.termYears) issue('termYears', 'termRequired')
			checkContractFields(v, ctx, today)
		})
}

/** Which field a refusal of the model belongs to (null: the whole form). */
const PROBLEM_FIELD: Partial<Record<RecordDealProblem | AttachContractProblem, string>> = {
	contractDateEarly: 'contractDate',
	inquiryClosed: 'inquiryId',
	contractMissing: 'contract',
	contractTooLarge: 'contract',
	contractType: 'contract',
	contractDateFuture: 'contractDate',
	idNumber: 'outsideIdNumber',
	buyerMissing: 'buyerKind',
	inquiryNotFound: 'inquiryId',
	modeNotAllowed: 'transferMode',
	priceUnit: 'priceUnit',
}

const tooLarge = () => json({ result: { status: 'error' as const, error: { contract: ['contractTooLarge'] } } }, { status: 413 })

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	if (!isDealId(params.id)) throw new Response('Not found', { status: 404 })
	// A body announced as too large (the contract plus room for the other fields) is refused unread.
	if (Number(request.headers.get('Content-Length') ?? 0) > MAX_CONTRACT_BYTES + 256 * 1024) return tooLarge()
	let formData: FormData
	try {
		formData = cleanForm(await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CONTRACT_BYTES })))
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) return tooLarge()
		throw new Response('Bad request', { status: 400 })
	}
	await validateCSRF(formData, request.headers)
	const data = await getDealFormData(user, params.id)
	if (!data) throw new Response('Not found', { status: 404 })
	if (formData.get('intent') === 'contract') return uploadContract(user, params.id, formData)
	const submission = parseWithZod(formData, { schema: dealSchema(chinaDay(now()), data.listing.type === 'LAND') })
	if (submission.status !== 'success') return json({ result: submission.reply({ hideFields: ['contract'] }) }, { status: 400 })
	const v = submission.value
	const result = await recordDeal(
		user,
		params.id,
		{
			buyer: v.buyerKind === 'inquiry' ? { kind: 'inquiry', inquiryId: v.inquiryId! } : { kind: 'outside', name: v.outsideName!, idNumber: v.outsideIdNumber! },
			price: v.price,
			priceUnit: v.priceUnit,
			termYears: v.termYears ?? null,
			transferMode: v.transferMode,
			contractDate: parseChinaDate(v.contractDate)!,
		},
		v.contract ? new Uint8Array(await v.contract.arrayBuffer()) : null,
		now(),
	)
	if (!result.ok) {
		if (result.problem === 'notFound') throw new Response('Not found', { status: 404 })
		const field = PROBLEM_FIELD[result.problem]
		const reply = submission.reply(field ? { fieldErrors: { [field]: [result.problem] }, hideFields: ['contract'] } : { formErrors: [result.problem], hideFields: ['contract'] })
		return json({ result: reply }, { status: field ? 400 : 409 })
	}
	return redirect(`/village/listings/${params.id}/deal?recorded=1`)
}

async function uploadContract(user: Parameters<typeof attachContract>[0], listingId: string, formData: FormData) {
	const submission = parseWithZod(formData, { schema: contractSchema(chinaDay(now())) })
	if (submission.status !== 'success') return json({ result: submission.reply({ hideFields: ['contract'] }) }, { status: 400 })
	const v = submission.value
	const result = await attachContract(user, v.dealId, parseChinaDate(v.contractDate)!, v.contract ? new Uint8Array(await v.contract.arrayBuffer()) : null, now())
	if (!result.ok) {
		if (result.problem === 'notFound') throw new Response('Not found', { status: 404 })
		const field = PROBLEM_FIELD[result.problem]
		const reply = submission.reply(field ? { fieldErrors: { [field]: [result.problem] }, hideFields: ['contract'] } : { formErrors: [result.problem], hideFields: ['contract'] })
		return json({ result: reply }, { status: field ? 400 : 409 })
	}
	return redirect(`/village/listings/${listingId}/deal?contract=1`)
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

export default function RecordDealRoute() {
	const data = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale: Locale = i18n.language === 'en' ? 'en' : 'zh'
	const { listing } = data
	const active = data.deals.find((d) => d.id === data.activeDealId)
	return (
		<div className="max-w-3xl">
			<Link to={`/village/listings/${listing.id}`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('record.back')}
			</Link>
			<h1 className="mt-2 text-2xl font-bold">{t('record.title')}</h1>
			<p className="mt-1 text-stone-700">
				{listing.title} <span className="text-sm text-stone-500">· {tc(`status.${listing.status as ListingStatus}`)}</span>
			</p>
			<p className="mt-1 text-sm text-stone-600">
				{t('record.listed', { price: formatPrice(listing.price, listing.priceUnit as PriceUnit, locale), area: formatArea(listing.area, listing.areaUnit as AreaUnit, locale) })}
			</p>
			{(data.recorded || data.contractUploaded) && active ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t(data.contractUploaded ? 'record.contractUploaded' : 'record.recorded')}
				</p>
			) : null}
			<div className="mt-5">
				{active ? (
					<div className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900" data-testid="active-deal">
						<p className="font-semibold">{t('record.activeDeal', { status: t(`status.${active.status as DealStatus}`) })}</p>
						<p className="mt-1">{t('record.activeDealHint')}</p>
						{data.contractDue ? <ContractStepForm dealId={active.id} today={data.today} /> : null}
					</div>
				) : listing.status !== 'PUBLISHED' ? (
					<p className="rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm text-stone-700">{t('record.notPublished')}</p>
				) : data.biddingOpen ? (
					<p className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">{t('record.biddingOpen')}</p>
				) : (
					<DealForm data={data} />
				)}
			</div>
			<History deals={data.deals} locale={locale} />
		</div>
	)
}

function DealForm({ data }: { data: Data }) {
	const { listing } = data
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale: Locale = i18n.language === 'en' ? 'en' : 'zh'
	const hasInquiries = listing.inquiries.length > 0
	const [form, fields] = useForm({
		id: 'record-deal',
		lastResult: navigation.state === 'idle' ? actionData?.result : null,
		defaultValue: {
			buyerKind: hasInquiries ? 'inquiry' : 'outside',
			price: String(listing.price),
			priceUnit: listing.priceUnit,
			termYears: listing.termYears ? String(listing.termYears) : '',
			transferMode: listing.transferMode,
			contractDate: data.today,
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: dealSchema(data.today, listing.type === 'LAND') }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const errs = (codes?: string[]) => codes?.map((c) => t(`record.errors.${c}`, { defaultValue: tc(`forms.errors.${c}`, { defaultValue: c }) }))
	const units = PRICE_UNITS.filter((u) => listing.type === 'LAND' || u !== 'YUAN_PER_MU_YEAR')
	return (
		<Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-5 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
			<AuthenticityTokenInput name="csrf" />
			<p className="text-sm text-stone-600">{t('record.intro')}</p>
			<fieldset className="space-y-3">
				<legend className="text-base font-semibold">{t('record.buyer')}</legend>
				<div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
					{(['inquiry', 'outside'] as const).map((kind) => (
						<label key={kind} className="inline-flex items-center gap-2">
							<input type="radio" name={fields.buyerKind.name} value={kind} defaultChecked={fields.buyerKind.initialValue === kind} disabled={kind === 'inquiry' && !hasInquiries} />
							{t(`record.buyerKind.${kind}`)}
						</label>
					))}
				</div>
				<ErrorList errors={errs(fields.buyerKind.errors)} />
				<SelectField label={t('record.inquiry')} hint={hasInquiries ? t('record.inquiryHint') : t('record.noInquiries')} {...getSelectProps(fields.inquiryId)} errors={errs(fields.inquiryId.errors)} disabled={!hasInquiries}>
					<option value="">{t('record.pickInquiry')}</option>
					{listing.inquiries.map((q) => (
						<option key={q.id} value={q.id}>
							{t('record.inquiryOption', { name: q.buyer.name, date: formatDate(q.createdAt, locale), use: q.intendedUse.slice(0, 30) })}
						</option>
					))}
				</SelectField>
				<div className="grid gap-3 sm:grid-cols-2">
					<Field label={t('record.outsideName')} {...getInputProps(fields.outsideName, { type: 'text' })} autoComplete="off" errors={errs(fields.outsideName.errors)} />
					<Field
						label={t('record.outsideIdNumber')}
						hint={t('record.outsideIdHint')}
						{...getInputProps(fields.outsideIdNumber, { type: 'text' })}
						inputMode="text"
						autoComplete="off"
						maxLength={18}
						errors={errs(fields.outsideIdNumber.errors)}
					/>
				</div>
			</fieldset>
			<fieldset className="grid gap-3 sm:grid-cols-2">
				<legend className="mb-2 text-base font-semibold">{t('record.terms')}</legend>
				<Field label={t('fields.price')} {...getInputProps(fields.price, { type: 'number' })} step="0.01" min="0" inputMode="decimal" errors={errs(fields.price.errors)} />
				<SelectField label={t('fields.priceUnit')} {...getSelectProps(fields.priceUnit)} errors={errs(fields.priceUnit.errors)}>
					{units.map((u) => (
						<option key={u} value={u}>
							{t(`priceUnits.${u}`)}
						</option>
					))}
				</SelectField>
				<Field label={t('record.termYears')} hint={t('record.termHint')} {...getInputProps(fields.termYears, { type: 'number' })} min="1" max="70" step="1" inputMode="numeric" errors={errs(fields.termYears.errors)} />
				<SelectField label={t('fields.transferMode')} {...getSelectProps(fields.transferMode)} errors={errs(fields.transferMode.errors)}>
					{data.allowedModes.map((m) => (
						<option key={m} value={m}>
							{tc(`transferModes.${m}`)}
						</option>
					))}
				</SelectField>
				<ContractInputs date={fields.contractDate} file={fields.contract} today={data.today} errs={errs} />
			</fieldset>
			<ErrorList errors={errs(form.errors)} />
			<div className="flex flex-wrap items-center gap-3">
				<SubmitButton name="intent" value="record" disabled={navigation.state === 'submitting'}>
					{t('record.submit')}
				</SubmitButton>
				<p className="text-sm text-stone-500">{t('record.submitHint')}</p>
			</div>
		</Form>
	)
}

type ContractField = FieldMetadata<string | File | undefined>

/** The contract's date and file inputs, shared by the record form and the contract step. */
function ContractInputs({ date, file, today, errs }: { date: ContractField; file: ContractField; today: string; errs: (codes?: string[]) => string[] | undefined }) {
	const { t } = useTranslation('deal')
	return (
		<>
			<Field label={t('fields.contractDate')} {...getInputProps(date, { type: 'date' })} max={today} errors={errs(date.errors)} />
			<div>
				<label htmlFor={file.id} className="mb-1 block text-sm font-medium text-stone-700">
					{t('fields.contract')}
				</label>
				<input
					{...getInputProps(file, { type: 'file' })}
					accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
					className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-stone-100 file:px-2 file:py-1`}
				/>
				<p className="mt-1 text-xs text-stone-500">{t('record.contractHint', { mb: CONTRACT_MAX_MB })}</p>
				<ErrorList id={file.errorId} errors={errs(file.errors)} />
			</div>
		</>
	)
}

/** A bidding round's deal: the village uploads the signed contract with its date. */
function ContractStepForm({ dealId, today }: { dealId: string; today: string }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const [form, fields] = useForm({
		id: 'contract-step',
		lastResult: navigation.state === 'idle' ? actionData?.result : null,
		defaultValue: { contractDate: today },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: contractSchema(today) }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const errs = (codes?: string[]) => codes?.map((c) => t(`record.errors.${c}`, { defaultValue: tc(`forms.errors.${c}`, { defaultValue: c }) }))
	return (
		<Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-4 space-y-3 rounded-lg border border-stone-200 bg-white p-4 text-stone-900" data-testid="contract-step">
			<AuthenticityTokenInput name="csrf" />
			<input type="hidden" name="dealId" value={dealId} />
			<h2 className="text-base font-semibold">{t('record.contractStep')}</h2>
			<p className="text-sm text-stone-600">{t('record.contractStepIntro')}</p>
			<div className="grid gap-3 sm:grid-cols-2">
				<ContractInputs date={fields.contractDate} file={fields.contract} today={today} errs={errs} />
			</div>
			<ErrorList errors={errs(form.errors)} />
			<SubmitButton name="intent" value="contract" disabled={navigation.state === 'submitting'}>
				{t('record.contractSubmit')}
			</SubmitButton>
		</Form>
	)
}

function History({ deals, locale }: { deals: Data['deals']; locale: Locale }) {
	const { t } = useTranslation('deal')
	if (deals.length === 0) return null
	return (
		<section aria-labelledby="deal-history" className="mt-8">
			<h2 id="deal-history" className="text-lg font-semibold">
				{t('record.history')}
			</h2>
			<ul className="mt-2 space-y-2" data-testid="deal-history">
				{deals.map((d) => (
					<li key={d.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
						<p className="flex flex-wrap items-center gap-x-3 gap-y-1">
							<span className="font-medium">{t(`status.${d.status as DealStatus}`)}</span>
							<span>{d.buyerName}</span>
							<span>{formatPrice(d.price, d.priceUnit as PriceUnit, locale)}</span>
							<span className="text-stone-500">{t('fields.total')}{t('colon')}{formatMoney(d.totalValueYuan, locale)}</span>
							<span className="text-stone-500">{formatDate(d.createdAt, locale)}</span>
							{d.hasContract || !(ACTIVE_STATUSES as readonly string[]).includes(d.status) ? null : <span className="font-medium text-amber-800">{t('record.noContract')}</span>}
							{(LEDGER_STATUSES as readonly string[]).includes(d.status) ? (
								<Link to={`/deals/${d.id}`} className="text-brand-700 underline">
									{t('record.publicPage')}
								</Link>
							) : null}
							{d.certificateNo ? (
								<Link to={`/certificates/${d.certificateNo}`} className="text-brand-700 underline">
									{t('record.certificate', { no: d.certificateNo })}
								</Link>
							) : null}
						</p>
						{d.reviews[0] ? (
							<p className="mt-1 text-stone-700">
								{t(`decisions.${d.reviews[0].decision}`, { defaultValue: d.reviews[0].decision })}
								{t('colon')}
								{opinionText(t, d.reviews[0])}
							</p>
						) : null}
					</li>
				))}
			</ul>
		</section>
	)
}

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ data, matches }) => {
	const locale = matches.find((m) => m.id === 'root')?.data?.locale === 'en' ? 'en' : 'zh'
	const appName = resources[locale].common.appName
	return [{ title: `${resources[locale].deal.record.title}${data ? ` · ${data.listing.title}` : ''} | ${appName}` }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
