import i18next, { type TFunction } from 'i18next'
import type { Namespace } from '~/i18n-config.ts'
import type { Locale } from '~/utils/format.ts'

/**
 * A translation function for route `meta` functions, which run on the server and in the browser
 * outside any React tree. It reads i18next's global instance: on the server it holds every
 * translation (app/i18next.server.ts), in the browser the page's language and namespaces
 * (app/entry.client.tsx). Importing the locale files instead would ship every language.
 */
export function metaT(locale: string, ns: Namespace): TFunction {
	return i18next.getFixedT(locale, ns)
}

/** The reader's language inside `meta`, from the root loader's data among the matches. */
export function metaLocale(matches: ReadonlyArray<{ id: string; data?: unknown }>): Locale {
	const root = matches.find((m) => m.id === 'root')?.data
	return root && typeof root === 'object' && 'locale' in root && root.locale === 'en' ? 'en' : 'zh'
}

/**
 * The one way to title a page: `meta` builds it from the loader's data (names, numbers) and
 * translated words, as "<page> | <platform>". Loaders do not make titles.
 */
export function pageTitle(locale: Locale, title: string) {
	return `${title} | ${metaT(locale, 'common')('appName')}`
}
