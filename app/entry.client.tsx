import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { getInitialNamespaces } from 'remix-i18next/client'
import i18n, { defaultNS, fallbackLng, isLng } from './i18n-config.ts'
import { localeBackend } from './locales/load.ts'

async function hydrate() {
	const htmlLang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN'
	const lng = isLng(htmlLang.slice(0, 2)) ? htmlLang.slice(0, 2) : fallbackLng
	// English has every key of Chinese (app/locales/types.ts, checked by tsc), so the browser needs
	// no fallback language and loads one. Only this language, and only the namespaces the matched routes name in `handle.i18n`, load
	// before hydration. Any other namespace a component asks for suspends it until its chunk is
	// in (navigations are transitions, so the previous page stays on screen meanwhile).
	await i18next
		.use(localeBackend)
		.use(initReactI18next)
		.init({ ...i18n, lng, fallbackLng: false, ns: [...new Set([defaultNS, ...getInitialNamespaces()])], react: { useSuspense: true } })
	startTransition(() => {
		hydrateRoot(
			document,
			<I18nextProvider i18n={i18next}>
				<StrictMode>
					<RemixBrowser />
				</StrictMode>
			</I18nextProvider>,
		)
	})
}

void hydrate()
