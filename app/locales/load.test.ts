import { describe, expect, it } from 'vitest'
import { namespaces } from '~/i18n-config.ts'
import { loadNamespace, namedNamespaces } from './load.ts'

describe('namedNamespaces', () => {
	it('joins common and every loaded route’s handle.i18n', () => {
		const named = namedNamespaces({ root: {}, 'routes/_index': { handle: { i18n: ['map'] } }, 'routes/stats': { handle: { i18n: ['stats', 'map'] } } })
		expect([...(named ?? [])].sort()).toEqual(['common', 'map', 'stats'])
	})

	it('is null when a route other than the root names none, so the page gets every namespace', () => {
		expect(namedNamespaces({ root: {}, 'routes/_index': { handle: { i18n: ['map'] } }, 'routes/me': { handle: {} } })).toBeNull()
		expect(namedNamespaces({ root: {}, 'routes/ledger': undefined })).toBeNull()
	})
})

describe('loadNamespace', () => {
	it('loads each namespace of each language, and nothing else', async () => {
		for (const ns of namespaces) {
			expect(Object.keys(await loadNamespace('zh', ns)).length).toBeGreaterThan(0)
			expect(Object.keys(await loadNamespace('en', ns))).toEqual(Object.keys(await loadNamespace('zh', ns)))
		}
		expect((await loadNamespace('en', 'map')) as { pageTitle: string }).toMatchObject({ pageTitle: 'Find property on the map' })
		await expect(loadNamespace('fr', 'map')).rejects.toThrow()
		await expect(loadNamespace('zh', 'nope')).rejects.toThrow()
	})
})
