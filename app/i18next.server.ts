import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import i18n, { fallbackLng, isLng, resources, supportedLngs, type Lng } from './i18n.ts'

export const lngCookie = createCookie('lng', {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	maxAge: 60 * 60 * 24 * 365,
})

// Chinese unless the visitor chose otherwise (?lng= or the cookie set by the switch):
// the browser's Accept-Language is deliberately not consulted.
const i18next = new RemixI18Next({
	detection: {
		supportedLanguages: [...supportedLngs],
		fallbackLanguage: fallbackLng,
		cookie: lngCookie,
		order: ['searchParams', 'cookie'],
	},
	i18next: { ...i18n, resources },
})

export default i18next

export async function getLocale(request: Request): Promise<Lng> {
	const lng = await i18next.getLocale(request)
	return isLng(lng) ? lng : fallbackLng
}
