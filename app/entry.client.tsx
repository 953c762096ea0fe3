import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode, useEffect, type ReactNode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import i18n, { fallbackLng, isLng, namespaces } from './i18n-config.ts'
import { createLocaleBackend, namedNamespaces } from './locales/load.ts'
import { inlinedPageStyles, PageStylesProvider } from './utils/page-styles.tsx'
import { keepTypedText } from './utils/typed-before-hydration.ts'

// From the first moment the scripts run: what is typed into a textarea until React has taken over.
const restoreTypedText = keepTypedText()

// A navigation superseded by a newer one (a filter changed again, the 筛选 button pressed while
// the last change loads) has its request aborted, and single fetch in this Remix version can leave
// that rejection unhandled (remix-run/react-router#14203): an uncaught AbortError in the console
// though nothing failed. Only aborts are let go; any other unhandled rejection is still reported.
window.addEventListener('unhandledrejection', (event) => {
	if (event.reason instanceof DOMException && event.reason.name === 'AbortError') event.preventDefault()
})

/** Runs `then` once everything inside has hydrated (a parent's effect runs after its children's). */
function Hydrated({ then, children }: { then: () => void; children: ReactNode }) {
	useEffect(then, [then])
	return children
}

async function hydrate() {
	const htmlLang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN'
	const lng = isLng(htmlLang.slice(0, 2)) ? htmlLang.slice(0, 2) : fallbackLng
	// English has every key of Chinese (app/locales/types.ts, checked by tsc), so the browser needs
	// no fallback language and loads one. Before hydration: this language's namespaces that the
	// matched routes name in `handle.i18n`, or all of them when a route names none. A namespace a
	// later page needs suspends it until its chunk is in (navigations are transitions, so the
	// previous page stays on screen meanwhile).
	const named = namedNamespaces(window.__remixRouteModules ?? {})
	await i18next
		.use(createLocaleBackend(i18next))
		.use(initReactI18next)
		.init({ ...i18n, lng, fallbackLng: false, ns: named ? [...named] : [...namespaces], react: { useSuspense: true } })
	await decodePageData()
	// A part of the page loaded apart from it that the server drew (a buyer's save-search form,
	// marked with SAVE_SEARCH_PART; imported lazily here so the entry does not carry it): loaded now,
	// so it hydrates with the rest.
	if (document.querySelector('[data-part="save-search-form"]')) await (await import('./components/save-search.tsx')).loadSaveSearchForm()
	startTransition(() => {
		hydrateRoot(
			document,
			<PageStylesProvider value={inlinedPageStyles()}>
				<I18nextProvider i18n={i18next}>
					<StrictMode>
						<Hydrated then={restoreTypedText}>
							<RemixBrowser />
						</Hydrated>
					</StrictMode>
				</I18nextProvider>
			</PageStylesProvider>,
		)
	})
}

/**
 * Single fetch hands the page's loader data over as a turbo-stream, which RemixBrowser decodes on
 * its first render, suspending the root meanwhile. A click in that window makes React 18 hydrate
 * the suspended root synchronously, which fails ("Root did not complete", remix-run/remix#10214).
 * So the decoding is started and awaited before hydrating: RemixBrowser's first call only starts
 * it and throws its promise (Remix 2.17, browser.js); the real render then goes straight through.
 */
async function decodePageData() {
	if (!window.__remixContext.future.v3_singleFetch || !window.__remixContext.stream) return
	try {
		RemixBrowser({})
	} catch (pending) {
		if (!(pending instanceof Promise)) throw pending
		await pending
	}
}

void hydrate()
