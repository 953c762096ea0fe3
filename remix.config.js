/** @type {import('@remix-run/dev').AppConfig} */
export default {
	ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
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
	},
	browserNodeBuiltinsPolyfill: { modules: {} },
}
