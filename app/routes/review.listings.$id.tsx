// Over 300 lines: not split here on purpose. Issue 9 splits the long routes in one step (server
// code into siblings, shared views such as the listing facts into components used by several
// routes); splitting this one alone would make the copies that step removes.
// /review/listings/:id — one listing of the reviewer's own town, everything about it, and the
// decision form (approve / return / reject, always with an opinion). A listing of another town is
// a 404 (the town is in the query's `where`); an own-town listing that is no longer SUBMITTED shows
// its state and reviews without the form. Works without JavaScript: a plain POST form.
import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ClientOnly } from 'remix-utils/client-only'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { DecisionSteps, type DecisionStep } from '~/components/decision-steps.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, TextareaField } from '~/components/forms.tsx'
import { ListingMap } from '~/components/listing-map.client.tsx'
import type { DecisionField, DecisionProblem } from '~/domain/democratic-decision.ts'
import type { AreaUnit, ListingStatus, ListingType, PriceUnit } from '~/domain/listing.ts'
import { resources } from '~/i18n.ts'
import { isListingId } from '~/models/listing.server.ts'
import { reviewListing, type ReviewDecision } from '~/models/listing-workflow.server.ts'
import { getListingForReview, isInReviewerTown, type DecisionStatus } from '~/models/review.server.ts'
import type { loader as rootLoader } from '~/root.tsx'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatAreaBoth, formatDate, formatMoney, formatNumber, formatPrice, type Locale } from '~/utils/format.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

const MAP_HEIGHT = 280

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'review:listing:town')
	const listing = await getListingForReview(user, params.id)
	if (!listing) throw new Response('Not found', { status: 404 })
	return json({ listing })
}

const INTENTS = { approve: 'APPROVE', return: 'RETURN', reject: 'REJECT' } as const satisfies Record<string, ReviewDecision>

const DecisionSchema = z.object({
	intent: z.enum(['approve', 'return', 'reject'], { errorMap: () => ({ message: 'invalidIntent' }) }),
	opinion: z.string({ required_error: 'required' }).trim().min(2, 'tooShort').max(2000, 'tooLong'),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'review:listing:town')
	// Another town's listing is a 404 before anything in the form is looked at.
	if (!isListingId(params.id) || !(await isInReviewerTown(user, params.id))) throw new Response('Not found', { status: 404 })
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: DecisionSchema })
	if (submission.status !== 'success') return json({ result: submission.reply(), conflict: false }, { status: 400 })
	const { intent, opinion } = submission.value
	const result = await reviewListing(user, params.id, INTENTS[intent], opinion)
	if (!result.ok) {
		if (result.problem === 'notFound') throw new Response('Not found', { status: 404 })
		// Another reviewer decided first: not an error page, the listing as it is now with a notice
		// (200, so Remix reloads the loader's data after the action).
		return json({ result: submission.reply({ resetForm: true }), conflict: true })
	}
	return redirect(`/review?${new URLSearchParams({ decided: params.id, status: result.status })}`)
}

type Listing = ReturnType<typeof useLoaderData<typeof loader>>['listing']
type Rule = NonNullable<Listing['decisionRules']>[number]

function formatDateTime(date: string | null, locale: Locale) {
	if (!date) return ''
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
		year: 'numeric',
		month: locale === 'en' ? 'short' : 'long',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false,
		timeZone: 'Asia/Shanghai',
	}).format(new Date(date))
}

const STATUS_STYLES: Partial<Record<ListingStatus, string>> = {
	SUBMITTED: 'bg-amber-50 text-amber-900 ring-amber-200',
	PUBLISHED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	RETURNED: 'bg-orange-50 text-orange-800 ring-orange-200',
	REJECTED: 'bg-red-50 text-red-800 ring-red-200',
}

function StatusPill({ status }: { status: string }) {
	const { t } = useTranslation('common')
	return (
		<span className={`rounded px-2 py-0.5 text-sm font-medium ring-1 ${STATUS_STYLES[status as ListingStatus] ?? 'bg-stone-100 text-stone-700 ring-stone-200'}`} data-testid="listing-status">
			{t(`status.${status as ListingStatus}`)}
		</span>
	)
}

export default function ReviewListingRoute() {
	const { listing } = useLoaderData<typeof loader>()
	const root = useRouteLoaderData<typeof rootLoader>('root')
	const { t, i18n } = useTranslation('review')
	const { t: tc } = useTranslation('common')
	const locale: Locale = i18n.language === 'en' ? 'en' : 'zh'
	const type = listing.type as ListingType
	const village = locale === 'en' ? listing.village.nameEn : listing.village.name
	const town = locale === 'en' ? listing.town.nameEn : listing.town.name
	const env = root?.ENV

	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:py-6">
			<Link to="/review" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('listing.back')}
			</Link>

			<header className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
				<div className="min-w-0">
					<div className="flex flex-wrap items-center gap-2 text-sm">
						<span className="rounded px-2 py-0.5 font-medium text-white" style={{ backgroundColor: TYPE_COLORS[type] }}>
							{tc(`types.${type}`)}
						</span>
						<StatusPill status={listing.status} />
						{listing.isDemo ? <span className="rounded bg-stone-100 px-2 py-0.5 text-stone-600 ring-1 ring-stone-200">{t('listing.demoBadge')}</span> : null}
					</div>
					<h1 className="mt-2 break-words text-2xl font-bold leading-snug text-stone-900 sm:text-3xl">{listing.title}</h1>
					<p className="mt-1 text-sm text-stone-600">
						{t('listing.submittedBy', { village: `${town} · ${village}`, date: formatDate(listing.submittedAt, locale) || t('listing.facts.notSet') })}
						{listing.waitingDays !== null ? (
							<>
								<span aria-hidden="true"> · </span>
								<span className={listing.waitingDays >= 7 ? 'font-medium text-amber-700' : undefined}>{t('listing.waiting', { count: listing.waitingDays })}</span>
							</>
						) : null}
					</p>
				</div>
				{listing.status === 'SUBMITTED' ? (
					<a href="#decide" className="inline-flex shrink-0 items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
						{t('decide.heading')}
						<span aria-hidden="true"> ↓</span>
					</a>
				) : null}
			</header>

			<div className="mt-5 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:grid-rows-[auto_1fr]">
				<Photos listing={listing} />

				<aside className="space-y-6 lg:col-start-2 lg:row-span-2 lg:row-start-1">
					<Facts listing={listing} locale={locale} town={town} village={village} />
					<section aria-labelledby="map-heading">
						<h2 id="map-heading" className="mb-2 text-lg font-semibold">
							{t('listing.map.heading')}
						</h2>
						<ClientOnly fallback={<MapSkeleton listing={listing} locale={locale} />}>
							{() =>
								env ? (
									<ListingMap type={type} lat={listing.lat} lng={listing.lng} boundary={listing.boundary} env={env} height={MAP_HEIGHT} label={t('listing.map.label')} />
								) : null
							}
						</ClientOnly>
						<p className="mt-1.5 text-xs text-stone-500">{listing.boundary ? t('listing.map.boundary') : t('listing.map.noBoundary')}</p>
					</section>
				</aside>

				<div className="min-w-0 space-y-6 lg:col-start-1">
					<section aria-labelledby="description-heading">
						<h2 id="description-heading" className="mb-2 text-lg font-semibold">
							{t('listing.description')}
						</h2>
						<p className="whitespace-pre-line break-words leading-relaxed text-stone-800">{listing.description}</p>
					</section>
					{type === 'COLLECTIVE_ASSET' ? <DecisionRecord listing={listing} locale={locale} /> : null}
					<History reviews={listing.reviews} locale={locale} />
					<DecisionForm listing={listing} />
				</div>
			</div>
		</div>
	)
}

function Photos({ listing }: { listing: Listing }) {
	const { t } = useTranslation('review')
	const photos = listing.photos
	return (
		<section aria-labelledby="photos-heading" className="min-w-0">
			<h2 id="photos-heading" className="mb-2 text-lg font-semibold">
				{t('listing.photos.heading')} <span className="text-sm font-normal text-stone-500">{t('listing.photos.count', { count: photos.length })}</span>
			</h2>
			{photos.length === 0 ? (
				<p className="flex h-32 items-center justify-center rounded-lg border border-dashed border-stone-300 bg-stone-100 text-stone-500">{t('listing.photos.none')}</p>
			) : (
				<ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
					{photos.map((photo, i) => (
						<li key={photo.id} className={i === 0 ? 'col-span-2 sm:row-span-2' : undefined}>
							<a href={`/uploads/${photo.file}`} title={t('listing.photos.openFull')} className="block overflow-hidden rounded-md bg-stone-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
								<img
									src={`/uploads/${i === 0 ? photo.file : photo.thumbFile}`}
									width={photo.width}
									height={photo.height}
									alt={photo.caption || t('listing.photos.alt', { title: listing.title, n: i + 1 })}
									loading={i === 0 ? undefined : 'lazy'}
									className="aspect-[4/3] h-auto w-full object-cover"
								/>
							</a>
							{photo.caption ? <p className="mt-0.5 truncate text-xs text-stone-600">{photo.caption}</p> : null}
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-3 py-2">
			<dt className="text-stone-500">{label}</dt>
			<dd className="break-words text-stone-900">{children}</dd>
		</div>
	)
}

function Phone({ phone }: { phone: string }) {
	const { t } = useTranslation('review')
	return (
		<a href={`tel:${phone.replace(/[^\d+]/g, '')}`} className="font-medium text-brand-700 underline underline-offset-2" aria-label={t('listing.contact.call', { phone })}>
			{phone}
		</a>
	)
}

function Facts({ listing, locale, town, village }: { listing: Listing; locale: Locale; town: string; village: string }) {
	const { t } = useTranslation('review')
	const { t: tc } = useTranslation('common')
	const priceUnit = listing.priceUnit as PriceUnit
	const notSet = t('listing.facts.notSet')
	return (
		<section aria-labelledby="facts-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="facts-heading" className="text-lg font-semibold">
				{t('listing.facts.heading')}
			</h2>
			<p className="mt-2 text-sm text-stone-500">{t('listing.facts.price')}</p>
			<p className="text-2xl font-bold text-brand-700">{formatPrice(listing.price, priceUnit, locale)}</p>
			<dl className="mt-3 divide-y divide-stone-100 border-t border-stone-100 text-sm">
				<Fact label={t('listing.facts.priceYuan')}>
					{priceUnit === 'WAN_YUAN'
						? t('listing.facts.priceYuanTotal', { total: formatMoney(listing.priceYuan, locale) })
						: t('listing.facts.priceYuanPerYear', { total: formatMoney(listing.priceYuan, locale) })}
				</Fact>
				<Fact label={t('listing.facts.location')}>
					{town} · {village}
				</Fact>
				<Fact label={t('listing.facts.coordinates')}>
					{t('listing.facts.coordinatesValue', { lat: formatNumber(listing.lat, locale, 5), lon: formatNumber(listing.lng, locale, 5) })}
				</Fact>
				<Fact label={t('listing.facts.area')}>
					{formatAreaBoth(listing.area, listing.areaUnit as AreaUnit, locale)}
					{listing.boundary ? <span className="block text-xs text-stone-500">{t('listing.facts.areaFromBoundary')}</span> : null}
				</Fact>
				{listing.type === 'LAND' ? <Fact label={t('listing.facts.landClass')}>{listing.landClass ? tc(`landClasses.${listing.landClass}`) : notSet}</Fact> : null}
				<Fact label={t('listing.facts.transferMode')}>
					{tc(`transferModes.${listing.transferMode}`)}
					{listing.transferModeAllowed ? null : (
						<span role="note" className="mt-0.5 block text-xs font-medium text-red-700">
							{t('listing.facts.transferModeNotAllowed')}
						</span>
					)}
				</Fact>
				<Fact label={t('listing.facts.tradingMode')}>{tc(`tradingModes.${listing.tradingMode}`)}</Fact>
				<Fact label={t('listing.facts.term')}>{listing.termYears ? t('listing.facts.termYears', { count: listing.termYears }) : notSet}</Fact>
				<Fact label={t('listing.facts.listingDays')}>{t('listing.facts.listingDaysValue', { count: listing.listingDays })}</Fact>
				<Fact label={t('listing.facts.createdBy')}>{listing.createdBy?.name ?? notSet}</Fact>
				<Fact label={t('listing.facts.createdAt')}>{formatDateTime(listing.createdAt, locale)}</Fact>
				<Fact label={t('listing.facts.submittedAt')}>{formatDateTime(listing.submittedAt, locale) || notSet}</Fact>
				<Fact label={t('listing.facts.updatedAt')}>{formatDateTime(listing.updatedAt, locale)}</Fact>
				{listing.publishedAt ? <Fact label={t('listing.facts.publishedAt')}>{formatDate(listing.publishedAt, locale)}</Fact> : null}
				{listing.expiresAt ? <Fact label={t('listing.facts.expiresAt')}>{formatDate(listing.expiresAt, locale)}</Fact> : null}
			</dl>
			<h3 className="mt-4 border-t border-stone-200 pt-3 font-semibold">{t('listing.contact.heading')}</h3>
			<dl className="mt-1 text-sm">
				<Fact label={t('listing.contact.listing')}>
					{listing.contactName || listing.contactPhone ? (
						<>
							{listing.contactName}
							{listing.contactName && listing.contactPhone ? ' · ' : null}
							{listing.contactPhone ? <Phone phone={listing.contactPhone} /> : null}
						</>
					) : (
						t('listing.contact.none')
					)}
				</Fact>
				<Fact label={t('listing.contact.village')}>
					{listing.village.contactName || listing.village.contactPhone ? (
						<>
							{listing.village.contactName}
							{listing.village.contactName && listing.village.contactPhone ? ' · ' : null}
							{listing.village.contactPhone ? <Phone phone={listing.village.contactPhone} /> : null}
						</>
					) : (
						t('listing.contact.none')
					)}
				</Fact>
			</dl>
		</section>
	)
}

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

function DecisionRecord({ listing, locale }: { listing: Listing; locale: Locale }) {
	const { t } = useTranslation('review')
	const problemText = useProblemText()
	const decision = listing.decision
	if (!decision || !listing.decisionRules) {
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
	const rules = listing.decisionRules
	const failing = rules.filter((r) => !r.ok).length
	const date = (d: string | null) => formatDate(d, locale) || t('decision.noDate')
	const meeting = (total: number | null, present: number | null, votes: number | null) => {
		if (total == null || present == null || votes == null) return t('decision.notRecorded')
		return [
			t('decision.attendance', { total: formatNumber(total, locale), present: formatNumber(present, locale), percent: percent(present, total, locale) }),
			t('decision.votes', { votes: formatNumber(votes, locale), percent: percent(votes, present, locale) }),
		].join(locale === 'zh' ? '；' : '; ')
	}
	const steps: DecisionStep[] = [
		{ label: t('decision.steps.proposal'), date: date(decision.proposalDate), done: !!decision.proposalDate },
		{ label: t('decision.steps.committee'), date: date(decision.committeeDate), done: !!decision.committeeDate },
		{
			label: t('decision.steps.partyMeeting'),
			date: date(decision.partyMeetingDate),
			detail: meeting(decision.partyMembersTotal, decision.partyMembersPresent, decision.partyVotesFor),
			done: !!decision.partyMeetingDate,
		},
		{
			label: t('decision.steps.villagersMeeting'),
			date: date(decision.villagersMeetingDate),
			detail: meeting(decision.villagersTotal, decision.villagersPresent, decision.villagersVotesFor),
			done: !!decision.villagersMeetingDate,
		},
		{ label: t('decision.steps.resolutionPublic'), date: date(decision.resolutionPublicDate), done: !!decision.resolutionPublicDate },
		{
			label: t('decision.steps.resultPublic'),
			date: decision.resultPublicDate ? date(decision.resultPublicDate) : t('decision.resultPending'),
			done: !!decision.resultPublicDate,
		},
	]
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
				{rules.map((r: Rule) => (
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

function History({ reviews, locale }: { reviews: Listing['reviews']; locale: Locale }) {
	const { t } = useTranslation('review')
	const colour: Record<string, string> = { APPROVE: 'text-emerald-800 bg-emerald-50', RETURN: 'text-orange-800 bg-orange-50', REJECT: 'text-red-800 bg-red-50' }
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
								<span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${colour[r.decision] ?? 'bg-stone-100 text-stone-700'}`}>
									{t(`decisions.${r.decision as ReviewDecision}`, { defaultValue: r.decision })}
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

function DecisionWarning({ status }: { status: DecisionStatus }) {
	const { t } = useTranslation('review')
	if (status !== 'fail' && status !== 'missing') return null
	return (
		<div role="note" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
			<p className="font-semibold">
				<a href="#decision-heading" className="underline underline-offset-2">
					{t('decision.warningTitle')}
				</a>
			</p>
			<p>{t('decision.warningText')}</p>
		</div>
	)
}

function DecisionForm({ listing }: { listing: Listing }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation('review')
	const { t: tc } = useTranslation('common')
	const [form, fields] = useForm({
		id: `review-${listing.id}`,
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const busy = navigation.state !== 'idle' && navigation.formMethod?.toLowerCase() === 'post'
	const status = tc(`status.${listing.status as ListingStatus}`)
	const isPublic = listing.status === 'PUBLISHED' || listing.status === 'TRADED'
	const publicLink = isPublic ? (
		<Link to={`/listings/${listing.id}`} className="mt-1 inline-block font-medium underline underline-offset-2">
			{t('listing.viewPublic')}
		</Link>
	) : null

	return (
		<section id="decide" aria-labelledby="decide-heading" className="scroll-mt-4 rounded-lg border border-stone-300 bg-white p-4 shadow-sm sm:p-5">
			<h2 id="decide-heading" className="text-lg font-semibold">
				{t('decide.heading')}
			</h2>
			{actionData?.conflict ? (
				<div role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
					<p className="font-semibold">{t('listing.conflict')}</p>
					<p className="text-sm">{t('listing.conflictStatus', { status })}</p>
					{publicLink}
				</div>
			) : listing.status !== 'SUBMITTED' ? (
				<div className="mt-2 text-sm text-stone-700">
					<p>{t('listing.notOpen', { status })}</p>
					{publicLink}
				</div>
			) : null}
			{listing.status === 'SUBMITTED' ? (
				<Form method="post" {...getFormProps(form)} className="mt-2 space-y-4">
					<AuthenticityTokenInput name="csrf" />
					<p className="text-sm text-stone-600">{t('decide.intro')}</p>
					<DecisionWarning status={listing.decisionStatus} />
					<TextareaField
						label={t('decide.opinion')}
						hint={t('decide.opinionHint')}
						{...getTextareaProps(fields.opinion)}
						rows={5}
						maxLength={2000}
						errors={fields.opinion.errors}
					/>
					<ErrorList errors={fields.intent.errors?.map((e) => (e === 'invalidIntent' ? t('decide.invalidIntent') : e))} />
					<div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
						<button
							type="submit"
							name="intent"
							value="approve"
							disabled={busy}
							className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 disabled:opacity-60"
						>
							{t('decide.approve')}
						</button>
						<button
							type="submit"
							name="intent"
							value="return"
							disabled={busy}
							className="inline-flex items-center justify-center rounded-md border border-orange-300 bg-orange-50 px-4 py-2 text-sm font-medium text-orange-900 hover:bg-orange-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:ring-offset-2 disabled:opacity-60"
						>
							{t('decide.return')}
						</button>
						<button
							type="submit"
							name="intent"
							value="reject"
							disabled={busy}
							className="inline-flex items-center justify-center rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 disabled:opacity-60 sm:ml-auto"
						>
							{t('decide.reject')}
						</button>
					</div>
				</Form>
			) : null}
		</section>
	)
}

/** Same height as the map, server-rendered: nothing moves when Leaflet arrives. */
function MapSkeleton({ listing, locale }: { listing: Listing; locale: Locale }) {
	const { t } = useTranslation('review')
	return (
		<div className="flex flex-col items-center justify-center gap-1 rounded-lg border border-stone-200 bg-[#eef2e6] text-sm text-stone-600" style={{ height: MAP_HEIGHT }}>
			<span>{t('listing.facts.coordinatesValue', { lat: formatNumber(listing.lat, locale, 4), lon: formatNumber(listing.lng, locale, 4) })}</span>
			<noscript>
				<span className="text-xs text-stone-500">{t('listing.map.noscript')}</span>
			</noscript>
		</div>
	)
}

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ data, matches }) => {
	const locale = matches.find((m) => m.id === 'root')?.data?.locale === 'en' ? 'en' : 'zh'
	const strings = resources[locale].review
	const appName = resources[locale].common.appName
	if (!data?.listing) return [{ title: `${strings.meta.notFound} | ${appName}` }]
	return [{ title: `${strings.meta.listing.replace('{{title}}', data.listing.title)} | ${appName}` }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
