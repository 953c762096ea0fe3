import type { BackendModule, i18n as I18n, ReadCallback } from 'i18next'
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
		imports: () => import('./zh/imports.ts'),
		parcels: () => import('./zh/parcels.ts'),
		filing: () => import('./zh/filing.ts'),
		deadlines: () => import('./zh/deadlines.ts'),
		prices: () => import('./zh/prices.ts'),
		favourites: () => import('./zh/favourites.ts'),
		wanted: () => import('./zh/wanted.ts'),
		searches: () => import('./zh/searches.ts'),
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
		imports: () => import('./en/imports.ts'),
		parcels: () => import('./en/parcels.ts'),
		filing: () => import('./en/filing.ts'),
		deadlines: () => import('./en/deadlines.ts'),
		prices: () => import('./en/prices.ts'),
		favourites: () => import('./en/favourites.ts'),
		wanted: () => import('./en/wanted.ts'),
		searches: () => import('./en/searches.ts'),
	},
}

export function isNamespace(value: string): value is Namespace {
	return (namespaces as readonly string[]).includes(value)
}

export async function loadNamespace(lng: string, ns: string): Promise<object> {
	if (!isLng(lng) || !isNamespace(ns)) throw new Error(`no translations for ${lng}/${ns}`)
	return (await loaders[lng][ns]()).default
}

type RouteModules = Record<string, { handle?: unknown } | undefined>

/**
 * The namespaces the routes loaded so far name in `handle.i18n`, or null when a matched route
 * (other than the root, which uses `common`) names none, meaning it may use any namespace.
 */
export function namedNamespaces(modules: RouteModules): Set<string> | null {
	const named = new Set<string>(['common'])
	for (const [id, module] of Object.entries(modules)) {
		const handle = module?.handle
		const list = handle && typeof handle === 'object' && 'i18n' in handle ? handle.i18n : undefined
		if (Array.isArray(list)) for (const ns of list) named.add(String(ns))
		else if (id !== 'root') return null
	}
	return named
}

declare global {
	interface Window {
		__remixRouteModules?: RouteModules
	}
}

/**
 * An i18next backend over the chunks above (the browser's; the server holds every translation).
 * A namespace that no loaded route names in `handle.i18n` brings the whole language at once, so a
 * page that did not list its namespaces does not wait again on its next click.
 */
export function createLocaleBackend(i18n: I18n): BackendModule {
	return {
		type: 'backend',
		init() {},
		read(lng: string, ns: string, callback: ReadCallback) {
			const named = namedNamespaces(window.__remixRouteModules ?? {})
			const others = named?.has(ns) ? [] : namespaces.filter((n) => n !== ns)
			Promise.all([loadNamespace(lng, ns), ...others.map(async (n) => i18n.addResourceBundle(lng, n, await loadNamespace(lng, n), true, false))]).then(
				([data]) => callback(null, data as Parameters<ReadCallback>[1]),
				(error: Error) => callback(error, false),
			)
		},
	}
}
