// Dates typed into forms (YYYY-MM-DD) are calendar days in China. `new Date('2026-02-30')` quietly
// becomes 2 March, and year 0000 breaks the database driver, so a day goes through the same strict
// parser as the bidding deadline, and must fall in a sensible range of years.
import { parseChinaDateTime } from '~/domain/bidding.ts'

export const MIN_YEAR = 1900
export const MAX_YEAR = 2100

/** Midnight of that day in China (UTC+8), or null unless it is a real day of 1900–2100. */
export function parseChinaDate(value: string): Date | null {
	const v = value.trim()
	if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return null
	const year = Number(v.slice(0, 4))
	if (year < MIN_YEAR || year > MAX_YEAR) return null
	return parseChinaDateTime(`${v}T00:00`)
}

/** The day in China (YYYY-MM-DD) of an instant. */
export function chinaDay(date: Date) {
	return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}
