// Working days (工作日) in China: weekends and official holidays are off, and the official adjusted
// working days (调休上班, a Saturday or Sunday worked to bridge a holiday) count. The calendar is the
// data file `data/cn-holidays.json`, kept from the State Council's yearly notices; a year it lacks
// counts weekends only (`calendarKnows` says which). Days are China's (Asia/Shanghai, UTC+8, no DST).
import { chinaDay } from '~/utils/calendar-date.ts'
import official from './data/cn-holidays.json'

export type HolidayCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string>; years: ReadonlySet<number> }

type CalendarFile = { years: Record<string, { holidays: string[]; workdays: string[] }> }

export function makeCalendar(file: CalendarFile, extraHolidays: readonly string[] = []): HolidayCalendar {
	const entries = Object.entries(file.years)
	return {
		holidays: new Set([...entries.flatMap(([, y]) => y.holidays), ...extraHolidays]),
		workdays: new Set(entries.flatMap(([, y]) => y.workdays)),
		years: new Set(entries.map(([year]) => Number(year))),
	}
}

/** The official calendar from the data file. */
export const OFFICIAL_CALENDAR = makeCalendar(official)

/** Whether the calendar has the year's official notice (without it: weekends only). */
export function calendarKnows(year: number, calendar = OFFICIAL_CALENDAR) {
	return calendar.years.has(year)
}

const DAY_MS = 24 * 3600_000
const CHINA_OFFSET_MS = 8 * 3600_000

function nextDay(day: string) {
	return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
}

/** Whether a China day (YYYY-MM-DD) is a working day. */
export function isWorkingDay(day: string, calendar = OFFICIAL_CALENDAR) {
	if (calendar.workdays.has(day)) return true
	if (calendar.holidays.has(day)) return false
	const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
	return weekday !== 0 && weekday !== 6
}

/** The Nth working day after the day (the day itself never counts: a deadline runs from the next). */
export function addWorkingDays(day: string, n: number, calendar = OFFICIAL_CALENDAR) {
	if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number ≥ 0, got ${n}`)
	let d = day
	for (let left = n; left > 0; ) {
		d = nextDay(d)
		if (isWorkingDay(d, calendar)) left--
	}
	return d
}

/**
 * The instant a deadline of N working days from `from` ends: the end (midnight, China time) of
 * the Nth working day after the China day of `from`.
 */
export function workingDeadline(from: Date, n: number, calendar = OFFICIAL_CALENDAR) {
	const last = addWorkingDays(chinaDay(from), n, calendar)
	return new Date(Date.parse(`${nextDay(last)}T00:00:00Z`) - CHINA_OFFSET_MS)
}
