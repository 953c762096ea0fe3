// What the wanted-post pages share (issue 13): the kind and status badges, the facts list, and the
// card of a list. The contact is shown only where the route passes it (villages, reviewers, the buyer).
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Fact } from '~/components/fact.tsx'
import { EmptyQueue } from '~/components/review-queue.tsx'
import type { AreaUnit, ListingType, PriceUnit } from '~/domain/listing.ts'
import type { WantedKind, WantedStatus } from '~/domain/wanted.ts'
import { formatArea, formatDate, formatPrice, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

type Town = { id?: string; code: string; name: string; nameEn: string }
export type WantedView = {
	id: string
	kind: string
	status: string
	title: string
	areaUnit: string
	areaMin: number | null
	areaMax: number | null
	priceUnit: string
	budgetMin: number | null
	budgetMax: number | null
	intendedUse: string
	termYears: number | null
	publishedAt: Date | string | null
	expiresAt: Date | string | null
	towns: Town[]
	types: string[]
}

const STATUS_CLASSES: Record<WantedStatus, string> = {
	DRAFT: 'bg-stone-100 text-stone-700 ring-stone-300',
	SUBMITTED: 'bg-sky-50 text-sky-800 ring-sky-200',
	PUBLISHED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	RETURNED: 'bg-amber-50 text-amber-900 ring-amber-300',
	REJECTED: 'bg-red-50 text-red-800 ring-red-200',
	CLOSED: 'bg-stone-100 text-stone-500 ring-stone-200',
	EXPIRED: 'bg-stone-100 text-stone-500 ring-stone-200',
}

export function WantedStatusBadge({ status }: { status: string }) {
	const { t } = useTranslation('wanted')
	return (
		<span data-testid="wanted-status" className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${STATUS_CLASSES[status as WantedStatus] ?? STATUS_CLASSES.DRAFT}`}>
			{t(`status.${status as WantedStatus}`)}
		</span>
	)
}

export function KindBadge({ kind }: { kind: string }) {
	const { t } = useTranslation('wanted')
	const colour = kind === 'BUY' ? 'bg-violet-700' : 'bg-brand-700'
	return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold text-white ${colour}`}>{t(`kinds.${kind as WantedKind}`)}</span>
}

export function townName(town: Town, locale: Locale) {
	return locale === 'en' ? town.nameEn : town.name
}

/** "10 – 50 亩", "at least 10 mu", "any". */
export function useRange() {
	const { t } = useTranslation('wanted')
	return (min: number | null, max: number | null, format: (v: number) => string) => {
		if (min !== null && max !== null) return t('facts.range', { min: format(min), max: format(max) })
		if (min !== null) return t('facts.atLeast', { value: format(min) })
		if (max !== null) return t('facts.upTo', { value: format(max) })
		return t('facts.any')
	}
}

export function useWantedText() {
	const { t } = useTranslation('wanted')
	const { t: tc } = useTranslation('common')
	const locale = useLocale()
	const range = useRange()
	return {
		types: (w: Pick<WantedView, 'types'>) => w.types.map((type) => tc(`types.${type as ListingType}`)).join(locale === 'en' ? ', ' : '、'),
		towns: (w: Pick<WantedView, 'towns'>) => w.towns.map((town) => townName(town, locale)).join(locale === 'en' ? ', ' : '、'),
		area: (w: WantedView) => range(w.areaMin, w.areaMax, (v) => formatArea(v, w.areaUnit as AreaUnit, locale)),
		budget: (w: WantedView) => range(w.budgetMin, w.budgetMax, (v) => formatPrice(v, w.priceUnit as PriceUnit, locale)),
		term: (w: WantedView) => (w.termYears ? t('facts.termYears', { count: w.termYears }) : t('facts.any')),
	}
}

/** The post's facts as a `<dl>`; `extra` rows (buyer, contact) go at the end. */
export function WantedFacts({ post, children }: { post: WantedView; children?: ReactNode }) {
	const { t } = useTranslation('wanted')
	const locale = useLocale()
	const text = useWantedText()
	return (
		<dl className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white px-4 text-sm shadow-sm" data-testid="wanted-facts">
			<Fact label={t('facts.kind')}>
				<KindBadge kind={post.kind} />
			</Fact>
			<Fact label={t('facts.types')}>{text.types(post)}</Fact>
			<Fact label={t('facts.towns')}>{text.towns(post)}</Fact>
			<Fact label={t('facts.area')}>{text.area(post)}</Fact>
			<Fact label={t('facts.budget')}>{text.budget(post)}</Fact>
			<Fact label={t('facts.term')}>{text.term(post)}</Fact>
			<Fact label={t('facts.use')}>
				<span className="whitespace-pre-line">{post.intendedUse}</span>
			</Fact>
			{post.publishedAt ? <Fact label={t('facts.published')}>{formatDate(post.publishedAt, locale)}</Fact> : null}
			{post.expiresAt && post.status === 'PUBLISHED' ? <Fact label={t('facts.expires')}>{formatDate(post.expiresAt, locale)}</Fact> : null}
			{children}
		</dl>
	)
}

/** One post in a list: kind, title (a link), towns, types, area and budget; `children` below. */
export function WantedCard({ post, href, aside, children }: { post: WantedView; href: string; aside?: ReactNode; children?: ReactNode }) {
	const { t } = useTranslation('wanted')
	const text = useWantedText()
	return (
		<li className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="wanted-card">
			<div className="flex flex-wrap items-start justify-between gap-2">
				<div className="min-w-0">
					<p className="flex flex-wrap items-center gap-2">
						<KindBadge kind={post.kind} />
						<span className="text-sm text-stone-600">{text.types(post)}</span>
					</p>
					<h2 className="mt-1 break-words text-base font-semibold">
						<Link to={href} className="text-stone-900 hover:text-brand-700 hover:underline">
							{post.title}
						</Link>
					</h2>
				</div>
				{aside}
			</div>
			<dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
				<div className="flex gap-2">
					<dt className="shrink-0 text-stone-500">{t('facts.towns')}</dt>
					<dd className="min-w-0 break-words">{text.towns(post)}</dd>
				</div>
				<div className="flex gap-2">
					<dt className="shrink-0 text-stone-500">{t('facts.area')}</dt>
					<dd>{text.area(post)}</dd>
				</div>
				<div className="flex gap-2">
					<dt className="shrink-0 text-stone-500">{t('facts.budget')}</dt>
					<dd>{text.budget(post)}</dd>
				</div>
			</dl>
			{children}
		</li>
	)
}

type QueueRow = WantedView & { submittedAt: Date | string | null }

/** The reviewer's queue of wanted posts (/review), the longest-waiting first. */
export function WantedReviewQueue({ rows, waiting }: { rows: QueueRow[]; waiting: number }) {
	const { t } = useTranslation('wanted')
	const locale = useLocale()
	return (
		<section aria-labelledby="wanted-queue-heading" className="mt-8">
			<h2 id="wanted-queue-heading" className="flex items-baseline gap-2 text-lg font-semibold">
				{t('review.heading')}
				<span className="rounded-full bg-stone-200 px-2 text-sm font-medium text-stone-700" data-testid="count-wanted">
					{waiting}
				</span>
			</h2>
			{rows.length === 0 ? (
				<EmptyQueue>{t('review.empty')}</EmptyQueue>
			) : (
				<ul className="mt-3 space-y-3" aria-label={t('review.caption')} data-testid="wanted-queue">
					{rows.map((row) => (
						<WantedCard key={row.id} post={row} href={`/review/wanted/${row.id}`} aside={<span className="text-sm text-stone-600">{formatDate(row.submittedAt, locale)}</span>} />
					))}
				</ul>
			)}
		</section>
	)
}
