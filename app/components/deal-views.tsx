// The views of a deal for the people who handle it. The Party reviewer's page
// (/review/deals/:id): the terms against the listing's asking terms, the parties, the buyer's
// inquiry, the objections and the review history. The village's page
// (/village/listings/:id/deal): the listing's deals with their latest review. Both show a review
// the same way: its decision and its opinion (opinionText).
import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Fact } from '~/components/fact.tsx'
import { ACTIVE_STATUSES, LEDGER_STATUSES, type DealStatus } from '~/domain/deal.ts'
import type { AreaUnit, PriceUnit, TransferMode } from '~/domain/listing.ts'
import type { DealDetail, getDealFormData } from '~/models/deal.server.ts'
import { formatArea, formatDate, formatMoney, formatPrice } from '~/utils/format.ts'
import { opinionText } from '~/utils/review-opinion.ts'
import { useLocale } from '~/utils/root-data.ts'

type Deal = SerializeFrom<DealDetail>
type Review = { decision: string; opinion: string }
const card = 'rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm'

/** A review's decision, as a label ("批准", "驳回"…). */
function useDecision() {
	const { t } = useTranslation('deal')
	return (review: Review) => t(`decisions.${review.decision as 'APPROVE'}`, { defaultValue: review.decision })
}

type GeneratedContractData = { id: string; contractCode: string | null; contractGeneratedAt: Date | string | null; contractTemplate: { kind: string; version: number } | null }

/** The contract generated from the model text (decision 030): its number, template version and PDF. */
export function GeneratedContract({ deal }: { deal: GeneratedContractData }) {
	const { t } = useTranslation('deal')
	const locale = useLocale()
	if (!deal.contractTemplate || !deal.contractCode) return <span className="text-stone-600">{t('contract.none')}</span>
	const { kind, version } = deal.contractTemplate
	return (
		<span data-testid="generated-contract">
			{t('contract.generated', { no: deal.contractCode, kind: t(`contract.kinds.${kind as 'LAND_LEASE'}`), version, date: formatDate(deal.contractGeneratedAt, locale) })}{' '}
			<a href={`/deals/${deal.id}/contract.pdf`} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline" data-testid="contract-pdf-link">
				{t('contract.download')}
			</a>
		</span>
	)
}

/** A certified deal's changes, early end and disputes (decision 033): for its parties and officials. */
export function ChangesLink({ dealId, className = 'text-brand-700 underline' }: { dealId: string; className?: string }) {
	const { t } = useTranslation('deal')
	return (
		<Link to={`/deals/${dealId}/changes`} className={className} data-testid="changes-link">
			{t('changes.link')}
		</Link>
	)
}

/** The deal's dossier (档案, decision 031): a ZIP for the officials who handle it. */
export function DossierLink({ dealId }: { dealId: string }) {
	const { t } = useTranslation('deal')
	return (
		<a href={`/deals/${dealId}/dossier.zip`} download className="text-brand-700 underline" data-testid="dossier-link">
			{t('dossier.download')}
		</a>
	)
}

export function DealTerms({ deal }: { deal: Deal }) {
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const l = deal.listing
	return (
		<section aria-labelledby="terms-heading" className={card}>
			<h2 id="terms-heading" className="text-lg font-semibold">
				{t('review.terms')}
			</h2>
			<dl className="mt-2 divide-y divide-stone-100">
				<Fact label={t('fields.price')} labelWidth="7rem">
					<span className="font-semibold">{formatPrice(deal.price, deal.priceUnit as PriceUnit, locale)}</span>
					<span className="text-stone-500"> · {t('review.asking', { price: formatPrice(l.price, l.priceUnit as PriceUnit, locale) })}</span>
				</Fact>
				<Fact label={t('fields.total')} labelWidth="7rem">
					{formatMoney(deal.totalValueYuan, locale)}
				</Fact>
				<Fact label={t('fields.area')} labelWidth="7rem">
					{formatArea(deal.area, deal.areaUnit as AreaUnit, locale)}
				</Fact>
				<Fact label={t('fields.term')} labelWidth="7rem">
					{deal.termYears ? tc('units.years', { count: deal.termYears }) : '—'}
				</Fact>
				<Fact label={t('fields.transferMode')} labelWidth="7rem">
					{tc(`transferModes.${deal.transferMode as TransferMode}`)}
				</Fact>
				<Fact label={t('fields.contractDate')} labelWidth="7rem">
					{formatDate(deal.contractDate, locale)}
				</Fact>
				<Fact label={t('fields.contract')} labelWidth="7rem">
					{deal.contractFile ? (
						<a href={`/deals/${deal.id}/contract`} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline" data-testid="contract-link">
							{t('review.openContract', { kind: deal.contractFile.split('.').pop()?.toUpperCase() })}
						</a>
					) : (
						t('review.noContract')
					)}
				</Fact>
				<Fact label={t('contract.heading')} labelWidth="7rem">
					<GeneratedContract deal={deal} />
				</Fact>
				<Fact label={t('dossier.heading')} labelWidth="7rem">
					<DossierLink dealId={deal.id} />
				</Fact>
				{deal.status === 'COMPLETED' ? (
					<Fact label={t('changes.heading')} labelWidth="7rem">
						<ChangesLink dealId={deal.id} />
					</Fact>
				) : null}
				{deal.noticeStartsAt ? (
					<Fact label={t('fields.noticePeriod')} labelWidth="7rem">
						{formatDate(deal.noticeStartsAt, locale)} – {formatDate(deal.noticeEndsAt, locale)}
					</Fact>
				) : null}
				<Fact label={t('fields.listing')} labelWidth="7rem">
					<Link to={`/review/listings/${l.id}`} className="text-brand-700 underline">
						{l.title}
					</Link>
					<span className="text-stone-500"> · {tc(`status.${l.status as 'PUBLISHED'}`)}</span>
				</Fact>
			</dl>
		</section>
	)
}

/** The seller village with its contact, and the buyer: an account, or an outside party with their ID number. */
export function DealParties({ deal }: { deal: Deal }) {
	const { t } = useTranslation('deal')
	const locale = useLocale()
	const l = deal.listing
	return (
		<section aria-labelledby="parties-heading" className={card}>
			<h2 id="parties-heading" className="text-lg font-semibold">
				{t('review.parties')}
			</h2>
			<dl className="mt-2 divide-y divide-stone-100">
				<Fact label={t('fields.seller')} labelWidth="7rem">
					{locale === 'en' ? l.village.nameEn : l.village.name}
					{l.village.contactName ? <span className="block text-stone-500">{[l.village.contactName, l.village.contactPhone].filter(Boolean).join(' · ')}</span> : null}
				</Fact>
				<Fact label={t('fields.buyer')} labelWidth="7rem">
					{deal.buyer ? (
						<>
							{deal.buyer.name} <span className="text-stone-500">· {t('review.registered')}</span>
							<span className="block text-stone-500">{[deal.buyer.phone, deal.buyer.email].filter(Boolean).join(' · ')}</span>
						</>
					) : (
						<>
							{deal.outsideBuyerName} <span className="text-stone-500">· {t('review.outside')}</span>
							<span className="block font-mono text-stone-700">{deal.outsideBuyerIdNumber}</span>
						</>
					)}
				</Fact>
			</dl>
		</section>
	)
}

/** The buyer's inquiry the deal came from, when it came from one. */
export function DealInquiry({ inquiry }: { inquiry: NonNullable<Deal['inquiry']> }) {
	const { t } = useTranslation('deal')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	return (
		<section aria-labelledby="inquiry-heading" className={card}>
			<h2 id="inquiry-heading" className="text-lg font-semibold">
				{t('review.inquiry')}
			</h2>
			<dl className="mt-2 divide-y divide-stone-100">
				<Fact label={t('review.inquiryDate')} labelWidth="7rem">
					{formatDate(inquiry.createdAt, locale)}
				</Fact>
				<Fact label={t('review.intendedUse')} labelWidth="7rem">
					{inquiry.intendedUse}
				</Fact>
				<Fact label={t('fields.term')} labelWidth="7rem">
					{inquiry.termYears ? tc('units.years', { count: inquiry.termYears }) : '—'}
				</Fact>
				<Fact label={t('review.offeredPrice')} labelWidth="7rem">
					{inquiry.offeredPrice ? formatMoney(inquiry.offeredPrice, locale) : '—'}
				</Fact>
				<Fact label={t('review.message')} labelWidth="7rem">
					<span className="whitespace-pre-line">{inquiry.message}</span>
				</Fact>
				<Fact label={t('review.contact')} labelWidth="7rem">
					{inquiry.contact}
				</Fact>
			</dl>
		</section>
	)
}

export function DealObjections({ objections }: { objections: Deal['objections'] }) {
	const { t } = useTranslation('deal')
	const locale = useLocale()
	if (objections.length === 0) return null
	return (
		<section aria-labelledby="objections-heading">
			<h2 id="objections-heading" className="mb-2 text-lg font-semibold">
				{t('review.objections')}
			</h2>
			<ol className="space-y-3" data-testid="objections">
				{objections.map((o) => (
					<li key={o.id} className={`rounded-lg border p-3 text-sm ${o.status === 'OPEN' ? 'border-amber-300 bg-amber-50' : 'border-stone-200 bg-white'}`}>
						<p className="flex flex-wrap gap-2 text-stone-600">
							<span className="font-semibold text-stone-900">{t(`objectionStatus.${o.status as 'OPEN'}`)}</span>
							<span>{t('review.objectedBy', { name: o.user.name, date: formatDate(o.createdAt, locale) })}</span>
						</p>
						<p className="mt-1 whitespace-pre-line break-words text-stone-900">{o.reason}</p>
					</li>
				))}
			</ol>
		</section>
	)
}

/** Every review of the deal, oldest first: kind and decision, who and when, the opinion. */
export function DealReviews({ reviews }: { reviews: Deal['reviews'] }) {
	const { t } = useTranslation('deal')
	const locale = useLocale()
	const decision = useDecision()
	return (
		<section aria-labelledby="history-heading">
			<h2 id="history-heading" className="mb-2 text-lg font-semibold">
				{t('review.history')}
			</h2>
			{reviews.length === 0 ? (
				<p className="text-sm text-stone-600">{t('review.noHistory')}</p>
			) : (
				<ol className="space-y-3" data-testid="deal-reviews">
					{reviews.map((r) => (
						<li key={r.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
							<p className="flex flex-wrap gap-2 text-stone-600">
								<span className="font-semibold text-stone-900">
									{t(`reviewKinds.${r.kind as 'DEAL'}`)} · {decision(r)}
								</span>
								<span>{t('review.by', { name: r.reviewer.name, date: formatDate(r.createdAt, locale) })}</span>
							</p>
							<p className="mt-1 whitespace-pre-line break-words text-stone-900">{opinionText(t, r)}</p>
						</li>
					))}
				</ol>
			)}
		</section>
	)
}

type VillageDeal = SerializeFrom<NonNullable<Awaited<ReturnType<typeof getDealFormData>>>>['deals'][number]

/** The listing's deals, newest first, each with its latest review and links to its public page and certificate. */
export function DealHistory({ deals }: { deals: VillageDeal[] }) {
	const { t } = useTranslation('deal')
	const locale = useLocale()
	const decision = useDecision()
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
							<span className="text-stone-500">
								{t('fields.total')}
								{t('colon')}
								{formatMoney(d.totalValueYuan, locale)}
							</span>
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
							<DossierLink dealId={d.id} />
							{d.status === 'COMPLETED' ? <ChangesLink dealId={d.id} /> : null}
						</p>
						{d.reviews[0] ? (
							<p className="mt-1 text-stone-700">
								{decision(d.reviews[0])}
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
