import type { BackendModule, ReadCallback } from 'i18next'
import { isLng, namespaces, type Lng, type Namespace } from '~/i18n-config.ts'

// One dynamic import per language and namespace, so the bundler makes one small chunk of each
// and a page downloads only the namespaces it renders, in its own language.
const loaders: Record<Lng, Record<Namespace, () => Promise<{ default: object }>>> = {
	zh: {
		common: () => import('./zh/common.ts'),
		map: () => import('./zh/map.ts'),
		listing: () => import('./zh/listing.ts'),
		stats: () => import('./zh/stats.ts'),
		auth: () => import('./zh/auth.ts'),
		village: () => import('./zh/village.ts'),
		review: () => import('./zh/review.ts'),
		admin: () => import('./zh/admin.ts'),
		deal: () => import('./zh/deal.ts'),
		ledger: () => import('./zh/ledger.ts'),
		bidding: () => import('./zh/bidding.ts'),
		inquiry: () => import('./zh/inquiry.ts'),
		notification: () => import('./zh/notification.ts'),
		audit: () => import('./zh/audit.ts'),
	},
	en: {
		common: () => import('./en/common.ts'),
		map: () => import('./en/map.ts'),
		listing: () => import('./en/listing.ts'),
		stats: () => import('./en/stats.ts'),
		auth: () => import('./en/auth.ts'),
		village: () => import('./en/village.ts'),
		review: () => import('./en/review.ts'),
		admin: () => import('./en/admin.ts'),
		deal: () => import('./en/deal.ts'),
		ledger: () => import('./en/ledger.ts'),
		bidding: () => import('./en/bidding.ts'),
		inquiry: () => import('./en/inquiry.ts'),
		notification: () => import('./en/notification.ts'),
		audit: () => import('./en/audit.ts'),
	},
}

export function isNamespace(value: string): value is Namespace {
	return (namespaces as readonly string[]).includes(value)
}

export async function loadNamespace(lng: string, ns: string): Promise<object> {
	if (!isLng(lng) || !isNamespace(ns)) throw new Error(`no translations for ${lng}/${ns}`)
	return (await loaders[lng][ns]()).default
}

/** An i18next backend that reads the namespaces above (the browser's; the server has all of them). */
export const localeBackend: BackendModule = {
	type: 'backend',
	init() {},
	read(lng: string, ns: string, callback: ReadCallback) {
		loadNamespace(lng, ns).then(
			(data) => callback(null, data as Parameters<ReadCallback>[1]),
			(error: Error) => callback(error, false),
		)
	},
}
