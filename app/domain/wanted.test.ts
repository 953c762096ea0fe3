import { describe, expect, it } from 'vitest'
import { WantedFormSchema } from '~/utils/wanted-form.ts'
import {
	canWantedTransition,
	kindAllowedForType,
	maskName,
	matchesWanted,
	priceInUnit,
	WANTED_STATUSES,
	wantedExpiry,
	wantedMove,
	type MatchableListing,
	type WantedCriteria,
	type WantedStatus,
} from './wanted.ts'

describe('wanted post lifecycle', () => {
	const allowed: [WantedStatus, WantedStatus][] = [
		['DRAFT', 'SUBMITTED'],
		['DRAFT', 'CLOSED'],
		['SUBMITTED', 'PUBLISHED'],
		['SUBMITTED', 'RETURNED'],
		['SUBMITTED', 'REJECTED'],
		['RETURNED', 'SUBMITTED'],
		['RETURNED', 'CLOSED'],
		['PUBLISHED', 'CLOSED'],
		['PUBLISHED', 'EXPIRED'],
	]
	it('allows exactly the moves of the lifecycle', () => {
		for (const from of WANTED_STATUSES)
			for (const to of WANTED_STATUSES) expect(canWantedTransition(from, to), `${from} → ${to}`).toBe(allowed.some(([f, t]) => f === from && t === to))
	})
	it('builds conditional updates and refuses moves outside the table', () => {
		expect(wantedMove(['DRAFT', 'RETURNED'], 'SUBMITTED')).toEqual({ where: { status: { in: ['DRAFT', 'RETURNED'] } }, data: { status: 'SUBMITTED' } })
		expect(() => wantedMove('REJECTED', 'PUBLISHED')).toThrow(/not in the lifecycle/)
		expect(() => wantedMove('SUBMITTED', 'CLOSED')).toThrow()
	})
	it('expires 90 days after publication', () => {
		expect(wantedExpiry(new Date('2026-01-01T00:00:00Z')).toISOString()).toBe('2026-04-01T00:00:00.000Z')
	})
})

describe('kinds and the law', () => {
	it('never lets a farmhouse be wanted to buy (homestead)', () => {
		expect(kindAllowedForType('BUY', 'FARMHOUSE')).toBe(false)
		expect(kindAllowedForType('RENT', 'FARMHOUSE')).toBe(true)
		expect(kindAllowedForType('BUY', 'LAND')).toBe(true)
		expect(kindAllowedForType('BUY', 'COLLECTIVE_ASSET')).toBe(true)
	})
})

const land: MatchableListing = { type: 'LAND', townId: 't1', area: 200, areaUnit: 'mu', price: 500, priceUnit: 'YUAN_PER_MU_YEAR', transferMode: 'LEASE' }
const want: WantedCriteria = { kind: 'RENT', types: ['LAND'], townIds: ['t1', 't2'], areaMin: 100, areaMax: 300, areaUnit: 'mu', budgetMin: null, budgetMax: 600, priceUnit: 'YUAN_PER_MU_YEAR' }

describe('matchesWanted', () => {
	it('matches type, town, kind, area and budget', () => {
		expect(matchesWanted(want, land)).toBe(true)
		expect(matchesWanted(want, { ...land, townId: 't2' })).toBe(true)
	})
	it('refuses another type, town or transfer mode', () => {
		expect(matchesWanted(want, { ...land, type: 'FARMHOUSE', areaUnit: 'm2' })).toBe(false)
		expect(matchesWanted(want, { ...land, townId: 't3' })).toBe(false)
		expect(matchesWanted(want, { ...land, transferMode: 'TRANSFER' })).toBe(false)
		expect(matchesWanted(want, { ...land, transferMode: 'SHARE' })).toBe(false)
		expect(matchesWanted(want, { ...land, transferMode: 'SUBCONTRACT' })).toBe(true)
		expect(matchesWanted({ ...want, kind: 'BUY', priceUnit: 'WAN_YUAN', budgetMax: null }, { ...land, transferMode: 'TRANSFER' })).toBe(true)
	})
	it('compares areas in the post’s unit, bounds included', () => {
		expect(matchesWanted(want, { ...land, area: 300 })).toBe(true)
		expect(matchesWanted(want, { ...land, area: 300.5 })).toBe(false)
		expect(matchesWanted(want, { ...land, area: 99 })).toBe(false)
		// 100 亩 = 66,666.67 m²: a post in m² sees the same land.
		const inM2 = { ...want, areaUnit: 'm2' as const, areaMin: 60_000, areaMax: 70_000 }
		expect(matchesWanted(inM2, { ...land, area: 100 })).toBe(true)
		expect(matchesWanted(inM2, { ...land, area: 120 })).toBe(false)
		expect(matchesWanted({ ...want, areaMin: null, areaMax: null }, { ...land, area: 90_000 })).toBe(true)
	})
	it('compares the budget in its unit, converting rents through the area', () => {
		expect(matchesWanted(want, { ...land, price: 600 })).toBe(true)
		expect(matchesWanted(want, { ...land, price: 601 })).toBe(false)
		// ¥100,000 a year for 200 亩 is ¥500 per 亩 and year.
		expect(matchesWanted(want, { ...land, price: 100_000, priceUnit: 'YUAN_PER_YEAR' })).toBe(true)
		expect(matchesWanted(want, { ...land, price: 130_000, priceUnit: 'YUAN_PER_YEAR' })).toBe(false)
		// A one-off price does not compare with a rent: no match.
		expect(matchesWanted(want, { ...land, price: 5, priceUnit: 'WAN_YUAN' })).toBe(false)
		expect(matchesWanted({ ...want, budgetMin: 400 }, { ...land, price: 399 })).toBe(false)
	})
	it('converts prices only where they compare', () => {
		expect(priceInUnit(land, 'YUAN_PER_YEAR')).toBe(100_000)
		expect(priceInUnit({ ...land, price: 1000, priceUnit: 'YUAN_PER_YEAR' }, 'YUAN_PER_MU_YEAR')).toBe(5)
		expect(priceInUnit(land, 'WAN_YUAN')).toBeNull()
		expect(priceInUnit({ ...land, price: 3, priceUnit: 'WAN_YUAN' }, 'YUAN_PER_YEAR')).toBeNull()
	})
})

describe('maskName', () => {
	it('keeps the first character only', () => {
		expect(maskName('张三')).toBe('张**')
		expect(maskName('欧阳娜娜')).toBe('欧**')
		expect(maskName(' Li Wei')).toBe('L**')
		expect(maskName('')).toBeNull()
		expect(maskName(null)).toBeNull()
	})
})

describe('the form refuses absurd ranges next to their fields', () => {
	const form = (over: Record<string, string | string[]>) => {
		const fd = new FormData()
		const base: Record<string, string | string[]> = {
			kind: 'RENT',
			title: '求租耕地两百亩',
			types: ['LAND'],
			town: 't1',
			areaUnit: 'mu',
			areaMin: '100',
			areaMax: '300',
			priceUnit: 'YUAN_PER_MU_YEAR',
			budgetMax: '600',
			intendedUse: '种植玉米',
			termYears: '10',
			contactPhone: '13800000000',
			...over,
		}
		for (const [k, v] of Object.entries(base)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one)
		const parsed = WantedFormSchema.safeParse(Object.fromEntries([...new Set(fd.keys())].map((k) => [k, k === 'types' || k === 'otherTowns' ? fd.getAll(k) : fd.get(k)])))
		return parsed.success ? null : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]))
	}
	it('accepts a sane post', () => expect(form({})).toBeNull())
	it.each([
		[{ areaMin: '500' }, 'areaMin', 'minAboveMax'],
		[{ areaMin: '-1' }, 'areaMin', 'negative'],
		[{ areaMax: '100001' }, 'areaMax', 'areaTooBig'],
		[{ budgetMin: '700' }, 'budgetMin', 'minAboveMax'],
		[{ budgetMax: '10001' }, 'budgetMax', 'budgetTooBig'],
		[{ termYears: '71' }, 'termYears', 'termTooLong'],
		[{ kind: 'BUY', types: ['FARMHOUSE'], priceUnit: 'WAN_YUAN', budgetMax: '' }, 'types', 'kindNotForType'],
		[{ kind: 'BUY' }, 'priceUnit', 'unitNotForKind'],
		[{ types: ['LAND', 'FARMHOUSE'] }, 'priceUnit', 'perMuLandOnly'],
		[{ contactPhone: 'call me' }, 'contactPhone', 'phone'],
		[{ otherTowns: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }, 'otherTowns', 'tooManyTowns'],
	])('%j → %s: %s', (over, field, message) => {
		expect(form(over)?.[field]).toBe(message)
	})
})
