import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import i18n, { fallbackLng, isLng, resources } from './i18n.ts'

async function hydrate() {
	const htmlLang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN'
	const lng = isLng(htmlLang.slice(0, 2)) ? htmlLang.slice(0, 2) : fallbackLng
	await i18next.use(initReactI18next).init({ ...i18n, lng, resources })
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
