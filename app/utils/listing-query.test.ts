import { describe, expect, it } from 'vitest'
import { filterKey, filtersToParams, listingHref, listingMatcher, mapHrefFrom, parseListingQuery, type Matchable } from './listing-query.ts'

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
	it('round-trips units, writing them only when they matter', () => {
		const { query } = parse('type=LAND&minPrice=500&maxPrice=600&minArea=3000&areaUnit=m2')
		const params = filtersToParams(query)
		expect(params.get('priceUnit')).toBe('YUAN_PER_MU_YEAR')
		expect(params.get('areaUnit')).toBe('m2')
		expect(parse(params.toString()).query).toEqual(query)
		// No range and the type's own unit: nothing to write.
		expect(filtersToParams(parse('type=LAND').query).toString()).toBe('type=LAND')
		const chosen = parse('priceUnit=WAN_YUAN').query
		expect(parse(filtersToParams(chosen).toString()).query).toEqual(chosen)
	})
})

describe('price and area units', () => {
	it('defaults to the unit land alone shows, and to yearly rent and m² otherwise', () => {
		expect(parse('type=LAND').query).toMatchObject({ priceUnit: 'YUAN_PER_MU_YEAR', areaUnit: 'mu' })
		expect(parse('').query).toMatchObject({ priceUnit: 'YUAN_PER_YEAR', areaUnit: 'm2' })
		expect(parse('type=LAND&type=FARMHOUSE').query).toMatchObject({ priceUnit: 'YUAN_PER_YEAR', areaUnit: 'm2' })
		expect(parse('type=FARMHOUSE&priceUnit=WAN_YUAN&areaUnit=mu').query).toMatchObject({ priceUnit: 'WAN_YUAN', areaUnit: 'mu' })
	})
	it('refuses unknown units', () => {
		expect(parse('priceUnit=USD').errors.priceUnit).toBeDefined()
		expect(parse('areaUnit=acre').errors.areaUnit).toBeDefined()
	})
	it('keys the unit only when its range is set', () => {
		expect(filterKey(parse('priceUnit=WAN_YUAN').query)).toBe(filterKey(parse('').query))
		expect(filterKey(parse('minPrice=5&priceUnit=WAN_YUAN').query)).not.toBe(filterKey(parse('minPrice=5').query))
		expect(filterKey(parse('minArea=5&areaUnit=mu').query)).not.toBe(filterKey(parse('minArea=5').query))
	})
})

const listing = (over: Partial<Matchable>): Matchable => ({
	type: 'LAND',
	townCode: 't',
	villageCode: 'v',
	area: 300,
	areaUnit: 'mu',
	price: 515,
	priceUnit: 'YUAN_PER_MU_YEAR',
	transferMode: 'LEASE',
	lat: 40.2,
	lng: 110,
	...over,
})
const matching = (qs: string, listings: Matchable[]) => listings.filter(listingMatcher(parse(qs).query))

describe('listingMatcher', () => {
	const land515 = listing({ price: 515 })
	const land575 = listing({ price: 575, area: 2676 })
	const land620 = listing({ price: 620 })
	const farmhouse550 = listing({ type: 'FARMHOUSE', area: 200, areaUnit: 'm2', price: 550, priceUnit: 'YUAN_PER_YEAR' })
	const sale550 = listing({ type: 'COLLECTIVE_ASSET', area: 2600, areaUnit: 'm2', price: 550, priceUnit: 'WAN_YUAN' })
	const all = [land515, land575, land620, farmhouse550, sale550]

	it('matches land by the price per mu and year it shows, not by its yearly total', () => {
		expect(matching('type=LAND&minPrice=500&maxPrice=600', all)).toEqual([land515, land575])
		expect(matching('minPrice=500&maxPrice=600&priceUnit=YUAN_PER_MU_YEAR', all)).toEqual([land515, land575])
	})
	it('matches a price range only within its unit', () => {
		expect(matching('minPrice=500&maxPrice=600', all)).toEqual([farmhouse550])
		expect(matching('minPrice=500&maxPrice=600&priceUnit=WAN_YUAN', all)).toEqual([sale550])
		// Without a range the unit filters nothing.
		expect(matching('priceUnit=WAN_YUAN', all)).toEqual(all)
	})
	it('compares areas in one unit', () => {
		const building = listing({ type: 'COLLECTIVE_ASSET', area: 3200, areaUnit: 'm2', price: 1, priceUnit: 'YUAN_PER_YEAR' })
		const grass = listing({ area: 2676 })
		// 2,676 亩 is about 1.78 million m², far above 5,000 m².
		expect(matching('minArea=3000&maxArea=5000&areaUnit=m2', [building, grass])).toEqual([building])
		expect(matching('minArea=3000&areaUnit=m2', [building, grass])).toEqual([building, grass])
		// 3,200 m² is 4.8 亩.
		expect(matching('minArea=100&areaUnit=mu', [building, grass])).toEqual([grass])
		expect(matching('maxArea=5&areaUnit=mu', [building, grass])).toEqual([building])
		// A bound in the listing's own unit compares exactly.
		expect(matching('minArea=2676&maxArea=2676&areaUnit=mu', [building, grass])).toEqual([grass])
	})
})

describe('the back link from a listing', () => {
	it('carries the filters, sort, page and view to the listing and back', () => {
		const { query } = parse('bbox=108,39,112,42&zoom=16&type=LAND&minPrice=500&maxPrice=600&sort=priceAsc&page=2')
		const href = listingHref('abc', query)
		const from = new URL(href, 'http://x').searchParams.get('from')
		expect(href.startsWith('/listings/abc?from=')).toBe(true)
		const back = mapHrefFrom(from)
		expect(parse(new URL(back, 'http://x').search.slice(1)).query).toEqual(query)
	})
	it('links plainly when the map had no filters', () => {
		expect(listingHref('abc', parse('').query)).toBe('/listings/abc')
		expect(mapHrefFrom(null)).toBe('/')
	})
	it('lets only known filters through', () => {
		expect(mapHrefFrom('//evil.example/')).toBe('/')
		expect(mapHrefFrom('https://evil.example/?type=LAND')).toBe('/')
		expect(mapHrefFrom('type=LAND&next=//evil.example&bbox=x')).toBe('/?type=LAND')
	})
})

describe('polygon (search this area)', () => {
	const inside = listing({ lng: 110, lat: 40.2 })
	const outside = listing({ lng: 110.5, lat: 40.2 })
	it('matches only the listings inside the drawn polygon, and round-trips through the URL', () => {
		const qs = 'polygon=109.9,40.1;110.1,40.1;110.1,40.3;109.9,40.3'
		expect(matching(qs, [inside, outside])).toEqual([inside])
		const { query } = parse(qs)
		expect(filtersToParams(query).get('polygon')).toBe('109.9,40.1;110.1,40.1;110.1,40.3;109.9,40.3')
		expect(filterKey(query)).not.toBe(filterKey(parse('').query))
	})
	it('refuses a polygon of two points or bad numbers', () => {
		expect(parse('polygon=1,2;3,4').errors.polygon).toBeTruthy()
		expect(parse('polygon=1,2;3,x;5,6').errors.polygon).toBeTruthy()
		expect(parse('polygon=1,2;3,4;5,6').errors.polygon).toBeUndefined()
	})
})
