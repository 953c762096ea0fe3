import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

function LanguageSwitch() {
	const { t, i18n } = useTranslation()
	const location = useLocation()
	const next = i18n.language === 'en' ? 'zh' : 'en'
	// A plain POST form: it works before JavaScript loads and remembers the choice in a cookie.
	return (
		<Form method="post" action="/language" reloadDocument={false}>
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

export function SiteHeader() {
	const { t } = useTranslation()
	const navClass = ({ isActive }: { isActive: boolean }) =>
		`rounded-md px-2.5 py-1.5 text-sm font-medium ${isActive ? 'bg-white/15 text-white' : 'text-white/85 hover:bg-white/10 hover:text-white'}`
	return (
		<header className="bg-brand-700 text-white shadow">
			<a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-[2000] focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-stone-900">
				{t('skipToContent')}
			</a>
			<div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
				<Link to="/" className="flex items-center gap-2 text-lg font-bold tracking-wide">
					<img src="/favicon.svg" alt="" width={28} height={28} />
					<span>{t('appName')}</span>
				</Link>
				<nav aria-label={t('nav.main')} className="order-last -mx-2.5 flex w-full items-center gap-1 sm:order-none sm:mx-0 sm:w-auto sm:flex-1">
					<NavLink to="/" end className={navClass}>
						{t('nav.map')}
					</NavLink>
					<NavLink to="/stats" className={navClass}>
						{t('nav.stats')}
					</NavLink>
				</nav>
				<div className="ml-auto">
					<LanguageSwitch />
				</div>
			</div>
		</header>
	)
}

export function SiteFooter() {
	const { t } = useTranslation()
	return (
		<footer className="border-t border-stone-200 bg-white text-xs text-stone-500">
			<div className="mx-auto max-w-screen-2xl space-y-1 px-4 py-4">
				<p>
					{t('centreName')} · {t('tagline')}
				</p>
				<p>{t('footer.about')}</p>
				<p>{t('footer.demoNote')}</p>
			</div>
		</footer>
	)
}
