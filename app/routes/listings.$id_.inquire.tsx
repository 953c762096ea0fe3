// /listings/:id/inquire — a buyer's inquiry (意向登记) on a published listing: intended use, term,
// offered price, message and contact. The anonymous are sent to log in and come back here; a buyer
// whose earlier inquiry on the listing still waits for an answer sees that one instead of the form.
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field, SubmitButton, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import i18next from '~/i18next.server.ts'
import { canInquire, createInquiry, inquiryListing, openInquiry } from '~/models/inquiry.server.ts'
import { requireUser, type SessionUser } from '~/utils/auth.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatArea, formatDate, formatPrice, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

/** The logged-in buyer and the published listing, or the reason why not (login, 403, 404). */
async function requireBuyerAndListing(request: Request, id: string | undefined) {
	const user = await requireUser(request)
	const t = await i18next.getFixedT(request, 'inquiry')
	invariantResponse(canInquire(user), () => t('cta.buyersOnly'), { status: 403 })
	const listing = await inquiryListing(id)
	invariantResponse(listing)
	return { user, listing }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, listing } = await requireBuyerAndListing(request, params.id)
	const existing = await openInquiry(user.id, listing.id)
	return json({
		listing,
		existing: existing ? { id: existing.id, createdAt: existing.createdAt, intendedUse: existing.intendedUse, message: existing.message } : null,
		contact: defaultContact(user),
	})
}

function defaultContact(user: Pick<SessionUser, 'phone' | 'email'>) {
	return user.phone ?? user.email ?? ''
}

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/
const LANDLINE = /^(?:\+?86)?0\d{2,3}\d{7,8}$/
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

/** A mainland mobile or landline number (spaces and dashes allowed) or an email address. */
function isContact(value: string) {
	const v = value.trim()
	if (v.includes('@')) return EMAIL.test(v)
	const digits = v.replace(/[\s-]/g, '')
	return MOBILE.test(digits) || LANDLINE.test(digits)
}

// Message codes, translated by common:forms.errors (`contact` by this page's own strings).
const InquirySchema = z.object({
	intendedUse: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(500, 'tooLong'),
	termYears: z.number({ invalid_type_error: 'number' }).int('integer').min(1, 'tooSmall').max(70, 'tooBig').optional(),
	offeredPrice: z.number({ invalid_type_error: 'number' }).positive('positive').max(1e9, 'tooBig').optional(),
	message: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(2000, 'tooLong'),
	contact: z.string({ required_error: 'required' }).trim().max(100, 'tooLong').refine(isContact, 'contact'),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const { user, listing } = await requireBuyerAndListing(request, params.id)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: InquirySchema })
	if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
	const result = await createInquiry(user, listing.id, submission.value)
	invariantResponse(result.ok || result.problem !== 'notFound')
	if (!result.ok) return json(submission.reply({ formErrors: ['duplicate'] }), { status: 409 })
	return redirect(`/me?sent=${result.id}#inquiry-${result.id}`)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function InquirePage() {
	const { listing, existing, contact } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation('inquiry')
	const { t: tc } = useTranslation('common')
	const locale: Locale = useLocale()
	const [form, fields] = useValidatedForm({
		id: 'inquiry',
		lastResult,
		defaultValue: { contact },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: InquirySchema }),
	})
	const price = formatPrice(listing.price, listing.priceUnit as PriceUnit, locale)
	// Codes only this form has are worded here; the shared ones go through common:forms.errors.
	const words = (errors?: string[]) => errors?.map((e) => (e === 'contact' || e === 'duplicate' ? t(`form.errors.${e}`) : e))

	return (
		<div className="mx-auto max-w-3xl px-4 py-5 sm:py-6">
			<Link to={`/listings/${listing.id}`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('form.back')}
			</Link>
			<h1 className="mt-3 text-2xl font-bold text-stone-900">{t('form.title')}</h1>

			<section aria-label={t('form.listing')} className="mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
				<p className="text-xs text-stone-500">
					{t('form.listing')} · {tc(`types.${listing.type}`)} · {tc(`tradingModes.${listing.tradingMode}`)}
				</p>
				<p className="mt-1 font-semibold text-stone-900">
					<Link to={`/listings/${listing.id}`} className="hover:underline">
						{listing.title}
					</Link>
				</p>
				<p className="mt-0.5 flex flex-wrap gap-x-3 text-sm text-stone-600">
					<span>{locale === 'en' ? `${listing.village.nameEn}, ${listing.town.nameEn}` : `${listing.town.name} · ${listing.village.name}`}</span>
					<span className="font-semibold text-brand-700">{price}</span>
					<span>{formatArea(listing.area, listing.areaUnit as AreaUnit, locale)}</span>
				</p>
			</section>

			{existing ? (
				<section data-testid="existing-inquiry" className="mt-5 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" role="status">
					<h2 className="text-base font-semibold">{t('existing.title')}</h2>
					<p className="mt-1">{t('existing.intro')}</p>
					<dl className="mt-3 space-y-1.5">
						<div className="flex gap-2">
							<dt className="shrink-0 text-amber-800">{t('fields.sentAt')}：</dt>
							<dd>{formatDate(existing.createdAt, locale)}</dd>
						</div>
						<div className="flex gap-2">
							<dt className="shrink-0 text-amber-800">{t('fields.intendedUse')}：</dt>
							<dd className="break-words">{existing.intendedUse}</dd>
						</div>
						<div className="flex gap-2">
							<dt className="shrink-0 text-amber-800">{t('fields.message')}：</dt>
							<dd className="whitespace-pre-line break-words">{existing.message}</dd>
						</div>
					</dl>
					<Link to={`/me?inquiry=${existing.id}`} className="mt-3 inline-block font-medium text-brand-800 underline">
						{t('existing.view')}
					</Link>
				</section>
			) : (
				<Form method="post" {...getFormProps(form)} className="mt-5 space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
					<AuthenticityTokenInput name="csrf" />
					<p className="text-sm text-stone-600">{t('form.intro')}</p>
					<Field
						label={t('form.intendedUse')}
						hint={t('form.intendedUseHint')}
						{...getInputProps(fields.intendedUse, { type: 'text' })}
						maxLength={500}
						errors={words(fields.intendedUse.errors)}
					/>
					<div className="grid gap-4 sm:grid-cols-2">
						<Field
							label={t('form.termYears')}
							hint={t('form.termYearsHint')}
							{...getInputProps(fields.termYears, { type: 'number' })}
							min={1}
							max={70}
							step={1}
							inputMode="numeric"
							errors={words(fields.termYears.errors)}
						/>
						<Field
							label={t('form.offeredPrice')}
							hint={t('form.offeredPriceHint', { price })}
							{...getInputProps(fields.offeredPrice, { type: 'number' })}
							min={0}
							step="any"
							inputMode="decimal"
							errors={words(fields.offeredPrice.errors)}
						/>
					</div>
					<TextareaField
						label={t('form.message')}
						hint={t('form.messageHint')}
						{...getTextareaProps(fields.message)}
						rows={5}
						maxLength={2000}
						errors={words(fields.message.errors)}
					/>
					<Field
						label={t('form.contact')}
						hint={t('form.contactHint')}
						{...getInputProps(fields.contact, { type: 'text' })}
						autoComplete="tel"
						maxLength={100}
						errors={words(fields.contact.errors)}
					/>
					{form.errors?.length ? (
						<div role="alert" className="rounded bg-red-50 px-3 py-2">
							<ErrorList errors={words(form.errors)} />
						</div>
					) : null}
					<p className="text-xs text-stone-500">{t('form.privacy')}</p>
					<SubmitButton name="intent" value="inquire" disabled={navigation.state === 'submitting'} className="w-full sm:w-auto">
						{t('form.submit')}
					</SubmitButton>
				</Form>
			)}
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const page = metaT(locale, 'inquiry')('form.title')
	return [{ title: pageTitle(locale, data ? `${page} · ${data.listing.title}` : page) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
