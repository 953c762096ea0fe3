// The i18next settings shared by the server and the browser, without the translations themselves:
// the browser loads only its language's namespaces (app/locales/load.ts), the server all of them
// (app/i18n.ts).
export const supportedLngs = ['zh', 'en'] as const
export type Lng = (typeof supportedLngs)[number]
export const fallbackLng: Lng = 'zh'
export const defaultNS = 'common'
export const namespaces = ['common', 'map', 'listing', 'stats', 'auth', 'village', 'review', 'admin', 'deal', 'ledger', 'bidding', 'inquiry', 'notification', 'audit', 'imports', 'parcels', 'filing', 'deadlines', 'prices', 'favourites', 'wanted', 'searches'] as const
export type Namespace = (typeof namespaces)[number]

export default {
	supportedLngs: [...supportedLngs],
	fallbackLng,
	defaultNS,
	ns: [...namespaces],
	react: { useSuspense: false },
	interpolation: { escapeValue: false },
}

export function isLng(value: unknown): value is Lng {
	return value === 'zh' || value === 'en'
}
