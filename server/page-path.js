// With single fetch (v3_singleFetch, docs/decisions/022) the browser asks for a page's loader and
// action data at `<page>.data`, and for the home page's at `/_root.data`. Rules about pages (body
// caps, no-store for personal pages) apply to those URLs as to the pages themselves.

/** The page a request is for: `/me.data` → `/me`, `/_root.data` → `/`; other paths unchanged. */
export function pagePath(pathname) {
	if (pathname === '/_root.data') return '/'
	return isDataPath(pathname) ? pathname.slice(0, -'.data'.length) : pathname
}

/** A single-fetch data request (GET for loaders, POST for an action). */
export function isDataPath(pathname) {
	return pathname.endsWith('.data')
}
