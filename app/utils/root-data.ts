// Hooks that read the root loader's data. They live here, not in root.tsx, so components such as
// the site chrome can use them without root.tsx and its children importing each other.
import { useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { loader as rootLoader } from '~/root.tsx'
import type { Locale } from '~/utils/format.ts'

export function useRootData() {
	return useRouteLoaderData<typeof rootLoader>('root')
}

/** The reader's language: the root loader's choice, else i18next's (an error page before the loader ran). */
export function useLocale(): Locale {
	const root = useRootData()
	const { i18n } = useTranslation()
	return (root?.locale ?? i18n.language) === 'en' ? 'en' : 'zh'
}

/** The service centre's name: CENTRE_NAME(_EN) when the deployment sets it, else the demo's. */
export function useCentreName() {
	const env = useRootData()?.ENV
	const { t } = useTranslation()
	const locale = useLocale()
	const configured = locale === 'en' ? (env?.CENTRE_NAME_EN ?? env?.CENTRE_NAME) : env?.CENTRE_NAME
	return configured || t('centreName')
}

/** The logged-in user as the root loader saw them (null when anonymous). */
export function useOptionalUser() {
	return useRootData()?.user ?? null
}
