/** @type {import('@remix-run/dev').AppConfig} */
export default {
	// A route's server code may sit beside it as `<route>.server.ts`: a module, not a route.
	ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}', '**/*.server.{ts,tsx}'],
	serverModuleFormat: 'esm',
	// Tailwind v4 runs through its PostCSS plugin; `tailwind: true` only knows v3.
	postcss: true,
	tailwind: false,
	// ESM-only packages the server bundle must include rather than require().
	serverDependenciesToBundle: [/^remix-utils.*/, /^remix-i18next.*/, /^supercluster$/, /^kdbush$/],
	future: {
		v3_fetcherPersist: true,
		v3_relativeSplatPath: true,
		v3_throwAbortReason: true,
		v3_lazyRouteDiscovery: true,
		// Loaders' data arrives in one request per navigation (`/path.data`): docs/decisions/022.
		v3_singleFetch: true,
	},
	browserNodeBuiltinsPolyfill: { modules: {} },
}
