import { createCookie } from '@remix-run/node'
import i18nextGlobal, { createInstance, type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
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
const detector = new RemixI18Next({
	detection: {
		supportedLanguages: [...supportedLngs],
		fallbackLanguage: fallbackLng,
		cookie: lngCookie,
		order: ['searchParams', 'cookie'],
	},
	i18next: { ...i18n, resources },
})

// The global instance serves route `meta` functions (app/utils/meta-text.ts); the resources are
// in memory, so initialisation is synchronous.
if (!i18nextGlobal.isInitialized) void i18nextGlobal.init({ ...i18n, resources, initImmediate: false })

export async function getLocale(request: Request): Promise<Lng> {
	const lng = await detector.getLocale(request)
	return isLng(lng) ? lng : fallbackLng
}

// One initialised i18next per language for the whole process: the resources are static and the
// server never changes an instance's language, so there is no need to build one per request.
const instances = new Map<Lng, Promise<I18n>>()
export function instanceFor(lng: Lng): Promise<I18n> {
	let instance = instances.get(lng)
	if (!instance) {
		const created = createInstance()
		instance = created
			.use(initReactI18next)
			.init({ ...i18n, lng, resources })
			.then(() => created)
		instances.set(lng, instance)
	}
	return instance
}

export default {
	getLocale,
	/** A translation function for the request's language (loaders: titles, CSV headers, …). */
	async getFixedT(request: Request, ns: string | readonly string[]) {
		const lng = await getLocale(request)
		const instance = await instanceFor(lng)
		return instance.getFixedT(lng, ns as string | string[])
	},
}
