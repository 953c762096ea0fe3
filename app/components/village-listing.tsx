// The parts of a village's own listing page (/village/listings/:id): what its state allows, its
// photos, and the 四议两公开 record of a collective asset. Each change is a POST form with an `intent`.
import type { SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { DecisionForm, DecisionView, type DecisionValues } from '~/components/decision-form.tsx'
import { Field, SubmitButton, TextareaField } from '~/components/forms.tsx'
import { PhotoUpload } from '~/components/photo-upload.tsx'
import { RelistPanel, type RelistView } from '~/components/relist-panel.tsx'
import { Notice } from '~/components/village-ui.tsx'
import type { DecisionProblem } from '~/domain/democratic-decision.ts'
import type { ListingStatus, PriceUnit } from '~/domain/listing.ts'
import { formatDate, formatNumber, formatPrice } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

type Result = SubmissionResult<string[]> | undefined
type ActionsListing = { id: string; status: string; submittedAt: Date | string | null; expiresAt: Date | string | null; price: number; priceUnit: string }

/** Edit and submit while editable; record a deal, open bidding or withdraw once published. */
export function ListingActions(props: { listing: ActionsListing; editable: boolean; submitting: boolean; needsDecision: boolean; withdrawResult: Result; priceResult: Result; relist: RelistView | null }) {
	const { listing, editable, submitting, needsDecision, withdrawResult, priceResult, relist } = props
	const { t } = useTranslation('village')
	const locale = useLocale()
	const status = listing.status as ListingStatus
	return (
		<section aria-labelledby="actions-heading" className="mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="actions-heading" className="sr-only">
				{t('detail.actions')}
			</h2>
			{editable ? (
				<div className="flex flex-wrap items-center gap-3">
					<Link to={`/village/listings/${listing.id}/edit`} className="inline-flex items-center rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:bg-stone-50">
						{t('detail.edit')}
					</Link>
					<Form method="post" preventScrollReset>
						<AuthenticityTokenInput name="csrf" />
						<SubmitButton name="intent" value="submit" disabled={submitting}>
							{status === 'RETURNED' ? t('detail.resubmit') : t('detail.submit')}
						</SubmitButton>
					</Form>
					<p className="text-sm text-stone-600">{needsDecision ? t('detail.submitNeedsDecision') : t('detail.submitHint')}</p>
				</div>
			) : status === 'SUBMITTED' ? (
				<p className="text-sm text-stone-700">{t('detail.waiting', { date: formatDate(listing.submittedAt, locale) })}</p>
			) : status === 'PUBLISHED' ? (
				<div className="space-y-4">
					{/* A published listing is traded by recording the agreed deal, or through a bidding round. */}
					<div className="flex flex-wrap gap-3">
						<Link to={`/village/listings/${listing.id}/deal`} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
							{t('deal:record.title')}
						</Link>
						<Link to={`/village/listings/${listing.id}/bidding`} className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:bg-stone-50">
							{t('bidding:open.heading')}
						</Link>
					</div>
					<PriceForm listing={listing} lastResult={priceResult} />
					<WithdrawForm listing={listing} lastResult={withdrawResult} />
				</div>
			) : (
				<div className="space-y-3">
					<p className="text-sm text-stone-700">{t(`detail.closed.${status}`, { defaultValue: t('detail.closed.other') })}</p>
					{relist ? <RelistPanel relist={relist} status={status} /> : null}
				</div>
			)}
		</section>
	)
}

/** A published listing's asking price; those who starred it are told the old and the new price. */
function PriceForm({ listing, lastResult }: { listing: ActionsListing; lastResult: Result }) {
	const { t } = useTranslation('village')
	const locale = useLocale()
	const unit = listing.priceUnit as PriceUnit
	return (
		<Form method="post" className="flex max-w-xl flex-wrap items-end gap-3" data-testid="price-form">
			<AuthenticityTokenInput name="csrf" />
			<Field
				label={t('detail.newPrice', { unit: t(`priceUnits.${unit}`) })}
				hint={t('detail.priceHint', { price: formatPrice(listing.price, unit, locale) })}
				name="price"
				id="new-price"
				type="number"
				inputMode="decimal"
				step="any"
				min="0"
				required
				defaultValue={listing.price}
				errors={lastResult?.error?.price ?? undefined}
				className="min-w-48 flex-1"
			/>
			<SubmitButton name="intent" value="change-price" className="mb-5 bg-stone-700 hover:bg-stone-800">
				{t('detail.changePrice')}
			</SubmitButton>
		</Form>
	)
}

function WithdrawForm({ listing, lastResult }: { listing: ActionsListing; lastResult: Result }) {
	const { t } = useTranslation('village')
	const locale = useLocale()
	const errors = lastResult?.error?.reason ?? undefined
	return (
		<div className="space-y-3">
			<p className="text-sm text-stone-700">
				{t('detail.published', { date: formatDate(listing.expiresAt, locale) })}{' '}
				<Link to={`/listings/${listing.id}`} className="text-brand-700 underline underline-offset-2">
					{t('detail.publicPage')}
				</Link>
			</p>
			<Form method="post" className="max-w-xl space-y-2">
				<AuthenticityTokenInput name="csrf" />
				<TextareaField label={t('detail.withdrawReason')} name="reason" id="withdraw-reason" rows={2} maxLength={500} errors={errors} />
				<SubmitButton name="intent" value="withdraw" className="bg-stone-700 hover:bg-stone-800">
					{t('detail.withdraw')}
				</SubmitButton>
			</Form>
		</div>
	)
}

type Photo = { id: string; file: string; thumbFile: string; caption: string | null }

/** The listing's photos; while editable each can be deleted and more uploaded, up to the limit. */
export function VillagePhotos(props: { listingId: string; photos: Photo[]; editable: boolean; maxPhotos: number; maxPhotoBytes: number; photoOutcome: string | null }) {
	const { listingId, photos, editable, maxPhotos, maxPhotoBytes, photoOutcome } = props
	const { t } = useTranslation('village')
	const locale = useLocale()
	return (
		<section id="photos" aria-labelledby="photos-heading" className="scroll-mt-4">
			<h2 id="photos-heading" className="mb-2 text-lg font-semibold">
				{t('photos.heading')} <span className="text-sm font-normal text-stone-500">({formatNumber(photos.length, locale)}/{maxPhotos})</span>
			</h2>
			{photos.length === 0 ? <p className="mb-3 text-sm text-stone-600">{t('photos.none')}</p> : null}
			<ul className="mb-3 grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="photo-list">
				{photos.map((p, i) => (
					<li key={p.id} className="overflow-hidden rounded-lg border border-stone-200 bg-white">
						<a href={`/uploads/${p.file}`}>
							<img src={`/uploads/${p.thumbFile}`} alt={p.caption || t('photos.alt', { n: i + 1 })} width={240} height={160} loading="lazy" className="aspect-[3/2] h-auto w-full object-cover" />
						</a>
						<div className="flex items-center justify-between gap-2 px-2 py-1.5 text-xs">
							<span className="truncate text-stone-600">{p.caption}</span>
							{editable ? (
								<Form method="post" preventScrollReset>
									<AuthenticityTokenInput name="csrf" />
									<input type="hidden" name="photoId" value={p.id} />
									<button type="submit" name="intent" value="delete-photo" className="rounded px-1.5 py-0.5 font-medium text-red-700 hover:bg-red-50" aria-label={t('photos.deleteLabel', { n: i + 1 })}>
										{t('photos.delete')}
									</button>
								</Form>
							) : null}
						</div>
					</li>
				))}
			</ul>
			{editable && photos.length < maxPhotos ? (
				<>
					{photoOutcome === 'added' ? <p className="mb-2 text-sm text-emerald-800">{t('photos.added')}</p> : null}
					<PhotoUpload listingId={listingId} maxBytes={maxPhotoBytes} serverProblem={photoOutcome && photoOutcome !== 'added' ? photoOutcome : null} />
				</>
			) : editable ? (
				<p className="text-sm text-stone-600">{t('photos.full', { max: maxPhotos })}</p>
			) : null}
		</section>
	)
}

/** The 四议两公开 record: its state at a glance, then the form while editable, else the record. */
export function VillageDecision(props: { record: DecisionValues | null; problems: DecisionProblem[]; problemCount: number; editable: boolean; lastResult: Result }) {
	const { record, problems, problemCount, editable, lastResult } = props
	const { t } = useTranslation('village')
	const locale = useLocale()
	return (
		<section id="decision" aria-labelledby="decision-heading" className="scroll-mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<h2 id="decision-heading" className="text-lg font-semibold">
				{t('decision.heading')}
			</h2>
			<p className="mt-1 text-sm text-stone-600">{t('decision.intro')}</p>
			<div className="mt-3">
				{record ? (
					problemCount ? (
						<Notice tone="warn" title={t('decision.incomplete', { count: problemCount })} />
					) : (
						<Notice tone="ok">{t('decision.complete')}</Notice>
					)
				) : (
					<Notice tone="info">{t('decision.missing')}</Notice>
				)}
			</div>
			<div className="mt-4">{editable ? <DecisionForm record={record} problems={problems} lastResult={lastResult} /> : <DecisionView record={record} locale={locale} />}</div>
		</section>
	)
}
