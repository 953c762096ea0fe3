import { describe, expect, it } from 'vitest'
import { parseListingQuery } from '~/utils/listing-query.ts'
import { buildPlaces } from '../../prisma/seed-data.ts'
import { generateSyntheticListings } from '../seed-synthetic.ts'
import { BenchRandom, distinctFilters, summarize, VOCABULARY } from './workload.ts'

describe('bench workload', () => {
	it('asks for filter combinations the app accepts as they are meant, never the same twice', () => {
		const combos = distinctFilters(new BenchRandom(7), 2000)
		expect(new Set(combos.map((c) => c.toString())).size).toBe(2000)
		let withPrice = 0
		for (const params of combos) {
			const { query, errors } = parseListingQuery(params)
			expect(errors).toEqual({})
			if (params.has('priceUnit')) {
				withPrice++
				expect(query.priceUnit).toBe(params.get('priceUnit'))
				if (params.get('type') === 'LAND') expect(query.priceUnit).toBe('YUAN_PER_MU_YEAR')
			}
			if (params.has('areaUnit')) expect(query.areaUnit).toBe(params.get('areaUnit'))
			if (params.has('town')) expect(query.town).toBe(params.get('town'))
		}
		// Every kind of filter is exercised, not only the unfiltered case.
		expect(withPrice).toBeGreaterThan(800)
		expect(combos.filter((c) => c.has('q')).length).toBeGreaterThan(400)
		expect(combos.filter((c) => c.has('minArea')).length).toBeGreaterThan(600)
	})

	it('searches only words that occur in the synthetic listings', () => {
		const { villages, towns } = buildPlaces()
		const refs = villages.map((v) => {
			const t = towns.find((x) => x.id === v.townId)!
			return { ...v, townName: t.name, townLat: t.lat, townLng: t.lng }
		})
		const texts = generateSyntheticListings({ count: 3000, seed: 1, villages: refs }).map((l) => `${l.row.title} ${l.row.description}`)
		for (const word of VOCABULARY) expect(texts.some((t) => t.includes(word)), word).toBe(true)
	})

	it('summarizes latencies as nearest-rank percentiles', () => {
		const ms = Array.from({ length: 100 }, (_, i) => 100 - i)
		expect(summarize(ms)).toEqual({ n: 100, p50ms: 50, p95ms: 95, maxMs: 100 })
	})
})
