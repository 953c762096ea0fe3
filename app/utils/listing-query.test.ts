import { describe, expect, it } from 'vitest'
import { filterKey, filtersToParams, parseListingQuery } from './listing-query.ts'

const parse = (qs: string) => parseListingQuery(new URLSearchParams(qs))

describe('parseListingQuery', () => {
	it('reads a full query', () => {
		const { query, errors } = parse(
			'bbox=109.5,40.1,110.5,40.6&zoom=12&type=LAND&town=shulinzhao&minArea=10&maxArea=500&minPrice=0&maxPrice=90000&mode=LEASE&q=耕地&page=2&sort=priceAsc',
		)
		expect(errors).toEqual({})
		expect(query).toMatchObject({
			bbox: [109.5, 40.1, 110.5, 40.6],
			zoom: 12,
			types: ['LAND'],
			town: 'shulinzhao',
			minArea: 10,
			maxArea: 500,
			minPrice: 0,
			maxPrice: 90000,
			mode: 'LEASE',
			q: '耕地',
			page: 2,
			sort: 'priceAsc',
		})
	})
	it('refuses letters and reversed corners in the bbox', () => {
		expect(parse('bbox=a,b,c,d').errors.bbox).toMatch(/four numbers/)
		expect(parse('bbox=110,40,109,41').errors.bbox).toMatch(/reversed/)
		expect(parse('bbox=1,2,3').errors.bbox).toMatch(/four numbers/)
		expect(parse('bbox=200,95,300,99').errors.bbox).toMatch(/outside/)
	})
	it('clamps zoom, page and huge numbers', () => {
		expect(parse('zoom=99').query.zoom).toBe(20)
		expect(parse('zoom=-4').query.zoom).toBe(0)
		expect(parse('zoom=x').errors.zoom).toBeDefined()
		expect(parse('page=100000').query.page).toBe(500)
		expect(parse('page=abc').query.page).toBe(1)
		expect(parse('maxArea=1e300').query.maxArea).toBe(1e9)
	})
	it('refuses negative areas, unknown types and modes', () => {
		expect(parse('minArea=-5').errors.minArea).toMatch(/negative/)
		expect(parse('type=CASTLE').errors.type).toBeDefined()
		expect(parse('mode=STEAL').errors.mode).toBeDefined()
		expect(parse('town=<script>').errors.town).toBeDefined()
	})
	it('swaps a reversed range instead of returning nothing', () => {
		expect(parse('minArea=500&maxArea=10').query).toMatchObject({ minArea: 10, maxArea: 500 })
	})
	it('cuts a 10 KB search to 100 characters', () => {
		expect(parse(`q=${'院'.repeat(10_000)}`).query.q).toHaveLength(100)
	})
	it('keys filters independently of order and viewport', () => {
		const a = parse('type=LAND&type=FARMHOUSE&bbox=1,2,3,4').query
		const b = parse('type=FARMHOUSE,LAND').query
		expect(filterKey(a)).toBe(filterKey(b))
	})
	it('round-trips through URL parameters', () => {
		const { query } = parse('bbox=109.5,40.1,110.5,40.6&zoom=12&type=LAND&q=耕地&page=3')
		expect(parse(filtersToParams(query).toString()).query).toEqual(query)
	})
})
