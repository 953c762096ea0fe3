// Small pieces shared by the village workspace's pages.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AreaUnit, ListingStatus, PriceUnit } from '~/domain/listing.ts'
import { formatAreaBoth, formatDate, formatMoney, formatNumber, formatPrice, type Locale } from '~/utils/format.ts'

const STATUS_CLASSES: Record<ListingStatus, string> = {
	DRAFT: 'bg-stone-100 text-stone-700 ring-stone-300',
	SUBMITTED: 'bg-sky-50 text-sky-800 ring-sky-200',
	PUBLISHED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	RETURNED: 'bg-amber-50 text-amber-900 ring-amber-300',
	REJECTED: 'bg-red-50 text-red-800 ring-red-200',
	TRADED: 'bg-stone-800 text-white ring-stone-800',
	WITHDRAWN: 'bg-stone-100 text-stone-500 ring-stone-200',
	EXPIRED: 'bg-stone-100 text-stone-500 ring-stone-200',
}

export function StatusBadge({ status }: { status: ListingStatus }) {
	const { t } = useTranslation('common')
	return (
		<span data-testid="status-badge" className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${STATUS_CLASSES[status] ?? STATUS_CLASSES.DRAFT}`}>
			{t(`status.${status}`)}
		</span>
	)
}

export function Notice({ tone, children, title }: { tone: 'ok' | 'warn' | 'error' | 'info'; title?: ReactNode; children?: ReactNode }) {
	const classes = {
		ok: 'border-emerald-200 bg-emerald-50 text-emerald-900',
		warn: 'border-amber-300 bg-amber-50 text-amber-900',
		error: 'border-red-200 bg-red-50 text-red-900',
		info: 'border-sky-200 bg-sky-50 text-sky-900',
	}[tone]
	return (
		<div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-lg border px-4 py-3 text-sm ${classes}`}>
			{title ? <p className="font-semibold">{title}</p> : null}
			{children ? <div className={title ? 'mt-1' : ''}>{children}</div> : null}
		</div>
	)
}

/** A stored instant (UTC) as the date input's YYYY-MM-DD in China time. */
export function toDateInput(value: string | Date | null | undefined) {
	if (!value) return ''
	const d = new Date(value)
	if (Number.isNaN(d.getTime())) return ''
	return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

type FactsListing = {
	type: string
	area: number
	areaUnit: string
	landClass: string | null
	price: number
	priceUnit: string
	priceYuan: number
	transferMode: string
	tradingMode: string
	termYears: number | null
	listingDays: number
	contactName: string | null
	contactPhone: string | null
	lat: number
	lng: number
	createdAt: string
	updatedAt: string
	submittedAt: string | null
	publishedAt: string | null
	expiresAt: string | null
	village: { contactName: string | null; contactPhone: string | null }
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-3 py-1.5">
			<dt className="text-stone-500">{label}</dt>
			<dd className="break-words text-stone-900">{children}</dd>
		</div>
	)
}

/** Every field of the listing, as the village entered it. */
export function ListingFacts({ listing, locale }: { listing: FactsListing; locale: Locale }) {
	const { t } = useTranslation('village')
	const { t: tc } = useTranslation('common')
	const none = t('facts.notSet')
	const date = (d: string | null) => formatDate(d, locale) || none
	return (
		<section aria-labelledby="facts-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="facts-heading" className="text-lg font-semibold">
				{t('facts.heading')}
			</h2>
			<p className="mt-2 text-xl font-bold text-brand-700">{formatPrice(listing.price, listing.priceUnit as PriceUnit, locale)}</p>
			{listing.priceUnit === 'YUAN_PER_MU_YEAR' ? <p className="text-sm text-stone-600">{t('facts.priceTotal', { total: formatMoney(listing.priceYuan, locale) })}</p> : null}
			<dl className="mt-2 divide-y divide-stone-100 border-t border-stone-100 text-sm">
				<Fact label={t('facts.area')}>{formatAreaBoth(listing.area, listing.areaUnit as AreaUnit, locale)}</Fact>
				{listing.type === 'LAND' ? <Fact label={t('form.landClass')}>{listing.landClass ? tc(`landClasses.${listing.landClass}`) : none}</Fact> : null}
				<Fact label={t('form.transferMode')}>{tc(`transferModes.${listing.transferMode}`)}</Fact>
				<Fact label={t('form.tradingMode')}>{tc(`tradingModes.${listing.tradingMode}`)}</Fact>
				<Fact label={t('facts.term')}>{listing.termYears ? tc('units.years', { count: listing.termYears }) : none}</Fact>
				<Fact label={t('form.listingDays')}>{t('facts.days', { count: listing.listingDays })}</Fact>
				<Fact label={t('facts.location')}>
					{formatNumber(listing.lat, locale, 5)}, {formatNumber(listing.lng, locale, 5)}
				</Fact>
				<Fact label={t('form.contactName')}>{listing.contactName || (listing.village.contactName ? t('facts.villageContact', { value: listing.village.contactName }) : none)}</Fact>
				<Fact label={t('form.contactPhone')}>{listing.contactPhone || (listing.village.contactPhone ? t('facts.villageContact', { value: listing.village.contactPhone }) : none)}</Fact>
				<Fact label={t('facts.createdAt')}>{date(listing.createdAt)}</Fact>
				<Fact label={t('facts.updatedAt')}>{date(listing.updatedAt)}</Fact>
				{listing.submittedAt ? <Fact label={t('facts.submittedAt')}>{date(listing.submittedAt)}</Fact> : null}
				{listing.publishedAt ? <Fact label={t('facts.publishedAt')}>{date(listing.publishedAt)}</Fact> : null}
				{listing.expiresAt ? <Fact label={t('facts.expiresAt')}>{date(listing.expiresAt)}</Fact> : null}
			</dl>
		</section>
	)
}

type ReviewRow = { id: string; decision: string; opinion: string; createdAt: string; reviewer: { name: string } }

/** The Party organisation's decisions on the listing, newest first, each with its opinion. */
export function ReviewHistory({ reviews, locale }: { reviews: ReviewRow[]; locale: Locale }) {
	const { t } = useTranslation('village')
	return (
		<section aria-labelledby="reviews-heading">
			<h2 id="reviews-heading" className="mb-2 text-lg font-semibold">
				{t('reviews.heading')}
			</h2>
			{reviews.length === 0 ? (
				<p className="text-sm text-stone-600">{t('reviews.none')}</p>
			) : (
				<ol className="space-y-3" data-testid="review-history">
					{reviews.map((r) => (
						<li key={r.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
							<p className="flex flex-wrap items-center justify-between gap-2">
								<strong className={r.decision === 'APPROVE' ? 'text-emerald-800' : r.decision === 'RETURN' ? 'text-amber-800' : 'text-red-800'}>
									{t(`reviews.decisions.${r.decision}`, { defaultValue: r.decision })}
								</strong>
								<span className="text-xs text-stone-500">{formatDateTime(r.createdAt, locale)}</span>
							</p>
							<p className="mt-1 whitespace-pre-line break-words text-stone-800">{r.opinion}</p>
							<p className="mt-1 text-xs text-stone-500">{r.reviewer.name}</p>
						</li>
					))}
				</ol>
			)}
		</section>
	)
}

function formatDateTime(value: string, locale: Locale) {
	const d = new Date(value)
	if (Number.isNaN(d.getTime())) return ''
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(d)
}

/** The way from a draft to a published listing, beside the form on wide screens. */
export function ListingSteps({ type }: { type: string }) {
	const { t } = useTranslation('village')
	const steps = ['save', 'photos', ...(type === 'COLLECTIVE_ASSET' ? ['decision'] : []), 'submit', 'review', 'published']
	return (
		<aside aria-labelledby="steps-heading" className="hidden rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm lg:block">
			<h2 id="steps-heading" className="font-semibold">
				{t('steps.heading')}
			</h2>
			<ol className="mt-3 space-y-2">
				{steps.map((s, i) => (
					<li key={s} className="flex gap-2">
						<span aria-hidden="true" className="flex size-5 shrink-0 items-center justify-center rounded-full bg-stone-200 text-xs font-bold text-stone-700">
							{i + 1}
						</span>
						<span className="text-stone-700">{t(`steps.${s}`)}</span>
					</li>
				))}
			</ol>
		</aside>
	)
}
