import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { hasPermission } from '~/domain/permissions.ts'
import { useCentreName, useLocale, useOptionalUser } from '~/utils/root-data.ts'

function LanguageSwitch() {
	const { t } = useTranslation()
	const location = useLocation()
	const next = useLocale() === 'en' ? 'zh' : 'en'
	// A plain POST form: it works before JavaScript loads and remembers the choice in a cookie.
	return (
		<Form method="post" action="/language">
			<AuthenticityTokenInput />
			<input type="hidden" name="lng" value={next} />
			<input type="hidden" name="redirectTo" value={location.pathname + location.search} />
			<button
				type="submit"
				name="intent"
				value="set-language"
				lang={next === 'en' ? 'en' : 'zh-CN'}
				className="rounded-md border border-white/40 px-2.5 py-1 text-sm font-medium text-white hover:bg-white/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-white"
				aria-label={`${t('language.label')}: ${t(`language.${next}`)}`}
			>
				{t('language.switchTo')}
			</button>
		</Form>
	)
}

function Account() {
	const { t } = useTranslation()
	const user = useOptionalUser()
	if (!user) {
		return (
			<div className="flex items-center gap-1 text-sm">
				<Link to="/login" className="rounded-md px-2.5 py-1 font-medium text-white hover:bg-white/10">
					{t('nav.login')}
				</Link>
				<Link to="/join" className="rounded-md bg-white px-2.5 py-1 font-medium text-brand-700 hover:bg-brand-50">
					{t('nav.join')}
				</Link>
			</div>
		)
	}
	// The name holds the badge's text as shown (WCAG 2.5.3: what one sees is what one says).
	const badge = user.unread > 99 ? '99+' : String(user.unread)
	return (
		<div className="flex items-center gap-2 text-sm">
			<Link to="/notifications" className="relative rounded-md px-2 py-1 text-white hover:bg-white/10" aria-label={t('nav.notificationsCount', { unread: badge })}>
				<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
					<path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
				</svg>
				{user.unread > 0 ? (
					<span data-testid="unread-badge" className="absolute -right-1 -top-1 min-w-[18px] rounded-full bg-amber-400 px-1 text-center text-[11px] font-bold leading-[18px] text-stone-900">
						{badge}
					</span>
				) : null}
			</Link>
			{hasPermission(user, 'favourite:manage:own') ? (
				<Link to="/me/favourites" className="rounded-md px-2 py-1 text-white hover:bg-white/10" aria-label={t('nav.favourites')} title={t('nav.favourites')} data-testid="nav-favourites">
					<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
						<path d="m12 2.8 2.9 5.9 6.5.9-4.7 4.6 1.1 6.5L12 17.6l-5.8 3.1 1.1-6.5L2.6 9.6l6.5-.9z" />
					</svg>
				</Link>
			) : null}
			<Link to="/me" className="max-w-40 truncate rounded-md px-2 py-1 text-white/90 hover:bg-white/10 hover:text-white" title={t('nav.me')}>
				<span className="hidden md:inline">{user.name}</span>
				<span className="md:hidden">{t('nav.meShort')}</span>
			</Link>
			<Form method="post" action="/logout">
				<AuthenticityTokenInput name="csrf" />
				<button type="submit" name="intent" value="logout" className="rounded-md px-2 py-1 font-medium text-white/90 hover:bg-white/10 hover:text-white">
					{t('nav.logout')}
				</button>
			</Form>
		</div>
	)
}

export function SiteHeader() {
	const { t } = useTranslation()
	const user = useOptionalUser()
	const navClass = ({ isActive }: { isActive: boolean }) =>
		`whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium ${isActive ? 'bg-white/15 text-white' : 'text-white/85 hover:bg-white/10 hover:text-white'}`
	return (
		<header className="bg-brand-700 text-white shadow print:hidden">
			<a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-[2000] focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-stone-900">
				{t('skipToContent')}
			</a>
			<div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
				<Link to="/" className="flex items-center gap-2 text-lg font-bold tracking-wide">
					<img src="/favicon.svg" alt="" width={28} height={28} />
					<span>{t('appName')}</span>
				</Link>
				<nav aria-label={t('nav.main')} className="order-last -mx-2.5 flex w-full items-center gap-1 overflow-x-auto sm:order-none sm:mx-0 sm:w-auto sm:flex-1">
					<NavLink to="/" end className={navClass}>
						{t('nav.map')}
					</NavLink>
					<NavLink to="/ledger" className={navClass}>
						{t('nav.ledger')}
					</NavLink>
					<NavLink to="/stats" className={navClass}>
						{t('nav.stats')}
					</NavLink>
					<NavLink to="/wanted" className={navClass}>
						{t('nav.wanted')}
					</NavLink>
					{hasPermission(user, 'search:save:own') ? (
						<NavLink to="/me/searches" className={navClass}>
							{t('nav.searches')}
						</NavLink>
					) : null}
					{hasPermission(user, 'listing:manage:own-village') ? (
						<NavLink to="/village" className={navClass}>
							{t('nav.village')}
						</NavLink>
					) : null}
					{hasPermission(user, 'review:listing:town') ? (
						<NavLink to="/review" className={navClass}>
							{t('nav.review')}
						</NavLink>
					) : null}
					{hasPermission(user, 'admin:users') ? (
						<NavLink to="/admin" className={navClass}>
							{t('nav.admin')}
						</NavLink>
					) : null}
				</nav>
				<div className="ml-auto flex items-center gap-2">
					<Account />
					<LanguageSwitch />
				</div>
			</div>
		</header>
	)
}

export function SiteFooter() {
	const { t } = useTranslation()
	const centreName = useCentreName()
	return (
		<footer className="border-t border-stone-200 bg-white text-xs text-stone-500 print:hidden">
			<div className="mx-auto max-w-screen-2xl space-y-1 px-4 py-4">
				<p>
					{centreName} · {t('tagline')}
				</p>
				<p>{t('footer.about')}</p>
				<p>{t('footer.demoNote')}</p>
				<nav aria-label={t('footer.links')} className="flex flex-wrap gap-x-4 gap-y-1 pt-1">
					<Link to="/verify" className="text-brand-700 underline hover:text-brand-800">
						{t('footer.verify')}
					</Link>
					<Link to="/stats/prices" className="text-brand-700 underline hover:text-brand-800">
						{t('footer.prices')}
					</Link>
				</nav>
			</div>
		</footer>
	)
}
