// A listing page's buyers' tools (issue 13): the star, "add to compare", and the share panel with
// the short link and its QR code. Each is a plain form or element that works before JavaScript
// loads; the star becomes optimistic through a fetcher once it does.
import { Form, Link, useActionData, useFetcher, useLocation } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { MAX_COMPARE, MAX_FAVOURITES } from '~/domain/favourites.ts'
import { hasPermission } from '~/domain/permissions.ts'
import { useOptionalUser } from '~/utils/root-data.ts'

type StarData = { starred: boolean; problem?: 'limit' | 'notFound' | 'badRequest' }

const outline = 'inline-flex items-center justify-center gap-1.5 rounded-md border px-3 py-1.5 text-sm font-medium'

export function StarButton({ starred, canStar }: { starred: boolean; canStar: boolean }) {
	const { t } = useTranslation('favourites')
	const fetcher = useFetcher<StarData>()
	const actionData = useActionData<StarData>()
	const location = useLocation()
	const user = useOptionalUser()
	if (!canStar) return null
	// A visitor logs in first and comes back here.
	if (!user) {
		return (
			<Link to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`} className={`${outline} border-stone-300 bg-white text-stone-800 hover:bg-stone-50`}>
				<StarIcon filled={false} />
				{t('star.login')}
			</Link>
		)
	}
	// Optimistic: the pressed state shows at once, and falls back if the server refuses.
	const pending = fetcher.formData?.get('intent')
	const last = fetcher.data ?? actionData
	const on = pending ? pending === 'star' : (last?.starred ?? starred)
	const problem = pending ? undefined : last?.problem
	return (
		<div>
			<fetcher.Form method="post" preventScrollReset>
				<AuthenticityTokenInput name="csrf" />
				<button
					type="submit"
					name="intent"
					value={on ? 'unstar' : 'star'}
					aria-pressed={on}
					title={on ? t('star.unstarLabel') : undefined}
					data-testid="star-button"
					className={`${outline} ${on ? 'border-amber-400 bg-amber-50 text-amber-900 hover:bg-amber-100' : 'border-stone-300 bg-white text-stone-800 hover:bg-stone-50'}`}
				>
					<StarIcon filled={on} />
					{on ? t('star.unstar') : t('star.star')}
				</button>
			</fetcher.Form>
			{problem === 'limit' || problem === 'notFound' ? (
				<p role="alert" className="mt-1 text-sm text-red-700" data-testid="star-problem">
					{problem === 'limit' ? t('star.limit', { max: MAX_FAVOURITES }) : t('star.notFound')}
				</p>
			) : null}
		</div>
	)
}

function StarIcon({ filled }: { filled: boolean }) {
	return (
		<svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
			<path d="m12 2.8 2.9 5.9 6.5.9-4.7 4.6 1.1 6.5L12 17.6l-5.8 3.1 1.1-6.5L2.6 9.6l6.5-.9z" />
		</svg>
	)
}

/** Adds the listing to this browser's comparison (a cookie), or links to it when it is there. */
export function CompareButton({ listingId, compare }: { listingId: string; compare: { count: number; has: boolean } }) {
	const { t } = useTranslation('favourites')
	const location = useLocation()
	if (compare.has) {
		return (
			<Link to="/compare" className={`${outline} border-brand-200 bg-brand-50 text-brand-800 hover:bg-brand-100`} data-testid="compare-open">
				{t('compare.inCompare')} · {t('compare.open', { count: compare.count })}
			</Link>
		)
	}
	return (
		<Form method="post" action="/compare">
			<AuthenticityTokenInput name="csrf" />
			<input type="hidden" name="id" value={listingId} />
			<input type="hidden" name="back" value={location.pathname} />
			<button type="submit" name="intent" value="add" className={`${outline} border-stone-300 bg-white text-stone-800 hover:bg-stone-50`} title={t('compare.intro', { max: MAX_COMPARE })}>
				{t('compare.add')}
			</button>
		</Form>
	)
}

/** The short link and its QR code, in a disclosure that opens without JavaScript. */
export function SharePanel({ shortUrl, qrSrc }: { shortUrl: string | null; qrSrc: string | null }) {
	const { t } = useTranslation('favourites')
	const hydrated = useHydrated()
	const [copied, setCopied] = useState(false)
	if (!shortUrl || !qrSrc) return null
	return (
		<details className="group rounded-md border border-stone-300 bg-white text-sm open:w-full open:p-3 sm:open:w-auto" data-testid="share-panel">
			<summary className="cursor-pointer list-none px-3 py-1.5 font-medium text-stone-800 group-open:px-0 group-open:pt-0">{t('share.heading')}</summary>
			<p className="text-stone-600">{t('share.intro')}</p>
			<div className="mt-2 flex flex-wrap items-start gap-4">
				<img src={qrSrc} alt={t('share.qrAlt')} width={180} height={180} loading="lazy" className="h-[180px] w-[180px] border border-stone-200" data-testid="share-qr" />
				<div className="min-w-0 flex-1">
					<label htmlFor="short-link" className="block font-medium text-stone-700">
						{t('share.shortLink')}
					</label>
					<div className="mt-1 flex gap-2">
						<input id="short-link" readOnly value={shortUrl} className="min-w-0 flex-1 rounded-md border border-stone-300 px-2 py-1 font-mono text-sm" data-testid="share-short-link" onFocus={(e) => e.currentTarget.select()} />
						{hydrated ? (
							<button
								type="button"
								className="rounded-md border border-stone-300 px-2 py-1 hover:bg-stone-50"
								onClick={() => {
									void navigator.clipboard?.writeText(shortUrl).then(() => setCopied(true))
								}}
							>
								{copied ? t('share.copied') : t('share.copy')}
							</button>
						) : null}
					</div>
					<a href={shortUrl} className="mt-1 inline-block break-all text-brand-700 underline">
						{shortUrl}
					</a>
				</div>
			</div>
		</details>
	)
}

/** An empty list with the way to fill it: back to the map. */
export function EmptyWithBrowse({ text, browse }: { text: string; browse: string }) {
	return (
		<div className="mt-4 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">
			<p>{text}</p>
			<Link to="/" className="mt-2 inline-block font-medium text-brand-700 underline">
				{browse}
			</Link>
		</div>
	)
}

/** The buyer's other pages (issue 13), each where the buyer's permission allows it. */
const BUYER_PAGES = [
	{ to: '/me/favourites', label: 'common:nav.favourites', permission: 'favourite:manage:own' },
	{ to: '/compare', label: 'common:nav.compare', permission: 'favourite:manage:own' },
	{ to: '/me/searches', label: 'common:nav.searches', permission: 'search:save:own' },
	{ to: '/me/wanted', label: 'wanted:me.link', permission: 'wanted:post:own' },
] as const

export function BuyerLinks() {
	const { t } = useTranslation('common')
	const user = useOptionalUser()
	const pages = BUYER_PAGES.filter((p) => hasPermission(user, p.permission))
	if (pages.length === 0) return null
	return (
		<nav aria-label={t('nav.meShort')} className="mt-3 flex flex-wrap gap-2">
			{pages.map((p) => (
				<Link key={p.to} to={p.to} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-800 hover:bg-brand-50">
					{t(p.label)}
				</Link>
			))}
		</nav>
	)
}
