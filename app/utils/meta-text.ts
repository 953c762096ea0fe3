import i18next, { type TFunction } from 'i18next'
import type { Namespace } from '~/i18n-config.ts'

/**
 * A translation function for route `meta` functions, which run on the server and in the browser
 * outside any React tree. It reads i18next's global instance: on the server it holds every
 * translation (app/i18next.server.ts), in the browser the page's language and namespaces
 * (app/entry.client.tsx). Importing the locale files instead would ship every language.
 */
export function metaT(locale: string, ns: Namespace): TFunction {
	return i18next.getFixedT(locale, ns)
}
