import { expect, test } from 'vitest'
import { isSortKey, nextSort } from './ledger-sort.ts'

test('a header sorts by its column, descending first (the town ascending), and turns its own order', () => {
	expect(nextSort({ sort: 'notice', dir: 'desc' }, 'price')).toEqual({ sort: 'price', dir: 'desc' })
	expect(nextSort({ sort: 'notice', dir: 'desc' }, 'town')).toEqual({ sort: 'town', dir: 'asc' })
	expect(nextSort({ sort: 'price', dir: 'desc' }, 'price')).toEqual({ sort: 'price', dir: 'asc' })
	expect(nextSort({ sort: 'price', dir: 'asc' }, 'price')).toEqual({ sort: 'price', dir: 'desc' })
})

test('only the known columns sort', () => {
	expect(isSortKey('value')).toBe(true)
	expect(isSortKey('buyer')).toBe(false)
})
