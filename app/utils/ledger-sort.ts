// The public ledger's sort (URL `sort` and `dir`), shared by its model and its page.

/**
 * The columns the ledger sorts by: the notice date (the default, newest first), the certification
 * date, the price and the area (each within its unit: prices of different units, and 亩 and m², do
 * not compare, decision 007), the contract value and the town (by its code).
 */
export const SORT_KEYS = ['notice', 'certified', 'price', 'area', 'value', 'town'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export type SortDir = 'asc' | 'desc'

export function isSortKey(value: string): value is SortKey {
	return (SORT_KEYS as readonly string[]).includes(value)
}

/** What a column's header link asks for: the other order when it sorts already, else descending (the town: ascending). */
export function nextSort(current: { sort: SortKey; dir: SortDir }, column: SortKey): { sort: SortKey; dir: SortDir } {
	if (current.sort === column) return { sort: column, dir: current.dir === 'asc' ? 'desc' : 'asc' }
	return { sort: column, dir: column === 'town' ? 'asc' : 'desc' }
}
