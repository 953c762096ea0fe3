import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData } from '@remix-run/react'
import { AuthenticityTokenProvider } from 'remix-utils/csrf/react'
import { useChangeLanguage } from 'remix-i18next/react'
import { GeneralErrorBoundary } from './components/error-boundary.tsx'
import { SiteFooter, SiteHeader } from './components/site-chrome.tsx'
import { getLocale, instanceFor } from './i18next.server.ts'
import { unreadCount } from './models/notification.server.ts'
import { getUser } from './utils/auth.server.ts'
import { commitCSRFToken } from './utils/csrf.server.ts'
import { publicEnv } from './utils/env.server.ts'
import { useNonce } from './utils/nonce-provider.ts'
import { PageStyles } from './utils/page-styles.tsx'
import { useLocale } from './utils/root-data.ts'
import { revalidateAfterRefusal } from './utils/revalidate.ts'

// Single fetch's types: `useLoaderData<typeof loader>` gives what turbo-stream delivers (Dates stay
// Dates), and `data()` results unwrap. Must match remix.config.js.
declare module '@remix-run/server-runtime' {
	interface Future {
		v3_singleFetch: true
	}
}

export const links: LinksFunction = () => [{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const [locale, user, [csrfToken, csrfCookie]] = await Promise.all([getLocale(request), getUser(request), commitCSRFToken(request)])
	const [unread, i18n] = await Promise.all([user ? unreadCount(user.id) : 0, instanceFor(locale)])
	return data(
		{
			locale,
			// The fallback title, so the browser needs no translations for it.
			appName: i18n.getFixedT(locale, 'common')('appName'),
			ENV: publicEnv(),
			csrfToken,
			user: user
				? {
						id: user.id,
						name: user.name,
						role: user.role,
						town: user.town,
						village: user.village,
						unread,
					}
				: null,
		},
		{ headers: csrfCookie ? { 'Set-Cookie': csrfCookie } : {} },
	)
}

// The fallback title (a page without its own, an error page) in the reader's language.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.appName ?? '农村产权交易平台' }]

function Document({ children, locale }: { children: React.ReactNode; locale: string }) {
	const nonce = useNonce()
	return (
		<html lang={locale === 'en' ? 'en' : 'zh-CN'} className="h-full">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<PageStyles />
				<Links />
			</head>
			<body className="flex min-h-full flex-col bg-stone-50 text-stone-900 antialiased">
				{children}
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function App() {
	const { locale, csrfToken } = useLoaderData<typeof loader>()
	useChangeLanguage(locale)
	return (
		<Document locale={locale}>
			<AuthenticityTokenProvider token={csrfToken}>
				<SiteHeader />
				<main id="main" className="flex-1">
					<Outlet />
				</main>
				<SiteFooter />
			</AuthenticityTokenProvider>
		</Document>
	)
}

export function ErrorBoundary() {
	const locale = useLocale()
	return (
		<Document locale={locale}>
			<SiteHeader />
			<main id="main" className="flex-1">
				<GeneralErrorBoundary />
			</main>
		</Document>
	)
}
