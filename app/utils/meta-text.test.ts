import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { resources } from '~/i18n.ts'
import { metaLocale, pageTitle } from './meta-text.ts'

beforeAll(async () => {
	await i18next.init({ resources, lng: 'zh', fallbackLng: 'zh', interpolation: { escapeValue: false } })
})

describe('meta text', () => {
	it('reads the language from the root match, Chinese when unknown', () => {
		expect(metaLocale([{ id: 'root', data: { locale: 'en' } }, { id: 'routes/ledger', data: {} }])).toBe('en')
		expect(metaLocale([{ id: 'root', data: { locale: 'zh' } }])).toBe('zh')
		expect(metaLocale([{ id: 'root', data: undefined }])).toBe('zh')
	})
	it('titles a page in the reader language with the platform name', () => {
		expect(pageTitle('zh', '成交公示')).toBe('成交公示 | 农村产权交易平台')
		expect(pageTitle('en', 'Deal ledger')).toMatch(/^Deal ledger \| \S/)
		expect(pageTitle('en', 'Deal ledger')).not.toContain('农村')
	})
})
